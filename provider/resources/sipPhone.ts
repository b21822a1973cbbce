// stringee.SipPhone: the Pulumi resource class. What it manages, how (HTTP calls, replacement, natural key)
// and how its inputs are checked: provider/kinds/sipPhone.ts.
import { sipPhoneDefinition, type SipPhoneInputs, type SipPhoneOutputs } from "../kinds/sipPhone";
import { resourceClass, type ArgsOf, type OutputsOf } from "./base";

// ---- Args (what users write) ----

/** Arguments of a {@link SipPhone}: its canonical inputs (see SipPhoneInputs), each may be an output. */
export type SipPhoneArgs = ArgsOf<SipPhoneInputs>;

// ---- the resource class ----

/**
 * A Stringee SIP phone account. Import: set `importId` to the SIP username (`<projectId>_<username>`);
 * read-only lookup with `SipPhone.get(name, sipUsername)`.
 */
export class SipPhone extends resourceClass<SipPhoneArgs>(sipPhoneDefinition) {}

// Pulumi sets these properties from the provider's outputs; the interface types them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from OutputsOf
export interface SipPhone extends OutputsOf<SipPhoneOutputs> {}
