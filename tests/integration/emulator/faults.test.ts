// Injected faults, the rate limit and latency, seen from a real HTTP client.
import { startHarness, useHarness } from "./harness";

describe("fault injection", () => {
  const h = useHarness();

  async function queues(): Promise<string[]> {
    return (await h.control("GET", "/objects")).body.queue.map((q: { name: string }) => q.name);
  }

  it("a status fault answers that status without applying the write", async () => {
    expect(
      (
        await h.control("POST", "/faults", {
          method: "POST",
          path: "^/v1/queue$",
          kind: "status",
          status: 503,
        })
      ).body,
    ).toEqual({
      id: expect.any(String),
    });
    const res = await h.api("POST", "/v1/queue", { name: "q1" });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ r: 9, message: expect.stringContaining("503") });
    expect(await queues()).toEqual([]);
    // count defaults to 1: the next request goes through.
    expect((await h.api("POST", "/v1/queue", { name: "q1" })).body.r).toBe(0);
    expect(await queues()).toEqual(["q1"]);
  });

  it("a 429 status fault carries no Retry-After unless the rule gives one (strict reading)", async () => {
    await h.control("POST", "/faults", { kind: "status", status: 429 });
    await h.control("POST", "/faults", { kind: "status", status: 429, retryAfter: 7 });
    const first = await h.api("GET", "/v1/queue");
    const second = await h.api("GET", "/v1/queue");
    expect([first.status, first.headers.get("retry-after")]).toEqual([429, null]);
    expect([second.status, second.headers.get("retry-after")]).toEqual([429, "7"]);
  });

  it("a reset fault destroys the connection without applying the write", async () => {
    await h.control("POST", "/faults", { method: "POST", kind: "reset" });
    await expect(h.api("POST", "/v1/queue", { name: "q-reset" })).rejects.toThrow();
    expect(await queues()).toEqual([]);
  });

  it("a hang fault never answers (the client times out) and applies nothing", async () => {
    await h.control("POST", "/faults", { path: "^/v1/queue", kind: "hang" });
    const started = Date.now();
    await expect(h.api("POST", "/v1/queue", { name: "q-hang" }, { timeoutMs: 300 })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await queues()).toEqual([]);
  });

  it("a drop-response fault applies the write, then drops the connection without answering", async () => {
    await h.control("POST", "/faults", { method: "POST", path: "/v1/queue", kind: "drop-response" });
    await expect(h.api("POST", "/v1/queue", { name: "q-dropped" })).rejects.toThrow();
    expect(await queues()).toEqual(["q-dropped"]);
  });

  it("rules match on method and path regex only", async () => {
    await h.control("POST", "/faults", {
      method: "DELETE",
      path: "^/v1/number/",
      kind: "status",
      status: 500,
    });
    expect((await h.api("GET", "/v1/number")).status).toBe(200);
    expect((await h.api("DELETE", "/v1/queue/QU_X")).status).toBe(200);
    expect((await h.api("DELETE", "/v1/number/NU_X")).status).toBe(500);
  });

  it("count n hits exactly n matching requests", async () => {
    await h.control("POST", "/faults", { path: "^/v1/agent$", kind: "status", status: 502, count: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await h.api("GET", "/v1/agent")).status);
    expect(statuses).toEqual([502, 502, 200, 200]);
  });

  it("probability 1 hits every matching request until count is used up; probability 0 never hits", async () => {
    await h.control("POST", "/faults", { path: "^/v1/agent$", kind: "status", status: 500, probability: 0 });
    await h.control("POST", "/faults", {
      path: "^/v1/agent$",
      kind: "status",
      status: 503,
      probability: 1,
      count: 3,
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await h.api("GET", "/v1/agent")).status);
    expect(statuses).toEqual([503, 503, 503, 200, 200]);
  });

  it("the request log records which fault hit each request", async () => {
    await h.control("POST", "/faults", { method: "POST", kind: "drop-response" });
    await h.control("POST", "/faults", { method: "GET", kind: "status", status: 500 });
    await h.api("POST", "/v1/queue", { name: "q" }).catch(() => undefined);
    await h.api("GET", "/v1/queue");
    const log = (await h.control("GET", "/requests")).body.requests;
    expect(log).toEqual([
      {
        seq: expect.any(Number),
        method: "POST",
        path: "/v1/queue",
        query: {},
        status: 200,
        r: 0,
        fault: "drop-response",
      },
      {
        seq: expect.any(Number),
        method: "GET",
        path: "/v1/queue",
        query: {},
        status: 500,
        r: 9,
        fault: "status",
      },
    ]);
  });

  it("DELETE /__emulator/faults clears every rule", async () => {
    await h.control("POST", "/faults", { kind: "status", status: 500, count: 10 });
    expect((await h.control("GET", "/faults")).body.faults).toHaveLength(1);
    expect((await h.control("DELETE", "/faults")).status).toBe(200);
    expect((await h.api("GET", "/v1/queue")).status).toBe(200);
  });

  it("refuses malformed fault rules with HTTP 400", async () => {
    expect((await h.control("POST", "/faults", { kind: "explode" })).status).toBe(400);
    expect((await h.control("POST", "/faults", { kind: "status", status: 404 })).status).toBe(400);
    expect((await h.control("POST", "/faults", { kind: "hang", path: "([" })).status).toBe(400);
    expect((await h.control("POST", "/faults", { kind: "hang", probability: 2 })).status).toBe(400);
  });
});

describe("rate limit and latency", () => {
  const h = useHarness();

  it("answers excess requests with 429 and no Retry-After (strict reading), without applying them", async () => {
    expect((await h.control("PUT", "/rate-limit", { perSecond: 3 })).status).toBe(200);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await h.api("POST", "/v1/queue", { name: `q${i}` }));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    for (const refused of results.slice(3)) {
      expect(refused.headers.get("retry-after")).toBeNull();
      expect(refused.body).toEqual({ r: 8, message: "Too many requests" });
    }
    expect((await h.control("GET", "/objects")).body.queue).toHaveLength(3);
    const log = (await h.control("GET", "/requests")).body.requests;
    expect(log.filter((e: { fault?: string }) => e.fault === "rate-limit")).toHaveLength(2);
  });

  it("in the lenient reading, 429s carry an integer Retry-After >= 1", async () => {
    const lenient = await startHarness({ reading: "lenient" });
    try {
      await lenient.control("PUT", "/rate-limit", { perSecond: 1 });
      await lenient.control("POST", "/faults", { kind: "status", status: 429 });
      const fault = await lenient.api("GET", "/v1/queue");
      expect([fault.status, fault.headers.get("retry-after")]).toEqual([429, "1"]);
      await lenient.api("GET", "/v1/queue");
      const limited = await lenient.api("GET", "/v1/queue");
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    } finally {
      await lenient.close();
    }
  });

  it("fixed windows refuse every request past a block's limit until the next clock-aligned block", async () => {
    const windows = [{ seconds: 2, limit: 3 }];
    expect((await h.control("PUT", "/rate-limit", { windows })).body).toEqual({ ok: true, windows });
    // Start right after a block boundary so that the five requests fall in one block.
    await new Promise((r) => setTimeout(r, 2000 - (Date.now() % 2000) + 20));
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await h.api("GET", "/v1/queue")).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    await new Promise((r) => setTimeout(r, 2000 - (Date.now() % 2000) + 20));
    expect((await h.api("GET", "/v1/queue")).status).toBe(200);
    expect((await h.control("GET", "/rate-limit")).body).toEqual({ windows });
  });

  it("lets requests through again once disabled with null", async () => {
    await h.control("PUT", "/rate-limit", { perSecond: 1 });
    await h.api("GET", "/v1/queue");
    expect((await h.api("GET", "/v1/queue")).status).toBe(429);
    await h.control("PUT", "/rate-limit", { perSecond: null });
    expect((await h.api("GET", "/v1/queue")).status).toBe(200);
  });

  it("delays every API answer by the configured latency", async () => {
    await h.control("PUT", "/latency", { ms: 150 });
    const started = Date.now();
    await h.api("GET", "/v1/queue");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await h.control("PUT", "/latency", { ms: 0 });
  });

  it("reset clears latency and the rate limit", async () => {
    await h.control("PUT", "/latency", { ms: 200 });
    await h.control("PUT", "/rate-limit", { perSecond: 1 });
    await h.control("POST", "/reset");
    expect((await h.control("GET", "/latency")).body).toEqual({ ms: 0 });
    expect((await h.control("GET", "/rate-limit")).body).toEqual({ perSecond: null });
  });
});
