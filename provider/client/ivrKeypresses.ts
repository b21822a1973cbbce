// IVR keypresses (/v1/ivrkeypress on the ICC host): what a DTMF key does at one IVR node. The list is
// per node (`?node=`), so every read needs the node id; the natural key is node + key.
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
  compact,
  idToWire,
  sameId,
  textToWire,
  unseenFields,
  wireId,
  wireInt,
  wireString,
} from "./normalize";

/**
 * What a key does: 1 voice mail, 2 route to a queue, 3 forward to a phone number, 4 go to the next
 * IVR node, 5 send an SMS, 6 stop the call.
 */
export type KeypressAction = 1 | 2 | 3 | 4 | 5 | 6;

/** Named {@link KeypressAction} values. */
export const KEYPRESS_ACTIONS = {
  voicemail: 1,
  routeToQueue: 2,
  forwardToPhone: 3,
  nextNode: 4,
  sendSms: 5,
  stopCall: 6,
} as const satisfies Record<string, KeypressAction>;

/** A keypress as the list shows it. */
export interface IvrKeypress {
  /** Keypress id, e.g. `NO_KE_F0BSI4Q82DDWS9RM` (may be numeric text such as `17`). */
  id: string;
  /** IVR tree id, when reported. */
  tree?: string;
  /** IVR node id the key belongs to. */
  node: string;
  /** `0`-`9`, `*`, `#`, `EMPTY_KEY` (timeout) or `INVALID_KEY`. */
  nodeKey: string;
  /** What the key does. */
  action: number;
  /** Next IVR node id (action 4). */
  nextNode?: string;
  /** Queue id (action 2). */
  queueId?: string;
  /** Caller id used when calling out to an agent (action 3). */
  fromNumberCalloutToAgent?: string;
  /** Phone number to forward to (action 3). */
  toPhoneNumber?: string;
  /** SMS text (action 5). */
  sms?: string;
  /** Fields the list item did not carry (Stringee lists show fewer fields than create takes); see `unseenFields`. */
  unseen?: readonly string[];
}

/** Fields of a new keypress. */
export interface IvrKeypressInput {
  /** IVR node id. */
  node: string;
  /** The key. */
  nodeKey: string;
  /** What the key does. */
  action: KeypressAction;
  /** Next IVR node id (action 4). */
  nextNode?: string;
  /** Queue id (action 2). */
  queueId?: string;
  /** Caller id used when calling out to an agent (action 3). */
  fromNumberCalloutToAgent?: string;
  /** Phone number to forward to (action 3). */
  toPhoneNumber?: string;
  /** SMS text (action 5). */
  sms?: string;
}

/** Fields to change on a keypress (the node cannot change); `null` clears a field. */
export interface IvrKeypressUpdate {
  /** The key. */
  nodeKey?: string;
  /** What the key does. */
  action?: KeypressAction;
  /** Next IVR node id (`null` clears it). */
  nextNode?: string | null;
  /** Queue id (`null` clears it). */
  queueId?: string | null;
  /** Caller id for call-outs (`null` clears it). */
  fromNumberCalloutToAgent?: string | null;
  /** Forward-to number (`null` clears it). */
  toPhoneNumber?: string | null;
  /** SMS text (`null` clears it). */
  sms?: string | null;
}

/** Natural key of a keypress. */
export interface IvrKeypressKey {
  /** IVR node id (prefix optional). */
  node: string;
  /** The key. */
  nodeKey: string;
}

/** The wire key of each optional field of the keypress list item (the client reads these when present). */
export const IVR_KEYPRESS_OPTIONAL_WIRE = {
  nextNode: "next_node",
  queueId: "queue_id",
  fromNumberCalloutToAgent: "from_number_callout_to_agent",
  toPhoneNumber: "to_phone_number",
  sms: "sms",
} as const;

/** Maps one list item to the domain type; `undefined` when it lacks an id, node or key. */
export function ivrKeypressFromWire(w: WireRecord): IvrKeypress | undefined {
  const id = wireId(w["id"]);
  const node = wireId(w["node"]);
  const nodeKey = wireString(w["node_key"]);
  const action = wireInt(w["action"]);
  if (id === undefined || node === undefined || nodeKey === undefined || action === undefined)
    return undefined;
  return compact({
    id,
    tree: wireId(w["tree"]),
    node,
    nodeKey,
    action,
    nextNode: wireId(w["next_node"]),
    queueId: wireId(w["queue_id"]),
    fromNumberCalloutToAgent: wireString(w["from_number_callout_to_agent"]),
    toPhoneNumber: wireString(w["to_phone_number"]),
    sms: wireString(w["sms"]),
    unseen: unseenFields(w, IVR_KEYPRESS_OPTIONAL_WIRE),
  }) as IvrKeypress;
}

/** Maps a create or update to its request body (only given fields). */
export function ivrKeypressToWire(k: IvrKeypressInput | IvrKeypressUpdate): WireRecord {
  return compact({
    node: "node" in k ? k.node : undefined,
    node_key: k.nodeKey,
    action: k.action,
    next_node: idToWire(k.nextNode),
    queue_id: idToWire(k.queueId),
    from_number_callout_to_agent: textToWire(k.fromNumberCalloutToAgent),
    to_phone_number: textToWire(k.toPhoneNumber),
    sms: textToWire(k.sms),
  });
}

const PATH = "/v1/ivrkeypress";

// The listing of one IVR node's children, shared by list() and parentCreated() so both name the same listing.
function listingOf(node: string) {
  return { itemsKey: "ivrNodeKeys", query: { node } };
}

/** The `/v1/ivrkeypress` collection. */
export class IvrKeypressesApi {
  /** Wraps a shared {@link StringeeHttp}. */
  constructor(private readonly http: StringeeHttp) {}

  /** Called when this client has just created the IVR node `node`: it has none of these yet. */
  parentCreated(node: string): void {
    this.http.knownEmpty("icc", PATH, listingOf(node));
  }

  /** Every keypress of one IVR node, all pages. */
  async list(node: string): Promise<IvrKeypress[]> {
    const items = await this.http.listAll("icc", PATH, {
      ...listingOf(node),
      idOf: (w) => wireId(w["id"]),
    });
    return items.map(ivrKeypressFromWire).filter((k): k is IvrKeypress => k !== undefined);
  }

  /** The keypress with this id on `node`, or `undefined`. */
  async findById(node: string, id: string): Promise<IvrKeypress | undefined> {
    return (await this.list(node)).find((k) => sameId(k.id, id));
  }

  /** The keypress for `nodeKey` on `node`, or `undefined`. */
  async findByNaturalKey(key: IvrKeypressKey): Promise<IvrKeypress | undefined> {
    return (await this.list(key.node)).find((k) => k.nodeKey === key.nodeKey && sameId(k.node, key.node));
  }

  /** Creates a keypress; duplicate-safe when the answer is lost. */
  create(input: IvrKeypressInput): Promise<CreateResult> {
    return createWithRecovery({
      send: () => this.http.post("icc", PATH, ivrKeypressToWire(input)),
      idFromAnswer: (a) => answerId(a, "ivrNodeKeyID", "id"),
      findExisting: async () => (await this.findByNaturalKey(input))?.id,
      listIds: async () => (await this.list(input.node)).map((k) => k.id),
    });
  }

  /** Changes the given fields only; nothing is sent when `patch` is empty. */
  async update(id: string, patch: IvrKeypressUpdate): Promise<void> {
    const body = ivrKeypressToWire(patch);
    if (Object.keys(body).length === 0) return;
    await this.http.put("icc", `${PATH}/${seg(id)}`, body);
  }

  /** Deletes a keypress; an already missing one resolves with `deleted: false`. */
  delete(id: string): Promise<DeleteResult> {
    return deleteTolerant(() => this.http.delete("icc", `${PATH}/${seg(id)}`));
  }
}
