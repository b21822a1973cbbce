// Agents in groups (/v1/manage-agents-in-group on the ICC host). A membership has no id of its own:
// it is the pair agent + group, added by POST, listed per group (`?group=`) and removed by a DELETE
// whose JSON body names the pair. Both add and remove are idempotent here: "already a member" and
// "not a member" are the states the caller asked for.
import { GROUPS } from "./groups";
import { Collection, defineCollection } from "./collection";
import { isAlreadyExists, isNotFound } from "./errors";
import { ref, text } from "./fields";
import { createWithRecovery, deleteTolerant, type DeleteResult } from "./recovery";

/** One agent's membership of one group, as the group's member list shows it. */
export interface GroupMember {
  /** Group id. */
  groupId: string;
  /** Agent id. */
  agentId: string;
  /** The agent's display name, when the API reports it. */
  agentName?: string;
  /** The agent's Stringee user id, when the API reports it (the documented list does not). */
  stringeeUserId?: string;
}

/** Natural key of a membership. */
export interface GroupMemberKey {
  /** Group id (prefix optional). */
  groupId: string;
  /** Agent id (prefix optional). */
  agentId: string;
}

/** Result of {@link GroupMembersApi.add}. */
export interface GroupMemberAddResult {
  /** False when the agent already was a member (still a success). */
  added: boolean;
  /**
   * True when the POST's answer was lost and the membership was found by lookup instead: added by
   * this call (or by someone else in the meantime).
   */
  recovered: boolean;
}

/** The `/v1/manage-agents-in-group` collection, declared. */
export const GROUP_MEMBERS = defineCollection<GroupMember, GroupMemberKey>({
  path: "/v1/manage-agents-in-group",
  itemsKey: "groupAgents",
  naturalKey: ["agentId"],
  // No id: within one group's listing, the agent tells memberships apart.
  distinctBy: "agentId",
  fields: {
    groupId: ref("group_id", { required: true, parent: { of: GROUPS, param: "group" } }),
    agentId: ref("agent_id", { required: true }),
    agentName: text("agent_name", { readOnly: true }),
    stringeeUserId: text("stringee_user_id", { readOnly: true }),
  },
});

/** Maps one list item to the domain type; `undefined` when it lacks the agent or group id. */
export const groupMemberFromWire = GROUP_MEMBERS.fromWire;
/** The request body naming a membership (POST and DELETE). */
export const groupMemberToWire = (key: GroupMemberKey) => GROUP_MEMBERS.toWire(key);

/** The `/v1/manage-agents-in-group` collection, listed per group. */
export class GroupMembersApi extends Collection<GroupMember, GroupMemberKey, [groupId: string]> {
  protected readonly def = GROUP_MEMBERS;

  /** The membership of `agentId` in `groupId`, or `undefined` (also when the group does not exist). */
  async find(groupId: string, agentId: string): Promise<GroupMember | undefined> {
    try {
      return await this.findByNaturalKey({ groupId, agentId });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /**
   * Adds the agent to the group. Idempotent: an agent already in the group is a success
   * (`added: false`). A POST whose outcome is unknown is followed by a lookup: found means it was
   * applied (`recovered: true`), not found means it was not, so it is re-sent. Unknown agents or
   * groups reject (the emulator answers r = 4).
   */
  async add(agentId: string, groupId: string): Promise<GroupMemberAddResult> {
    try {
      // The same look-then-re-send rule (and back-off) as every other create: a membership lost to an
      // unknown outcome is re-sent only after a lookup found it missing.
      const { recovered } = await createWithRecovery({
        send: () =>
          this.http.post(GROUP_MEMBERS.base, GROUP_MEMBERS.path, groupMemberToWire({ agentId, groupId })),
        idFromAnswer: () => `${groupId}/${agentId}`,
        isCanonical: () => true,
        findExisting: async () =>
          (await this.find(groupId, agentId)) === undefined ? undefined : `${groupId}/${agentId}`,
      });
      return { added: true, recovered };
    } catch (err) {
      if (isAlreadyExists(err)) return { added: false, recovered: false };
      throw err;
    }
  }

  /**
   * Removes the agent from the group. Idempotent: an agent that is not a member (or a group that no
   * longer exists) resolves with `deleted: false`. The DELETE carries the pair as a JSON body.
   */
  remove(agentId: string, groupId: string): Promise<DeleteResult> {
    return deleteTolerant(() =>
      this.http.delete(GROUP_MEMBERS.base, GROUP_MEMBERS.path, groupMemberToWire({ agentId, groupId })),
    );
  }
}
