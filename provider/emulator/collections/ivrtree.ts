// ICC IVR trees (/v1/ivrtree). Not among the four documents: shapes follow Stringee's IVR tree
// page; root_node is maintained by the ivrnode collection (see ASSUMPTIONS.md).
import { R, fail, ok } from "../codes";
import { crudMessages, listedHeader, type CollectionDefinition } from "./types";

/** The IVR tree collection. */
export const ivrtreeCollection: CollectionDefinition = {
  name: "ivrtree",
  label: "IVR tree",
  path: "/v1/ivrtree",
  envelope: "icc",
  idPrefix: "TR_",
  fields: {
    tree_name: { type: "string", required: true },
    root_node: { type: "string", ref: "ivrnode", internal: true },
  },
  unique: [["tree_name"]],
  numericIdFields: ["root_node"],
  // The list sample shows an unset root as `""`.
  strictItem(item) {
    return { ...item, root_node: item.root_node ?? "" };
  },
  createIdKey: "ivrTreeID",
  listKey: "ivrTrees",
  totalKey: "totalCount",
  paged: true,
  messages: crudMessages("ivr tree", "Load IVR tree success", "IVR tree not found"),
  finish(record, view) {
    if (record.root_node) {
      const node = view.get("ivrnode", record.root_node as string);
      if (node && node.tree !== record.id)
        return fail(R.INVALID_FIELD, "root_node must be a node of this IVR tree");
    }
    return ok(record);
  },
  toWire(record, view) {
    return {
      ...listedHeader(record, view),
      tree_name: record.tree_name,
      root_node: record.root_node,
    };
  },
};
