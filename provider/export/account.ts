// Reads a whole Stringee account through the client: the top-level collections, then what hangs off them
// (nodes per tree, keypresses per node, members per group, routings per queue), a few requests at a time.
// Only reads: nothing here can change the account.
import type {
  Agent,
  BlacklistNumber,
  CallSettings,
  GreetingFile,
  Group,
  GroupMember,
  IvrKeypress,
  IvrNode,
  IvrTree,
  Queue,
  QueueGroupRouting,
  SipPhone,
  StringeeClient,
  StringeeNumber,
} from "../client";
import { compareIds } from "./names";

/** The spec sections `--types` can select, in the order the spec file lists them. */
export const EXPORT_TYPES = [
  "queues",
  "groups",
  "agents",
  "ivrTrees",
  "numbers",
  "sipPhones",
  "blacklist",
  "greetings",
  "callSettings",
] as const;

/** One spec section. */
export type ExportType = (typeof EXPORT_TYPES)[number];

/** Sections an exported section refers to by name: they are exported with it, or the spec could not parse. */
export const TYPE_DEPENDENCIES: Readonly<Record<ExportType, readonly ExportType[]>> = {
  queues: ["groups"],
  groups: [],
  agents: ["groups"],
  ivrTrees: ["queues"],
  numbers: ["ivrTrees", "queues"],
  sipPhones: [],
  // Queues and IVR nodes name a greeting of the spec when it is exported, its file name otherwise.
  blacklist: [],
  greetings: [],
  callSettings: [],
};

/** The client calls the export makes (all reads); a {@link StringeeClient} has them, and so can a fake. */
export interface AccountReader {
  /** Queues. */
  queues: { list(): Promise<Queue[]> };
  /** Groups. */
  groups: { list(): Promise<Group[]> };
  /** Agents. */
  agents: { list(): Promise<Agent[]> };
  /** IVR trees. */
  ivrTrees: { list(): Promise<IvrTree[]> };
  /** IVR nodes, per tree. */
  ivrNodes: { list(tree: string): Promise<IvrNode[]> };
  /** IVR keypresses, per node. */
  ivrKeypresses: { list(node: string): Promise<IvrKeypress[]> };
  /** Numbers. */
  numbers: { list(): Promise<StringeeNumber[]> };
  /** SIP phones. */
  sipPhones: { list(): Promise<SipPhone[]> };
  /** Group memberships, per group. */
  groupMembers: { list(group: string): Promise<GroupMember[]> };
  /** Queue-to-group routings, per queue. */
  queueGroupRoutings: { list(queue: string): Promise<QueueGroupRouting[]> };
  /** Blocked callers. */
  blacklistNumbers: { list(): Promise<BlacklistNumber[]> };
  /** Greeting files. */
  greetingFiles: { list(): Promise<GreetingFile[]> };
  /** The call settings. */
  callSettings: { get(): Promise<CallSettings> };
}

// A StringeeClient must satisfy the reader: checked here at compile time rather than at every call site.
const _clientIsReader: (c: StringeeClient) => AccountReader = (c) => c;

/** Everything read from the account, each list sorted by id. Sections not selected are empty. */
export interface AccountSnapshot {
  /** Queues. */
  queues: Queue[];
  /** Routings of the queues read. */
  queueGroupRoutings: QueueGroupRouting[];
  /** Groups. */
  groups: Group[];
  /** Memberships of the groups read. */
  groupMembers: GroupMember[];
  /** Agents. */
  agents: Agent[];
  /** IVR trees. */
  ivrTrees: IvrTree[];
  /** Nodes of the trees read. */
  ivrNodes: IvrNode[];
  /** Keypresses of the nodes read. */
  ivrKeypresses: IvrKeypress[];
  /** Numbers. */
  numbers: StringeeNumber[];
  /** SIP phones. */
  sipPhones: SipPhone[];
  /** Blocked callers. */
  blacklist: BlacklistNumber[];
  /** Greeting files, by sid. */
  greetingFiles: GreetingFile[];
  /** The call settings, when read. */
  callSettings?: CallSettings;
}

/** Receives one line per collection read, for progress on stderr. */
export type ProgressSink = (line: string) => void;

/** Options of {@link readAccount}. */
export interface ReadAccountOptions {
  /** The sections to read (with their dependencies already added). */
  types: ReadonlySet<ExportType>;
  /** Progress lines; one per collection, with its count. */
  progress?: ProgressSink;
  /** Per-parent lists (nodes, keypresses, members, routings) read at the same time (default 4). */
  concurrency?: number;
}

/** Reads the selected sections of the account; rejects with the client's error on the first failed request. */
export async function readAccount(
  client: AccountReader,
  options: ReadAccountOptions,
): Promise<AccountSnapshot> {
  const has = (t: ExportType) => options.types.has(t);
  const progress = options.progress ?? (() => undefined);
  const concurrency = options.concurrency ?? 4;
  const snapshot: AccountSnapshot = {
    queues: [],
    queueGroupRoutings: [],
    groups: [],
    groupMembers: [],
    agents: [],
    ivrTrees: [],
    ivrNodes: [],
    ivrKeypresses: [],
    numbers: [],
    sipPhones: [],
    blacklist: [],
    greetingFiles: [],
  };
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

  // Top-level collections first, one at a time: the first request also tells whether the key is accepted.
  if (has("queues")) {
    snapshot.queues = byId(await client.queues.list());
    progress(`queues: ${count(snapshot.queues.length, "queue", "queues")}`);
    snapshot.queueGroupRoutings = byId(
      (await mapLimit(snapshot.queues, concurrency, (q) => client.queueGroupRoutings.list(q.id))).flat(),
    );
    progress(
      `queue routings: ${count(snapshot.queueGroupRoutings.length, "routing", "routings")} in ${count(snapshot.queues.length, "queue", "queues")}`,
    );
  }
  if (has("groups")) {
    snapshot.groups = byId(await client.groups.list());
    progress(`groups: ${count(snapshot.groups.length, "group", "groups")}`);
  }
  if (has("agents")) {
    snapshot.agents = byId(await client.agents.list());
    progress(`agents: ${count(snapshot.agents.length, "agent", "agents")}`);
    // Memberships are read per group; without agents in the spec there is nothing to attach them to.
    snapshot.groupMembers = (
      await mapLimit(snapshot.groups, concurrency, (g) => client.groupMembers.list(g.id))
    )
      .flat()
      .sort((a, b) => compareIds(a.groupId, b.groupId) || compareIds(a.agentId, b.agentId));
    progress(
      `group members: ${count(snapshot.groupMembers.length, "membership", "memberships")} in ${count(snapshot.groups.length, "group", "groups")}`,
    );
  }
  if (has("ivrTrees")) {
    snapshot.ivrTrees = byId(await client.ivrTrees.list());
    progress(`IVR trees: ${count(snapshot.ivrTrees.length, "tree", "trees")}`);
    snapshot.ivrNodes = byId(
      (await mapLimit(snapshot.ivrTrees, concurrency, (t) => client.ivrNodes.list(t.id))).flat(),
    );
    progress(
      `IVR nodes: ${count(snapshot.ivrNodes.length, "node", "nodes")} in ${count(snapshot.ivrTrees.length, "tree", "trees")}`,
    );
    snapshot.ivrKeypresses = byId(
      (await mapLimit(snapshot.ivrNodes, concurrency, (n) => client.ivrKeypresses.list(n.id))).flat(),
    );
    progress(
      `IVR keypresses: ${count(snapshot.ivrKeypresses.length, "keypress", "keypresses")} in ${count(snapshot.ivrNodes.length, "node", "nodes")}`,
    );
  }
  if (has("numbers")) {
    snapshot.numbers = byId(await client.numbers.list());
    progress(`numbers: ${count(snapshot.numbers.length, "number", "numbers")}`);
  }
  if (has("sipPhones")) {
    snapshot.sipPhones = [...(await client.sipPhones.list())].sort((a, b) =>
      compareIds(a.username, b.username),
    );
    progress(`SIP phones: ${count(snapshot.sipPhones.length, "phone", "phones")}`);
  }
  if (has("blacklist")) {
    snapshot.blacklist = byId(await client.blacklistNumbers.list());
    progress(`blacklist: ${count(snapshot.blacklist.length, "number", "numbers")}`);
  }
  if (has("greetings")) {
    snapshot.greetingFiles = [...(await client.greetingFiles.list())].sort((a, b) =>
      compareIds(a.sid, b.sid),
    );
    progress(`greeting files: ${count(snapshot.greetingFiles.length, "file", "files")}`);
  }
  if (has("callSettings")) {
    snapshot.callSettings = await client.callSettings.get();
    progress("call settings: read");
  }
  return snapshot;
}

function byId<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareIds(a.id, b.id));
}

/** Maps `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
