// stringee.IvrTree: the Pulumi resource class. What it manages, how (HTTP calls, replacement, natural key)
// and how its inputs are checked: provider/kinds/ivrTree.ts.
import { ivrTreeDefinition, type IvrTreeInputs, type IvrTreeOutputs } from "../kinds/ivrTree";
import { resourceClass, type ArgsOf, type OutputsOf } from "./base";

// ---- Args (what users write) ----

/** Arguments of a {@link IvrTree}: its canonical inputs (see IvrTreeInputs), each may be an output. */
export type IvrTreeArgs = ArgsOf<IvrTreeInputs>;

// ---- the resource class ----

/** A Stringee IVR tree. Import: set `importId` to the tree id (`TR_…`); read-only lookup with `IvrTree.get`. */
export class IvrTree extends resourceClass<IvrTreeArgs>(ivrTreeDefinition) {}

// Pulumi sets these properties from the provider's outputs; the interface types them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from OutputsOf
export interface IvrTree extends OutputsOf<IvrTreeOutputs> {}
