// ICC numbers (/v1/number), as documented in number.txt.
import { R, fail, ok } from "../codes";
import { bool01 } from "../schema";
import { crudMessages, listedHeader, type CollectionDefinition } from "./types";

/** The number collection. */
export const numberCollection: CollectionDefinition = {
  name: "number",
  label: "Number",
  path: "/v1/number",
  envelope: "icc",
  idPrefix: "NU_",
  fields: {
    number: {
      type: "string",
      required: true,
      pattern: /^\+?[0-9]{3,20}$/,
      patternHint: "expected 3 to 20 digits, optionally after a +",
    },
    nickname: { type: "string" },
    allow_outbound_calls: { type: "boolean", required: true },
    enable_ivr: { type: "boolean", required: true },
    ivr_menu: { type: "string", ref: "ivrtree" },
    queue_id: { type: "string", ref: "queue" },
    record_outbound_calls: { type: "boolean", default: false },
  },
  unique: [["number"]],
  // Accepted by create and update, absent from the list sample.
  lenientOnly: ["record_outbound_calls"],
  createIdKey: "numberID",
  listKey: "numbers",
  totalKey: "totalCount",
  paged: true,
  messages: crudMessages("number", "Load number success", "Number not found"),
  finish(record) {
    if (record.enable_ivr === true && !record.ivr_menu) {
      return fail(R.INVALID_FIELD, "ivr_menu is required when enable_ivr is true");
    }
    return ok(record);
  },
  toWire(record, view) {
    return {
      ...listedHeader(record, view),
      number: record.number,
      nickname: record.nickname,
      allow_outbound_calls: bool01(record.allow_outbound_calls),
      enable_ivr: bool01(record.enable_ivr),
      ivr_menu: record.ivr_menu,
      queue_id: record.queue_id,
      record_outbound_calls: bool01(record.record_outbound_calls),
    };
  },
  // The doc's sample update response has no `project`.
  updateResponse() {
    return { r: 0, message: "Update number success" };
  },
};
