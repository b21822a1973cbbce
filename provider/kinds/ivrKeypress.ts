// stringee.IvrKeypress: what happens when a caller presses a key on an IVR node.
//   create -> POST /v1/ivrkeypress (ICC)     read   -> GET /v1/ivrkeypress?node={node} (no GET by id)
//   update -> PUT  /v1/ivrkeypress/{id}      delete -> DELETE /v1/ivrkeypress/{id} (not found = done)
// Replacement: `node` (the API cannot move a keypress to another node). The replacement has a different
// natural key (node + key), so it is created before the old one is deleted.
// Natural key: node + nodeKey (one keypress per key of a node).
import type { IvrKeypress as RemoteKeypress, KeypressAction, StringeeClient } from "../client";
import { Validator, orUndefined, type Checked, defineKind } from "./framework";

// ---- values users choose from ----

/** What a keypress does; each action needs exactly its own fields. */
export type IvrKeypressAction =
  "voicemail" | "routeToQueue" | "forwardToPhone" | "nextNode" | "sms" | "stopCall";

/** The keys an IVR node can react to: DTMF keys, `EMPTY_KEY` (no key before the timeout), `INVALID_KEY`. */
export const IVR_NODE_KEYS = [
  "0",
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
  "7",
  "8",
  "9",
  "*",
  "#",
  "EMPTY_KEY",
  "INVALID_KEY",
] as const;

/** A DTMF key, or `EMPTY_KEY` (no key before the timeout) or `INVALID_KEY` (any key without its own keypress). */
export type IvrNodeKey = (typeof IVR_NODE_KEYS)[number];

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface IvrKeypressInputs {
  /** IVR node id (`NO_…`) the key belongs to. Changing it replaces the keypress. */
  node: string;
  /** The key: `0`-`9`, `*`, `#`, `EMPTY_KEY` or `INVALID_KEY`. */
  nodeKey: IvrNodeKey;
  /**
   * `routeToQueue` (needs `queueId`), `forwardToPhone` (needs `toPhoneNumber` and `fromNumberCalloutToAgent`),
   * `nextNode` (needs `nextNode`), `stopCall`, and the actions Stringee lists as coming soon: `voicemail`, `sms` (needs `sms`).
   */
  action: IvrKeypressAction;
  /** Queue id for `routeToQueue`. */
  queueId?: string;
  /** Phone number to forward to, for `forwardToPhone`. */
  toPhoneNumber?: string;
  /** Stringee number used as caller id when forwarding, for `forwardToPhone`. */
  fromNumberCalloutToAgent?: string;
  /** Next IVR node id, for `nextNode`. */
  nextNode?: string;
  /** SMS text sent to the caller, for `sms`. */
  sms?: string;
}

/** What the resource reports: its canonical inputs, plus what the API shows. */
export interface IvrKeypressOutputs extends IvrKeypressInputs {
  /** IVR tree the node belongs to, as reported by the API. */
  tree: string | null;
}

/** The API's action numbers. */
export const ACTION_CODES: Record<IvrKeypressAction, KeypressAction> = {
  voicemail: 1,
  routeToQueue: 2,
  forwardToPhone: 3,
  nextNode: 4,
  sms: 5,
  stopCall: 6,
};

/** The fields each action needs; every other target field is refused. */
export const ACTION_FIELDS: Record<IvrKeypressAction, readonly (keyof IvrKeypressInputs)[]> = {
  voicemail: [],
  routeToQueue: ["queueId"],
  forwardToPhone: ["toPhoneNumber", "fromNumberCalloutToAgent"],
  nextNode: ["nextNode"],
  sms: ["sms"],
  stopCall: [],
};

const TARGETS = ["queueId", "toPhoneNumber", "fromNumberCalloutToAgent", "nextNode", "sms"] as const;
const FIELDS = ["node", "nodeKey", "action", ...TARGETS] as const;

// ---- validation ----

/** Validates and canonicalises raw IvrKeypress inputs (runs at preview, before any API call). */
export function checkIvrKeypress(raw: Record<string, unknown>): Checked<IvrKeypressInputs> {
  const v = new Validator(raw, "IvrKeypress");
  v.rejectUnknown(FIELDS);
  const node = v.string("node", { required: true, maxLength: 64, hint: "the IVR node id" });
  const nodeKey = v.oneOf("nodeKey", IVR_NODE_KEYS, { required: true });
  const action = v.oneOf("action", Object.keys(ACTION_CODES) as IvrKeypressAction[], { required: true });
  const inputs: IvrKeypressInputs = {
    node: node ?? "",
    nodeKey: nodeKey ?? "0",
    action: action ?? "stopCall",
  };
  inputs.queueId = v.string("queueId", { maxLength: 64 });
  inputs.nextNode = v.string("nextNode", { maxLength: 64 });
  inputs.toPhoneNumber = v.phone("toPhoneNumber");
  inputs.fromNumberCalloutToAgent = v.phone("fromNumberCalloutToAgent");
  inputs.sms = v.string("sms", { maxLength: 500 });
  if (action !== undefined && ACTION_CODES[action] !== undefined) {
    const needed = ACTION_FIELDS[action];
    for (const f of needed) {
      if (!v.has(f))
        v.fail(
          f,
          `action "${action}" requires ${f}; set it${needed.length > 1 ? ` (${action} needs ${needed.join(" and ")})` : ""}.`,
        );
    }
    for (const f of TARGETS) {
      if (!needed.includes(f)) v.forbid(f, `for action "${action}" (it is only used by ${actionsUsing(f)})`);
    }
  }
  return { inputs, failures: v.failures };
}

function actionsUsing(field: string): string {
  return (Object.keys(ACTION_FIELDS) as IvrKeypressAction[])
    .filter((a) => ACTION_FIELDS[a].includes(field as keyof IvrKeypressInputs))
    .map((a) => `"${a}"`)
    .join(", ");
}

// ---- API mapping ----

function actionName(code: number): IvrKeypressAction {
  const found = (Object.keys(ACTION_CODES) as IvrKeypressAction[]).find((a) => ACTION_CODES[a] === code);
  if (found === undefined)
    throw new Error(
      `Stringee reported keypress action ${code}, which this provider does not know; upgrade stringee-pulumi.`,
    );
  return found;
}

function fromRemote(k: RemoteKeypress): IvrKeypressInputs {
  const action = actionName(k.action);
  const inputs: IvrKeypressInputs = { node: k.node, nodeKey: k.nodeKey as IvrNodeKey, action };
  // Only the active action's targets are meaningful; the API may keep stale ones.
  for (const f of ACTION_FIELDS[action])
    (inputs as unknown as Record<string, unknown>)[f] = k[f as keyof RemoteKeypress];
  return inputs;
}

/** A keypress id may carry its node (`<node>/<id>`), which `.get` and `importId` need: the list is per node. */
export function splitKeypressId(
  id: string,
  node: string | undefined,
): { node: string | undefined; id: string } {
  const slash = id.indexOf("/");
  return slash > 0 ? { node: id.slice(0, slash), id: id.slice(slash + 1) } : { node, id };
}

// ---- the provider object ----

/** How the framework manages an IvrKeypress. */
export const ivrKeypressDefinition = defineKind<IvrKeypressInputs, RemoteKeypress>({
  kind: "ivrKeypress",
  naturalKey: ["node", "nodeKey"],
  references: { node: "ivrNode", queueId: "queue", nextNode: "ivrNode" },
  importIdForm: "NO_KE_…, or <node id>/<keypress id>",
  outputs: ["tree"],
  check: checkIvrKeypress,
  replaceOn: ["node"],
  diffed: FIELDS,
  describeKey: (i) => `key ${i.nodeKey} of node ${i.node}`,
  findById: async (c: StringeeClient, rawId, i) => {
    const { node, id } = splitKeypressId(rawId, i.node || undefined);
    if (node === undefined) {
      throw new Error(
        `IvrKeypress id ${JSON.stringify(rawId)} needs its node: use "<node id>/<keypress id>".`,
      );
    }
    return orUndefined(c.ivrKeypresses.findById(node, id));
  },
  findByKey: (c, i) => orUndefined(c.ivrKeypresses.findByNaturalKey({ node: i.node, nodeKey: i.nodeKey })),
  create: async (c, i) =>
    (
      await c.ivrKeypresses.create({
        ...targetsOf(i),
        node: i.node,
        nodeKey: i.nodeKey,
        action: ACTION_CODES[i.action],
      })
    ).id,
  update: async (c, id, _olds, news, changed) => {
    const patch: Record<string, unknown> = {};
    if (changed.includes("nodeKey")) patch["nodeKey"] = news.nodeKey;
    if (changed.some((f) => f === "action" || (TARGETS as readonly string[]).includes(f))) {
      // Send the whole action: its code, its targets, and null for the targets of other actions.
      patch["action"] = ACTION_CODES[news.action];
      for (const f of TARGETS) patch[f] = news[f] ?? null;
    }
    await c.ivrKeypresses.update(id, patch);
  },
  delete: async (c, id) => {
    await c.ivrKeypresses.delete(splitKeypressId(id, undefined).id);
  },
  toInputs: (k) => fromRemote(k),
  observed: (k) => ({ tree: k?.tree ?? null }),
});

function targetsOf(i: IvrKeypressInputs): Partial<IvrKeypressInputs> {
  const out: Record<string, unknown> = {};
  for (const f of ACTION_FIELDS[i.action]) out[f] = i[f];
  return out as Partial<IvrKeypressInputs>;
}
