// The /__emulator/ test controls: request log and counts, reset, and out-of-band object edits.
import { Agent, request } from "node:http";
import { useHarness } from "./harness";

describe("test controls", () => {
  const h = useHarness();

  it("logs API requests with seq, method, path, query, status and r, and counts them per route pattern", async () => {
    const created = await h.api("POST", "/v1/queue", { name: "q" });
    // The strict create answer drops the prefix the list (and every path) uses.
    const id = `QU_${created.body.queueID}`;
    await h.api("PUT", `/v1/queue/${id}`, { name: "q2" });
    await h.api("PUT", "/v1/queue/QU_OTHER", { name: "q3" });
    await h.api("GET", "/v1/queue?page=1&limit=10");
    const log = await h.control("GET", "/requests");
    expect(log.status).toBe(200);
    expect(log.body.requests).toEqual([
      { seq: 1, method: "POST", path: "/v1/queue", query: {}, status: 200, r: 0 },
      { seq: 2, method: "PUT", path: `/v1/queue/${id}`, query: {}, status: 200, r: 0 },
      { seq: 3, method: "PUT", path: "/v1/queue/QU_OTHER", query: {}, status: 200, r: -1 },
      { seq: 4, method: "GET", path: "/v1/queue", query: { page: "1", limit: "10" }, status: 200, r: 0 },
    ]);
    expect(log.body.counts).toEqual({ "POST /v1/queue": 1, "PUT /v1/queue/:id": 2, "GET /v1/queue": 1 });
  });

  it("never logs the control routes themselves", async () => {
    await h.control("GET", "/objects");
    await h.control("PUT", "/latency", { ms: 0 });
    expect((await h.control("GET", "/requests")).body).toEqual({ requests: [], counts: {} });
  });

  it("DELETE /__emulator/requests clears the log", async () => {
    await h.api("GET", "/v1/agent");
    expect((await h.control("DELETE", "/requests")).body).toEqual({ ok: true });
    expect((await h.control("GET", "/requests")).body).toEqual({ requests: [], counts: {} });
  });

  it("reset clears objects, log and faults", async () => {
    await h.api("POST", "/v1/queue", { name: "q" });
    await h.control("POST", "/faults", { kind: "status", status: 500, count: 5, path: "^/never$" });
    expect((await h.control("POST", "/reset")).body).toEqual({ ok: true });
    const objects = (await h.control("GET", "/objects")).body;
    expect(objects).toEqual({
      number: [],
      agent: [],
      ivrkeypress: [],
      sipphone: [],
      queue: [],
      ivrtree: [],
      ivrnode: [],
      group: [],
      groupagent: [],
      grouprouting: [],
      blacklistnumber: [],
      greetingfile: [],
    });
    expect((await h.control("GET", "/requests")).body.requests).toEqual([]);
    expect((await h.control("GET", "/faults")).body.faults).toEqual([]);
  });

  it("GET /__emulator/objects shows every collection in wire shape, never passwords", async () => {
    await h.api("POST", "/v1/sipphone", { username: "300", password: "hunter2" });
    await h.api("POST", "/v1/number", { number: "8490", allow_outbound_calls: true, enable_ivr: false });
    const objects = (await h.control("GET", "/objects")).body;
    expect(objects.sipphone).toEqual([{ username: "246_300", extension: null, email_address: null }]);
    expect(objects.number[0]).toMatchObject({
      number: "8490",
      allow_outbound_calls: 1,
      enable_ivr: 0,
      account: 408,
      project: 246,
    });
    expect(JSON.stringify(objects)).not.toContain("hunter2");
  });

  it("creates, edits and deletes objects out of band, and the API sees the drift", async () => {
    const created = await h.control("POST", "/objects/agent", {
      name: "Drifted",
      stringee_user_id: "drift",
      device_status: 1,
    });
    expect(created.body).toEqual({ id: expect.stringMatching(/^AG_[A-Z0-9]{16}$/) });
    const id = created.body.id;
    const patched = await h.control("PATCH", `/objects/agent/${id}`, {
      name: "Renamed in the dashboard",
      last_time_pickup: 1700000000,
    });
    expect(patched.body).toMatchObject({
      ok: true,
      object: { id, name: "Renamed in the dashboard", last_time_pickup: 1700000000 },
    });
    const listed = await h.api("GET", "/v1/agent");
    expect(listed.body.data.agents[0]).toMatchObject({
      id,
      name: "Renamed in the dashboard",
      device_status: 1,
    });
    expect((await h.control("DELETE", `/objects/agent/${id}`)).body).toEqual({ ok: true });
    expect((await h.api("GET", "/v1/agent")).body.data.totalAgents).toBe("0");
    // Out-of-band writes are not API requests.
    expect((await h.control("GET", "/requests")).body.requests).toHaveLength(2);
  });

  it("out-of-band sipphone objects are addressed by short or prefixed username", async () => {
    expect(
      (await h.control("POST", "/objects/sipphone", { username: "246_400", extension: 400 })).body,
    ).toEqual({ id: "246_400" });
    expect(
      (await h.control("PATCH", "/objects/sipphone/400", { email_address: "a@b.c" })).body.object,
    ).toEqual({
      username: "246_400",
      extension: 400,
      email_address: "a@b.c",
    });
    expect((await h.control("DELETE", "/objects/sipphone/246_400")).body).toEqual({ ok: true });
    expect((await h.control("GET", "/objects")).body.sipphone).toEqual([]);
  });

  it("out-of-band writes keep the account rules unless forced", async () => {
    const q = (await h.control("POST", "/objects/queue", { name: "q" })).body.id;
    await h.control("POST", "/objects/number", {
      number: "8490",
      allow_outbound_calls: true,
      enable_ivr: false,
      queue_id: q,
    });
    const refused = await h.control("DELETE", `/objects/queue/${q}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ r: 3, error: expect.stringContaining("queue_id") });
    expect((await h.control("DELETE", `/objects/queue/${q}?force=true`)).body).toEqual({ ok: true });
    // The number now points at a queue that is gone, as after a deletion in the dashboard.
    expect((await h.api("GET", "/v1/number")).body.data.numbers[0].queue_id).toBe(q);
    expect(
      (
        await h.control("POST", "/objects/number", {
          number: "8490",
          allow_outbound_calls: true,
          enable_ivr: false,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await h.control("POST", "/objects/number", {
          number: "x",
          allow_outbound_calls: true,
          enable_ivr: false,
        })
      ).status,
    ).toBe(400);
    expect((await h.control("PATCH", "/objects/number/NU_NOPE", { nickname: "x" })).status).toBe(404);
    expect((await h.control("POST", "/objects/planet", {})).status).toBe(404);
  });

  it("counts the connections clients open: one keep-alive agent reuses its socket, fresh ones do not", async () => {
    await h.control("DELETE", "/connections");
    const get = (agent: InstanceType<typeof Agent> | false) =>
      new Promise<void>((resolve, reject) => {
        const req = request(`${h.emulator.url}/__emulator/latency`, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve());
        });
        req.on("error", reject);
        req.end();
      });
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 3; i++) await get(keepAlive);
    keepAlive.destroy();
    for (let i = 0; i < 2; i++) await get(false);
    const counted = await h.control("GET", "/connections");
    expect(counted.status).toBe(200);
    // 1 for the keep-alive agent, 2 for the one-off requests, and at most 1 for this control call.
    expect(counted.body.opened).toBeGreaterThanOrEqual(3);
    expect(counted.body.opened).toBeLessThanOrEqual(4);
  });

  it("answers unknown control routes with 404 JSON", async () => {
    const res = await h.control("GET", "/nothing");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: expect.stringContaining("unknown control route") });
  });
});
