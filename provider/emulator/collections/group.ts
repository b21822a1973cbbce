// ICC agent groups (/v1/group). Not among the four documents: create and list follow Stringee's
// "Group management" page (`groupID`, `data.groups`, `totalGroups`, `number_of_agent`); update and
// delete follow the other ICC collections (see ASSUMPTIONS.md).
import { crudMessages, listedHeader, type CollectionDefinition } from "./types";

/** The group collection. */
export const groupCollection: CollectionDefinition = {
  name: "group",
  label: "Group",
  path: "/v1/group",
  envelope: "icc",
  idPrefix: "GR_",
  fields: {
    name: { type: "string", required: true },
  },
  // Stringee does not say that group names are unique: the emulator does not enforce it.
  unique: [],
  createIdKey: "groupID",
  listKey: "groups",
  totalKey: "totalGroups",
  paged: true,
  messages: crudMessages("group", "Load group(s) success", "Group not found"),
  toWire(record, view) {
    return {
      ...listedHeader(record, view),
      name: record.name,
      number_of_agent: view.list("groupagent").filter((m) => m.group_id === record.id).length,
    };
  },
};
