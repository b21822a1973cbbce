// The controls that let a test check the emulator from its own side, over HTTP: the token-check
// counters (GET/DELETE /__emulator/auth) and the consistency self-check (GET /__emulator/consistency).
import { SID, token, useHarness } from "./harness";

describe("token-check counters", () => {
  const h = useHarness();

  it("count accepted requests per distinct token, by jti and exp, and refusals per reason", async () => {
    const now = Math.floor(Date.now() / 1000);
    const first = token({ jti: `${SID}-${now}`, exp: now + 60 });
    const second = token({ jti: `${SID}-${now + 1}`, exp: now + 61 });
    for (const t of [first, first, second])
      expect((await h.api("GET", "/v1/queue", undefined, { headers: { "X-STRINGEE-AUTH": t } })).status).toBe(
        200,
      );
    const expired = token({ exp: now - 5 });
    expect(
      (await h.api("GET", "/v1/queue", undefined, { headers: { "X-STRINGEE-AUTH": expired } })).status,
    ).toBe(403);
    expect(
      (await h.api("GET", "/v1/queue", undefined, { headers: { "X-STRINGEE-AUTH": "nope" } })).status,
    ).toBe(403);
    const view = (await h.control("GET", "/auth")).body;
    expect(view).toEqual({
      accepted: 3,
      refused: { expired: 1, malformed: 1 },
      distinctTokens: 2,
      tokens: [
        {
          jti: `${SID}-${now}`,
          exp: now + 60,
          requests: 2,
          firstUsed: expect.any(Number),
          lastUsed: expect.any(Number),
        },
        {
          jti: `${SID}-${now + 1}`,
          exp: now + 61,
          requests: 1,
          firstUsed: expect.any(Number),
          lastUsed: expect.any(Number),
        },
      ],
    });
    expect(JSON.stringify(view)).not.toContain(first);
  });

  it("are cleared by DELETE and by reset, and leave the request log alone", async () => {
    await h.api("GET", "/v1/agent");
    expect((await h.control("DELETE", "/auth")).body).toEqual({ ok: true });
    expect((await h.control("GET", "/auth")).body).toMatchObject({ accepted: 0, distinctTokens: 0 });
    expect((await h.control("GET", "/requests")).body.requests).toHaveLength(1);
    await h.api("GET", "/v1/agent");
    await h.control("POST", "/reset");
    expect((await h.control("GET", "/auth")).body).toMatchObject({ accepted: 0, distinctTokens: 0 });
    expect((await h.control("PUT", "/auth")).status).toBe(405);
  });
});

describe("consistency self-check", () => {
  const h = useHarness({ requestLogCapacity: 5 });

  it("passes after API writes, and reports objects, log size, fault rules and open connections", async () => {
    const queue = (await h.api("POST", "/v1/queue", { name: "Sales" })).body.queueID;
    const tree = (await h.api("POST", "/v1/ivrtree", { tree_name: "Main" })).body.ivrTreeID;
    const node = (
      await h.api("POST", "/v1/ivrnode", {
        tree,
        node_name: "Menu",
        node_play_mode: "talk",
        node_play_content: "Hi",
      })
    ).body.ivrNodeID;
    await h.api("POST", "/v1/ivrkeypress", { node, node_key: "1", action: 2, queue_id: queue });
    for (let i = 0; i < 4; i++) await h.api("GET", "/v1/queue");
    await h.control("POST", "/faults", { kind: "status", status: 503, path: "^/never$" });
    const report = (await h.control("GET", "/consistency")).body;
    expect(report).toMatchObject({
      ok: true,
      problems: [],
      objects: { queue: 1, ivrtree: 1, ivrnode: 1, ivrkeypress: 1, number: 0 },
      requestLog: { size: 5, capacity: 5, dropped: 3 },
      faultRules: 1,
    });
    expect(report.server.timers).toBe(0);
    expect(report.memory.rss).toBeGreaterThan(0);
  });

  it("fails, naming the problem, after a forced out-of-band delete leaves a keypress without its node", async () => {
    const queue = (await h.api("POST", "/v1/queue", { name: "Sales" })).body.queueID;
    const tree = (await h.api("POST", "/v1/ivrtree", { tree_name: "Main" })).body.ivrTreeID;
    const node = (
      await h.api("POST", "/v1/ivrnode", {
        tree,
        node_name: "Menu",
        node_play_mode: "talk",
        node_play_content: "Hi",
      })
    ).body.ivrNodeID;
    const created = await h.api("POST", "/v1/ivrkeypress", {
      node,
      node_key: "1",
      action: 2,
      queue_id: queue,
    });
    // Strict create answers drop the prefix that the list, the controls and the report use.
    const key = `NO_KE_${created.body.ivrNodeKeyID}`;
    const nodeId = `NO_${node}`;
    expect((await h.control("DELETE", `/objects/ivrnode/${nodeId}?force=true`)).status).toBe(200);
    const report = (await h.control("GET", "/consistency")).body;
    expect(report.ok).toBe(false);
    expect(report.problems).toContain(
      `IVR node key ${key}: node references IVR node ${nodeId}, which does not exist`,
    );
    expect((await h.control("POST", "/consistency")).status).toBe(405);
  });

  it("does not count as an API request", async () => {
    await h.control("GET", "/consistency");
    expect((await h.control("GET", "/requests")).body.requests).toEqual([]);
  });
});
