// An in-memory stand-in for StringeeClient implementing only the methods the resource specs call, with
// a log of every call. It follows the client's contract (lookups answer undefined when nothing matches,
// ids compare with or without their prefix) but, unlike the real client, its deletes throw the API's
// "not found" error, so the lifecycle's own tolerance is what the tests exercise.
import type { Agent, IvrKeypress, SipPhone, StringeeClient, StringeeNumber } from "../../../provider/client";
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

/** Applies a client update patch (`null` clears, `undefined` leaves alone) to a remote object. */
function applyPatch(target: object, patch: object): void {
  const t = target as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete t[key];
    else t[key] = value;
  }
}

/** Builds an empty fake account. */
export function fakeStringee(): FakeStringee {
  const numbers: StringeeNumber[] = [];
  const agents: Agent[] = [];
  const keypresses: IvrKeypress[] = [];
  const sipPhones: SipPhone[] = [];
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
  };

  return {
    client: client as unknown as StringeeClient,
    numbers,
    agents,
    keypresses,
    sipPhones,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    writes: () => calls.map((c) => c.method).filter((m) => /\.(create|update|delete)$/.test(m)),
    failNext: (method, error) => {
      failures.set(method, error);
    },
  };
}
