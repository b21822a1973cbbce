// IVR keypresses (/v1/ivrkeypress on the ICC host): what a DTMF key does at one IVR node. The list is
// per node (`?node=`), so every read needs the node id; the natural key is node + key.
import { CrudCollection, defineCollection } from "./collection";
import { LISTED_ID, int, ref, text, type Unseen } from "./fields";
import { IVR_NODES } from "./ivrNodes";

/**
 * What a key does: 1 voice mail, 2 route to a queue, 3 forward to a phone number, 4 go to the next
 * IVR node, 5 send an SMS, 6 stop the call.
 */
export type KeypressAction = 1 | 2 | 3 | 4 | 5 | 6;

/** A keypress as the list shows it. */
export interface IvrKeypress extends Unseen {
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

/** The `/v1/ivrkeypress` collection, declared. */
export const IVR_KEYPRESSES = defineCollection<IvrKeypress, IvrKeypressKey>({
  path: "/v1/ivrkeypress",
  itemsKey: "ivrNodeKeys",
  idPrefix: "NO_KE_",
  createdIdKey: "ivrNodeKeyID",
  naturalKey: ["node", "nodeKey"],
  markUnseen: true,
  fields: {
    id: LISTED_ID,
    // Where the node is, not a setting of the keypress: never worth an `unseen` note.
    tree: ref("tree", { readOnly: true, unseen: false }),
    node: ref("node", { required: true, parent: { of: IVR_NODES, param: "node" } }),
    nodeKey: text("node_key", { required: true }),
    action: int("action", { required: true }),
    nextNode: ref("next_node"),
    queueId: ref("queue_id"),
    fromNumberCalloutToAgent: text("from_number_callout_to_agent"),
    toPhoneNumber: text("to_phone_number"),
    sms: text("sms"),
  },
});

/** List item → keypress (`undefined` without an id, node, key or action); create or update → request body. */
export const { fromWire: ivrKeypressFromWire, toWire: ivrKeypressToWire } = IVR_KEYPRESSES;

/** The `/v1/ivrkeypress` collection, listed per IVR node. */
export class IvrKeypressesApi extends CrudCollection<
  IvrKeypress,
  IvrKeypressInput,
  IvrKeypressUpdate,
  IvrKeypressKey,
  [node: string]
> {
  protected readonly def = IVR_KEYPRESSES;
}
