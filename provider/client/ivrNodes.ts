// IVR nodes (/v1/ivrnode on the ICC host): one prompt of an IVR tree. The list is per tree
// (`?tree=`); the natural key is tree + node name. The first node created in a tree becomes its root.
import { CrudCollection, defineCollection } from "./collection";
import { LISTED_ID, decimal, flag, int, ref, text, type Unseen } from "./fields";
import { IVR_TREES } from "./ivrTrees";
import { wireBool, type WireRecord } from "./normalize";
import type { CreateResult } from "./recovery";

/** How a node's prompt is produced: text-to-speech (`talk`) or an audio file (`play`). */
export type IvrNodePlayMode = "talk" | "play";

/** An IVR node as the list shows it. */
export interface IvrNode extends Unseen {
  /** Node id, e.g. `NO_294UFJIAVSI91WID`. */
  id: string;
  /** Id of the tree the node belongs to. */
  tree: string;
  /** Node name (natural key within the tree). */
  nodeName: string;
  /** `talk` (TTS) or `play` (audio URL). */
  nodePlayMode?: IvrNodePlayMode;
  /** TTS text or audio URL. */
  nodePlayContent?: string;
  /** Whether a keypress interrupts the prompt. */
  bargeIn?: boolean;
  /** How many times the prompt repeats without input. */
  loopCount?: number;
  /** Working-hours schedule (0 = none). */
  sched?: number;
  /** TTS voice. */
  voice?: string;
  /** TTS speed. */
  speed?: number;
  /** Seconds to wait for a key. */
  keypressTimeout?: number;
  /** Whether this node is the tree's root (read-only; not every list shows it). */
  isRootNode?: boolean;
}

/** Fields of a new node: the prompt (mode and content) is required. */
export type IvrNodeInput = Required<Pick<IvrNode, "tree" | "nodeName" | "nodePlayMode" | "nodePlayContent">> &
  Pick<IvrNode, "bargeIn" | "loopCount" | "sched" | "voice" | "speed" | "keypressTimeout">;

/** Fields to change on a node (the tree cannot change). */
export type IvrNodeUpdate = Partial<Omit<IvrNodeInput, "tree">>;

/** Natural key of a node. */
export interface IvrNodeKey {
  /** Tree id (prefix optional). */
  tree: string;
  /** Node name. */
  nodeName: string;
}

/** Result of a node create. */
export interface IvrNodeCreateResult extends CreateResult {
  /** Whether the API made the new node the tree's root, when known. */
  isRootNode?: boolean;
}

/** The `/v1/ivrnode` collection, declared. */
export const IVR_NODES = defineCollection<IvrNode, IvrNodeKey>({
  path: "/v1/ivrnode",
  itemsKey: "ivrNodes",
  idPrefix: "NO_",
  createdIdKey: "ivrNodeID",
  naturalKey: ["tree", "nodeName"],
  markUnseen: true,
  fields: {
    id: LISTED_ID,
    tree: ref("tree", { required: true, parent: { of: IVR_TREES, param: "tree" }, fromParent: true }),
    nodeName: text("node_name", { required: true }),
    nodePlayMode: text("node_play_mode", { oneOf: ["talk", "play"] }),
    nodePlayContent: text("node_play_content"),
    // camelCase on the wire, as Stringee's page documents it; the snake_case form is read too.
    bargeIn: flag(["bargeIn", "barge_in"]),
    loopCount: int("loop_count"),
    sched: int("sched"),
    voice: text("voice"),
    speed: decimal("speed"),
    keypressTimeout: int("keypress_timeout"),
    isRootNode: flag(["is_root_node", "isRootNode"], { readOnly: true }),
  },
});

/** List item → node (`treeHint`: the tree it was listed under); `undefined` without an id, tree or name. */
export const ivrNodeFromWire = (w: WireRecord, treeHint?: string): IvrNode | undefined =>
  IVR_NODES.fromWire(w, { parentId: treeHint });
/** Create or update → request body (only given fields; `bargeIn` is camelCase on the wire). */
export const ivrNodeToWire = IVR_NODES.toWire;

/** The `/v1/ivrnode` collection, listed per tree. */
export class IvrNodesApi extends CrudCollection<
  IvrNode,
  IvrNodeInput,
  IvrNodeUpdate,
  IvrNodeKey,
  [tree: string]
> {
  protected readonly def = IVR_NODES;

  /** Creates a node; duplicate-safe when the answer is lost. Tells whether the API made it the tree's root. */
  override create(input: IvrNodeInput): Promise<IvrNodeCreateResult> {
    return this.createNoting(input, "isRootNode", {
      // Stringee's page names it isRootNode; the snake_case form is read too.
      answer: (a) => wireBool(a["isRootNode"] ?? a["is_root_node"]),
      found: (n) => n.isRootNode,
    });
  }
}
