// stringee.IvrNode: the Pulumi resource class. What it manages, how (HTTP calls, replacement, natural key)
// and how its inputs are checked: provider/kinds/ivrNode.ts.
import { ivrNodeDefinition, type IvrNodeInputs, type IvrNodeOutputs } from "../kinds/ivrNode";
import { resourceClass, type ArgsOf, type OutputsOf } from "./base";

// ---- Args (what users write) ----

/** Arguments of a {@link IvrNode}: its canonical inputs (see IvrNodeInputs), each may be an output. */
export type IvrNodeArgs = ArgsOf<IvrNodeInputs>;

// ---- the resource class ----

/**
 * One node (menu) of a Stringee IVR tree. Import: set `importId` to the node id (`NO_…`); read-only
 * lookup with `IvrNode.get(name, "<tree id>/<node id>")`.
 */
export class IvrNode extends resourceClass<IvrNodeArgs>(ivrNodeDefinition) {}

// Pulumi sets these properties from the provider's outputs; the interface types them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from OutputsOf
export interface IvrNode extends OutputsOf<IvrNodeOutputs> {}
