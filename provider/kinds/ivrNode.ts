// stringee.IvrNode: one menu of an IVR tree (what callers hear, and how long they have to press a key).
//   create -> POST /v1/ivrnode (ICC)     read   -> GET /v1/ivrnode?tree={tree} (no GET by id)
//   update -> PUT  /v1/ivrnode/{id}      delete -> DELETE /v1/ivrnode/{id} (not found = done; refused while keypresses use it)
// Replacement: `tree` (a node cannot move to another tree); the replacement is a different node, so it is
// created before the old one is deleted.
// Natural key: tree + nodeName. The first node created in a tree becomes its root (output `isRootNode`).
// Optional playback settings never declared are not managed: Stringee's defaults apply and are reported; a
// setting that stops being declared is set back to Stringee's documented default (IVR_NODE_DEFAULTS).
import type { IvrNode as RemoteNode, StringeeClient, IvrNodePlayMode } from "../client";
import { sameId } from "../client/normalize";
import { Validator, orUndefined, type Checked, defineKind, type DocumentedDefaults } from "./framework";

// ---- values users choose from ----

// The client names the values the API takes; the resource takes the same.
export type { IvrNodePlayMode } from "../client";

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface IvrNodeInputs {
  /** IVR tree id (`TR_…`). Changing it replaces the node. */
  tree: string;
  /** Node name, unique within its tree. */
  nodeName: string;
  /** `talk` (text-to-speech of `nodePlayContent`) or `play` (the uploaded audio file named in `nodePlayContent`). */
  nodePlayMode: IvrNodePlayMode;
  /**
   * The text to speak, or in play mode the uploaded file's name (`greeting.fileName` of a GreetingFile, for
   * example `VYWKDLWVXL-1531544847245.mp3`); an http(s) URL of the audio is accepted too.
   */
  nodePlayContent: string;
  /** Whether a key press interrupts the message. */
  bargeIn?: boolean;
  /** How many times the message repeats (at least 1). */
  loopCount?: number;
  /** Schedule id (0: none). */
  sched?: number;
  /** Text-to-speech voice. */
  voice?: string;
  /** Speech speed, -3 (slowest) to 3 (fastest). */
  speed?: number;
  /** Seconds to wait for a key (at least 1). */
  keypressTimeout?: number;
}

/** What the resource reports: its canonical inputs, plus what the API shows. */
export interface IvrNodeOutputs extends IvrNodeInputs {
  /** Whether Stringee made this node the tree's root (the entry menu). */
  isRootNode: boolean | null;
}

/** IVR node settings a program may leave out (Stringee then applies its own default; they are not managed). */
export const IVR_NODE_OPTIONAL_SETTINGS = [
  "bargeIn",
  "loopCount",
  "sched",
  "voice",
  "speed",
  "keypressTimeout",
] as const;

/**
 * Stringee's defaults of the optional settings (the IVR node page's field table). A setting that stops being
 * declared goes back to its default on the next `up`.
 */
export const IVR_NODE_DEFAULTS: DocumentedDefaults<
  IvrNodeInputs,
  (typeof IVR_NODE_OPTIONAL_SETTINGS)[number]
> = {
  bargeIn: true,
  loopCount: 1,
  sched: 0,
  voice: "hn_female_thutrang_phrase_48k-hsmm",
  speed: 0,
  keypressTimeout: 5,
};
const FIELDS = [
  "tree",
  "nodeName",
  "nodePlayMode",
  "nodePlayContent",
  ...IVR_NODE_OPTIONAL_SETTINGS,
] as const;

// ---- validation ----

/**
 * What play mode plays: Stringee's page says "the uploaded filename" (`VYWKDLWVXL-1531544847245.mp3`, a file
 * name without folders); an http(s) URL of an audio file stays accepted, as before.
 */
const PLAYABLE = /^(?:https?:\/\/\S+|[A-Za-z0-9][A-Za-z0-9._-]*\.(?:wav|mp3))$/i;

/** Validates and canonicalises raw IvrNode inputs (runs at preview, before any API call). */
export function checkIvrNode(raw: Record<string, unknown>): Checked<IvrNodeInputs> {
  const v = new Validator(raw, "IvrNode");
  v.rejectUnknown(FIELDS);
  const tree = v.string("tree", { required: true, maxLength: 64, hint: "the IVR tree id" });
  const nodeName = v.string("nodeName", { required: true, maxLength: 100 });
  const nodePlayMode = v.oneOf<IvrNodePlayMode>("nodePlayMode", ["talk", "play"], { required: true });
  const nodePlayContent =
    nodePlayMode === "play"
      ? v.string("nodePlayContent", {
          required: true,
          pattern: PLAYABLE,
          hint: 'with nodePlayMode "play" it must name an uploaded WAV or MP3 file (a GreetingFile\'s fileName) or be the http(s) URL of one; use nodePlayMode "talk" for text',
          maxLength: 1000,
        })
      : v.string("nodePlayContent", { required: true, maxLength: 4000 });
  const inputs: IvrNodeInputs = {
    tree: tree ?? "",
    nodeName: nodeName ?? "",
    nodePlayMode: nodePlayMode ?? "talk",
    nodePlayContent: nodePlayContent ?? "",
  };
  inputs.bargeIn = v.boolean("bargeIn");
  inputs.loopCount = v.integer("loopCount", { min: 1, max: 10 });
  inputs.sched = v.integer("sched", { min: 0 });
  inputs.voice = v.string("voice", { maxLength: 100 });
  inputs.speed = v.integer("speed", { min: -3, max: 3 });
  inputs.keypressTimeout = v.integer("keypressTimeout", { min: 1, max: 60 });
  return { inputs, failures: v.failures };
}

// ---- API mapping ----

function fromRemote(n: RemoteNode): IvrNodeInputs {
  return {
    tree: n.tree,
    nodeName: n.nodeName,
    nodePlayMode: n.nodePlayMode ?? "talk",
    nodePlayContent: n.nodePlayContent ?? "",
    bargeIn: n.bargeIn,
    loopCount: n.loopCount,
    sched: n.sched,
    voice: n.voice,
    speed: n.speed,
    keypressTimeout: n.keypressTimeout,
  };
}

/** A node id may carry its tree (`<tree>/<id>`), which `.get` and `importId` need: the list is per tree. */
export function splitNodeId(id: string, tree: string | undefined): { tree: string | undefined; id: string } {
  const slash = id.indexOf("/");
  return slash > 0 ? { tree: id.slice(0, slash), id: id.slice(slash + 1) } : { tree, id };
}

// ---- the provider object ----

/** How the framework manages an IvrNode. */
export const ivrNodeDefinition = defineKind<IvrNodeInputs, RemoteNode>({
  kind: "ivrNode",
  naturalKey: ["tree", "nodeName"],
  references: { tree: "ivrTree" },
  importIdForm: "NO_…, or <tree id>/<node id>",
  outputs: ["isRootNode"],
  check: checkIvrNode,
  replaceOn: ["tree"],
  diffed: FIELDS,
  computed: IVR_NODE_OPTIONAL_SETTINGS,
  documentedDefaults: IVR_NODE_DEFAULTS,
  describeKey: (i) => `nodeName ${JSON.stringify(i.nodeName)} in tree ${i.tree}`,
  findById: async (c: StringeeClient, rawId, i) => {
    const { tree, id } = splitNodeId(rawId, i.tree || undefined);
    if (tree === undefined)
      throw new Error(`IvrNode id ${JSON.stringify(rawId)} needs its tree: use "<tree id>/<node id>".`);
    const node = await orUndefined(c.ivrNodes.findById(tree, id));
    // Stringee documents the root flag in the create answer only; the tree's list names its root node.
    if (node === undefined || node.isRootNode !== undefined) return node;
    const owner = await orUndefined(c.ivrTrees.findById(node.tree));
    return owner === undefined ? node : { ...node, isRootNode: sameId(owner.rootNode, node.id) };
  },
  findByKey: (c, i) => orUndefined(c.ivrNodes.findByNaturalKey({ tree: i.tree, nodeName: i.nodeName })),
  create: async (c, i) => (await c.ivrNodes.create(i)).id,
  update: async (c, id, _olds, news, changed) => {
    const patch: Record<string, unknown> = {};
    for (const f of changed) if (f !== "tree") patch[f] = news[f];
    await c.ivrNodes.update(id, patch);
  },
  delete: async (c, id) => {
    await c.ivrNodes.delete(splitNodeId(id, undefined).id);
  },
  toInputs: (n) => fromRemote(n),
  observed: (n) => ({ isRootNode: n?.isRootNode ?? null }),
});
