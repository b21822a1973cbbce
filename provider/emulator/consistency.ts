// The emulator's self-check behind `GET /__emulator/consistency`: the invariants its account, request
// log and fault rules must keep however many scenarios ran against it. A soak test asserts it after
// every scenario, so a bug that corrupts the emulator is caught where it happens instead of showing up
// later as a mysterious provider failure.
import { COLLECTIONS, type CollectionDefinition, type StoredRecord } from "./collections";
import { membershipId } from "./collections/groupagent";
import type { EmulatorState } from "./emulator";
import type { RequestLogStats } from "./requestlog";
import { handleApi } from "./routes";
import { COLLECTION_NAMES, type CollectionName } from "./schema";
import type { Store } from "./store";

/** Page size used to walk the list endpoints; small, so that paging itself is exercised. */
export const CONSISTENCY_PAGE_SIZE = 20;

/** Shape of `GET /__emulator/consistency`. */
export interface ConsistencyReport {
  /** True when `problems` is empty. */
  ok: boolean;
  /** Every broken invariant, one sentence each. */
  problems: string[];
  /** Objects per collection. */
  objects: Record<CollectionName, number>;
  /** List endpoint pages read to compare the lists with the account. */
  listPagesRead: number;
  /** Size of the request log. */
  requestLog: RequestLogStats;
  /** Registered fault rules. */
  faultRules: number;
  /** Open sockets and pending latency timers (both 0 when no client is connected). */
  server: { sockets: number; timers: number };
  /**
   * The emulator process's memory, in bytes (the whole process when it runs inside a test); measured
   * after a full garbage collection when the process runs with `--expose-gc` (`gc` tells which).
   */
  memory: { rss: number; heapUsed: number; gc: boolean };
}

function label(name: CollectionName): string {
  return COLLECTIONS[name].label;
}

/** Each record is stored under its own id, and ids are unique within the collection. */
function checkIds(store: Store, name: CollectionName, problems: string[]): void {
  const records = store.list(name);
  const ids = new Set<string>();
  for (const record of records) {
    if (typeof record.id !== "string" || record.id === "") problems.push(`${label(name)} without an id`);
    else if (store.get(name, record.id) !== record)
      problems.push(`${label(name)} ${record.id} is not stored under its id`);
    if (ids.has(record.id)) problems.push(`${label(name)} id ${record.id} is used twice`);
    ids.add(record.id);
  }
}

/** Every reference (emulator-maintained ones included) names an existing object. */
function checkReferences(store: Store, name: CollectionName, problems: string[]): void {
  const refs = Object.entries(COLLECTIONS[name].fields).filter(([, f]) => f.ref !== undefined);
  for (const record of store.list(name)) {
    for (const [field, def] of refs) {
      const value = record[field];
      if (value === null || value === undefined || value === "") continue;
      if (!store.get(def.ref as CollectionName, String(value))) {
        problems.push(
          `${label(name)} ${record.id}: ${field} references ${label(def.ref as CollectionName)} ${String(value)}, which does not exist`,
        );
      }
    }
  }
}

/** No two objects share the values of a uniqueness rule. */
function checkUnique(store: Store, def: CollectionDefinition, problems: string[]): void {
  for (const fields of def.unique) {
    const seen = new Map<string, string>();
    for (const record of store.list(def.name)) {
      if (fields.some((f) => record[f] === null || record[f] === undefined)) continue;
      const key = JSON.stringify(fields.map((f) => record[f]));
      const other = seen.get(key);
      if (other !== undefined)
        problems.push(`${def.label} ${record.id} and ${other} share ${fields.join(" + ")} ${key}`);
      else seen.set(key, record.id);
    }
  }
}

/** A tree with nodes has one of them as root; a tree without nodes has none; keys stay in their tree. */
function checkIvr(store: Store, problems: string[]): void {
  for (const tree of store.list("ivrtree")) {
    const nodes = store.list("ivrnode").filter((n) => n.tree === tree.id);
    const root = tree.root_node;
    if (nodes.length > 0 && (root === null || root === undefined))
      problems.push(`IVR tree ${tree.id} has ${nodes.length} node(s) but no root node`);
    if (nodes.length === 0 && root !== null && root !== undefined)
      problems.push(`IVR tree ${tree.id} has no node but its root node is ${String(root)}`);
    if (root && !nodes.some((n) => n.id === root))
      problems.push(`IVR tree ${tree.id}: root node ${String(root)} is not one of its nodes`);
  }
  for (const key of store.list("ivrkeypress")) {
    if (!key.next_node) continue;
    const node = store.get("ivrnode", String(key.node));
    const next = store.get("ivrnode", String(key.next_node));
    if (node && next && node.tree !== next.tree)
      problems.push(`IVR node key ${key.id}: next_node ${next.id} is in another tree than node ${node.id}`);
  }
}

/** The id a listed item stands for, in the store's terms. */
function listedId(store: Store, def: CollectionDefinition, item: Record<string, unknown>): string {
  if (def.name === "groupagent") return membershipId(String(item.group_id), String(item.agent_id));
  if (def.name === "sipphone") return store.resolveId("sipphone", String(item.username)) ?? "?";
  return String(item[def.listedIdKey ?? "id"]);
}

/** Walks one list (all pages) and compares its totals and items with `expected`. */
function walkList(
  store: Store,
  def: CollectionDefinition,
  filter: Record<string, string>,
  expected: StoredRecord[],
  problems: string[],
): { pages: number; ids: string[] } {
  const where = `GET ${def.path}${Object.keys(filter).length > 0 ? `?${new URLSearchParams(filter)}` : ""}`;
  const ids: string[] = [];
  let pages = 0;
  for (let page = 1; ; page++) {
    const query = new URLSearchParams({
      ...filter,
      page: String(page),
      limit: String(CONSISTENCY_PAGE_SIZE),
    });
    const answer = handleApi(store, "GET", def.path, query, "");
    pages += 1;
    const data = (answer.body.data ?? {}) as Record<string, unknown>;
    const items = Array.isArray(data[def.listKey]) ? (data[def.listKey] as Record<string, unknown>[]) : [];
    if (answer.status !== 200 || answer.body.r !== 0) {
      problems.push(`${where} answered HTTP ${answer.status} r=${String(answer.body.r)}`);
      break;
    }
    if (Number(data[def.totalKey]) !== expected.length)
      problems.push(
        `${where}: ${def.totalKey} is ${String(data[def.totalKey])}, the account holds ${expected.length}`,
      );
    ids.push(...items.map((item) => listedId(store, def, item)));
    // A list without page figures (greeting files) is walked until a short page.
    const counted = def.paged && def.pageMeta !== false;
    const totalPages = !def.paged
      ? 1
      : counted
        ? Number(data.totalPages)
        : Math.ceil(expected.length / CONSISTENCY_PAGE_SIZE);
    if (counted && totalPages !== Math.ceil(expected.length / CONSISTENCY_PAGE_SIZE))
      problems.push(`${where}: totalPages is ${String(data.totalPages)} for ${expected.length} objects`);
    if (!def.paged || page >= totalPages || items.length === 0 || page > 10_000) break;
  }
  if (ids.length !== expected.length)
    problems.push(`${where} lists ${ids.length} object(s), the account holds ${expected.length}`);
  if (new Set(ids).size !== ids.length) problems.push(`${where} lists an object twice`);
  const want = new Set(expected.map((r) => r.id));
  for (const id of ids) if (!want.has(id)) problems.push(`${where} lists ${id}, which it should not`);
  return { pages, ids };
}

/** Every object is listed exactly once by its list endpoint, under the totals the endpoint reports. */
function checkLists(store: Store, def: CollectionDefinition, problems: string[]): number {
  const records = store.list(def.name);
  if (!def.listFilter) return walkList(store, def, {}, records, problems).pages;
  const { param, field, parent } = def.listFilter;
  let pages = 0;
  const listed = new Set<string>();
  for (const owner of store.list(parent)) {
    const expected = records.filter((r) => r[field] === owner.id);
    const walk = walkList(store, def, { [param]: owner.id }, expected, problems);
    pages += walk.pages;
    for (const id of walk.ids) listed.add(id);
  }
  // Objects whose parent is gone appear in no list at all (reported as dangling references too).
  for (const record of records)
    if (!listed.has(record.id)) problems.push(`${def.label} ${record.id} appears in no list`);
  return pages;
}

/** Runs every check. Reads only: the account, log and rules are left as they are. */
export function checkConsistency(state: EmulatorState): ConsistencyReport {
  const store = state.store;
  const problems: string[] = [];
  const objects = {} as Record<CollectionName, number>;
  let listPagesRead = 0;
  for (const name of COLLECTION_NAMES) {
    const def = COLLECTIONS[name];
    objects[name] = store.list(name).length;
    checkIds(store, name, problems);
    checkReferences(store, name, problems);
    checkUnique(store, def, problems);
    listPagesRead += checkLists(store, def, problems);
  }
  checkIvr(store, problems);
  const requestLog = state.requests.stats();
  if (requestLog.size > requestLog.capacity)
    problems.push(`request log holds ${requestLog.size} entries, over its capacity ${requestLog.capacity}`);
  if (!state.requests.hasUniqueSequences())
    problems.push("request log has two entries with one sequence number");
  const rules = state.faults.list();
  for (const rule of rules)
    if (rule.remaining !== null && rule.remaining < 1)
      problems.push(`fault rule ${rule.id} is used up but still registered`);
  // Without a collection first, heap figures mostly measure when the collector last ran.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const memory = process.memoryUsage();
  return {
    ok: problems.length === 0,
    problems,
    objects,
    listPagesRead,
    requestLog,
    faultRules: rules.length,
    server: state.serverLoad(),
    memory: { rss: memory.rss, heapUsed: memory.heapUsed, gc: gc !== undefined },
  };
}
