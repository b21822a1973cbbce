// stringee.QueueGroupRouting: which agent groups a queue rings, and which one is primary.
//   create -> POST /v1/routing-call-to-groups (ICC)   read   -> GET /v1/routing-call-to-groups?queue={queue}
//   update -> PUT  /v1/routing-call-to-groups/{id}    delete -> DELETE /v1/routing-call-to-groups/{id} (not found = done)
// Replacement: `queueId` and `groupId` (the API only updates primary_group); the replacement has another
// natural key, so it is created before the old routing is deleted.
// Natural key: queueId + groupId (one routing per queue and group).
import type { QueueGroupRouting as RemoteRouting, StringeeClient } from "../client";
import { Validator, orUndefined, type Checked, defineKind } from "./framework";

// ---- values users choose from ----

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface QueueGroupRoutingInputs {
  /** Queue id (`QU_…`). Changing it replaces the routing. */
  queueId: string;
  /** Group id (`GR_…`). Changing it replaces the routing. */
  groupId: string;
  /** Whether this is the queue's primary group (default false). */
  primaryGroup: boolean;
}

/** What the resource reports: its canonical inputs. */
export type QueueGroupRoutingOutputs = QueueGroupRoutingInputs;

const FIELDS = ["queueId", "groupId", "primaryGroup"] as const;

// ---- validation ----

/** Validates raw QueueGroupRouting inputs (runs at preview, before any API call). */
export function checkQueueGroupRouting(raw: Record<string, unknown>): Checked<QueueGroupRoutingInputs> {
  const v = new Validator(raw, "QueueGroupRouting");
  v.rejectUnknown(FIELDS);
  const queueId = v.string("queueId", {
    required: true,
    maxLength: 64,
    hint: "the queue id, for example queue.stringeeId",
  });
  const groupId = v.string("groupId", {
    required: true,
    maxLength: 64,
    hint: "the group id, for example group.stringeeId",
  });
  const primaryGroup = v.boolean("primaryGroup", { default: false });
  return {
    inputs: { queueId: queueId ?? "", groupId: groupId ?? "", primaryGroup: primaryGroup ?? false },
    failures: v.failures,
  };
}

// ---- API mapping ----

/** A routing id may carry its queue (`<queue>/<id>`), which `.get` and `importId` need: the list is per queue. */
export function splitRoutingId(
  id: string,
  queue: string | undefined,
): { queue: string | undefined; id: string } {
  const slash = id.indexOf("/");
  return slash > 0 ? { queue: id.slice(0, slash), id: id.slice(slash + 1) } : { queue, id };
}

// ---- the provider object ----

/** How the framework manages a QueueGroupRouting. */
export const queueGroupRoutingDefinition = defineKind<QueueGroupRoutingInputs, RemoteRouting>({
  kind: "queueGroupRouting",
  naturalKey: ["queueId", "groupId"],
  references: { queueId: "queue", groupId: "group" },
  importIdForm: "GR_RO_…, or <queue id>/<routing id>",
  check: checkQueueGroupRouting,
  replaceOn: ["queueId", "groupId"],
  diffed: FIELDS,
  describeKey: (i) => `group ${i.groupId} of queue ${i.queueId}`,
  findById: async (c: StringeeClient, rawId, i) => {
    const { queue, id } = splitRoutingId(rawId, i.queueId || undefined);
    if (queue === undefined)
      throw new Error(
        `QueueGroupRouting id ${JSON.stringify(rawId)} needs its queue: use "<queue id>/<routing id>".`,
      );
    return orUndefined(c.queueGroupRoutings.findById(queue, id));
  },
  findByKey: (c, i) =>
    orUndefined(c.queueGroupRoutings.findByNaturalKey({ queueId: i.queueId, groupId: i.groupId })),
  create: async (c, i) => (await c.queueGroupRoutings.create(i)).id,
  update: async (c, id, _olds, news) => {
    await c.queueGroupRoutings.update(splitRoutingId(id, undefined).id, {
      primaryGroup: news.primaryGroup,
    });
  },
  delete: async (c, id) => {
    await c.queueGroupRoutings.delete(splitRoutingId(id, undefined).id);
  },
  toInputs: (r) => ({ queueId: r.queueId, groupId: r.groupId, primaryGroup: r.primaryGroup }),
  // Nothing to read back: no computed fields, no server-side outputs.
  readBackAfterCreate: false,
});
