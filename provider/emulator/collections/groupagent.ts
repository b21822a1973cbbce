// Agents in groups (/v1/manage-agents-in-group): one object per agent + group membership, following
// Stringee's "Agent in group" page. A membership has no id of its own on the wire: it is added by
// POST, listed per group (`?group=`) and removed by `DELETE` with the same `{agent_id, group_id}`
// body. The emulator keys it `<group_id>:<agent_id>` for the controls (see ASSUMPTIONS.md).
import type { CollectionDefinition } from "./types";

/** The id the emulator gives a membership: `<group_id>:<agent_id>`. */
export function membershipId(groupId: string, agentId: string): string {
  return `${groupId}:${agentId}`;
}

/** The group membership collection. */
export const groupagentCollection: CollectionDefinition = {
  name: "groupagent",
  label: "Agent in group",
  path: "/v1/manage-agents-in-group",
  envelope: "icc",
  idPrefix: null,
  fields: {
    // Deleting the agent or the group removes its memberships (Stringee's dashboard deletes a group
    // with its members, and an agent leaves its groups when deleted): "cascade", not "restrict".
    agent_id: { type: "string", required: true, ref: "agent", immutable: true, onDelete: "cascade" },
    group_id: { type: "string", required: true, ref: "group", immutable: true, onDelete: "cascade" },
  },
  unique: [["agent_id", "group_id"]],
  // The page's list sample is `{ account, project, agent_id, group_id }`.
  lenientOnly: ["agent_name", "stringee_user_id"],
  createIdKey: "agentID",
  listKey: "groupAgents",
  totalKey: "totalCount",
  paged: true,
  listFilter: { param: "group", field: "group_id", parent: "group" },
  itemRoutes: false,
  deleteBy: ["agent_id", "group_id"],
  naturalId(values) {
    return membershipId(String(values.group_id), String(values.agent_id));
  },
  messages: {
    create: "Add agent to Group success",
    list: "Load group agent success",
    update: "Update agent in group success",
    delete: "Remove agent from Group success",
    notFound: "Agent is not in the group",
  },
  // The doc's list sample has account, project, agent_id and group_id; the agent's name and
  // Stringee user id are added so a membership can be read without listing every agent.
  toWire(record, view) {
    const agent = view.get("agent", record.agent_id as string);
    return {
      account: view.accountId,
      project: view.projectId,
      agent_id: record.agent_id,
      group_id: record.group_id,
      agent_name: agent ? agent.name : null,
      stringee_user_id: agent ? agent.stringee_user_id : null,
    };
  },
  // Key order of the doc's sample response, which echoes the ids as they were sent (unprefixed there).
  createResponse(record, view, body) {
    return {
      r: 0,
      project: view.projectId,
      agentID: body.agent_id ?? record.agent_id,
      groupID: body.group_id ?? record.group_id,
      message: "Add agent to Group success",
    };
  },
};
