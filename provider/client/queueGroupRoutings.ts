// Routing of a queue's calls to agent groups (/v1/routing-call-to-groups on the ICC host). The list is
// per queue (`?queue=`), so every read needs the queue id; the natural key is queue + group (one
// routing per pair). Only the primary flag can change: queue and group are fixed at create.
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
import { compact, sameId, wireBool, wireId } from "./normalize";

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

/** Maps one list item to the domain type; `undefined` when it lacks an id, queue or group. */
export function queueGroupRoutingFromWire(w: WireRecord): QueueGroupRouting | undefined {
  const id = wireId(w["id"]);
  const queueId = wireId(w["queue_id"]);
  const groupId = wireId(w["group_id"]);
  if (id === undefined || queueId === undefined || groupId === undefined) return undefined;
  return { id, queueId, groupId, primaryGroup: wireBool(w["primary_group"]) ?? false };
}

/** Maps a create or update to its request body (only given fields; the flag is sent as 1/0, as documented). */
export function queueGroupRoutingToWire(r: QueueGroupRoutingInput | QueueGroupRoutingUpdate): WireRecord {
  return compact({
    queue_id: "queueId" in r ? r.queueId : undefined,
    group_id: "groupId" in r ? r.groupId : undefined,
    primary_group: r.primaryGroup === undefined ? undefined : r.primaryGroup ? 1 : 0,
  });
}

const PATH = "/v1/routing-call-to-groups";

// The listing of one queue's children, shared by list() and parentCreated() so both name the same listing.
function listingOf(queueId: string) {
  return { itemsKey: "groupRoutings", query: { queue: queueId } };
}

/** The `/v1/routing-call-to-groups` collection. */
export class QueueGroupRoutingsApi {
  /** Wraps a shared {@link StringeeHttp}. */
  constructor(private readonly http: StringeeHttp) {}

  /** Called when this client has just created the queue `queueId`: it has none of these yet. */
  parentCreated(queueId: string): void {
    this.http.knownEmpty("icc", PATH, listingOf(queueId));
  }

  /** Every routing of one queue, all pages. Rejects with a not-found error when the queue does not exist. */
  async list(queueId: string): Promise<QueueGroupRouting[]> {
    const items = await this.http.listAll("icc", PATH, {
      ...listingOf(queueId),
      idOf: (w) => wireId(w["id"]),
    });
    return items.map(queueGroupRoutingFromWire).filter((r): r is QueueGroupRouting => r !== undefined);
  }

  /** The routing with this id on `queueId`, or `undefined`. */
  async findById(queueId: string, id: string): Promise<QueueGroupRouting | undefined> {
    return (await this.list(queueId)).find((r) => sameId(r.id, id));
  }

  /** The routing of `key.queueId` to `key.groupId`, or `undefined`. */
  async findByNaturalKey(key: QueueGroupRoutingKey): Promise<QueueGroupRouting | undefined> {
    return (await this.list(key.queueId)).find((r) => sameId(r.groupId, key.groupId));
  }

  /** Creates a routing; duplicate-safe (by queue + group) when the answer is lost. */
  create(input: QueueGroupRoutingInput): Promise<CreateResult> {
    return createWithRecovery({
      send: () => this.http.post("icc", PATH, queueGroupRoutingToWire(input)),
      idFromAnswer: (a) => answerId(a, "groupRoutingID", "id"),
      findExisting: async () => (await this.findByNaturalKey(input))?.id,
      listIds: async () => (await this.list(input.queueId)).map((r) => r.id),
    });
  }

  /** Changes the given fields only; nothing is sent when `patch` is empty. */
  async update(id: string, patch: QueueGroupRoutingUpdate): Promise<void> {
    const body = queueGroupRoutingToWire(patch);
    if (Object.keys(body).length === 0) return;
    await this.http.put("icc", `${PATH}/${seg(id)}`, body);
  }

  /** Deletes a routing; an already missing one resolves with `deleted: false`. */
  delete(id: string): Promise<DeleteResult> {
    return deleteTolerant(() => this.http.delete("icc", `${PATH}/${seg(id)}`));
  }
}
