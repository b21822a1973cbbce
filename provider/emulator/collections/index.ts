// The registry of collection specs, by name and by URL path.
import type { CollectionName } from "../schema";
import { agentSpec } from "./agent";
import { groupSpec } from "./group";
import { groupagentSpec } from "./groupagent";
import { grouproutingSpec } from "./grouprouting";
import { ivrkeypressSpec } from "./ivrkeypress";
import { ivrnodeSpec } from "./ivrnode";
import { ivrtreeSpec } from "./ivrtree";
import { numberSpec } from "./number";
import { queueSpec } from "./queue";
import { sipphoneSpec } from "./sipphone";
import type { CollectionSpec } from "./types";

export type { CollectionSpec, Reading, StoredRecord, StoreView, StoreHooksAccess } from "./types";

/** Every collection spec, by collection name. */
export const SPECS: Readonly<Record<CollectionName, CollectionSpec>> = {
  number: numberSpec,
  agent: agentSpec,
  ivrkeypress: ivrkeypressSpec,
  sipphone: sipphoneSpec,
  queue: queueSpec,
  ivrtree: ivrtreeSpec,
  ivrnode: ivrnodeSpec,
  group: groupSpec,
  groupagent: groupagentSpec,
  grouprouting: grouproutingSpec,
};

/** The spec served at `path` ("/v1/number"), if any. */
export function specForPath(path: string): CollectionSpec | undefined {
  return Object.values(SPECS).find((spec) => spec.path === path);
}
