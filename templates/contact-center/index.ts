// Deploys the contact center the stack's spec describes: the file named by the stack config `specFile`
// (contact-center.yaml for the stack `pulumi new` made), else contact-center.<stack>.yaml.
import { deployContactCenter } from "stringee-pulumi";

const contactCenter = deployContactCenter();

/** Stringee ids of everything the spec declares, by section and spec name. */
export const ids = contactCenter.ids;
