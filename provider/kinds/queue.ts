// stringee.Queue: a call queue that numbers and IVR keypresses route callers to.
//   create -> POST /v1/queue (ICC)      read   -> GET /v1/queue?page&limit (no GET by id)
//   update -> PUT  /v1/queue/{id}       delete -> DELETE /v1/queue/{id} (not found = done)
// Replacement: none; every field can be changed in place.
// Natural key: name (Stringee does not enforce it; the provider uses it to avoid duplicates).
// Optional settings never declared are not managed: Stringee's defaults apply and are reported in the outputs;
// a setting that stops being declared is set back to Stringee's documented default (QUEUE_DEFAULTS).
// condRouting is Stringee's `cond_routing` (1 | 2), named here: "app" (1) or "appOrSipPhone" (2).
import type { Queue as RemoteQueue, QueueInput as RemoteQueueInput } from "../client";
import { Validator, defineKind, orUndefined, type Checked, type DocumentedDefaults } from "./framework";

// ---- values users choose from ----

/** When a queue takes calls: 1 always, 2 according to its schedule. */
export type QueueSchedule = 1 | 2;

/**
 * Which agents a queue offers calls to: `app` (Stringee's `cond_routing` 1, the default) those online in the
 * web or mobile app; `appOrSipPhone` (2) also those reachable on a SIP phone.
 */
export type QueueCondRouting = "app" | "appOrSipPhone";

/** The named {@link QueueCondRouting} values and the numbers Stringee uses for them. */
export const COND_ROUTING_VALUES: Readonly<Record<QueueCondRouting, 1 | 2>> = { app: 1, appOrSipPhone: 2 };

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface QueueInputs {
  /** Queue name (unique within the account for this provider). */
  name: string;
  /** Record the calls of this queue. */
  recordCalls?: boolean;
  /** Give agents wrap-up time after each call. */
  agentWrapUpAfterCalls?: boolean;
  /** Wrap-up time limit in seconds. */
  wrapUpTimeLimit?: number;
  /** 1: always open; 2: open by schedule. */
  schedule?: QueueSchedule;
  /** Seconds to wait for an agent to answer (at least 3). */
  waitAgentAnswerTimeout?: number;
  /** Greeting played while callers wait: the uploaded file's name (a GreetingFile's `fileName`). */
  waitGreeting?: string;
  /** Music on hold: the uploaded file's name (a GreetingFile's `fileName`). */
  holdGreeting?: string;
  /** Maximum number of waiting callers. */
  maximumQueueSize?: number;
  /** Maximum wait in seconds. */
  maximumQueueWaitTime?: number;
  /** Stringee number used as caller id when calling agents on their phones (agents with routingType 2). */
  fromNumberCalloutToAgent?: string;
  /** URL Stringee calls to get the list of agents; when set, it replaces the groups routed to this queue. */
  getListAgentsUrl?: string;
  /** Which agents are offered calls: `app` (web or app, Stringee's default) or `appOrSipPhone`. */
  condRouting?: QueueCondRouting;
}

/** What the resource reports: its canonical inputs. */
export type QueueOutputs = QueueInputs;

/** Queue settings a program may leave out (Stringee then applies its own default; they are not managed). */
export const QUEUE_OPTIONAL_SETTINGS = [
  "recordCalls",
  "agentWrapUpAfterCalls",
  "wrapUpTimeLimit",
  "schedule",
  "waitAgentAnswerTimeout",
  "waitGreeting",
  "holdGreeting",
  "maximumQueueSize",
  "maximumQueueWaitTime",
  "fromNumberCalloutToAgent",
  "getListAgentsUrl",
  "condRouting",
] as const;
const FIELDS = ["name", ...QUEUE_OPTIONAL_SETTINGS] as const;

/**
 * Stringee's defaults of the optional settings (the queue page's field table; `condRouting` from public code,
 * its row could not be read), in this resource's terms. A setting that stops being declared goes back to
 * its default on the next `up`; `null` is no value (no greeting, no caller id, no agents URL).
 */
export const QUEUE_DEFAULTS: DocumentedDefaults<QueueInputs, (typeof QUEUE_OPTIONAL_SETTINGS)[number]> = {
  recordCalls: true,
  agentWrapUpAfterCalls: true,
  wrapUpTimeLimit: 10,
  schedule: 1,
  waitAgentAnswerTimeout: 15,
  waitGreeting: null,
  holdGreeting: null,
  maximumQueueSize: 5,
  maximumQueueWaitTime: 60,
  fromNumberCalloutToAgent: null,
  getListAgentsUrl: null,
  condRouting: "app",
};

// ---- validation ----

/** Validates and canonicalises raw Queue inputs (runs at preview, before any API call). */
export function checkQueue(raw: Record<string, unknown>): Checked<QueueInputs> {
  const v = new Validator(raw, "Queue");
  v.rejectUnknown(FIELDS);
  const inputs: QueueInputs = { name: v.string("name", { required: true, maxLength: 100 }) ?? "" };
  inputs.recordCalls = v.boolean("recordCalls");
  inputs.agentWrapUpAfterCalls = v.boolean("agentWrapUpAfterCalls");
  inputs.wrapUpTimeLimit = v.integer("wrapUpTimeLimit", { min: 0, max: 3600 });
  inputs.schedule = v.oneOf<QueueSchedule>("schedule", [1, 2]);
  inputs.waitAgentAnswerTimeout = v.integer("waitAgentAnswerTimeout", { min: 3, max: 600 });
  inputs.waitGreeting = v.string("waitGreeting", { maxLength: 1000 });
  inputs.holdGreeting = v.string("holdGreeting", { maxLength: 1000 });
  inputs.maximumQueueSize = v.integer("maximumQueueSize", { min: 0, max: 10_000 });
  inputs.maximumQueueWaitTime = v.integer("maximumQueueWaitTime", { min: 0, max: 86_400 });
  inputs.fromNumberCalloutToAgent = v.phone("fromNumberCalloutToAgent");
  inputs.getListAgentsUrl = v.string("getListAgentsUrl", {
    pattern: /^https?:\/\/\S+$/,
    hint: "use an http(s) URL",
    maxLength: 1000,
  });
  if (typeof raw["condRouting"] === "boolean") {
    v.fail(
      "condRouting",
      `condRouting is Stringee's cond_routing, which takes 1 or 2, not a boolean: use "app" (agents online in the web or app, the default) or "appOrSipPhone" (also agents on a SIP phone). Calls go to getListAgentsUrl whenever that URL is set.`,
    );
  } else {
    inputs.condRouting = v.oneOf<QueueCondRouting>(
      "condRouting",
      Object.keys(COND_ROUTING_VALUES) as QueueCondRouting[],
    );
  }
  return { inputs, failures: v.failures };
}

// ---- API mapping ----

function fromRemote(q: RemoteQueue): QueueInputs {
  const out: Record<string, unknown> = { name: q.name };
  for (const f of QUEUE_OPTIONAL_SETTINGS) out[f] = q[f];
  if (out["schedule"] !== 1 && out["schedule"] !== 2) out["schedule"] = undefined;
  out["condRouting"] = condRoutingName(q.condRouting);
  return out as unknown as QueueInputs;
}

/** The name of Stringee's `cond_routing` number (1 → `app`, 2 → `appOrSipPhone`); undefined for anything else. */
export function condRoutingName(value: number | undefined): QueueCondRouting | undefined {
  return (Object.keys(COND_ROUTING_VALUES) as QueueCondRouting[]).find(
    (k) => COND_ROUTING_VALUES[k] === value,
  );
}

function toRemote(patch: Record<string, unknown>): Record<string, unknown> {
  const condRouting = patch["condRouting"];
  if (typeof condRouting !== "string") return patch;
  return { ...patch, condRouting: COND_ROUTING_VALUES[condRouting as QueueCondRouting] };
}

// ---- the provider object ----

/** How the framework manages a Queue. */
export const queueDefinition = defineKind<QueueInputs, RemoteQueue>({
  kind: "queue",
  naturalKey: ["name"],
  importIdForm: "QU_…",
  check: checkQueue,
  diffed: FIELDS,
  computed: QUEUE_OPTIONAL_SETTINGS,
  documentedDefaults: QUEUE_DEFAULTS,
  describeKey: (i) => `name ${JSON.stringify(i.name)}`,
  // Named condRouting values map to Stringee's numbers on the way out, so the calls are spelled out here.
  findById: (c, id) => orUndefined(c.queues.findById(id)),
  findByKey: (c, i) => orUndefined(c.queues.findByName(i.name)),
  create: async (c, i) => (await c.queues.create(toRemote({ ...i }) as RemoteQueueInput)).id,
  update: async (c, id, _olds, news, changed) => {
    const patch: Record<string, unknown> = {};
    for (const f of changed) patch[f] = news[f] ?? null;
    await c.queues.update(id, toRemote(patch));
  },
  delete: async (c, id) => {
    await c.queues.delete(id);
  },
  toInputs: (q) => fromRemote(q),
});
