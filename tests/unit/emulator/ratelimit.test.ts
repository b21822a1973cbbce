// The sliding one-second rate limit over an injected clock.
import { RateLimiter } from "../../../provider/emulator/ratelimit";

describe("RateLimiter", () => {
  it("lets everything through when disabled", () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 100; i++) expect(limiter.take(0)).toEqual({ allowed: true });
  });

  it("allows perSecond requests in any second and refuses the rest with Retry-After >= 1", () => {
    const limiter = new RateLimiter();
    limiter.configure(2);
    expect(limiter.take(1000).allowed).toBe(true);
    expect(limiter.take(1100).allowed).toBe(true);
    expect(limiter.take(1200)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Refused requests do not count: the window frees at 2000.
    expect(limiter.take(2000).allowed).toBe(true);
    expect(limiter.take(2050)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take(2101).allowed).toBe(true);
  });

  it("never answers a Retry-After below one second", () => {
    const limiter = new RateLimiter();
    limiter.configure(1);
    limiter.take(0);
    expect(limiter.take(999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("forgets its window when reconfigured", () => {
    const limiter = new RateLimiter();
    limiter.configure(1);
    limiter.take(0);
    limiter.configure(1);
    expect(limiter.take(1).allowed).toBe(true);
    limiter.configure(null);
    expect(limiter.limit).toBeNull();
  });
});
