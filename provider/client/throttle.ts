// Client-side pacing after the API's rate limit has been hit. Retrying each 429 on its own is not enough
// when a run has dozens of operations in flight: every retry lands in the same full second, is refused
// again, and operations run out of retries. Instead the first 429 teaches the whole client: every request
// waits out the Retry-After, and from then on requests start no faster than the rate that was getting
// through when the limit was hit, easing back up while no 429 comes.
//
// No request is ever sent faster than before a 429; until one arrives the throttle does nothing.

// Requests per second of the first pace, whatever got through before the first 429.
const MIN_FIRST_RATE = 5;

/** Tuning of {@link Throttle}; the defaults suit Stringee's per-second limits. */
export interface ThrottleOptions {
  /** Clock in milliseconds (tests). */
  now?: () => number;
  /** Waits `ms` milliseconds (tests). */
  sleep?: (ms: number) => Promise<void>;
  /** How much slower than before each further 429 makes the pace (default 1.25). */
  backoffFactor?: number;
  /** How much faster each success makes the pace when no 429 came for `calmMs` (default 0.98). */
  recoveryFactor?: number;
  /** Quiet time after a 429 before the pace eases up again, in milliseconds (default 5 000). */
  calmMs?: number;
}

/** What the throttle currently does, for benchmarks and tests. */
export interface ThrottleState {
  /** Minimum milliseconds between two request starts; 0 when not pacing. */
  intervalMs: number;
  /** 429 answers seen. */
  limited: number;
  /** Milliseconds requests spent waiting in {@link Throttle.admit}, summed. */
  waitedMs: number;
}

/** Paces the requests of one client after rate-limit answers (see the top of this file). */
export class Throttle {
  private intervalMs = 0;
  private pausedUntil = 0;
  private nextStart = 0;
  private lastLimitedAt = -Infinity;
  private limitedCount = 0;
  private waited = 0;
  private recentSuccesses: number[] = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly backoffFactor: number;
  private readonly recoveryFactor: number;
  private readonly calmMs: number;

  constructor(o: ThrottleOptions = {}) {
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.backoffFactor = o.backoffFactor ?? 1.25;
    this.recoveryFactor = o.recoveryFactor ?? 0.98;
    this.calmMs = o.calmMs ?? 5_000;
  }

  /** A copy of the current state. */
  state(): ThrottleState {
    return { intervalMs: this.intervalMs, limited: this.limitedCount, waitedMs: this.waited };
  }

  /** Resolves when a request may start: after any Retry-After pause, one pacing interval after the last start. */
  async admit(): Promise<void> {
    const now = this.now();
    let start = Math.max(now, this.pausedUntil);
    if (this.intervalMs > 0) {
      start = Math.max(start, this.nextStart);
      this.nextStart = start + this.intervalMs;
    }
    if (start > now) {
      this.waited += start - now;
      await this.sleep(start - now);
    }
  }

  /** Records a 429 and its Retry-After (milliseconds; 1 s when the server gave none). */
  limited(retryAfterMs: number | undefined): void {
    const now = this.now();
    this.limitedCount++;
    // Requests sent before the pace last changed were paced by the old rule: their 429s say nothing new.
    const news = now >= this.pausedUntil;
    this.lastLimitedAt = now;
    this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfterMs ?? 1_000));
    this.trim(now);
    if (!news) return;
    if (this.intervalMs === 0) {
      // What got through in the last second is the best estimate of the limit; a 429 after only a few
      // requests says little (another client may share the account's limit), so the first pace is at
      // least MIN_FIRST_RATE per second and later 429s slow it further.
      this.intervalMs = 1_000 / Math.max(MIN_FIRST_RATE, this.recentSuccesses.length);
    } else {
      this.intervalMs *= this.backoffFactor;
    }
  }

  /** Records an answer that was not a 429. */
  succeeded(): void {
    const now = this.now();
    this.recentSuccesses.push(now);
    if (this.recentSuccesses.length > 1_000) this.trim(now);
    if (this.intervalMs > 0 && now - this.lastLimitedAt >= this.calmMs) {
      this.intervalMs *= this.recoveryFactor;
      // Below a millisecond the pace no longer matters: stop pacing until the next 429.
      if (this.intervalMs < 1) this.intervalMs = 0;
    }
  }

  private trim(now: number): void {
    this.recentSuccesses = this.recentSuccesses.filter((t) => t > now - 1_000);
  }
}
