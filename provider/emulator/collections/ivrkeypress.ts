// ICC IVR node keypresses (/v1/ivrkeypress), as documented in ivrkeypress.txt.
import { R, fail, ok } from "../codes";
import { crudMessages, listedHeader, type CollectionDefinition, type StoredRecord } from "./types";

/** Keys a keypress may bind: DTMF digits, * and #, plus the timeout and invalid-key pseudo keys. */
export const NODE_KEYS: readonly string[] = [..."0123456789*#", "EMPTY_KEY", "INVALID_KEY"];

/** Which action needs which field; fields of other actions are cleared. */
const ACTION_FIELDS: Record<number, readonly string[]> = {
  1: [],
  2: ["queue_id"],
  3: ["to_phone_number", "from_number_callout_to_agent"],
  4: ["next_node"],
  5: ["sms"],
  6: [],
};
const ACTION_REQUIRED: Record<number, string | undefined> = {
  2: "queue_id",
  3: "to_phone_number",
  4: "next_node",
  5: "sms",
};
const ACTION_SPECIFIC = ["next_node", "queue_id", "to_phone_number", "from_number_callout_to_agent", "sms"];

/** The IVR keypress collection. */
export const ivrkeypressCollection: CollectionDefinition = {
  name: "ivrkeypress",
  label: "IVR node key",
  path: "/v1/ivrkeypress",
  envelope: "icc",
  idPrefix: "NO_KE_",
  fields: {
    node: { type: "string", required: true, ref: "ivrnode", immutable: true },
    node_key: { type: "string", required: true, oneOf: NODE_KEYS },
    action: { type: "int", required: true, oneOf: [1, 2, 3, 4, 5, 6] },
    next_node: { type: "string", ref: "ivrnode" },
    queue_id: { type: "string", ref: "queue" },
    to_phone_number: { type: "string" },
    from_number_callout_to_agent: { type: "string" },
    sms: { type: "string", maxLength: 1000 },
  },
  unique: [["node", "node_key"]],
  // Neither list sample shows it, though create and update take it.
  lenientOnly: ["from_number_callout_to_agent"],
  numericIdFields: ["tree", "node", "next_node", "queue_id"],
  createIdKey: "ivrNodeKeyID",
  listKey: "ivrNodeKeys",
  totalKey: "totalCount",
  paged: true,
  listFilter: { param: "node", field: "node", parent: "ivrnode" },
  messages: crudMessages("ivr node key", "Load IVR node key success", "IVR node key not found"),
  finish(record, view) {
    const action = record.action as number;
    const required = ACTION_REQUIRED[action];
    if (required && !record[required])
      return fail(R.INVALID_FIELD, `${required} is required when action is ${action}`);
    const keep = ACTION_FIELDS[action] ?? [];
    const out: StoredRecord = { ...record };
    // A keypress only carries the target of its own action, as the doc's list sample shows.
    for (const field of ACTION_SPECIFIC) if (!keep.includes(field)) out[field] = null;
    if (out.next_node) {
      const node = view.get("ivrnode", out.node as string);
      const next = view.get("ivrnode", out.next_node as string);
      if (node && next && node.tree !== next.tree) {
        return fail(R.INVALID_FIELD, "next_node must belong to the same IVR tree as node");
      }
    }
    return ok(out);
  },
  toWire(record, view) {
    const node = view.get("ivrnode", record.node as string);
    return {
      ...listedHeader(record, view),
      tree: node ? node.tree : null,
      node: record.node,
      node_key: record.node_key,
      action: record.action,
      next_node: record.next_node,
      queue_id: record.queue_id,
      to_phone_number: record.to_phone_number,
      from_number_callout_to_agent: record.from_number_callout_to_agent,
      sms: record.sms,
    };
  },
  updateResponse(id, view) {
    return { r: 0, project: view.projectId, ivrNodeKeyID: id, message: "Update ivr node key success" };
  },
};
