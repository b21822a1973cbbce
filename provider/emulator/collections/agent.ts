// ICC agents (/v1/agent), as documented in agent.txt.
import { R, fail, ok } from "../codes";
import type { CollectionDefinition } from "./types";

/** The agent collection. */
export const agentCollection: CollectionDefinition = {
  name: "agent",
  label: "Agent",
  path: "/v1/agent",
  envelope: "icc",
  idPrefix: "AG_",
  fields: {
    name: { type: "string", required: true },
    stringee_user_id: { type: "string", required: true },
    manual_status: { type: "string" },
    routing_type: { type: "int", oneOf: [1, 2], default: 1 },
    phone_number: { type: "string" },
    system_status: { type: "int", oneOf: [0, 1], default: 0 },
    device_status: { type: "int", internal: true, default: 0 },
    last_time_pickup: { type: "int", internal: true, default: 0 },
    last_time_support_call_ended: { type: "int", internal: true, default: 0 },
  },
  unique: [["stringee_user_id"]],
  // The list sample shows neither: an agent's routing cannot be read back.
  lenientOnly: ["routing_type", "phone_number"],
  createIdKey: "agentID",
  listKey: "agents",
  totalKey: "totalAgents",
  paged: true,
  messages: {
    create: "Create agent success",
    list: "Load agent(s) success",
    update: "Update agent info success",
    delete: "Delete agent success",
    notFound: "Agent not found",
  },
  finish(record) {
    if (record.routing_type === 2 && !record.phone_number) {
      return fail(R.INVALID_FIELD, "phone_number is required when routing_type is 2");
    }
    return ok(record);
  },
  toWire(record, view) {
    return {
      id: record.id,
      project: view.projectId,
      account: view.accountId,
      name: record.name,
      stringee_user_id: record.stringee_user_id,
      manual_status: record.manual_status,
      system_status: record.system_status,
      device_status: record.device_status,
      routing_type: record.routing_type,
      phone_number: record.phone_number,
      last_time_pickup: record.last_time_pickup,
      last_time_support_call_ended: record.last_time_support_call_ended,
    };
  },
  // Key order of the doc's sample update response.
  updateResponse(_id, view) {
    return { r: 0, message: "Update agent info success", project: view.projectId };
  },
};
