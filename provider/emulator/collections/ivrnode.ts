// ICC IVR nodes (/v1/ivrnode). Not among the four documents: fields and defaults follow
// Stringee's IVR node page. The first node of a tree becomes its root (see ASSUMPTIONS.md).
import { bool01 } from "../schema";
import {
  crudMessages,
  listedHeader,
  type CollectionDefinition,
  type StoreView,
  type StoredRecord,
} from "./types";

function isRoot(record: StoredRecord, view: StoreView): boolean {
  const tree = view.get("ivrtree", record.tree as string);
  return tree !== undefined && tree.root_node === record.id;
}

/** The IVR node collection. */
export const ivrnodeCollection: CollectionDefinition = {
  name: "ivrnode",
  label: "IVR node",
  path: "/v1/ivrnode",
  envelope: "icc",
  idPrefix: "NO_",
  fields: {
    tree: { type: "string", required: true, ref: "ivrtree", immutable: true },
    node_name: { type: "string", required: true },
    node_play_mode: { type: "string", required: true, oneOf: ["talk", "play"] },
    node_play_content: { type: "string", required: true, maxLength: 4000 },
    bargeIn: { type: "boolean", default: true },
    loop_count: { type: "int", min: 1, default: 1 },
    sched: { type: "int", min: 0, default: 0 },
    voice: { type: "string", default: "hn_female_thutrang_phrase_48k-hsmm" },
    speed: { type: "int", min: -3, max: 3, default: 0 },
    keypress_timeout: { type: "int", min: 1, default: 5 },
  },
  unique: [],
  // The page shows the root flag only in the create answer (`isRootNode`); list items do not carry it.
  lenientOnly: ["is_root_node"],
  numericIdFields: ["tree"],
  createIdKey: "ivrNodeID",
  listKey: "ivrNodes",
  totalKey: "totalCount",
  paged: true,
  listFilter: { param: "tree", field: "tree", parent: "ivrtree" },
  messages: crudMessages("ivr node", "Load IVR node success", "IVR node not found"),
  afterWrite(before, after, store) {
    // A tree's root is its first node; when the root goes, the oldest remaining node takes over.
    if (before && (!after || after.tree !== before.tree)) {
      const tree = store.get("ivrtree", before.tree as string);
      if (tree && tree.root_node === before.id) {
        const next = store.list("ivrnode").find((n) => n.tree === tree.id && n.id !== before.id);
        store.setInternal("ivrtree", tree.id, { root_node: next ? next.id : null });
      }
    }
    if (after && (!before || before.tree !== after.tree)) {
      const tree = store.get("ivrtree", after.tree as string);
      if (tree && !tree.root_node) store.setInternal("ivrtree", tree.id, { root_node: after.id });
    }
  },
  toWire(record, view) {
    return {
      ...listedHeader(record, view),
      tree: record.tree,
      node_name: record.node_name,
      node_play_mode: record.node_play_mode,
      node_play_content: record.node_play_content,
      bargeIn: bool01(record.bargeIn),
      loop_count: record.loop_count,
      sched: record.sched,
      voice: record.voice,
      speed: record.speed,
      keypress_timeout: record.keypress_timeout,
      is_root_node: isRoot(record, view) ? 1 : 0,
    };
  },
  // Stringee's page names it isRootNode (a boolean in public type definitions); the lenient reading also
  // sends the snake_case form as 0/1.
  createExtras(record, view) {
    const root = isRoot(record, view);
    return view.reading === "strict"
      ? { isRootNode: root }
      : { is_root_node: root ? 1 : 0, isRootNode: root ? 1 : 0 };
  },
};
