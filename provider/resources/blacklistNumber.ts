// stringee.BlacklistNumber: the Pulumi resource class. What it manages, how (HTTP calls, replacement, natural
// key) and how its inputs are checked: provider/kinds/blacklistNumber.ts.
import {
  blacklistNumberDefinition,
  type BlacklistNumberInputs,
  type BlacklistNumberOutputs,
} from "../kinds/blacklistNumber";
import { resourceClass, type ArgsOf, type OutputsOf } from "./base";

// ---- Args (what users write) ----

/** Arguments of a {@link BlacklistNumber} (see BlacklistNumberInputs); both flags default to true. */
export type BlacklistNumberArgs = ArgsOf<BlacklistNumberInputs, "ivrBlocked" | "queueBlocked">;

// ---- the resource class ----

/**
 * A caller Stringee blocks in the IVR, in queues or both. Import: set `importId` to the entry's id (`BN…`);
 * read-only lookup with `BlacklistNumber.get`.
 */
export class BlacklistNumber extends resourceClass<BlacklistNumberArgs>(blacklistNumberDefinition) {}

// Pulumi sets these properties from the provider's outputs; the interface types them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from OutputsOf
export interface BlacklistNumber extends OutputsOf<BlacklistNumberOutputs> {}
