// IVR trees (/v1/ivrtree on the ICC host): named containers of IVR nodes. A tree's root node is
// chosen by the API (the first node created in it), so it is read-only here. Natural key: the name.
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
import { compact, sameId, wireId, wireString } from "./normalize";

/** An IVR tree as the list shows it. */
export interface IvrTree {
  /** Tree id, e.g. `TR_5DFM9ZXZNBM5EQG9`. */
  id: string;
  /** Tree name (natural key). */
  treeName: string;
  /** Id of the root node, once the tree has nodes (read-only; `""` and `0` read as none). */
  rootNode?: string;
}

/** Fields of a new tree. */
export interface IvrTreeInput {
  /** Tree name. */
  treeName: string;
}

/** Fields to change on a tree. */
export interface IvrTreeUpdate {
  /** Tree name. */
  treeName?: string;
}

/** Natural key of a tree. */
export interface IvrTreeKey {
  /** Tree name. */
  treeName: string;
}

/** Maps one list item to the domain type; `undefined` when it lacks an id or name. */
export function ivrTreeFromWire(w: WireRecord): IvrTree | undefined {
  const id = wireId(w["id"]);
  const treeName = wireString(w["tree_name"]) ?? wireString(w["name"]);
  if (id === undefined || treeName === undefined) return undefined;
  return compact({ id, treeName, rootNode: wireId(w["root_node"]) }) as IvrTree;
}

/** Maps a create or update to its request body (only given fields). */
export function ivrTreeToWire(t: IvrTreeInput | IvrTreeUpdate): WireRecord {
  return compact({ tree_name: t.treeName });
}

const PATH = "/v1/ivrtree";

/** The `/v1/ivrtree` collection. */
export class IvrTreesApi {
  /**
   * Wraps a shared {@link StringeeHttp}. `onCreated` hears of each IVR tree this client created (not one
   * found after a lost answer), so the collection of its children can skip listing it.
   */
  constructor(
    private readonly http: StringeeHttp,
    private readonly onCreated: (id: string) => void = () => undefined,
  ) {}

  /** Every IVR tree, all pages. */
  async list(): Promise<IvrTree[]> {
    const items = await this.http.listAll("icc", PATH, {
      itemsKey: "ivrTrees",
      idOf: (w) => wireId(w["id"]),
    });
    return items.map(ivrTreeFromWire).filter((t): t is IvrTree => t !== undefined);
  }

  /** The tree with this id (prefix optional), or `undefined`. */
  async findById(id: string): Promise<IvrTree | undefined> {
    return (await this.list()).find((t) => sameId(t.id, id));
  }

  /** The tree named `treeName`, or `undefined`. */
  async findByName(treeName: string): Promise<IvrTree | undefined> {
    return (await this.list()).find((t) => t.treeName === treeName);
  }

  /** Lookup by natural key (the name). */
  findByNaturalKey(key: IvrTreeKey): Promise<IvrTree | undefined> {
    return this.findByName(key.treeName);
  }

  /** Creates a tree; duplicate-safe when the answer is lost. */
  async create(input: IvrTreeInput): Promise<CreateResult> {
    const created = await createWithRecovery({
      send: () => this.http.post("icc", PATH, ivrTreeToWire(input)),
      idFromAnswer: (a) => answerId(a, "ivrTreeID", "id"),
      findExisting: async () => (await this.findByName(input.treeName))?.id,
      listIds: async () => (await this.list()).map((t) => t.id),
    });
    if (!created.recovered) this.onCreated(created.id);
    return created;
  }

  /** Changes the given fields only; nothing is sent when `patch` is empty. */
  async update(id: string, patch: IvrTreeUpdate): Promise<void> {
    const body = ivrTreeToWire(patch);
    if (Object.keys(body).length === 0) return;
    await this.http.put("icc", `${PATH}/${seg(id)}`, body);
  }

  /** Deletes a tree; an already missing one resolves with `deleted: false`. */
  delete(id: string): Promise<DeleteResult> {
    return deleteTolerant(() => this.http.delete("icc", `${PATH}/${seg(id)}`));
  }
}
