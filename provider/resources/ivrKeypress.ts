// stringee.IvrKeypress: the Pulumi resource class. What it manages, how (HTTP calls, replacement, natural key)
// and how its inputs are checked: provider/kinds/ivrKeypress.ts.
import { ivrKeypressDefinition, type IvrKeypressInputs, type IvrKeypressOutputs } from "../kinds/ivrKeypress";
import { resourceClass, type ArgsOf, type OutputsOf } from "./base";

// ---- Args (what users write) ----

/** Arguments of a {@link IvrKeypress}: its canonical inputs (see IvrKeypressInputs), each may be an output. */
export type IvrKeypressArgs = ArgsOf<IvrKeypressInputs>;

// ---- the resource class ----

/**
 * One key of an IVR node. Import: set `importId` to the keypress id (`NO_KE_…`); read-only lookup with
 * `IvrKeypress.get(name, "<node id>/<keypress id>")`.
 */
export class IvrKeypress extends resourceClass<IvrKeypressArgs>(ivrKeypressDefinition) {}

// Pulumi sets these properties from the provider's outputs; the interface types them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from OutputsOf
export interface IvrKeypress extends OutputsOf<IvrKeypressOutputs> {}
