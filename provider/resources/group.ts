// stringee.Group: the Pulumi resource class. What it manages, how (HTTP calls, replacement, natural key)
// and how its inputs are checked: provider/kinds/group.ts.
import { groupDefinition, type GroupInputs, type GroupOutputs } from "../kinds/group";
import { resourceClass, type ArgsOf, type OutputsOf } from "./base";

// ---- Args (what users write) ----

/** Arguments of a {@link Group}: its canonical inputs (see GroupInputs), each may be an output. */
export type GroupArgs = ArgsOf<GroupInputs>;

// ---- the resource class ----

/** A Stringee agent group. Import: set `importId` to the group id (`GR_…`); read-only lookup with `Group.get`. */
export class Group extends resourceClass<GroupArgs>(groupDefinition) {}

// Pulumi sets these properties from the provider's outputs; the interface types them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from OutputsOf
export interface Group extends OutputsOf<GroupOutputs> {}
