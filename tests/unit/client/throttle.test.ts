import { isRetryable, resolveRetryPolicy, retryDelayFor } from "../../../provider/client/retry";
import { Throttle } from "../../../provider/client/throttle";
import { RateLimiter, type RateWindow } from "../../../provider/emulator/ratelimit";

/** A throttle on a fake clock whose sleeps advance the clock and are recorded. */
function fakeThrottle(options: { calmMs?: number } = {}) {
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
  };
}

describe("Throttle", () => {
  it("does nothing until a 429 arrives", async () => {
    const t = fakeThrottle();
    for (let i = 0; i < 50; i++) {
      await t.throttle.admit();
      t.throttle.succeeded();
    }
    expect(t.sleeps).toEqual([]);
    expect(t.throttle.state()).toEqual({ intervalMs: 0, limited: 0, waitedMs: 0, budgets: {} });
  });

  it("after a 429 every request waits out Retry-After, then starts at the rate that was getting through", async () => {
    const t = fakeThrottle();
    // Ten answers within the last second, then the limit is hit.
    for (let i = 0; i < 10; i++) {
      t.throttle.succeeded();
      t.advance(50);
    }
    t.throttle.limited(1_000);
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
    for (let i = 0; i < 10; i++) t.throttle.succeeded();
    t.throttle.limited(1_000);
    // The rest of the burst that was already in flight.
    for (let i = 0; i < 20; i++) t.throttle.limited(1_000);
    expect(t.throttle.state()).toMatchObject({ intervalMs: 100, limited: 21 });
  });

  it("a 429 after the pause slows the pace by a quarter", () => {
    const t = fakeThrottle();
    for (let i = 0; i < 10; i++) t.throttle.succeeded();
    t.throttle.limited(1_000);
    t.advance(1_500);
    t.throttle.limited(1_000);
    expect(t.throttle.state().intervalMs).toBeCloseTo(125);
  });

  it("eases back up after a calm period, and stops pacing once the interval is negligible", () => {
    const t = fakeThrottle({ calmMs: 5_000 });
    t.throttle.succeeded();
    t.throttle.limited(1_000);
    // One success in the last second says little: the first pace is 5 per second, not 1.
    expect(t.throttle.state().intervalMs).toBe(200);
    t.advance(1_000);
    t.throttle.succeeded();
    expect(t.throttle.state().intervalMs).toBe(200);
    t.advance(5_000);
    let successes = 0;
    while (t.throttle.state().intervalMs > 0 && successes < 10_000) {
      t.throttle.succeeded();
      successes++;
    }
    expect(t.throttle.state().intervalMs).toBe(0);
    expect(successes).toBeGreaterThan(100);
  });

  it("with no Retry-After, pauses every request until the next boundary of a one-second block", async () => {
    const t = fakeThrottle();
    t.advance(300);
    t.throttle.limited(undefined);
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
  let running = o.workers;
  const worker = async () => {
    while (remaining > 0) {
      remaining--;
      for (;;) {
        await throttle.admit();
        const sentAt = clock;
        await sleep(o.latencyMs);
        if (server.take(clock).allowed) {
          throttle.succeeded(sentAt);
          break;
        }
        refused++;
        throttle.limited(undefined, sentAt);
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

  it("counts a request sent just before a boundary in the next block too, and sends past the budget one at a time", async () => {
    const t = fakeThrottle();
    // A clean block of 1 s accepts 2, then refuses: the budget is 2 per second.
    t.advance(300);
    for (let i = 0; i < 2; i++) {
      await t.throttle.admit();
      t.throttle.succeeded();
    }
    await t.throttle.admit();
    t.throttle.limited(undefined);
    expect(t.throttle.state()).toMatchObject({ blockMs: 1_000, budgets: { 1_000: 2 } });
    // The next block: one request 10 ms before its end, which the server may count in the block after it.
    t.advance(11_990 - t.now());
    await t.throttle.admit();
    t.throttle.succeeded();
    t.advance(20);
    const start = t.now();
    await t.throttle.admit();
    t.throttle.succeeded();
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
