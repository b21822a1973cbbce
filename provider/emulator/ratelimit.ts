// The emulator's optional rate limit, in one of two shapes. Pure logic over an injected clock.
// - Sliding: at most `perSecond` accepted requests in any 1000 ms; refused requests do not count.
// - Fixed windows, as Stringee's rate-limit page describes them: counters per clock-aligned block (10 s,
//   1 min, 1 h...), every request counted, refused ones included (assumption: the page says requests are
//   counted, not that refused ones are spared); a block that is full refuses until the next one starts.

/** One fixed, clock-aligned window: at most `limit` requests per `seconds`. */
export interface RateWindow {
  /** Length of the block in seconds; blocks start at multiples of it since the epoch. */
  seconds: number;
  /** Requests the block takes. */
  limit: number;
}

/** The limit's configuration: off, sliding per second, or fixed windows. */
export type RateLimitConfig = { perSecond: number } | { windows: readonly RateWindow[] } | null;

/** Outcome of {@link RateLimiter.take}. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The emulator's optional rate limit. */
export class RateLimiter {
  private config: RateLimitConfig = null;
  private accepted: number[] = [];
  private readonly blocks = new Map<number, { start: number; count: number }>();

  /** Sets the limit; null disables it. A number is the sliding per-second limit (older form). */
  configure(config: RateLimitConfig | number): void {
    this.config = typeof config === "number" ? { perSecond: config } : config;
    this.accepted = [];
    this.blocks.clear();
  }

  /** The sliding per-second limit, or null when off or in fixed windows. */
  get limit(): number | null {
    return this.config !== null && "perSecond" in this.config ? this.config.perSecond : null;
  }

  /** The whole configuration. */
  get settings(): RateLimitConfig {
    return this.config;
  }

  /** Accounts one request at `nowMs` and says whether it may proceed. */
  take(nowMs: number): RateDecision {
    const config = this.config;
    if (config === null) return { allowed: true };
    if ("perSecond" in config) return this.takeSliding(nowMs, config.perSecond);
    let allowed = true;
    let waitMs = 0;
    for (const w of config.windows) {
      const size = w.seconds * 1000;
      const start = Math.floor(nowMs / size) * size;
      let block = this.blocks.get(w.seconds);
      if (block === undefined || block.start !== start) {
        block = { start, count: 0 };
        this.blocks.set(w.seconds, block);
      }
      block.count++;
      if (block.count > w.limit) {
        allowed = false;
        waitMs = Math.max(waitMs, start + size - nowMs);
      }
    }
    return allowed ? { allowed } : { allowed, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  private takeSliding(nowMs: number, perSecond: number): RateDecision {
    this.accepted = this.accepted.filter((t) => t > nowMs - 1000);
    if (this.accepted.length < perSecond) {
      this.accepted.push(nowMs);
      return { allowed: true };
    }
    const oldest = this.accepted[0] ?? nowMs;
    const waitMs = oldest + 1000 - nowMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
