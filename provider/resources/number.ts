// stringee.Number: the Pulumi resource class. What it manages, how (HTTP calls, replacement, natural key)
// and how its inputs are checked: provider/kinds/number.ts.
import { numberDefinition, type NumberInputs, type NumberOutputs } from "../kinds/number";
import { resourceClass, type ArgsOf, type OutputsOf } from "./base";

// ---- Args (what users write) ----

/** Arguments of a {@link Number}: its canonical inputs (see NumberInputs), each may be an output. */
export type NumberArgs = ArgsOf<NumberInputs>;

// ---- the resource class ----

/**
 * A Stringee contact-center number. Import: set `importId` to the number's id (`NU_…`); look one up
 * read-only with `Number.get(name, id)`.
 */
export class Number extends resourceClass<NumberArgs>(numberDefinition) {}

// Pulumi sets these properties from the provider's outputs; the interface types them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from OutputsOf
export interface Number extends OutputsOf<NumberOutputs> {}
