// The GitOps program: declares the contact center described by contact-center.<stack>.yaml (or the file
// named by the stack config `specFile`) next to Pulumi.yaml. One stack per environment.
import { deployContactCenter } from "stringee-pulumi";

const contactCenter = deployContactCenter();

/** Stringee ids of everything the spec declares, by section and spec name. */
export const ids = contactCenter.ids;
/** The spec file this stack deployed. */
export const specFile = contactCenter.specFile;
