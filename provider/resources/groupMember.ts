// stringee.GroupMember: the Pulumi resource class. What it manages, how (HTTP calls, replacement, natural key)
// and how its inputs are checked: provider/kinds/groupMember.ts.
import { groupMemberDefinition, type GroupMemberInputs, type GroupMemberOutputs } from "../kinds/groupMember";
import { resourceClass, type ArgsOf, type OutputsOf } from "./base";

// ---- Args (what users write) ----

/** Arguments of a {@link GroupMember}: its canonical inputs (see GroupMemberInputs), each may be an output. */
export type GroupMemberArgs = ArgsOf<GroupMemberInputs>;

// ---- the resource class ----

/**
 * Puts an agent in a group. Import: set `importId` to `<group id>/<agent id>`; read-only lookup with
 * `GroupMember.get(name, "<group id>/<agent id>")`.
 */
export class GroupMember extends resourceClass<GroupMemberArgs>(groupMemberDefinition) {}

// Pulumi sets these properties from the provider's outputs; the interface types them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from OutputsOf
export interface GroupMember extends OutputsOf<GroupMemberOutputs> {}
