// Routing of a queue's calls to agent groups (/v1/routing-call-to-groups on the ICC host). The list is
// per queue (`?queue=`), so every read needs the queue id; the natural key is queue + group (one
// routing per pair). Only the primary flag can change: queue and group are fixed at create.
import { CrudCollection, defineCollection } from "./collection";
import { LISTED_ID, flag01, ref } from "./fields";
import { wireBool } from "./normalize";
import { QUEUES } from "./queues";

/** A queue-to-group routing as the queue's list shows it. */
export interface QueueGroupRouting {
  /** Routing id, e.g. `GR_RO_767XB0XBNTX6Z751`. */
  id: string;
  /** Queue id whose calls are routed. */
  queueId: string;
  /** Group id the calls are routed to. */
  groupId: string;
  /**
   * Whether the group has the higher priority: calls go to lower-priority groups only when no agent
   * of a primary group is available.
   */
  primaryGroup: boolean;
}

/** Fields of a new routing. */
export interface QueueGroupRoutingInput {
  /** Queue id. */
  queueId: string;
  /** Group id. */
  groupId: string;
  /** Whether the group has the higher priority. */
  primaryGroup: boolean;
}

/** Fields to change on a routing (queue and group cannot change). */
export interface QueueGroupRoutingUpdate {
  /** Whether the group has the higher priority. */
  primaryGroup?: boolean;
}

/** Natural key of a routing. */
export interface QueueGroupRoutingKey {
  /** Queue id (prefix optional). */
  queueId: string;
  /** Group id (prefix optional). */
  groupId: string;
}

/** The `/v1/routing-call-to-groups` collection, declared. */
export const QUEUE_GROUP_ROUTINGS = defineCollection<QueueGroupRouting, QueueGroupRoutingKey>({
  path: "/v1/routing-call-to-groups",
  itemsKey: "groupRoutings",
  idPrefix: "GR_RO_",
  createdIdKey: "groupRoutingID",
  naturalKey: ["groupId"],
  fields: {
    id: LISTED_ID,
    queueId: ref("queue_id", { required: true, parent: { of: QUEUES, param: "queue" } }),
    groupId: ref("group_id", { required: true }),
    // Sent as 1/0, as documented; a list item without it is not primary.
    primaryGroup: flag01("primary_group", { read: (v) => wireBool(v) ?? false }),
  },
});

/** List item → routing (`undefined` without an id, queue or group); create or update → request body. */
export const { fromWire: queueGroupRoutingFromWire, toWire: queueGroupRoutingToWire } = QUEUE_GROUP_ROUTINGS;

/** The `/v1/routing-call-to-groups` collection, listed per queue. */
export class QueueGroupRoutingsApi extends CrudCollection<
  QueueGroupRouting,
  QueueGroupRoutingInput,
  QueueGroupRoutingUpdate,
  QueueGroupRoutingKey,
  [queueId: string]
> {
  protected readonly def = QUEUE_GROUP_ROUTINGS;
}
