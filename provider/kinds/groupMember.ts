// stringee.GroupMember: one agent's membership of one group.
//   create -> POST   /v1/manage-agents-in-group {agent_id, group_id} (ICC)
//   read   -> GET    /v1/manage-agents-in-group?group={group} (no GET by id)
//   delete -> DELETE /v1/manage-agents-in-group {agent_id, group_id} (not a member = done)
// Replacement: `group` and `agent` (a membership has nothing else; moving an agent to another group is a
// replacement: the new membership is created before the old one is removed, so the agent keeps taking calls).
// Id and natural key: `<group id>/<agent id>` (the API gives memberships no id of their own).
import type { GroupMember as RemoteMember, StringeeClient } from "../client";
import { Validator, orUndefined, type Checked, defineKind } from "./framework";

// ---- values users choose from ----

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface GroupMemberInputs {
  /** Group id (`GR_…`). Changing it moves the agent: the membership is replaced. */
  group: string;
  /** Agent id (`AG_…`). Changing it replaces the membership. */
  agent: string;
}

/** What the resource reports: its canonical inputs, plus what the API shows. */
export interface GroupMemberOutputs extends GroupMemberInputs {
  /** The agent's Stringee user id, as the API reports it. */
  stringeeUserId: string | null;
}

const FIELDS = ["group", "agent"] as const;

// ---- validation ----

/** Validates raw GroupMember inputs (runs at preview, before any API call). */
export function checkGroupMember(raw: Record<string, unknown>): Checked<GroupMemberInputs> {
  const v = new Validator(raw, "GroupMember");
  v.rejectUnknown(FIELDS);
  const group = v.string("group", {
    required: true,
    maxLength: 64,
    hint: "the group id, for example group.stringeeId",
  });
  const agent = v.string("agent", {
    required: true,
    maxLength: 64,
    hint: "the agent id, for example agent.stringeeId",
  });
  return { inputs: { group: group ?? "", agent: agent ?? "" }, failures: v.failures };
}

// ---- API mapping ----

/** The membership id: `<group id>/<agent id>`. */
export function memberId(group: string, agent: string): string {
  return `${group}/${agent}`;
}

function parseMemberId(id: string): { group: string; agent: string } {
  const slash = id.indexOf("/");
  if (slash <= 0 || slash === id.length - 1) {
    throw new Error(`GroupMember id ${JSON.stringify(id)} must be "<group id>/<agent id>".`);
  }
  return { group: id.slice(0, slash), agent: id.slice(slash + 1) };
}

// ---- the provider object ----

/** How the framework manages a GroupMember. */
export const groupMemberDefinition = defineKind<GroupMemberInputs, RemoteMember>({
  kind: "groupMember",
  naturalKey: ["group", "agent"],
  references: { group: "group", agent: "agent" },
  importIdForm: "<group id>/<agent id>",
  outputs: ["stringeeUserId"],
  check: checkGroupMember,
  replaceOn: ["group", "agent"],
  diffed: FIELDS,
  describeKey: (i) => `agent ${i.agent} in group ${i.group}`,
  findById: async (c: StringeeClient, id) => {
    const { group, agent } = parseMemberId(id);
    const member = await orUndefined(c.groupMembers.find(group, agent));
    // The documented member list has no user id: the agents' list (shared by the run) has it.
    if (member === undefined || member.stringeeUserId !== undefined) return member;
    const found = await orUndefined(c.agents.findById(member.agentId));
    return found === undefined ? member : { ...member, stringeeUserId: found.stringeeUserId };
  },
  findByKey: (c, i) => orUndefined(c.groupMembers.find(i.group, i.agent)),
  idOf: (m) => memberId(m.groupId, m.agentId),
  create: async (c, i) => {
    await c.groupMembers.add(i.agent, i.group);
    return memberId(i.group, i.agent);
  },
  update: async () => {
    // Every field replaces the membership: there is nothing to update in place.
  },
  delete: async (c, id) => {
    const { group, agent } = parseMemberId(id);
    await c.groupMembers.remove(agent, group);
  },
  toInputs: (m) => ({ group: m.groupId, agent: m.agentId }),
  observed: (m) => ({ stringeeUserId: m?.stringeeUserId ?? null }),
});
