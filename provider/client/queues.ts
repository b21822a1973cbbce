// Call queues (/v1/queue on the ICC host). The natural key is the queue name: Stringee does not
// enforce uniqueness, so callers that rely on it must keep names unique themselves.
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
  textToWire,
  unseenFields,
  wireBool,
  wireId,
  wireInt,
  wireString,
} from "./normalize";

/** A queue as the list shows it. */
export interface Queue {
  /** Queue id, e.g. `QU_H7CFNKKKUGYG5N2R`. */
  id: string;
  /** Queue name (natural key). */
  name: string;
  /** Whether calls through the queue are recorded. */
  recordCalls?: boolean;
  /** Whether agents get wrap-up time after each call. */
  agentWrapUpAfterCalls?: boolean;
  /** Wrap-up time limit in seconds. */
  wrapUpTimeLimit?: number;
  /** Working-hours schedule (1 = always open, 2 = custom hours). */
  schedule?: number;
  /** Seconds to wait for an agent to answer. */
  waitAgentAnswerTimeout?: number;
  /** Greeting played while waiting (text or audio URL). */
  waitGreeting?: string;
  /** Greeting played while on hold. */
  holdGreeting?: string;
  /** Maximum number of callers waiting in the queue. */
  maximumQueueSize?: number;
  /** Maximum seconds a caller waits in the queue. */
  maximumQueueWaitTime?: number;
  /** Caller id used when calling out to agents' phones. */
  fromNumberCalloutToAgent?: string;
  /** URL Stringee calls to get the agents of this queue dynamically. */
  getListAgentsUrl?: string;
  /** Which agents are offered calls: 1 online in the web or app, 2 also on a SIP phone. */
  condRouting?: QueueCondRouting;
  /** Fields the list item did not carry (Stringee lists show fewer fields than create takes); see `unseenFields`. */
  unseen?: readonly string[];
}

/** Agents a queue offers calls to: 1 online in the web or app, 2 online in the web, app or on a SIP phone. */
export type QueueCondRouting = 1 | 2;

/** Fields of a new queue. */
export type QueueInput = Omit<Queue, "id" | "unseen">;

/** Fields to change on a queue; omitted fields are not sent, `null` clears a text field. */
export interface QueueUpdate {
  /** Queue name. */
  name?: string;
  /** Whether calls are recorded. */
  recordCalls?: boolean;
  /** Whether agents get wrap-up time. */
  agentWrapUpAfterCalls?: boolean;
  /** Wrap-up time limit in seconds. */
  wrapUpTimeLimit?: number;
  /** Working-hours schedule. */
  schedule?: number;
  /** Seconds to wait for an agent to answer. */
  waitAgentAnswerTimeout?: number;
  /** Waiting greeting (`null` clears it). */
  waitGreeting?: string | null;
  /** Hold greeting (`null` clears it). */
  holdGreeting?: string | null;
  /** Maximum number of waiting callers. */
  maximumQueueSize?: number;
  /** Maximum wait in seconds. */
  maximumQueueWaitTime?: number;
  /** Caller id for call-outs (`null` clears it). */
  fromNumberCalloutToAgent?: string | null;
  /** Dynamic agent list URL (`null` clears it). */
  getListAgentsUrl?: string | null;
  /** Which agents are offered calls (1 or 2). */
  condRouting?: QueueCondRouting;
}

/** Natural key of a queue. */
export interface QueueKey {
  /** Queue name. */
  name: string;
}

/** Maps one list item to the domain type; `undefined` when it lacks an id or name. */
export function queueFromWire(w: WireRecord): Queue | undefined {
  const id = wireId(w["id"]);
  const name = wireString(w["name"]);
  if (id === undefined || name === undefined) return undefined;
  return compact({
    id,
    name,
    recordCalls: wireBool(w["record_calls"]),
    agentWrapUpAfterCalls: wireBool(w["agent_wrap_up_after_calls"]),
    wrapUpTimeLimit: wireInt(w["wrap_up_time_limit"]),
    schedule: wireInt(w["schedule"]),
    waitAgentAnswerTimeout: wireInt(w["wait_agent_answer_timeout"]),
    waitGreeting: wireString(w["wait_greeting"]),
    holdGreeting: wireString(w["hold_greeting"]),
    maximumQueueSize: wireInt(w["maximum_queue_size"]),
    maximumQueueWaitTime: wireInt(w["maximum_queue_wait_time"]),
    fromNumberCalloutToAgent: wireString(w["from_number_callout_to_agent"]),
    getListAgentsUrl: wireString(w["get_list_agents_url"]),
    condRouting: condRoutingFromWire(w["cond_routing"]),
    unseen: unseenFields(w, QUEUE_OPTIONAL_WIRE),
  }) as Queue;
}

/** Maps a create or update to its request body (only given fields). */
export function queueToWire(q: QueueInput | QueueUpdate): WireRecord {
  return compact({
    name: q.name,
    record_calls: boolToWire(q.recordCalls),
    agent_wrap_up_after_calls: boolToWire(q.agentWrapUpAfterCalls),
    wrap_up_time_limit: q.wrapUpTimeLimit,
    schedule: q.schedule,
    wait_agent_answer_timeout: q.waitAgentAnswerTimeout,
    wait_greeting: textToWire(q.waitGreeting),
    hold_greeting: textToWire(q.holdGreeting),
    maximum_queue_size: q.maximumQueueSize,
    maximum_queue_wait_time: q.maximumQueueWaitTime,
    from_number_callout_to_agent: textToWire(q.fromNumberCalloutToAgent),
    get_list_agents_url: textToWire(q.getListAgentsUrl),
    cond_routing: q.condRouting,
  });
}

/** The wire key of each optional queue setting (the client reads these when present). */
export const QUEUE_OPTIONAL_WIRE = {
  recordCalls: "record_calls",
  agentWrapUpAfterCalls: "agent_wrap_up_after_calls",
  wrapUpTimeLimit: "wrap_up_time_limit",
  schedule: "schedule",
  waitAgentAnswerTimeout: "wait_agent_answer_timeout",
  waitGreeting: "wait_greeting",
  holdGreeting: "hold_greeting",
  maximumQueueSize: "maximum_queue_size",
  maximumQueueWaitTime: "maximum_queue_wait_time",
  fromNumberCalloutToAgent: "from_number_callout_to_agent",
  getListAgentsUrl: "get_list_agents_url",
  condRouting: "cond_routing",
} as const;

// 1 or 2 as documented; anything else (an older boolean form) reads as unknown rather than a guess.
function condRoutingFromWire(value: unknown): QueueCondRouting | undefined {
  const n = wireInt(value);
  return n === 1 || n === 2 ? n : undefined;
}

const PATH = "/v1/queue";

/** The `/v1/queue` collection. */
export class QueuesApi {
  /**
   * Wraps a shared {@link StringeeHttp}. `onCreated` hears of each queue this client created (not one
   * found after a lost answer), so the collection of its children can skip listing it.
   */
  constructor(
    private readonly http: StringeeHttp,
    private readonly onCreated: (id: string) => void = () => undefined,
  ) {}

  /** Every queue, all pages. */
  async list(): Promise<Queue[]> {
    const items = await this.http.listAll("icc", PATH, { itemsKey: "queues", idOf: (w) => wireId(w["id"]) });
    return items.map(queueFromWire).filter((q): q is Queue => q !== undefined);
  }

  /** The queue with this id (prefix optional), or `undefined`. */
  async findById(id: string): Promise<Queue | undefined> {
    return (await this.list()).find((q) => sameId(q.id, id));
  }

  /** The queue named `name`, or `undefined`. */
  async findByName(name: string): Promise<Queue | undefined> {
    return (await this.list()).find((q) => q.name === name);
  }

  /** Lookup by natural key (the name). */
  findByNaturalKey(key: QueueKey): Promise<Queue | undefined> {
    return this.findByName(key.name);
  }

  /** Creates a queue; duplicate-safe when the answer is lost. */
  async create(input: QueueInput): Promise<CreateResult> {
    const created = await createWithRecovery({
      send: () => this.http.post("icc", PATH, queueToWire(input)),
      idFromAnswer: (a) => answerId(a, "queueID", "id"),
      findExisting: async () => (await this.findByName(input.name))?.id,
      listIds: async () => (await this.list()).map((q) => q.id),
    });
    if (!created.recovered) this.onCreated(created.id);
    return created;
  }

  /** Changes the given fields only; nothing is sent when `patch` is empty. */
  async update(id: string, patch: QueueUpdate): Promise<void> {
    const body = queueToWire(patch);
    if (Object.keys(body).length === 0) return;
    await this.http.put("icc", `${PATH}/${seg(id)}`, body);
  }

  /** Deletes a queue; an already missing one resolves with `deleted: false`. */
  delete(id: string): Promise<DeleteResult> {
    return deleteTolerant(() => this.http.delete("icc", `${PATH}/${seg(id)}`));
  }
}
