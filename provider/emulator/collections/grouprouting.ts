// Routing of a queue's calls to agent groups (/v1/routing-call-to-groups), following Stringee's
// "Group routing" page: create answers `groupRoutingID` (ids `GR_RO_...`), the list is per queue
// (`?queue=`) under `data.groupRoutings`. Update and delete follow the other ICC collections.
import { bool01 } from "../schema";
import { crudMessages, listedHeader, type CollectionDefinition } from "./types";

/** The group routing collection. */
export const grouproutingCollection: CollectionDefinition = {
  name: "grouprouting",
  label: "Group routing",
  path: "/v1/routing-call-to-groups",
  envelope: "icc",
  idPrefix: "GR_RO_",
  fields: {
    queue_id: { type: "string", required: true, ref: "queue", immutable: true },
    group_id: { type: "string", required: true, ref: "group", immutable: true },
    // The page types it Int (1 = primary group, 0 = lower priority); kept as a boolean, shown 0/1.
    primary_group: { type: "boolean", required: true },
  },
  unique: [["queue_id", "group_id"]],
  createIdKey: "groupRoutingID",
  // The only create sample whose id carries its prefix (`GR_RO_767XB0XBNTX6Z751`).
  createAnswersListedId: true,
  listKey: "groupRoutings",
  totalKey: "totalCount",
  paged: true,
  listFilter: { param: "queue", field: "queue_id", parent: "queue" },
  messages: crudMessages("group routing", "Load group routing success", "Group routing not found"),
  toWire(record, view) {
    return {
      ...listedHeader(record, view),
      queue_id: record.queue_id,
      group_id: record.group_id,
      primary_group: bool01(record.primary_group),
    };
  },
};
