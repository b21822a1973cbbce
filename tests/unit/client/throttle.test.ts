import { isRetryable, resolveRetryPolicy, retryDelayFor } from "../../../provider/client/retry";
import { Throttle, type Admission } from "../../../provider/client/throttle";
import { RateLimiter, type RateWindow } from "../../../provider/emulator/ratelimit";

/** A throttle on a fake clock whose sleeps advance the clock and are recorded. */
function fakeThrottle(options: { calmMs?: number; blockLengthsMs?: number[] } = {}) {
  let clock = 10_000;
  const sleeps: number[] = [];
  const throttle = new Throttle({
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    ...options,
  });
  return {
    throttle,
    sleeps,
    advance: (ms: number) => (clock += ms),
    now: () => clock,
    /** A request sent now, as if admitted before the throttle had any reason to hold it. */
    sent: () => ({ at: clock, opener: false }),
  };
}

describe("Throttle", () => {
  it("does nothing until a 429 arrives", async () => {
    const t = fakeThrottle();
    for (let i = 0; i < 50; i++) {
      t.throttle.succeeded(await t.throttle.admit());
    }
    expect(t.sleeps).toEqual([]);
    expect(t.throttle.state()).toEqual({ intervalMs: 0, limited: 0, waitedMs: 0, inFlight: 0, budgets: {} });
  });

  it("after a 429 every request waits out Retry-After, then starts at the rate that was getting through", async () => {
    const t = fakeThrottle();
    // Ten answers within the last second, then the limit is hit.
    for (let i = 0; i < 10; i++) {
      t.throttle.succeeded(t.sent());
      t.advance(50);
    }
    t.throttle.limited(1_000, t.sent());
    expect(t.throttle.state().intervalMs).toBe(100);
    const starts: number[] = [];
    for (let i = 0; i < 4; i++) {
      await t.throttle.admit();
      starts.push(t.now());
    }
    // The first waits for the pause, the next ones are 100 ms apart.
    expect(starts[0]).toBeGreaterThanOrEqual(10_500 + 1_000);
    expect(starts.slice(1).map((s, i) => s - starts[i]!)).toEqual([100, 100, 100]);
  });

  it("429s of requests sent before the pace changed do not slow it down again", () => {
    const t = fakeThrottle();
    for (let i = 0; i < 10; i++) t.throttle.succeeded(t.sent());
    t.throttle.limited(1_000, t.sent());
    // The rest of the burst that was already in flight.
    for (let i = 0; i < 20; i++) t.throttle.limited(1_000, t.sent());
    expect(t.throttle.state()).toMatchObject({ intervalMs: 100, limited: 21 });
  });

  it("a 429 after the pause slows the pace by a quarter", () => {
    const t = fakeThrottle();
    for (let i = 0; i < 10; i++) t.throttle.succeeded(t.sent());
    t.throttle.limited(1_000, t.sent());
    t.advance(1_500);
    t.throttle.limited(1_000, t.sent());
    expect(t.throttle.state().intervalMs).toBeCloseTo(125);
  });

  it("eases back up after a calm period, and stops pacing once the interval is negligible", () => {
    const t = fakeThrottle({ calmMs: 5_000 });
    t.throttle.succeeded(t.sent());
    t.throttle.limited(1_000, t.sent());
    // One success in the last second says little: the first pace is 5 per second, not 1.
    expect(t.throttle.state().intervalMs).toBe(200);
    t.advance(1_000);
    t.throttle.succeeded(t.sent());
    expect(t.throttle.state().intervalMs).toBe(200);
    t.advance(5_000);
    let successes = 0;
    while (t.throttle.state().intervalMs > 0 && successes < 10_000) {
      t.throttle.succeeded(t.sent());
      successes++;
    }
    expect(t.throttle.state().intervalMs).toBe(0);
    expect(successes).toBeGreaterThan(100);
  });

  it("with no Retry-After, pauses every request until the next boundary of a one-second block", async () => {
    const t = fakeThrottle();
    t.advance(300);
    t.throttle.limited(undefined, t.sent());
    await t.throttle.admit();
    // 10_300 → the block [10_000, 11_000) is full; sending resumes after its end and a small margin.
    expect(t.now()).toBe(11_000 + 250);
    expect(t.throttle.state().blockMs).toBe(1_000);
  });
});

/**
 * A discrete-event simulation: `workers` concurrent callers each send requests through the throttle to a
 * server limited by the emulator's fixed windows, which counts each request on arrival (`latencyMs` after
 * it is sent, as the emulator does) and answers 429 without Retry-After; a refused request is re-sent.
 */
async function simulate(o: {
  windows: RateWindow[];
  workers: number;
  requests: number;
  latencyMs: number;
  startMs: number;
  /** Extra delay before an accepted request is answered (a refusal is answered at once). */
  processMs?: number;
  /** Up to this much more latency on the way to the server, drawn per request (seeded). */
  jitterMs?: number;
}): Promise<{ seconds: number; refused: number; throttle: Throttle }> {
  let clock = o.startMs;
  let seq = 0;
  const timers: { at: number; seq: number; resolve: () => void }[] = [];
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => timers.push({ at: clock + Math.max(0, ms), seq: seq++, resolve }));
  const throttle = new Throttle({ now: () => clock, sleep });
  const server = new RateLimiter();
  server.configure({ windows: o.windows });
  let remaining = o.requests;
  let refused = 0;
  let seed = 42;
  // A small linear congruential generator: the same draws on every run.
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  let running = o.workers;
  const worker = async () => {
    while (remaining > 0) {
      remaining--;
      for (;;) {
        const admission = await throttle.admit();
        await sleep(o.latencyMs + Math.round((o.jitterMs ?? 0) * random()));
        if (server.take(clock).allowed) {
          if (o.processMs) await sleep(o.processMs);
          throttle.succeeded(admission);
          break;
        }
        refused++;
        throttle.limited(undefined, admission);
      }
    }
    running--;
  };
  for (let i = 0; i < o.workers; i++) void worker();
  const flush = () => new Promise((r) => setImmediate(r));
  while (running > 0) {
    await flush();
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers.shift();
    if (next === undefined) continue;
    clock = Math.max(clock, next.at);
    next.resolve();
  }
  return { seconds: (clock - o.startMs) / 1000, refused, throttle };
}

describe("Throttle under fixed, clock-aligned blocks without Retry-After", () => {
  it.each([
    ["starting early in a block", 1_700_000_000_300],
    ["starting late in a block", 1_700_000_008_700],
  ])(
    "learns 100 per 10 s, then sends at least 95%% of the limit with one 429 per block (%s)",
    async (_label, startMs) => {
      const { seconds, refused, throttle } = await simulate({
        windows: [{ seconds: 10, limit: 100 }],
        workers: 16,
        requests: 1_000,
        latencyMs: 50,
        startMs,
      });
      expect(throttle.state()).toMatchObject({ blockMs: 10_000, budgets: { 10_000: 100 } });
      // 1 000 requests at 10 per second take 100 s; the first block is partly used before the run starts.
      expect(1_000 / seconds).toBeGreaterThanOrEqual(9.5);
      // At most three bursts while learning (a block of 1 s that ends the full block of 10 s teaches the
      // wrong length once), as many as were in flight each time, then one request per block past the budget.
      expect(refused).toBeLessThanOrEqual(3 * 16 + Math.ceil(seconds / 10) + 1);
    },
  );

  it("never takes a block of 10 s for a longer one when refusals overtake the acceptances of the same block", async () => {
    // A slow server: requests reach it up to 700 ms late (so some sent before a boundary count after it), and
    // an accepted request is answered 400 ms after a refused one. The first answers of a fresh block can then
    // be 429s while its acceptances are still on the way: that alone does not mean a longer block is full.
    const { seconds, throttle } = await simulate({
      windows: [{ seconds: 10, limit: 100 }],
      workers: 32,
      requests: 600,
      latencyMs: 20,
      jitterMs: 700,
      processMs: 400,
      startMs: 1_700_000_000_000 + 3_000,
    });
    expect(throttle.state().blockMs).toBe(10_000);
    // 600 requests at 100 per 10 s take about a minute; a pause for a longer block would add one or more.
    expect(seconds).toBeLessThan(80);
  });

  it("finds the one-minute block when it is the one that binds", async () => {
    const { seconds, throttle } = await simulate({
      windows: [
        { seconds: 10, limit: 100 },
        { seconds: 60, limit: 300 },
      ],
      workers: 16,
      requests: 1_500,
      latencyMs: 50,
      startMs: 1_700_000_000_000 + 12_345,
    });
    expect(throttle.state().blockMs).toBe(60_000);
    // The emulator counts refused requests too: the minute's budget is 300 less the few refused in it.
    expect(throttle.state().budgets[60_000]).toBeGreaterThanOrEqual(290);
    // 300 per minute: 1 500 requests take about five minutes, never much more.
    expect(1_500 / seconds).toBeGreaterThanOrEqual(0.9 * 5);
  });

  it("paces a per-second limit as one-second blocks", async () => {
    const { seconds, throttle } = await simulate({
      windows: [{ seconds: 1, limit: 20 }],
      workers: 8,
      requests: 400,
      latencyMs: 30,
      startMs: 1_700_000_000_500,
    });
    expect(throttle.state()).toMatchObject({ blockMs: 1_000, budgets: { 1_000: 20 } });
    expect(400 / seconds).toBeGreaterThanOrEqual(0.9 * 20);
  });

  // A throttle whose sleeps end only as the test advances its clock (so waiting can be observed), and
  // which has learnt a budget of 3 per 10 s block; the clock is at T0 + 2.25 s, paused until T0 + 11 s (the
  // margin after boundaries grew to 1 s with the two refused openers).
  const T0 = 1_700_000_040_000; // a multiple of a minute
  async function learnTenSecondBlocks() {
    let clock = T0 + 300;
    const sleeping: { until: number; resolve: () => void }[] = [];
    const throttle = new Throttle({
      now: () => clock,
      sleep: (ms) => new Promise<void>((resolve) => sleeping.push({ until: clock + ms, resolve })),
      blockLengthsMs: [1_000, 10_000, 60_000],
    });
    const flush = () => new Promise((r) => setImmediate(r));
    // Moves the clock to `to`, waking each sleeper on its way.
    const advanceTo = async (to: number) => {
      for (;;) {
        await flush();
        sleeping.sort((a, b) => a.until - b.until);
        const next = sleeping[0];
        if (next === undefined || next.until > to) break;
        sleeping.shift();
        clock = Math.max(clock, next.until);
        next.resolve();
      }
      clock = to;
      await flush();
    };
    // Admits a request and checks that it waits until exactly `at`, and goes then as its block's opener.
    const opensAt = async (at: number): Promise<Admission> => {
      let admitted: Admission | undefined;
      void throttle.admit().then((a) => (admitted = a));
      await advanceTo(at - 1);
      expect(admitted).toBeUndefined();
      await advanceTo(at);
      expect(admitted).toMatchObject({ at, opener: true });
      return admitted!;
    };
    // Three accepted, then the 10 s block is full: a 429 teaches the 1 s length first…
    for (let i = 0; i < 3; i++) throttle.succeeded(await throttle.admit());
    throttle.limited(undefined, await throttle.admit());
    // …and the next two 1 s blocks' openers, refused alone, move it to 10 s, pausing until the boundary.
    for (const at of [T0 + 1_250, T0 + 2_250]) {
      expect(throttle.state().blockMs).toBe(1_000);
      throttle.limited(undefined, await opensAt(at));
    }
    expect(throttle.state()).toMatchObject({ blockMs: 10_000, budgets: { 10_000: 3 } });
    return { throttle, advanceTo, opensAt, now: () => clock };
  }

  it("sends a clean block's opener alone, and takes a later refusal in the block, answered before an acceptance, for this block", async () => {
    const t = await learnTenSecondBlocks();
    const opener = await t.opensAt(T0 + 11_000);
    expect(opener).toEqual({ at: T0 + 11_000, opener: true, level: 1 });
    // The next waits for the opener's answer…
    let second: Admission | undefined;
    void t.throttle.admit().then((a) => (second = a));
    await t.advanceTo(T0 + 11_150);
    expect(second).toBeUndefined();
    // …and goes once it came (the margin halves back to 500 ms), as does a third.
    t.throttle.succeeded(opener);
    await t.advanceTo(T0 + 11_200);
    expect(second).toMatchObject({ opener: false });
    const third = await t.throttle.admit();
    // The refusal of the third arrives before the second's acceptance: the 10 s block is full, nothing longer.
    t.throttle.limited(undefined, third);
    t.throttle.succeeded(second!);
    expect(t.throttle.state()).toMatchObject({ blockMs: 10_000, inFlight: 0 });
    await t.opensAt(T0 + 20_500);
  });

  it("two refused openers in a row mean a longer block is full: it tries the next length and pauses until its boundary", async () => {
    const t = await learnTenSecondBlocks();
    // The first refusal could be a server clock ahead of ours: the margin doubles to 2 s, the length stays.
    for (const at of [T0 + 11_000, T0 + 22_000]) {
      expect(t.throttle.state().blockMs).toBe(10_000);
      t.throttle.limited(undefined, await t.opensAt(at));
    }
    expect(t.throttle.state()).toMatchObject({ blockMs: 60_000, inFlight: 0 });
    await t.opensAt(T0 + 62_000);
  });

  it("a refused opener followed by an accepted one never moves to a longer block (a server clock ahead of ours)", async () => {
    const t = await learnTenSecondBlocks();
    for (let block = 1; block <= 6; block++) {
      const opening = t.throttle.admit();
      await t.advanceTo(T0 + block * 10_000 + 2_500);
      const opener = await opening;
      expect(opener.opener).toBe(true);
      // Every other opener lands, by the server's clock, in the block before.
      if (block % 2 === 1) t.throttle.limited(undefined, opener);
      else {
        t.throttle.succeeded(opener);
        // The rest of the block's budget, then the probe past it is refused: the block is full.
        for (let i = 0; i < 2; i++) t.throttle.succeeded(await t.throttle.admit());
        t.throttle.limited(undefined, await t.throttle.admit());
      }
      expect(t.throttle.state()).toMatchObject({ blockMs: 10_000, inFlight: 0 });
    }
  });

  it("counts a request sent just before a boundary in the next block too, and sends past the budget one at a time", async () => {
    const t = fakeThrottle();
    // A clean block of 1 s accepts 2, then refuses: the budget is 2 per second.
    t.advance(300);
    for (let i = 0; i < 2; i++) {
      t.throttle.succeeded(await t.throttle.admit());
    }
    t.throttle.limited(undefined, await t.throttle.admit());
    expect(t.throttle.state()).toMatchObject({ blockMs: 1_000, budgets: { 1_000: 2 } });
    // The next block: one request 10 ms before its end, which the server may count in the block after it.
    t.advance(11_990 - t.now());
    t.throttle.succeeded(await t.throttle.admit());
    t.advance(20);
    const start = t.now();
    t.throttle.succeeded(await t.throttle.admit());
    // The budget of 2 is used (one carried over): one more may go since nothing of the block is unanswered…
    await t.throttle.admit();
    expect(t.now()).toBe(start);
    // …but not another until it is answered.
    await t.throttle.admit();
    expect(t.now()).toBeGreaterThan(start);
  });
});

describe("retry delay after a 429", () => {
  const policy = resolveRetryPolicy();

  it("is immediate without Retry-After: the throttle holds the request until the block ends", () => {
    expect(
      retryDelayFor({ method: "POST", attemptCount: 3, statusCode: 429, requestSent: true }, policy),
    ).toBe(1);
  });

  it("honours Retry-After when the server gives one", () => {
    const delay = retryDelayFor(
      { method: "GET", attemptCount: 1, statusCode: 429, requestSent: true, retryAfterMs: 2_000 },
      policy,
      () => 0,
    );
    expect(delay).toBe(2_000);
  });
});

describe("retry limits", () => {
  const policy = resolveRetryPolicy({ limit: 5, rateLimitRetries: 30 });

  it("a 429 is retried up to rateLimitRetries times, for every method, POST included", () => {
    expect(
      isRetryable({ method: "POST", attemptCount: 30, statusCode: 429, requestSent: true }, policy),
    ).toBe(true);
    expect(
      isRetryable({ method: "POST", attemptCount: 31, statusCode: 429, requestSent: true }, policy),
    ).toBe(false);
  });

  it("other failures keep the general limit", () => {
    expect(isRetryable({ method: "GET", attemptCount: 5, statusCode: 503, requestSent: true }, policy)).toBe(
      true,
    );
    expect(isRetryable({ method: "GET", attemptCount: 6, statusCode: 503, requestSent: true }, policy)).toBe(
      false,
    );
  });

  it("defaults to 30 retries after 429", () => {
    expect(resolveRetryPolicy().rateLimitRetries).toBe(30);
  });
});
