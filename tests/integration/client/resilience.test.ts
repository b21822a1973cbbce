// Failure handling against the emulator's injected faults: auth refusal, retries under 429/503 and
// connection resets (asserted from the emulator's request counts), lost answers on create and
// delete (no duplicates, nothing left behind), hangs, rate limits and paging over several pages.
import { createServer } from "node:net";
import { inspect } from "node:util";
import { StringeeApiError } from "../../../provider/client";
import { SECRET, startClientHarness, type ClientHarness } from "./harness";

let h: ClientHarness;

beforeAll(async () => {
  h = await startClientHarness();
});

afterAll(async () => {
  await h.control("PUT", "/rate-limit", { perSecond: null });
  await h.close();
});

beforeEach(async () => {
  await h.reset();
});

// Every attempt, answered, retried, timed out or refused, has been handed back to the throttle.
afterEach(() => {
  expect(h.client.http.throttle.state().inFlight).toBe(0);
});

async function counts(): Promise<Record<string, number>> {
  return (await h.requests()).counts;
}

async function rejection(p: Promise<unknown>): Promise<StringeeApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StringeeApiError);
  return err as StringeeApiError;
}

describe("authentication", () => {
  it("a wrong secret surfaces as StringeeApiError (HTTP 403 keySid invalid) without leaking either secret or the token", async () => {
    const wrongSecret = "wrong-secret-value-9876543210";
    const client = h.makeClient({ apiKeySecret: wrongSecret });
    const err = await rejection(client.agents.list());
    expect(err).toMatchObject({ method: "GET", path: "/v1/agent", httpStatus: 403, outcome: "failed" });
    expect(err.r).toBe(5);
    expect(err.message).toContain("Stringee refused the API credentials");
    const printed = [err.message, err.stack, JSON.stringify(err), inspect(err)].join("\n");
    expect(printed).not.toContain(wrongSecret);
    expect(printed).not.toContain(SECRET);
    expect(printed).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/); // no JWT
    expect((await counts())["GET /v1/agent"]).toBe(1);
  });

  it("a SIP password never appears in the error of a refused create", async () => {
    const password = "sip-password-that-must-not-leak";
    const err = await rejection(h.client.sipPhones.create({ username: "bad name!", password }));
    expect(err.r).toBe(1);
    expect([err.message, JSON.stringify(err), inspect(err)].join("\n")).not.toContain(password);
  });
});

describe("retries", () => {
  it("GET retried after 429 honours Retry-After", async () => {
    await h.fault({
      method: "GET",
      path: "^/v1/agent$",
      kind: "status",
      status: 429,
      retryAfter: 1,
      count: 2,
    });
    const started = Date.now();
    // A client of its own: the pace a 429 teaches (see throttle.ts) must not slow the tests that follow.
    await expect(h.makeClient().agents.list()).resolves.toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect((await counts())["GET /v1/agent"]).toBe(3);
  });

  it("POST answered 429 is re-sent (it was not applied) and creates one agent", async () => {
    await h.fault({
      method: "POST",
      path: "^/v1/agent$",
      kind: "status",
      status: 429,
      retryAfter: 1,
      count: 1,
    });
    const created = await h.makeClient().agents.create({ name: "A", stringeeUserId: "a429" });
    expect(created.recovered).toBe(false);
    expect((await counts())["POST /v1/agent"]).toBe(2);
    expect(await h.objects("agent")).toEqual([expect.objectContaining({ id: created.id })]);
  });

  it("GET retried after 503 twice", async () => {
    await h.fault({ method: "GET", path: "^/v1/queue$", kind: "status", status: 503, count: 2 });
    await expect(h.client.queues.list()).resolves.toEqual([]);
    expect((await counts())["GET /v1/queue"]).toBe(3);
  });

  it("PUT retried after a connection reset", async () => {
    const { id } = await h.client.queues.create({ name: "Q" });
    await h.clearRequests();
    await h.fault({ method: "PUT", path: "^/v1/queue/", kind: "reset", count: 1 });
    await h.client.queues.update(id, { name: "Q2" });
    expect((await counts())["PUT /v1/queue/:id"]).toBe(2);
    expect((await h.client.queues.findById(id))?.name).toBe("Q2");
  });

  it("POST answered 503 is not blindly re-sent: the client looks first, then re-sends once", async () => {
    await h.fault({ method: "POST", path: "^/v1/queue$", kind: "status", status: 503, count: 1 });
    const created = await h.client.queues.create({ name: "After 503" });
    expect(created.recovered).toBe(false);
    const c = await counts();
    expect(c["POST /v1/queue"]).toBe(2);
    // One lookup before the re-send, one listing to find the listed form of the answer's unprefixed id.
    expect(c["GET /v1/queue"]).toBe(2);
    expect(await h.objects("queue")).toHaveLength(1);
  });

  it("POST reset before being applied: looked up, not found, re-sent once", async () => {
    await h.fault({ method: "POST", path: "^/v1/ivrtree$", kind: "reset", count: 1 });
    const created = await h.client.ivrTrees.create({ treeName: "Reset tree" });
    expect(created.recovered).toBe(false);
    expect((await counts())["POST /v1/ivrtree"]).toBe(2);
    expect(await h.objects("ivrtree")).toEqual([expect.objectContaining({ id: created.id })]);
  });

  it("gives up after the retry limit with the attempts counted", async () => {
    const client = h.makeClient({ retry: { limit: 2, baseDelayMs: 5, maxDelayMs: 20 } });
    await h.fault({ method: "GET", path: "^/v1/number$", kind: "status", status: 502, count: 10 });
    const err = await rejection(client.numbers.list());
    expect(err).toMatchObject({ httpStatus: 502, attempts: 3, outcome: "failed" });
    expect((await counts())["GET /v1/number"]).toBe(3);
  });

  it("POST to a closed port is retried (it was never sent) and fails with outcome failed", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const client = h.makeClient({
      iccBaseUrl: `http://127.0.0.1:${port}`,
      retry: { limit: 2, baseDelayMs: 5, maxDelayMs: 20 },
    });
    const err = await rejection(client.agents.create({ name: "Nobody", stringeeUserId: "nobody" }));
    expect(err).toMatchObject({
      method: "POST",
      networkCode: "ECONNREFUSED",
      outcome: "failed",
      attempts: 3,
    });
  });

  it("rides out the emulator's rate limit (fixed one-second blocks, 429 without Retry-After)", async () => {
    await h.control("PUT", "/rate-limit", { windows: [{ seconds: 1, limit: 3 }] });
    try {
      // Seven different listings: concurrent listings of one collection by one client are shared, not sent twice.
      // Fresh clients: the throttle a 429 teaches must not slow the tests that follow.
      const c = h.makeClient();
      const lists = await Promise.all([
        c.agents.list(),
        c.numbers.list(),
        c.queues.list(),
        c.groups.list(),
        c.ivrTrees.list(),
        c.sipPhones.list(),
        h.makeClient().agents.list(),
      ]);
      expect(lists).toHaveLength(7);
      const { requests } = await h.requests();
      expect(requests.some((r) => r.status === 429)).toBe(true);
    } finally {
      await h.control("PUT", "/rate-limit", { perSecond: null });
    }
  }, 30_000);
});

describe("lost answers", () => {
  it("a create whose answer is dropped yields exactly one object and its id", async () => {
    await h.fault({ method: "POST", path: "^/v1/number$", kind: "drop-response", count: 1 });
    const created = await h.client.numbers.create({
      number: "84999000111",
      allowOutboundCalls: true,
      enableIvr: false,
    });
    expect(created.recovered).toBe(true);
    const numbers = await h.objects<{ id: string; number: string }>("number");
    expect(numbers).toEqual([expect.objectContaining({ id: created.id, number: "84999000111" })]);
    expect((await counts())["POST /v1/number"]).toBe(1);
  });

  it("a dropped agent create is recovered by stringee user id", async () => {
    await h.fault({ method: "POST", path: "^/v1/agent$", kind: "drop-response", count: 1 });
    const created = await h.client.agents.create({ name: "Dropped", stringeeUserId: "dropped" });
    expect(created).toEqual({ id: expect.stringMatching(/^AG_/), recovered: true });
    expect(await h.objects("agent")).toEqual([expect.objectContaining({ id: created.id })]);
  });

  it("a dropped SIP phone create is recovered by username", async () => {
    await h.fault({ method: "POST", path: "^/v1/sipphone$", kind: "drop-response", count: 1 });
    const created = await h.client.sipPhones.create({ username: "300", password: "pw-300-secret" });
    expect(created).toEqual({ id: "246_300", shortUsername: "300", recovered: true });
    expect(await h.objects("sipphone")).toHaveLength(1);
  });

  it("a dropped keypress create is recovered by node and key", async () => {
    const tree = await h.client.ivrTrees.create({ treeName: "T" });
    const node = await h.client.ivrNodes.create({
      tree: tree.id,
      nodeName: "N",
      nodePlayMode: "talk",
      nodePlayContent: "Hi",
    });
    await h.fault({ method: "POST", path: "^/v1/ivrkeypress$", kind: "drop-response", count: 1 });
    const created = await h.client.ivrKeypresses.create({ node: node.id, nodeKey: "#", action: 6 });
    expect(created.recovered).toBe(true);
    expect(await h.objects("ivrkeypress")).toEqual([expect.objectContaining({ id: created.id })]);
  });

  it("a dropped IVR node create is recovered; its root flag is unknown where the list does not show it", async () => {
    const tree = await h.client.ivrTrees.create({ treeName: "Drop tree" });
    await h.fault({ method: "POST", path: "^/v1/ivrnode$", kind: "drop-response", count: 1 });
    const created = await h.client.ivrNodes.create({
      tree: tree.id,
      nodeName: "Root",
      nodePlayMode: "talk",
      nodePlayContent: "Hi",
    });
    expect(created.recovered).toBe(true);
    // The strict node list has no root flag (the IVR resource asks the tree instead); the tree names it.
    expect(created.isRootNode).toBeUndefined();
    expect((await h.client.ivrTrees.findById(tree.id))?.rootNode).toBe(created.id);
    expect(await h.objects("ivrnode")).toHaveLength(1);
  });

  it("a delete whose answer is dropped still ends with the object gone and delete resolving", async () => {
    const { id } = await h.client.agents.create({ name: "Gone", stringeeUserId: "gone" });
    await h.clearRequests();
    await h.fault({ method: "DELETE", path: "^/v1/agent/", kind: "drop-response", count: 1 });
    // The retried DELETE finds the agent already gone (r = -1): that is success, reported as deleted: false.
    await expect(h.client.agents.delete(id)).resolves.toEqual({ deleted: false });
    expect(await h.objects("agent")).toEqual([]);
    const { requests } = await h.requests();
    expect(requests.map((r) => [r.method, r.r])).toEqual([
      ["DELETE", 0],
      ["DELETE", -1],
    ]);
  });

  it("an update whose answer is dropped is re-sent (idempotent) and applied once", async () => {
    const { id } = await h.client.agents.create({ name: "Before", stringeeUserId: "upd" });
    await h.clearRequests();
    await h.fault({ method: "PUT", path: "^/v1/agent/", kind: "drop-response", count: 1 });
    await h.client.agents.update(id, { name: "After" });
    expect((await counts())["PUT /v1/agent/:id"]).toBe(2);
    expect((await h.client.agents.findById(id))?.name).toBe("After");
  });

  it("a POST that hangs times out, is looked up, not found, and re-sent", async () => {
    const client = h.makeClient({ timeoutMs: 1000 });
    await h.fault({ method: "POST", path: "^/v1/queue$", kind: "hang", count: 1 });
    const created = await client.queues.create({ name: "Hung" });
    expect(created.recovered).toBe(false);
    expect((await counts())["POST /v1/queue"]).toBe(2);
    expect(await h.objects("queue")).toEqual([expect.objectContaining({ id: created.id, name: "Hung" })]);
  });

  it("a create that never gets an answer fails with outcome unknown after bounded re-sends", async () => {
    const client = h.makeClient({ timeoutMs: 300 });
    await h.fault({ method: "POST", path: "^/v1/queue$", kind: "hang", count: 10 });
    const err = await rejection(client.queues.create({ name: "Never" }));
    expect(err).toMatchObject({
      method: "POST",
      path: "/v1/queue",
      outcome: "unknown",
      networkCode: "ETIMEDOUT",
    });
    // One POST and DEFAULT_CREATE_RESENDS (5) re-sends, each after a lookup that found nothing.
    expect((await counts())["POST /v1/queue"]).toBe(6);
    expect(await h.objects("queue")).toEqual([]);
  }, 30_000);
});

describe("paging", () => {
  it("walks every page of a list longer than one page", async () => {
    for (let i = 0; i < 120; i++) {
      await h.seed("number", {
        number: `8490${String(i).padStart(6, "0")}`,
        allow_outbound_calls: i % 2,
        enable_ivr: 0,
      });
    }
    await h.clearRequests();
    const client = h.makeClient({ pageSize: 50 });
    const numbers = await client.numbers.list();
    expect(numbers).toHaveLength(120);
    expect(new Set(numbers.map((n) => n.id)).size).toBe(120);
    // Page 1 announces three pages; pages 2 and 3 are then asked for together.
    const pages = (await h.requests()).requests.map((r) => r.query["page"]);
    expect(pages[0]).toBe("1");
    expect([...pages].sort()).toEqual(["1", "2", "3"]);
    expect(await client.numbers.findByNumber("8490000119")).toMatchObject({ allowOutboundCalls: true });
  });

  it("uses the configured page size", async () => {
    for (let i = 0; i < 5; i++) await h.seed("agent", { name: `A${i}`, stringee_user_id: `u${i}` });
    await h.clearRequests();
    const client = h.makeClient({ pageSize: 2 });
    expect((await client.agents.list()).map((a) => a.stringeeUserId)).toEqual(["u0", "u1", "u2", "u3", "u4"]);
    expect((await counts())["GET /v1/agent"]).toBe(3);
  });
});
