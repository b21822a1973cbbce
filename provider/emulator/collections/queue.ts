// ICC queues (/v1/queue). Not among the four documents: fields and defaults follow Stringee's
// queue page; response shapes follow the other ICC collections (see ASSUMPTIONS.md).
import { bool01 } from "../schema";
import { crudMessages, listedHeader, type CollectionDefinition } from "./types";

/** The queue collection. */
export const queueCollection: CollectionDefinition = {
  name: "queue",
  label: "Queue",
  path: "/v1/queue",
  envelope: "icc",
  idPrefix: "QU_",
  fields: {
    name: { type: "string", required: true },
    record_calls: { type: "boolean", default: true },
    agent_wrap_up_after_calls: { type: "boolean", default: true },
    wrap_up_time_limit: { type: "int", min: 0, default: 10 },
    schedule: { type: "int", oneOf: [1, 2], default: 1 },
    wait_agent_answer_timeout: { type: "int", min: 3, default: 15 },
    wait_greeting: { type: "string" },
    hold_greeting: { type: "string" },
    maximum_queue_size: { type: "int", min: 0, default: 5 },
    maximum_queue_wait_time: { type: "int", min: 0, default: 60 },
    from_number_callout_to_agent: { type: "string" },
    get_list_agents_url: { type: "string", maxLength: 1000 },
    // 1: route to agents online on the web or app, 2: web, app or SIP phone (public code and type definitions).
    cond_routing: { type: "int", oneOf: [1, 2], default: 1 },
  },
  unique: [],
  // Public type definitions list queues with fewer fields than create takes; the strict reading keeps to those.
  lenientOnly: [
    "maximum_queue_size",
    "maximum_queue_wait_time",
    "from_number_callout_to_agent",
    "get_list_agents_url",
    "cond_routing",
  ],
  createIdKey: "queueID",
  listKey: "queues",
  totalKey: "totalCount",
  paged: true,
  messages: crudMessages("queue", "Load queue success", "Queue not found"),
  toWire(record, view) {
    return {
      ...listedHeader(record, view),
      name: record.name,
      record_calls: bool01(record.record_calls),
      agent_wrap_up_after_calls: bool01(record.agent_wrap_up_after_calls),
      wrap_up_time_limit: record.wrap_up_time_limit,
      schedule: record.schedule,
      wait_agent_answer_timeout: record.wait_agent_answer_timeout,
      wait_greeting: record.wait_greeting,
      hold_greeting: record.hold_greeting,
      maximum_queue_size: record.maximum_queue_size,
      maximum_queue_wait_time: record.maximum_queue_wait_time,
      from_number_callout_to_agent: record.from_number_callout_to_agent,
      get_list_agents_url: record.get_list_agents_url,
      cond_routing: record.cond_routing,
    };
  },
};
