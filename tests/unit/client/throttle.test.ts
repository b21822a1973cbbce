import { isRetryable, resolveRetryPolicy } from "../../../provider/client/retry";
import { Throttle } from "../../../provider/client/throttle";

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
    expect(t.throttle.state()).toEqual({ intervalMs: 0, limited: 0, waitedMs: 0 });
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

  it("with no Retry-After, pauses one second", async () => {
    const t = fakeThrottle();
    t.throttle.limited(undefined);
    await t.throttle.admit();
    expect(t.sleeps[0]).toBe(1_000);
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
