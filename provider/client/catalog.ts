// What the client expects of each list endpoint, as data: where it is, how it pages, which fields of an
// item it cannot do without and which it reads when present. `stringee-pulumi doctor` compares a live
// answer with it; the collection modules read the same optional-field tables.
import { AGENT_OPTIONAL_WIRE } from "./agents";
import type { ApiBase } from "./http";
import { IVR_KEYPRESS_OPTIONAL_WIRE } from "./ivrKeypresses";
import { IVR_NODE_OPTIONAL_WIRE } from "./ivrNodes";
import { NUMBER_OPTIONAL_WIRE } from "./numbers";
import { QUEUE_OPTIONAL_WIRE } from "./queues";
import { SIP_PHONE_OPTIONAL_WIRE } from "./sipPhones";

/** A wire key, or keys of which any one will do (`tree_name` or `name`). */
export type WireKeys = string | readonly string[];

/** One list endpoint as the client reads it. */
export interface ListCatalogEntry {
  /** The client's name for the collection (`numbers`, `ivrKeypresses`…). */
  collection: string;
  /** Which host serves it. */
  base: ApiBase;
  /** Collection path, e.g. `/v1/number`. */
  path: string;
  /** The array under `data`. */
  itemsKey: string;
  /** Total-count keys under `data`, tried in order. */
  countKeys: readonly string[];
  /** Whether the list takes `page` and `limit`. */
  paged: boolean;
  /** Lists per parent object: the parent's collection and the query parameter naming it. */
  parent?: { collection: string; param: string };
  /** The wire key holding the id (absent for memberships, which have none). */
  idKey?: string;
  /** The prefix listed ids carry, when Stringee prefixes them. */
  idPrefix?: string;
  /** Wire keys without which an item is skipped (id, natural key). */
  required: readonly WireKeys[];
  /** Domain field → wire key(s) read when present; absent ones are "unseen" (declared values stand). */
  optional: Readonly<Record<string, WireKeys>>;
  /** Wire keys known and deliberately not read (live state, account bookkeeping). */
  ignored: readonly string[];
}

const ACCOUNT = ["account", "project"] as const;

/** Every list the provider reads, parents before children. */
export const LIST_CATALOG: readonly ListCatalogEntry[] = [
  {
    collection: "queues",
    base: "icc",
    path: "/v1/queue",
    itemsKey: "queues",
    countKeys: ["totalCount"],
    paged: true,
    idKey: "id",
    idPrefix: "QU_",
    required: ["id", "name"],
    optional: QUEUE_OPTIONAL_WIRE,
    ignored: [...ACCOUNT, "enable_voicemail"],
  },
  {
    collection: "groups",
    base: "icc",
    path: "/v1/group",
    itemsKey: "groups",
    countKeys: ["totalGroups", "totalCount"],
    paged: true,
    idKey: "id",
    idPrefix: "GR_",
    required: ["id", "name"],
    optional: { numberOfAgents: "number_of_agent" },
    ignored: ACCOUNT,
  },
  {
    collection: "agents",
    base: "icc",
    path: "/v1/agent",
    itemsKey: "agents",
    countKeys: ["totalAgents", "totalCount"],
    paged: true,
    idKey: "id",
    idPrefix: "AG_",
    required: ["id", "stringee_user_id"],
    optional: AGENT_OPTIONAL_WIRE,
    ignored: [...ACCOUNT, "last_time_pickup", "last_time_support_call_ended"],
  },
  {
    collection: "ivrTrees",
    base: "icc",
    path: "/v1/ivrtree",
    itemsKey: "ivrTrees",
    countKeys: ["totalCount"],
    paged: true,
    idKey: "id",
    idPrefix: "TR_",
    required: ["id", ["tree_name", "name"]],
    optional: { rootNode: "root_node" },
    ignored: ACCOUNT,
  },
  {
    collection: "numbers",
    base: "icc",
    path: "/v1/number",
    itemsKey: "numbers",
    countKeys: ["totalCount"],
    paged: true,
    idKey: "id",
    idPrefix: "NU_",
    required: ["id", "number"],
    optional: NUMBER_OPTIONAL_WIRE,
    ignored: ACCOUNT,
  },
  {
    collection: "sipPhones",
    base: "api",
    path: "/v1/sipphone",
    itemsKey: "sipphones",
    countKeys: ["total"],
    paged: false,
    idKey: "username",
    required: ["username"],
    optional: SIP_PHONE_OPTIONAL_WIRE,
    ignored: [],
  },
  {
    collection: "ivrNodes",
    base: "icc",
    path: "/v1/ivrnode",
    itemsKey: "ivrNodes",
    countKeys: ["totalCount"],
    paged: true,
    parent: { collection: "ivrTrees", param: "tree" },
    idKey: "id",
    idPrefix: "NO_",
    required: ["id", "node_name"],
    optional: { tree: "tree", ...IVR_NODE_OPTIONAL_WIRE },
    ignored: ACCOUNT,
  },
  {
    collection: "ivrKeypresses",
    base: "icc",
    path: "/v1/ivrkeypress",
    itemsKey: "ivrNodeKeys",
    countKeys: ["totalCount"],
    paged: true,
    parent: { collection: "ivrNodes", param: "node" },
    idKey: "id",
    idPrefix: "NO_KE_",
    required: ["id", "node", "node_key", "action"],
    optional: { tree: "tree", ...IVR_KEYPRESS_OPTIONAL_WIRE },
    ignored: ACCOUNT,
  },
  {
    collection: "groupMembers",
    base: "icc",
    path: "/v1/manage-agents-in-group",
    itemsKey: "groupAgents",
    countKeys: ["totalCount"],
    paged: true,
    parent: { collection: "groups", param: "group" },
    required: ["group_id", "agent_id"],
    optional: { agentName: "agent_name", stringeeUserId: "stringee_user_id" },
    ignored: ACCOUNT,
  },
  {
    collection: "queueGroupRoutings",
    base: "icc",
    path: "/v1/routing-call-to-groups",
    itemsKey: "groupRoutings",
    countKeys: ["totalCount"],
    paged: true,
    parent: { collection: "queues", param: "queue" },
    idKey: "id",
    idPrefix: "GR_RO_",
    required: ["id", "queue_id", "group_id"],
    optional: { primaryGroup: "primary_group" },
    ignored: ACCOUNT,
  },
];
