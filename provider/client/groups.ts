// Agent groups (/v1/group on the ICC host): the teams a queue routes calls to. The natural key is the
// group name: Stringee does not say names are unique (and the emulator does not enforce it), so
// callers that look groups up by name must keep names unique themselves.
import { CrudCollection, defineCollection } from "./collection";
import { LISTED_ID, count, text } from "./fields";

/** A group as the list shows it. */
export interface Group {
  /** Group id, e.g. `GR_PPOJHJCJVDFC7VQC`. */
  id: string;
  /** Group name (natural key). */
  name: string;
  /** How many agents are in the group, when the API reports it (read-only). */
  numberOfAgents?: number;
}

/** Fields of a new group. */
export interface GroupInput {
  /** Group name. */
  name: string;
}

/** Fields to change on a group; omitted fields are not sent. */
export interface GroupUpdate {
  /** Group name. */
  name?: string;
}

/** Natural key of a group. */
export interface GroupKey {
  /** Group name. */
  name: string;
}

/** The `/v1/group` collection, declared. */
export const GROUPS = defineCollection<Group, GroupKey>({
  path: "/v1/group",
  itemsKey: "groups",
  // Stringee's page shows `totalGroups`; `totalCount` is what the other ICC lists use.
  countKeys: ["totalGroups", "totalCount"],
  idPrefix: "GR_",
  createdIdKey: "groupID",
  naturalKey: ["name"],
  fields: {
    id: LISTED_ID,
    name: text("name", { required: true }),
    numberOfAgents: count("number_of_agent", { readOnly: true }),
  },
});

/** List item → group (`undefined` without an id or name); create or update → request body. */
export const { fromWire: groupFromWire, toWire: groupToWire } = GROUPS;

/**
 * The `/v1/group` collection. Deleting a group takes its memberships with it; expect a refusal while a
 * queue still routes calls to the group (the emulator answers r = 3).
 */
export class GroupsApi extends CrudCollection<Group, GroupInput, GroupUpdate, GroupKey> {
  protected readonly def = GROUPS;

  /** The first group named `name` (in list order), or `undefined`. */
  findByName(name: string): Promise<Group | undefined> {
    return this.findByNaturalKey({ name });
  }
}
