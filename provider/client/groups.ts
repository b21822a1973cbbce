// Agent groups (/v1/group on the ICC host): the teams a queue routes calls to. The natural key is the
// group name: Stringee does not say names are unique (and the emulator does not enforce it), so
// callers that look groups up by name must keep names unique themselves.
import {
  answerId,
  createWithRecovery,
  deleteTolerant,
  seg,
  type CreateResult,
  type DeleteResult,
} from "./collection";
import type { StringeeHttp } from "./http";
import type { WireRecord } from "./normalize";
import { compact, sameId, wireCount, wireId, wireString } from "./normalize";

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

/** Maps one list item to the domain type; `undefined` when it lacks an id or name. */
export function groupFromWire(w: WireRecord): Group | undefined {
  const id = wireId(w["id"]);
  const name = wireString(w["name"]);
  if (id === undefined || name === undefined) return undefined;
  return compact({ id, name, numberOfAgents: wireCount(w["number_of_agent"]) }) as Group;
}

/** Maps a create or update to its request body (only given fields). */
export function groupToWire(g: GroupInput | GroupUpdate): WireRecord {
  return compact({ name: g.name });
}

const PATH = "/v1/group";

/** The `/v1/group` collection. */
export class GroupsApi {
  /**
   * Wraps a shared {@link StringeeHttp}. `onCreated` hears of each group this client created (not one
   * found after a lost answer), so the collection of its children can skip listing it.
   */
  constructor(
    private readonly http: StringeeHttp,
    private readonly onCreated: (id: string) => void = () => undefined,
  ) {}

  /** Every group, all pages. */
  async list(): Promise<Group[]> {
    const items = await this.http.listAll("icc", PATH, {
      itemsKey: "groups",
      // Stringee's page shows `totalGroups`; `totalCount` is what the other ICC lists use.
      countKeys: ["totalGroups", "totalCount"],
      idOf: (w) => wireId(w["id"]),
    });
    return items.map(groupFromWire).filter((g): g is Group => g !== undefined);
  }

  /** The group with this id (prefix optional), or `undefined`. */
  async findById(id: string): Promise<Group | undefined> {
    return (await this.list()).find((g) => sameId(g.id, id));
  }

  /** The first group named `name` (in list order), or `undefined`. */
  async findByName(name: string): Promise<Group | undefined> {
    return (await this.list()).find((g) => g.name === name);
  }

  /** Lookup by natural key (the name). */
  findByNaturalKey(key: GroupKey): Promise<Group | undefined> {
    return this.findByName(key.name);
  }

  /** Creates a group; duplicate-safe (by name) when the answer is lost. */
  async create(input: GroupInput): Promise<CreateResult> {
    const created = await createWithRecovery({
      send: () => this.http.post("icc", PATH, groupToWire(input)),
      idFromAnswer: (a) => answerId(a, "groupID", "id"),
      findExisting: async () => (await this.findByName(input.name))?.id,
      listIds: async () => (await this.list()).map((g) => g.id),
    });
    if (!created.recovered) this.onCreated(created.id);
    return created;
  }

  /** Changes the given fields only; nothing is sent when `patch` is empty. */
  async update(id: string, patch: GroupUpdate): Promise<void> {
    const body = groupToWire(patch);
    if (Object.keys(body).length === 0) return;
    await this.http.put("icc", `${PATH}/${seg(id)}`, body);
  }

  /**
   * Deletes a group (its memberships go with it); an already missing one resolves with
   * `deleted: false`. Expect a refusal while a queue still routes calls to the group (the emulator
   * answers r = 3).
   */
  delete(id: string): Promise<DeleteResult> {
    return deleteTolerant(() => this.http.delete("icc", `${PATH}/${seg(id)}`));
  }
}
