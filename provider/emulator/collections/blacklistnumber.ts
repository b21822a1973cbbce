// ICC blacklist numbers (/v1/blacklistnumber), following Stringee's "Blacklist number" page: create answers
// `blacklistNumberID` in the form the list shows (`BNXJ3OWK`: `BN` and six characters), the list is paged
// (at most 100 a page) under `data.blacklistNumbers` and shows the number with a leading `+` whatever form
// it was sent in. Update and delete were not readable on the page (see ASSUMPTIONS.md).
import { ok } from "../codes";
import { bool01 } from "../schema";
import { crudMessages, listedHeader, type CollectionDefinition } from "./types";

/** The blacklist number collection. */
export const blacklistnumberCollection: CollectionDefinition = {
  name: "blacklistnumber",
  label: "Blacklist number",
  path: "/v1/blacklistnumber",
  envelope: "icc",
  idPrefix: "BN",
  idLength: 6,
  fields: {
    number: {
      type: "string",
      required: true,
      requiredOnUpdate: true,
      pattern: /^\+?[0-9]{3,20}$/,
      patternHint: "expected 3 to 20 digits, optionally after a +",
    },
    // Typed Boolean on the page, sent as 1 in every sample; left out, nothing is blocked.
    ivr_blocked: { type: "boolean", default: false },
    queue_blocked: { type: "boolean", default: false },
  },
  unique: [["number"]],
  createIdKey: "blacklistNumberID",
  // The create sample's id is the listed one (`BNXJ3OWK` in both).
  createAnswersListedId: true,
  listKey: "blacklistNumbers",
  totalKey: "totalCount",
  paged: true,
  messages: crudMessages("blacklist number", "Load blacklist(s) success", "Blacklist number not found"),
  // Sent `84379361752`, listed `+84379361752`: stored as listed, so both forms name one number.
  finish(record) {
    const number = String(record.number);
    return ok(number.startsWith("+") ? record : { ...record, number: `+${number}` });
  },
  toWire(record, view) {
    return {
      ...listedHeader(record, view),
      number: record.number,
      ivr_blocked: bool01(record.ivr_blocked),
      queue_blocked: bool01(record.queue_blocked),
    };
  },
};
