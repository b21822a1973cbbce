// stringee.IvrNode: one menu of an IVR tree (what callers hear, and how long they have to press a key).
//   create -> POST /v1/ivrnode (ICC)     read   -> GET /v1/ivrnode?tree={tree} (no GET by id)
//   update -> PUT  /v1/ivrnode/{id}      delete -> DELETE /v1/ivrnode/{id} (not found = done; refused while keypresses use it)
// Replacement: `tree` (a node cannot move to another tree); the replacement is a different node, so it is
// created before the old one is deleted.
// Natural key: tree + nodeName. The first node created in a tree becomes its root (output `isRootNode`).
// Optional playback settings left out are not managed: Stringee's defaults apply and are reported.
import * as pulumi from "@pulumi/pulumi";
import type { IvrNode as RemoteNode, StringeeClient } from "../client";
import { sameId } from "../client/normalize";
import { Validator, dynamicProvider, orUndefined, type Checked, type ResourceSpec } from "./framework";
import { claimNaturalKey } from "./uniqueness";

// ---- Args (what users write) ----

/** How a node plays its content: `talk` reads text with text-to-speech, `play` plays an audio URL. */
export type IvrNodePlayMode = "talk" | "play";

/** Arguments of an {@link IvrNode}. */
export interface IvrNodeArgs {
  /** IVR tree id (`TR_…`). Changing it replaces the node. */
  tree: pulumi.Input<string>;
  /** Node name, unique within its tree. */
  nodeName: pulumi.Input<string>;
  /** `talk` (text-to-speech of `nodePlayContent`) or `play` (audio file at the URL in `nodePlayContent`). */
  nodePlayMode: pulumi.Input<IvrNodePlayMode>;
  /** The text to speak, or the http(s) URL of the audio to play. */
  nodePlayContent: pulumi.Input<string>;
  /** Whether a key press interrupts the message. */
  bargeIn?: pulumi.Input<boolean>;
  /** How many times the message repeats (at least 1). */
  loopCount?: pulumi.Input<number>;
  /** Schedule id (0: none). */
  sched?: pulumi.Input<number>;
  /** Text-to-speech voice. */
  voice?: pulumi.Input<string>;
  /** Speech speed, -3 (slowest) to 3 (fastest). */
  speed?: pulumi.Input<number>;
  /** Seconds to wait for a key (at least 1). */
  keypressTimeout?: pulumi.Input<number>;
  /** Id of an existing node (`NO_…`, or `<tree id>/<node id>`) to adopt instead of creating one. */
  importId?: pulumi.Input<string>;
}

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface IvrNodeInputs {
  /** Tree id. */
  tree: string;
  /** Node name. */
  nodeName: string;
  /** Play mode. */
  nodePlayMode: IvrNodePlayMode;
  /** Text or URL. */
  nodePlayContent: string;
  /** Barge-in. */
  bargeIn?: boolean;
  /** Loop count. */
  loopCount?: number;
  /** Schedule id. */
  sched?: number;
  /** Voice. */
  voice?: string;
  /** Speed. */
  speed?: number;
  /** Keypress timeout (s). */
  keypressTimeout?: number;
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
const FIELDS = [
  "tree",
  "nodeName",
  "nodePlayMode",
  "nodePlayContent",
  ...IVR_NODE_OPTIONAL_SETTINGS,
] as const;

// ---- validation ----

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
          pattern: /^https?:\/\/\S+$/,
          hint: 'with nodePlayMode "play" it must be the http(s) URL of an audio file; use nodePlayMode "talk" for text',
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
export const ivrNodeSpec: ResourceSpec<IvrNodeInputs, RemoteNode> = {
  kind: "ivrNode",
  title: "IvrNode",
  check: checkIvrNode,
  replaceOn: ["tree"],
  deleteBeforeReplace: false,
  diffed: FIELDS,
  computed: IVR_NODE_OPTIONAL_SETTINGS,
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
  idOf: (n) => n.id,
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
};

// ---- the resource class ----

/**
 * One node (menu) of a Stringee IVR tree. Import: set `importId` to the node id (`NO_…`); read-only
 * lookup with `IvrNode.get(name, "<tree id>/<node id>")`.
 */
export class IvrNode extends pulumi.dynamic.Resource {
  /**
   * Stringee id of the node (`NO_…`); use it as `IvrKeypress.node` and `nextNode`. Same as the Pulumi resource id, so dependents
   * see it (and do not plan replacements) while an update of this resource is previewed.
   */
  get stringeeId(): pulumi.Output<string> {
    return this.id;
  }

  /** Tree id. */
  declare readonly tree: pulumi.Output<string>;
  /** Node name. */
  declare readonly nodeName: pulumi.Output<string>;
  /** Whether Stringee made this node the tree's root (the entry menu). */
  declare readonly isRootNode: pulumi.Output<boolean | null>;

  /** Declares an IVR node; see {@link IvrNodeArgs}. */
  constructor(name: string, args: IvrNodeArgs, opts?: pulumi.CustomResourceOptions) {
    if (!opts?.id) claimNaturalKey("IvrNode", "tree and nodeName", [args.tree, args.nodeName], name);
    super(dynamicProvider("ivrNode"), name, { isRootNode: undefined, ...args }, opts, "stringee", "IvrNode");
  }

  /** Reads an existing node by `"<tree id>/<node id>"` without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): IvrNode {
    return new IvrNode(name, {} as IvrNodeArgs, { ...opts, id });
  }
}
