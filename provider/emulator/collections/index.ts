// The registry of collection defs, by name and by URL path.
import type { CollectionName } from "../schema";
import { agentCollection } from "./agent";
import { blacklistnumberCollection } from "./blacklistnumber";
import { greetingfileCollection } from "./greetingfile";
import { groupCollection } from "./group";
import { groupagentCollection } from "./groupagent";
import { grouproutingCollection } from "./grouprouting";
import { ivrkeypressCollection } from "./ivrkeypress";
import { ivrnodeCollection } from "./ivrnode";
import { ivrtreeCollection } from "./ivrtree";
import { numberCollection } from "./number";
import { queueCollection } from "./queue";
import { sipphoneCollection } from "./sipphone";
import type { CollectionDefinition } from "./types";

export type { CollectionDefinition, Reading, StoredRecord, StoreView, StoreHooksAccess } from "./types";

/** Every collection definition, by collection name. */
export const COLLECTIONS: Readonly<Record<CollectionName, CollectionDefinition>> = {
  number: numberCollection,
  agent: agentCollection,
  ivrkeypress: ivrkeypressCollection,
  sipphone: sipphoneCollection,
  queue: queueCollection,
  ivrtree: ivrtreeCollection,
  ivrnode: ivrnodeCollection,
  group: groupCollection,
  groupagent: groupagentCollection,
  grouprouting: grouproutingCollection,
  blacklistnumber: blacklistnumberCollection,
  greetingfile: greetingfileCollection,
};

/** The collection served at `path` ("/v1/number"), if any. */
export function collectionForPath(path: string): CollectionDefinition | undefined {
  return Object.values(COLLECTIONS).find((def) => def.path === path);
}
