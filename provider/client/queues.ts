// Call queues (/v1/queue on the ICC host). The natural key is the queue name: Stringee does not
// enforce uniqueness, so callers that rely on it must keep names unique themselves.
import { CrudCollection, defineCollection } from "./collection";
import { LISTED_ID, flag, int, text, type Unseen } from "./fields";

/** A queue as the list shows it. */
export interface Queue extends Unseen {
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

/** The `/v1/queue` collection, declared. */
export const QUEUES = defineCollection<Queue, QueueKey>({
  path: "/v1/queue",
  itemsKey: "queues",
  idPrefix: "QU_",
  createdIdKey: "queueID",
  naturalKey: ["name"],
  markUnseen: true,
  ignored: ["enable_voicemail"],
  fields: {
    id: LISTED_ID,
    name: text("name", { required: true }),
    recordCalls: flag("record_calls"),
    agentWrapUpAfterCalls: flag("agent_wrap_up_after_calls"),
    wrapUpTimeLimit: int("wrap_up_time_limit"),
    schedule: int("schedule"),
    waitAgentAnswerTimeout: int("wait_agent_answer_timeout"),
    waitGreeting: text("wait_greeting"),
    holdGreeting: text("hold_greeting"),
    maximumQueueSize: int("maximum_queue_size"),
    maximumQueueWaitTime: int("maximum_queue_wait_time"),
    fromNumberCalloutToAgent: text("from_number_callout_to_agent"),
    getListAgentsUrl: text("get_list_agents_url"),
    // 1 or 2 as documented; anything else (an older boolean form) reads as unknown rather than a guess.
    condRouting: int("cond_routing", { oneOf: [1, 2] }),
  },
});

/** List item → queue (`undefined` without an id or name); create or update → request body. */
export const { fromWire: queueFromWire, toWire: queueToWire } = QUEUES;

/** The `/v1/queue` collection. */
export class QueuesApi extends CrudCollection<Queue, QueueInput, QueueUpdate, QueueKey> {
  protected readonly def = QUEUES;

  /** The queue named `name`, or `undefined`. */
  findByName(name: string): Promise<Queue | undefined> {
    return this.findByNaturalKey({ name });
  }
}
