// An in-memory stand-in for StringeeClient implementing only the methods the resource specs call, with
// a log of every call. It follows the client's contract (lookups answer undefined when nothing matches,
// ids compare with or without their prefix) but, unlike the real client, its deletes throw the API's
// "not found" error, so the lifecycle's own tolerance is what the tests exercise. Like the API, it
// fills the defaults of queue and IVR node settings that are not sent, keeps each tree's root node
// (the first node created), counts group members, and refuses (r = 3) to delete a tree that has nodes
// or a queue or group that a routing still uses; lists under a missing tree or queue answer not found.
import type {
  Agent,
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
} from "../../../provider/client";
import { StringeeApiError, sameId } from "../../../provider/client";

/** One call the specs made. */
export interface FakeCall {
  /** `numbers.create`, `agents.update`... */
  method: string;
  args: unknown[];
}

/** The fake client, its remote objects and its call log. */
export interface FakeStringee {
  /** Pass this where a StringeeClient is expected. */
  client: StringeeClient;
  numbers: StringeeNumber[];
  agents: Agent[];
  keypresses: IvrKeypress[];
  sipPhones: SipPhone[];
  queues: Queue[];
  ivrTrees: IvrTree[];
  ivrNodes: IvrNode[];
  groups: Group[];
  groupMembers: GroupMember[];
  routings: QueueGroupRouting[];
  calls: FakeCall[];
  /** Calls of one method (`numbers.update`), their arguments only. */
  callsOf(method: string): unknown[][];
  /** Names of the write calls made (create, update, delete), in order. */
  writes(): string[];
  /** Makes the next call of `method` throw `error`. */
  failNext(method: string, error: Error): void;
}

/** Project id of the fake account: SIP usernames are listed as `246_<username>`. */
export const FAKE_PROJECT = "246";

function notFound(method: string, path: string, what: string): StringeeApiError {
  return new StringeeApiError({ method, path, r: -1, apiMessage: `${what} not found`, outcome: "failed" });
}

function drop<T extends object>(list: T[], match: (item: T) => boolean): boolean {
  const index = list.findIndex(match);
  if (index === -1) return false;
  list.splice(index, 1);
  return true;
}

/** The fields that are set: what the client would send (it drops undefined ones). */
function defined(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/** Applies a client update patch (`null` clears, `undefined` leaves alone) to a remote object. */
function applyPatch(target: object, patch: object): void {
  const t = target as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete t[key];
    else t[key] = value;
  }
}

/** What the API fills in when a queue's optional settings are not sent (the emulator's defaults). */
export const QUEUE_DEFAULTS = {
  recordCalls: true,
  agentWrapUpAfterCalls: true,
  wrapUpTimeLimit: 10,
  schedule: 1,
  waitAgentAnswerTimeout: 15,
  maximumQueueSize: 5,
  maximumQueueWaitTime: 60,
  condRouting: 1,
} as const;

/** What the API fills in when an IVR node's playback settings are not sent (the emulator's defaults). */
export const IVR_NODE_DEFAULTS = {
  bargeIn: true,
  loopCount: 1,
  sched: 0,
  voice: "hn_female_thutrang_phrase_48k-hsmm",
  speed: 0,
  keypressTimeout: 5,
} as const;

/** Builds an empty fake account. */
export function fakeStringee(): FakeStringee {
  const numbers: StringeeNumber[] = [];
  const agents: Agent[] = [];
  const keypresses: IvrKeypress[] = [];
  const sipPhones: SipPhone[] = [];
  const queues: Queue[] = [];
  const ivrTrees: IvrTree[] = [];
  const ivrNodes: IvrNode[] = [];
  const groups: Group[] = [];
  const groupMembers: GroupMember[] = [];
  const routings: QueueGroupRouting[] = [];
  const calls: FakeCall[] = [];
  const failures = new Map<string, Error>();
  let seq = 0;
  const nextId = (prefix: string) => `${prefix}FAKE${String(++seq).padStart(4, "0")}`;

  const record = (method: string, args: unknown[]) => {
    calls.push({ method, args: structuredClone(args) });
    const failure = failures.get(method);
    if (failure !== undefined) {
      failures.delete(method);
      throw failure;
    }
  };
  const stillReferenced = (method: string, path: string, what: string) =>
    new StringeeApiError({
      method,
      path,
      r: 3,
      apiMessage: `${what} is still referenced`,
      outcome: "failed",
    });
  // Derived fields, as the API lists them: a tree's root and a node's root flag, a group's member count.
  const withRootFlag = (n: IvrNode | undefined): IvrNode | undefined => {
    if (n === undefined) return undefined;
    const tree = ivrTrees.find((t) => sameId(t.id, n.tree));
    return structuredClone({ ...n, isRootNode: tree !== undefined && tree.rootNode === n.id });
  };
  const withCount = (g: Group | undefined): Group | undefined =>
    g === undefined
      ? undefined
      : structuredClone({ ...g, numberOfAgents: groupMembers.filter((m) => sameId(m.groupId, g.id)).length });
  const findPhone = (username: string) =>
    sipPhones.find((p) => p.username === username) ?? sipPhones.find((p) => p.shortUsername === username);

  const client = {
    numbers: {
      async findById(id: string) {
        record("numbers.findById", [id]);
        return structuredClone(numbers.find((n) => sameId(n.id, id)));
      },
      async findByNumber(number: string) {
        record("numbers.findByNumber", [number]);
        return structuredClone(numbers.find((n) => n.number === number));
      },
      async create(input: Omit<StringeeNumber, "id">) {
        record("numbers.create", [input]);
        const id = nextId("NU_");
        numbers.push(JSON.parse(JSON.stringify({ ...input, id })) as StringeeNumber);
        return { id, recovered: false };
      },
      async update(id: string, patch: object) {
        record("numbers.update", [id, patch]);
        const n = numbers.find((x) => sameId(x.id, id));
        if (n === undefined) throw notFound("PUT", `/v1/number/${id}`, "Number");
        applyPatch(n, patch);
      },
      async delete(id: string) {
        record("numbers.delete", [id]);
        if (!drop(numbers, (n) => sameId(n.id, id))) throw notFound("DELETE", `/v1/number/${id}`, "Number");
        return { deleted: true };
      },
    },
    agents: {
      async findById(id: string) {
        record("agents.findById", [id]);
        return structuredClone(agents.find((a) => sameId(a.id, id)));
      },
      async findByStringeeUserId(stringeeUserId: string) {
        record("agents.findByStringeeUserId", [stringeeUserId]);
        return structuredClone(agents.find((a) => a.stringeeUserId === stringeeUserId));
      },
      async create(input: Omit<Agent, "id">) {
        record("agents.create", [input]);
        const id = nextId("AG_");
        agents.push(JSON.parse(JSON.stringify({ systemStatus: 0, ...input, id })) as Agent);
        return { id, recovered: false };
      },
      async update(id: string, patch: object) {
        record("agents.update", [id, patch]);
        const a = agents.find((x) => sameId(x.id, id));
        if (a === undefined) throw notFound("PUT", `/v1/agent/${id}`, "Agent");
        applyPatch(a, patch);
      },
      async delete(id: string) {
        record("agents.delete", [id]);
        if (!drop(agents, (a) => sameId(a.id, id))) throw notFound("DELETE", `/v1/agent/${id}`, "Agent");
        return { deleted: true };
      },
    },
    ivrKeypresses: {
      async findById(node: string, id: string) {
        record("ivrKeypresses.findById", [node, id]);
        return structuredClone(keypresses.find((k) => sameId(k.node, node) && sameId(k.id, id)));
      },
      async findByNaturalKey(key: { node: string; nodeKey: string }) {
        record("ivrKeypresses.findByNaturalKey", [key]);
        return structuredClone(keypresses.find((k) => sameId(k.node, key.node) && k.nodeKey === key.nodeKey));
      },
      async create(input: Omit<IvrKeypress, "id">) {
        record("ivrKeypresses.create", [input]);
        const id = nextId("NO_KE_");
        keypresses.push(JSON.parse(JSON.stringify({ ...input, id, tree: "TR_FAKE" })) as IvrKeypress);
        return { id, recovered: false };
      },
      async update(id: string, patch: object) {
        record("ivrKeypresses.update", [id, patch]);
        const k = keypresses.find((x) => sameId(x.id, id));
        if (k === undefined) throw notFound("PUT", `/v1/ivrkeypress/${id}`, "IVR node key");
        applyPatch(k, patch);
      },
      async delete(id: string) {
        record("ivrKeypresses.delete", [id]);
        if (!drop(keypresses, (k) => sameId(k.id, id)))
          throw notFound("DELETE", `/v1/ivrkeypress/${id}`, "IVR node key");
        return { deleted: true };
      },
    },
    sipPhones: {
      async findByUsername(username: string) {
        record("sipPhones.findByUsername", [username]);
        return structuredClone(findPhone(username));
      },
      async create(input: { username: string; password: string; extension?: number }) {
        record("sipPhones.create", [input]);
        const username = `${FAKE_PROJECT}_${input.username}`;
        sipPhones.push(
          JSON.parse(
            JSON.stringify({ username, shortUsername: input.username, extension: input.extension }),
          ) as SipPhone,
        );
        return { id: username, recovered: false, shortUsername: input.username };
      },
      async update(username: string, patch: { password: string; extension?: number }) {
        record("sipPhones.update", [username, patch]);
        const p = findPhone(username);
        if (p === undefined) throw notFound("PUT", `/v1/sipphone/${username}`, "Sip phone");
        if (patch.extension !== undefined) p.extension = patch.extension;
      },
      async delete(username: string) {
        record("sipPhones.delete", [username]);
        const p = findPhone(username);
        if (p === undefined || !drop(sipPhones, (x) => x === p))
          throw notFound("DELETE", `/v1/sipphone/${username}`, "Sip phone");
        return { deleted: true };
      },
    },
    queues: {
      async findById(id: string) {
        record("queues.findById", [id]);
        return structuredClone(queues.find((q) => sameId(q.id, id)));
      },
      async findByName(name: string) {
        record("queues.findByName", [name]);
        return structuredClone(queues.find((q) => q.name === name));
      },
      async create(input: Omit<Queue, "id">) {
        record("queues.create", [input]);
        const id = nextId("QU_");
        queues.push(JSON.parse(JSON.stringify({ ...QUEUE_DEFAULTS, ...defined(input), id })) as Queue);
        return { id, recovered: false };
      },
      async update(id: string, patch: object) {
        record("queues.update", [id, patch]);
        const q = queues.find((x) => sameId(x.id, id));
        if (q === undefined) throw notFound("PUT", `/v1/queue/${id}`, "Queue");
        applyPatch(q, patch);
      },
      async delete(id: string) {
        record("queues.delete", [id]);
        const q = queues.find((x) => sameId(x.id, id));
        if (q === undefined) throw notFound("DELETE", `/v1/queue/${id}`, "Queue");
        if (routings.some((r) => sameId(r.queueId, q.id)))
          throw stillReferenced("DELETE", `/v1/queue/${id}`, `Queue ${q.id}`);
        drop(queues, (x) => x === q);
        return { deleted: true };
      },
    },
    ivrTrees: {
      async findById(id: string) {
        record("ivrTrees.findById", [id]);
        return structuredClone(ivrTrees.find((t) => sameId(t.id, id)));
      },
      async findByName(treeName: string) {
        record("ivrTrees.findByName", [treeName]);
        return structuredClone(ivrTrees.find((t) => t.treeName === treeName));
      },
      async create(input: { treeName: string }) {
        record("ivrTrees.create", [input]);
        const id = nextId("TR_");
        ivrTrees.push({ treeName: input.treeName, id });
        return { id, recovered: false };
      },
      async update(id: string, patch: object) {
        record("ivrTrees.update", [id, patch]);
        const t = ivrTrees.find((x) => sameId(x.id, id));
        if (t === undefined) throw notFound("PUT", `/v1/ivrtree/${id}`, "IVR tree");
        applyPatch(t, patch);
      },
      async delete(id: string) {
        record("ivrTrees.delete", [id]);
        const t = ivrTrees.find((x) => sameId(x.id, id));
        if (t === undefined) throw notFound("DELETE", `/v1/ivrtree/${id}`, "IVR tree");
        if (ivrNodes.some((n) => sameId(n.tree, t.id)))
          throw stillReferenced("DELETE", `/v1/ivrtree/${id}`, `IVR tree ${t.id}`);
        drop(ivrTrees, (x) => x === t);
        return { deleted: true };
      },
    },
    ivrNodes: {
      async findById(tree: string, id: string) {
        record("ivrNodes.findById", [tree, id]);
        if (!ivrTrees.some((t) => sameId(t.id, tree))) throw notFound("GET", "/v1/ivrnode", "IVR tree");
        return withRootFlag(ivrNodes.find((n) => sameId(n.tree, tree) && sameId(n.id, id)));
      },
      async findByNaturalKey(key: { tree: string; nodeName: string }) {
        record("ivrNodes.findByNaturalKey", [key]);
        if (!ivrTrees.some((t) => sameId(t.id, key.tree))) throw notFound("GET", "/v1/ivrnode", "IVR tree");
        return withRootFlag(ivrNodes.find((n) => sameId(n.tree, key.tree) && n.nodeName === key.nodeName));
      },
      async create(input: Omit<IvrNode, "id">) {
        record("ivrNodes.create", [input]);
        const tree = ivrTrees.find((t) => sameId(t.id, input.tree));
        if (tree === undefined)
          throw new StringeeApiError({
            method: "POST",
            path: "/v1/ivrnode",
            r: 4,
            apiMessage: "tree: IVR tree not found",
            outcome: "failed",
          });
        const id = nextId("NO_");
        ivrNodes.push(JSON.parse(JSON.stringify({ ...IVR_NODE_DEFAULTS, ...defined(input), id })) as IvrNode);
        if (tree.rootNode === undefined) tree.rootNode = id;
        return { id, recovered: false, isRootNode: tree.rootNode === id };
      },
      async update(id: string, patch: object) {
        record("ivrNodes.update", [id, patch]);
        const n = ivrNodes.find((x) => sameId(x.id, id));
        if (n === undefined) throw notFound("PUT", `/v1/ivrnode/${id}`, "IVR node");
        applyPatch(n, patch);
      },
      async delete(id: string) {
        record("ivrNodes.delete", [id]);
        const n = ivrNodes.find((x) => sameId(x.id, id));
        if (n === undefined) throw notFound("DELETE", `/v1/ivrnode/${id}`, "IVR node");
        drop(ivrNodes, (x) => x === n);
        const tree = ivrTrees.find((t) => sameId(t.id, n.tree));
        if (tree !== undefined && tree.rootNode === n.id) {
          const next = ivrNodes.find((x) => sameId(x.tree, tree.id));
          if (next === undefined) delete tree.rootNode;
          else tree.rootNode = next.id;
        }
        return { deleted: true };
      },
    },
    groups: {
      async findById(id: string) {
        record("groups.findById", [id]);
        return withCount(groups.find((g) => sameId(g.id, id)));
      },
      async findByName(name: string) {
        record("groups.findByName", [name]);
        return withCount(groups.find((g) => g.name === name));
      },
      async create(input: { name: string }) {
        record("groups.create", [input]);
        const id = nextId("GR_");
        groups.push({ name: input.name, id });
        return { id, recovered: false };
      },
      async update(id: string, patch: object) {
        record("groups.update", [id, patch]);
        const g = groups.find((x) => sameId(x.id, id));
        if (g === undefined) throw notFound("PUT", `/v1/group/${id}`, "Group");
        applyPatch(g, patch);
      },
      async delete(id: string) {
        record("groups.delete", [id]);
        const g = groups.find((x) => sameId(x.id, id));
        if (g === undefined) throw notFound("DELETE", `/v1/group/${id}`, "Group");
        if (routings.some((r) => sameId(r.groupId, g.id)))
          throw stillReferenced("DELETE", `/v1/group/${id}`, `Group ${g.id}`);
        drop(groups, (x) => x === g);
        // Memberships go with the group, as in Stringee.
        for (let i = groupMembers.length - 1; i >= 0; i--)
          if (sameId(groupMembers[i]!.groupId, g.id)) groupMembers.splice(i, 1);
        return { deleted: true };
      },
    },
    groupMembers: {
      // The real client's find answers undefined for an unknown group too.
      async find(groupId: string, agentId: string) {
        record("groupMembers.find", [groupId, agentId]);
        return structuredClone(
          groupMembers.find((m) => sameId(m.groupId, groupId) && sameId(m.agentId, agentId)),
        );
      },
      async add(agentId: string, groupId: string) {
        record("groupMembers.add", [agentId, groupId]);
        if (groupMembers.some((m) => sameId(m.groupId, groupId) && sameId(m.agentId, agentId)))
          return { added: false, recovered: false };
        const agent = agents.find((a) => sameId(a.id, agentId));
        groupMembers.push(
          JSON.parse(
            JSON.stringify({
              groupId,
              agentId,
              agentName: agent?.name,
              stringeeUserId: agent?.stringeeUserId,
            }),
          ) as GroupMember,
        );
        return { added: true, recovered: false };
      },
      async remove(agentId: string, groupId: string) {
        record("groupMembers.remove", [agentId, groupId]);
        if (!drop(groupMembers, (m) => sameId(m.groupId, groupId) && sameId(m.agentId, agentId)))
          throw new StringeeApiError({
            method: "DELETE",
            path: "/v1/manage-agents-in-group",
            r: -1,
            apiMessage: "Agent is not in the group",
            outcome: "failed",
          });
        return { deleted: true };
      },
    },
    queueGroupRoutings: {
      async findById(queueId: string, id: string) {
        record("queueGroupRoutings.findById", [queueId, id]);
        if (!queues.some((q) => sameId(q.id, queueId)))
          throw notFound("GET", "/v1/routing-call-to-groups", "Queue");
        return structuredClone(routings.find((r) => sameId(r.queueId, queueId) && sameId(r.id, id)));
      },
      async findByNaturalKey(key: { queueId: string; groupId: string }) {
        record("queueGroupRoutings.findByNaturalKey", [key]);
        if (!queues.some((q) => sameId(q.id, key.queueId)))
          throw notFound("GET", "/v1/routing-call-to-groups", "Queue");
        return structuredClone(
          routings.find((r) => sameId(r.queueId, key.queueId) && sameId(r.groupId, key.groupId)),
        );
      },
      async create(input: Omit<QueueGroupRouting, "id">) {
        record("queueGroupRoutings.create", [input]);
        const id = nextId("GR_RO_");
        routings.push({ ...input, id });
        return { id, recovered: false };
      },
      async update(id: string, patch: object) {
        record("queueGroupRoutings.update", [id, patch]);
        const r = routings.find((x) => sameId(x.id, id));
        if (r === undefined) throw notFound("PUT", `/v1/routing-call-to-groups/${id}`, "Group routing");
        applyPatch(r, patch);
      },
      async delete(id: string) {
        record("queueGroupRoutings.delete", [id]);
        if (!drop(routings, (r) => sameId(r.id, id)))
          throw notFound("DELETE", `/v1/routing-call-to-groups/${id}`, "Group routing");
        return { deleted: true };
      },
    },
  };

  return {
    client: client as unknown as StringeeClient,
    numbers,
    agents,
    keypresses,
    sipPhones,
    queues,
    ivrTrees,
    ivrNodes,
    groups,
    groupMembers,
    routings,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    writes: () => calls.map((c) => c.method).filter((m) => /\.(create|update|delete)$/.test(m)),
    failNext: (method, error) => {
      failures.set(method, error);
    },
  };
}
