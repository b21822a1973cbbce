// IVR trees (/v1/ivrtree on the ICC host): named containers of IVR nodes. A tree's root node is
// chosen by the API (the first node created in it), so it is read-only here. Natural key: the name.
import { CrudCollection, defineCollection } from "./collection";
import { LISTED_ID, ref, text } from "./fields";

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

/** The `/v1/ivrtree` collection, declared. */
export const IVR_TREES = defineCollection<IvrTree, IvrTreeKey>({
  path: "/v1/ivrtree",
  itemsKey: "ivrTrees",
  idPrefix: "TR_",
  createdIdKey: "ivrTreeID",
  naturalKey: ["treeName"],
  fields: {
    id: LISTED_ID,
    treeName: text(["tree_name", "name"], { required: true }),
    rootNode: ref("root_node", { readOnly: true }),
  },
});

/** List item → tree (`undefined` without an id or name); create or update → request body. */
export const { fromWire: ivrTreeFromWire, toWire: ivrTreeToWire } = IVR_TREES;

/** The `/v1/ivrtree` collection. */
export class IvrTreesApi extends CrudCollection<IvrTree, IvrTreeInput, IvrTreeUpdate, IvrTreeKey> {
  protected readonly def = IVR_TREES;

  /** The tree named `treeName`, or `undefined`. */
  findByName(treeName: string): Promise<IvrTree | undefined> {
    return this.findByNaturalKey({ treeName });
  }
}
