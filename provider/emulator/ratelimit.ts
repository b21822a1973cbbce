// A sliding one-second window rate limit: at most `perSecond` accepted requests in any 1000 ms.
// Refused requests do not count. Pure logic over an injected clock.

/** Outcome of {@link RateLimiter.take}. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The emulator's optional rate limit. */
export class RateLimiter {
  private perSecond: number | null = null;
  private accepted: number[] = [];

  /** Sets the limit; null disables it. */
  configure(perSecond: number | null): void {
    this.perSecond = perSecond;
    this.accepted = [];
  }

  /** The current limit (null when disabled). */
  get limit(): number | null {
    return this.perSecond;
  }

  /** Accounts one request at `nowMs` and says whether it may proceed. */
  take(nowMs: number): RateDecision {
    if (this.perSecond === null) return { allowed: true };
    this.accepted = this.accepted.filter((t) => t > nowMs - 1000);
    if (this.accepted.length < this.perSecond) {
      this.accepted.push(nowMs);
      return { allowed: true };
    }
    const oldest = this.accepted[0] ?? nowMs;
    const waitMs = oldest + 1000 - nowMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
