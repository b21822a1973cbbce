// Agents in groups (/v1/manage-agents-in-group on the ICC host). A membership has no id of its own:
// it is the pair agent + group, added by POST, listed per group (`?group=`) and removed by a DELETE
// whose JSON body names the pair. Both add and remove are idempotent here: "already a member" and
// "not a member" are the states the caller asked for.
import { createWithRecovery, deleteTolerant, type DeleteResult } from "./collection";
import { isAlreadyExists, isNotFound } from "./errors";
import type { StringeeHttp } from "./http";
import type { WireRecord } from "./normalize";
import { compact, sameId, wireId, wireString } from "./normalize";

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

/** Maps one list item to the domain type; `undefined` when it lacks the agent or group id. */
export function groupMemberFromWire(w: WireRecord): GroupMember | undefined {
  const groupId = wireId(w["group_id"]);
  const agentId = wireId(w["agent_id"]);
  if (groupId === undefined || agentId === undefined) return undefined;
  return compact({
    groupId,
    agentId,
    agentName: wireString(w["agent_name"]),
    stringeeUserId: wireString(w["stringee_user_id"]),
  }) as GroupMember;
}

/** The request body naming a membership (POST and DELETE). */
export function groupMemberToWire(key: GroupMemberKey): WireRecord {
  return { agent_id: key.agentId, group_id: key.groupId };
}

const PATH = "/v1/manage-agents-in-group";

// The listing of one group's children, shared by list() and parentCreated() so both name the same listing.
function listingOf(groupId: string) {
  return { itemsKey: "groupAgents", query: { group: groupId } };
}

/** The `/v1/manage-agents-in-group` collection. */
export class GroupMembersApi {
  /** Wraps a shared {@link StringeeHttp}. */
  constructor(private readonly http: StringeeHttp) {}

  /** Called when this client has just created the group `groupId`: it has none of these yet. */
  parentCreated(groupId: string): void {
    this.http.knownEmpty("icc", PATH, listingOf(groupId));
  }

  /** Every member of one group, all pages. Rejects with a not-found error when the group does not exist. */
  async list(groupId: string): Promise<GroupMember[]> {
    const items = await this.http.listAll("icc", PATH, {
      ...listingOf(groupId),
      idOf: (w) => wireId(w["agent_id"]),
    });
    return items.map(groupMemberFromWire).filter((m): m is GroupMember => m !== undefined);
  }

  /** The membership of `agentId` in `groupId`, or `undefined` (also when the group does not exist). */
  async find(groupId: string, agentId: string): Promise<GroupMember | undefined> {
    try {
      return (await this.list(groupId)).find((m) => sameId(m.agentId, agentId));
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
        send: () => this.http.post("icc", PATH, groupMemberToWire({ agentId, groupId })),
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
    return deleteTolerant(() => this.http.delete("icc", PATH, groupMemberToWire({ agentId, groupId })));
  }
}
