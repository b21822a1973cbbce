// IVR nodes (/v1/ivrnode on the ICC host): one prompt of an IVR tree. The list is per tree
// (`?tree=`); the natural key is tree + node name. The first node created in a tree becomes its root.
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
import {
  boolToWire,
  compact,
  sameId,
  unseenFields,
  wireBool,
  wireId,
  wireInt,
  wireNumber,
  wireString,
} from "./normalize";

/** How a node's prompt is produced: text-to-speech (`talk`) or an audio file (`play`). */
export type IvrNodePlayMode = "talk" | "play";

/** An IVR node as the list shows it. */
export interface IvrNode {
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
  /** Fields the list item did not carry (Stringee lists show fewer fields than create takes); see `unseenFields`. */
  unseen?: readonly string[];
}

/** Fields of a new node. */
export interface IvrNodeInput {
  /** Tree id. */
  tree: string;
  /** Node name. */
  nodeName: string;
  /** `talk` or `play`. */
  nodePlayMode: IvrNodePlayMode;
  /** TTS text or audio URL. */
  nodePlayContent: string;
  /** Whether a keypress interrupts the prompt. */
  bargeIn?: boolean;
  /** Prompt repetitions. */
  loopCount?: number;
  /** Working-hours schedule (0 = none). */
  sched?: number;
  /** TTS voice. */
  voice?: string;
  /** TTS speed. */
  speed?: number;
  /** Seconds to wait for a key. */
  keypressTimeout?: number;
}

/** Fields to change on a node (the tree cannot change); `null` clears a text field. */
export interface IvrNodeUpdate {
  /** Node name. */
  nodeName?: string;
  /** `talk` or `play`. */
  nodePlayMode?: IvrNodePlayMode;
  /** TTS text or audio URL. */
  nodePlayContent?: string;
  /** Whether a keypress interrupts the prompt. */
  bargeIn?: boolean;
  /** Prompt repetitions. */
  loopCount?: number;
  /** Working-hours schedule (0 = none). */
  sched?: number;
  /** TTS voice. */
  voice?: string;
  /** TTS speed. */
  speed?: number;
  /** Seconds to wait for a key. */
  keypressTimeout?: number;
}

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

/** The wire key of each optional field of the IVR node list item (the client reads these when present). */
export const IVR_NODE_OPTIONAL_WIRE = {
  nodePlayMode: "node_play_mode",
  nodePlayContent: "node_play_content",
  bargeIn: ["bargeIn", "barge_in"],
  loopCount: "loop_count",
  sched: "sched",
  voice: "voice",
  speed: "speed",
  keypressTimeout: "keypress_timeout",
  isRootNode: ["is_root_node", "isRootNode"],
} as const;

/** Maps one list item to the domain type; `undefined` when it lacks an id, tree or name. */
export function ivrNodeFromWire(w: WireRecord, treeHint?: string): IvrNode | undefined {
  const id = wireId(w["id"]);
  const tree = wireId(w["tree"]) ?? treeHint;
  const nodeName = wireString(w["node_name"]);
  if (id === undefined || tree === undefined || nodeName === undefined) return undefined;
  const mode = wireString(w["node_play_mode"]);
  return compact({
    id,
    tree,
    nodeName,
    nodePlayMode: mode === "talk" || mode === "play" ? mode : undefined,
    nodePlayContent: wireString(w["node_play_content"]),
    bargeIn: wireBool(w["bargeIn"] ?? w["barge_in"]),
    loopCount: wireInt(w["loop_count"]),
    sched: wireInt(w["sched"]),
    voice: wireString(w["voice"]),
    speed: wireNumber(w["speed"]),
    keypressTimeout: wireInt(w["keypress_timeout"]),
    isRootNode: wireBool(w["is_root_node"] ?? w["isRootNode"]),
    unseen: unseenFields(w, IVR_NODE_OPTIONAL_WIRE),
  }) as IvrNode;
}

/** Maps a create or update to its request body (only given fields; `bargeIn` is camelCase on the wire). */
export function ivrNodeToWire(n: IvrNodeInput | IvrNodeUpdate): WireRecord {
  return compact({
    tree: "tree" in n ? n.tree : undefined,
    node_name: n.nodeName,
    node_play_mode: n.nodePlayMode,
    node_play_content: n.nodePlayContent,
    bargeIn: boolToWire(n.bargeIn),
    loop_count: n.loopCount,
    sched: n.sched,
    voice: n.voice,
    speed: n.speed,
    keypress_timeout: n.keypressTimeout,
  });
}

const PATH = "/v1/ivrnode";

// The listing of one IVR tree's children, shared by list() and parentCreated() so both name the same listing.
function listingOf(tree: string) {
  return { itemsKey: "ivrNodes", query: { tree } };
}

/** The `/v1/ivrnode` collection. */
export class IvrNodesApi {
  /**
   * Wraps a shared {@link StringeeHttp}. `onCreated` hears of each IVR node this client created (not one
   * found after a lost answer), so the collection of its children can skip listing it.
   */
  constructor(
    private readonly http: StringeeHttp,
    private readonly onCreated: (id: string) => void = () => undefined,
  ) {}

  /** Called when this client has just created the IVR tree `tree`: it has none of these yet. */
  parentCreated(tree: string): void {
    this.http.knownEmpty("icc", PATH, listingOf(tree));
  }

  /** Every node of one tree, all pages. */
  async list(tree: string): Promise<IvrNode[]> {
    const items = await this.http.listAll("icc", PATH, {
      ...listingOf(tree),
      idOf: (w) => wireId(w["id"]),
    });
    return items.map((w) => ivrNodeFromWire(w, tree)).filter((n): n is IvrNode => n !== undefined);
  }

  /** The node with this id in `tree`, or `undefined`. */
  async findById(tree: string, id: string): Promise<IvrNode | undefined> {
    return (await this.list(tree)).find((n) => sameId(n.id, id));
  }

  /** The node named `nodeName` in `tree`, or `undefined`. */
  async findByNaturalKey(key: IvrNodeKey): Promise<IvrNode | undefined> {
    return (await this.list(key.tree)).find((n) => n.nodeName === key.nodeName && sameId(n.tree, key.tree));
  }

  /** Creates a node; duplicate-safe when the answer is lost. */
  async create(input: IvrNodeInput): Promise<IvrNodeCreateResult> {
    let isRootNode: boolean | undefined;
    const created = await createWithRecovery({
      send: async () => {
        const answer = await this.http.post("icc", PATH, ivrNodeToWire(input));
        // Stringee's page names it isRootNode; the snake_case form is read too.
        isRootNode = wireBool(answer["isRootNode"] ?? answer["is_root_node"]);
        return answer;
      },
      idFromAnswer: (a) => answerId(a, "ivrNodeID", "id"),
      findExisting: async () => {
        const found = await this.findByNaturalKey(input);
        if (found) isRootNode = found.isRootNode;
        return found?.id;
      },
      listIds: async () => (await this.list(input.tree)).map((n) => n.id),
    });
    if (!created.recovered) this.onCreated(created.id);
    return isRootNode === undefined ? created : { ...created, isRootNode };
  }

  /** Changes the given fields only; nothing is sent when `patch` is empty. */
  async update(id: string, patch: IvrNodeUpdate): Promise<void> {
    const body = ivrNodeToWire(patch);
    if (Object.keys(body).length === 0) return;
    await this.http.put("icc", `${PATH}/${seg(id)}`, body);
  }

  /** Deletes a node; an already missing one resolves with `deleted: false`. */
  delete(id: string): Promise<DeleteResult> {
    return deleteTolerant(() => this.http.delete("icc", `${PATH}/${seg(id)}`));
  }
}
