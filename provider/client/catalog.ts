// What the client expects of each list endpoint, as data: where it is, how it pages, which fields of an
// item it cannot do without and which it reads when present. `stringee-pulumi doctor` compares a live
// answer with it. Every entry is derived from a collection's declaration (collection.ts), never written
// down a second time.
import { AGENTS } from "./agents";
import { BLACKLIST_NUMBERS } from "./blacklistNumbers";
import { GREETING_FILES } from "./greetingFiles";
import type { ListedCollection } from "./collection";
import { GROUP_MEMBERS } from "./groupMembers";
import { GROUPS } from "./groups";
import { IVR_KEYPRESSES } from "./ivrKeypresses";
import { IVR_NODES } from "./ivrNodes";
import { IVR_TREES } from "./ivrTrees";
import { NUMBERS } from "./numbers";
import { QUEUE_GROUP_ROUTINGS } from "./queueGroupRoutings";
import { QUEUES } from "./queues";
import { SIP_PHONES } from "./sipPhones";

export type { WireKeys } from "./fields";

/** One list endpoint as the client reads it. */
export interface ListCatalogEntry extends Omit<ListedCollection, "parent"> {
  /** The client's name for the collection (`numbers`, `ivrKeypresses`…). */
  collection: string;
  /** Lists per parent object: the parent's collection and the query parameter naming it. */
  parent?: { collection: string; param: string };
}

// The client's name for each collection (its StringeeClient property), parents before children.
const COLLECTIONS: readonly [string, ListedCollection][] = [
  ["queues", QUEUES],
  ["groups", GROUPS],
  ["agents", AGENTS],
  ["ivrTrees", IVR_TREES],
  ["numbers", NUMBERS],
  ["sipPhones", SIP_PHONES],
  ["ivrNodes", IVR_NODES],
  ["ivrKeypresses", IVR_KEYPRESSES],
  ["groupMembers", GROUP_MEMBERS],
  ["queueGroupRoutings", QUEUE_GROUP_ROUTINGS],
  ["blacklistNumbers", BLACKLIST_NUMBERS],
  ["greetingFiles", GREETING_FILES],
];

function nameOf(listed: ListedCollection): string {
  const entry = COLLECTIONS.find(([, c]) => c === listed);
  if (entry === undefined) throw new Error("a parent collection is missing from the catalog");
  return entry[0];
}

/** Every list the provider reads, parents before children. */
export const LIST_CATALOG: readonly ListCatalogEntry[] = COLLECTIONS.map(([collection, c]) => ({
  collection,
  base: c.base,
  path: c.path,
  itemsKey: c.itemsKey,
  countKeys: c.countKeys,
  paged: c.paged,
  ...(c.parent ? { parent: { collection: nameOf(c.parent.of), param: c.parent.param } } : {}),
  ...(c.idKey === undefined ? {} : { idKey: c.idKey }),
  ...(c.idPrefix === undefined ? {} : { idPrefix: c.idPrefix }),
  required: c.required,
  optional: c.optional,
  ignored: c.ignored,
}));
