// Client-side pacing after the API's rate limit has been hit. Retrying each 429 on its own is not enough
// when a run has dozens of operations in flight: every retry lands in the same full block, is refused
// again, and operations run out of retries. Instead the first 429 teaches the whole client.
//
// Stringee counts requests in fixed, clock-aligned blocks (10 s, 1 min, 1 h: a 10 s block is
// 00:00:00-00:00:10...) and answers 429 without Retry-After until the block ends. So a 429 without
// Retry-After pauses every request until the next boundary of the block believed full. The block after
// that pause starts with nothing of ours in flight (a clean block), and its first request, the opener, goes
// alone: the others wait for its answer. A refused opener is the only evidence that a longer block is full
// (nothing of ours can have filled this one), unless the server's clock is ahead of ours: the first one makes
// the margin after boundaries longer, the second in a row moves to the next longer length (1 s first, for
// APIs that count per second, then the documented 10 s, 1 min and 1 h), paused until its boundary. An
// accepted opener lets the rest go, and the requests the clean block accepts before its first 429 are its
// budget. From then on each block gets that many requests, sent as soon as they come; then one more at a
// time, each once the previous ones are answered, until one is refused (the budget grows by those accepted:
// a limit that rose, or a share of it another client no longer uses, costs one refused request per block);
// the rest wait for the next boundary. Answers may come in any order (a busy server answers a refusal
// before the acceptances of requests sent earlier): no decision rests on which answer comes first. A request
// sent just before a boundary may be counted in the next block by the server: it counts in both here.
//
// A 429 with Retry-After (other APIs, the emulator's lenient reading) is paced as before: every request
// waits out the Retry-After, then starts no faster than the rate that was getting through, easing back
// up while no 429 comes.
//
// No request is ever sent faster than before a 429; until one arrives the throttle only counts.

// Requests per second of the first pace, whatever got through before the first 429 (Retry-After mode).
const MIN_FIRST_RATE = 5;
/** Block lengths tried in turn when 429s come without Retry-After, shortest first, in milliseconds. */
export const BLOCK_LENGTHS_MS: readonly number[] = [1_000, 10_000, 60_000, 3_600_000];
// Margin after a block boundary before sending again: clocks of client and server differ a little.
const DEFAULT_BOUNDARY_MARGIN_MS = 250;
// The margin grows up to this after refused openers (a server clock further ahead), never beyond a
// quarter of the block.
const MAX_BOUNDARY_MARGIN_MS = 2_000;

/** Tuning of {@link Throttle}; the defaults suit Stringee's limits. */
export interface ThrottleOptions {
  /** Clock in milliseconds (tests). */
  now?: () => number;
  /** Waits `ms` milliseconds (tests). */
  sleep?: (ms: number) => Promise<void>;
  /** How much slower than before each further 429 makes the pace (Retry-After mode; default 1.25). */
  backoffFactor?: number;
  /** How much faster each success makes the pace when no 429 came for `calmMs` (default 0.98). */
  recoveryFactor?: number;
  /** Quiet time after a 429 before the pace eases up again, in milliseconds (default 5 000). */
  calmMs?: number;
  /** Block lengths tried when 429s carry no Retry-After (default {@link BLOCK_LENGTHS_MS}). */
  blockLengthsMs?: readonly number[];
  /** Wait after a block boundary before sending again, in milliseconds (default 250). */
  boundaryMarginMs?: number;
}

/**
 * One request let through by {@link Throttle.admit}; handed back with its answer (or its failure) so the
 * throttle knows which block it counted in and how many of its requests are in flight.
 */
export interface Admission {
  /** When the request was let through, by the throttle's clock (milliseconds since the epoch). */
  readonly at: number;
  /** Whether it opened a clean block alone: its refusal means a longer block is full. */
  readonly opener: boolean;
}

// An admission as the throttle issues it.
interface Ticket extends Admission {
  /** The index of the block length believed to bind when it was let through. */
  level: number;
}

/** What the throttle currently does, for benchmarks and tests. */
export interface ThrottleState {
  /** Minimum milliseconds between two request starts; 0 when not pacing (Retry-After mode). */
  intervalMs: number;
  /** 429 answers seen. */
  limited: number;
  /** Milliseconds requests spent waiting in {@link Throttle.admit}, summed. */
  waitedMs: number;
  /** Requests admitted and not yet answered or abandoned. */
  inFlight: number;
  /** The block length believed to bind, in milliseconds, once a 429 without Retry-After came. */
  blockMs?: number;
  /** Requests per block learnt for each block length, in milliseconds. */
  budgets: Record<number, number>;
}

// The requests of one clock-aligned block of one length, as sent (by the client's clock) and answered.
interface Block {
  /** Start of the block, in milliseconds since the epoch. */
  start: number;
  /** Requests counted in it: sent in it, or sent so close before it that the server may count them in it. */
  sent: number;
  /** Of those, the ones sent before it (their answers count in the block they were sent in). */
  carried: number;
  /** Answers other than 429 to requests sent in it. */
  accepted: number;
  /** 429 answers to requests sent in it. */
  refused: number;
  /**
   * Whether nothing of ours was in flight or answered since its start when it began: nothing of ours can
   * have been counted in it before its own requests, so it measures the budget exactly.
   */
  clean: boolean;
  /** The clean block's first request, sent alone (see {@link Admission.opener}). */
  opener?: Ticket;
  /** Whether a request sent in it got a 429. */
  full: boolean;
}

// One block length: its current and previous blocks, and the budget learnt.
interface Window {
  readonly length: number;
  budget?: number;
  current?: Block;
  previous?: Block;
  /** Requests already counted in the block after the current one (sent just before its boundary). */
  next?: { start: number; sent: number };
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
  private readonly windows: Window[];
  // Index of the block length believed to bind; -1 until a 429 without Retry-After.
  private level = -1;
  // Refused openers in a row at the current length (see limitedByBlock).
  private strikes = 0;
  private margin: number;
  private readonly baseMargin: number;
  // Admissions issued and not yet answered or abandoned: the requests in flight.
  private readonly pending = new Set<Admission>();
  private lastAnswerAt = -Infinity;
  private latencyMs = 0;
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
    this.baseMargin = o.boundaryMarginMs ?? DEFAULT_BOUNDARY_MARGIN_MS;
    this.margin = this.baseMargin;
    this.windows = (o.blockLengthsMs ?? BLOCK_LENGTHS_MS).map((length) => ({ length }));
  }

  /** A copy of the current state. */
  state(): ThrottleState {
    const budgets: Record<number, number> = {};
    for (const w of this.windows) if (w.budget !== undefined) budgets[w.length] = w.budget;
    return {
      intervalMs: this.intervalMs,
      limited: this.limitedCount,
      waitedMs: this.waited,
      inFlight: this.pending.size,
      ...(this.level >= 0 ? { blockMs: this.windows[this.level]!.length } : {}),
      budgets,
    };
  }

  /**
   * Resolves when a request may start: after any pause, one pacing interval after the last start, within
   * the budget of every block length that has one, and once the opener of a clean block is answered.
   * Counts the request in its blocks; pass the admission to {@link limited}, {@link succeeded} or
   * {@link abandoned}.
   */
  async admit(): Promise<Admission> {
    for (;;) {
      const now = this.now();
      const wait = Math.max(this.pausedUntil - now, this.budgetWait(now));
      if (wait > 0) {
        this.waited += wait;
        await this.sleep(wait);
        continue;
      }
      if (this.intervalMs > 0) {
        // Waits for its turn, then checks every other condition again (an opener may have gone meanwhile).
        if (this.nextStart > now) {
          this.waited += this.nextStart - now;
          await this.sleep(this.nextStart - now);
          continue;
        }
        this.nextStart = now + this.intervalMs;
      }
      return this.count(now);
    }
  }

  // How long a request must wait for the budgets of the current blocks: 0 within every budget, or for one
  // more request once nothing of the block is unanswered; else until a boundary, or a while for answers.
  private budgetWait(now: number): number {
    let wait = 0;
    if (this.level >= 0) {
      const w = this.windows[this.level]!;
      const opener = this.block(w, now).opener;
      if (opener !== undefined && this.pending.has(opener))
        wait = Math.min(this.boundaryAfter(w, now) - now, Math.max(10, this.latencyMs / 2));
    }
    for (const w of this.windows) {
      if (w.budget === undefined) continue;
      const block = this.block(w, now);
      if (block.sent < w.budget) continue;
      const unanswered = block.sent - block.carried - block.accepted - block.refused;
      if (block.refused === 0 && unanswered <= 0) continue;
      const boundary = this.boundaryAfter(w, now) - now;
      wait = Math.max(
        wait,
        block.refused > 0 ? boundary : Math.min(boundary, Math.max(10, this.latencyMs / 2)),
      );
    }
    return wait;
  }

  /** Records a 429 to an admitted request and its Retry-After in milliseconds, if the server gave one. */
  limited(retryAfterMs: number | undefined, admission: Admission): void {
    const now = this.now();
    const sentAt = admission.at;
    this.settle(admission, now);
    this.limitedCount++;
    this.observeLatency(now - sentAt);
    if (retryAfterMs === undefined) {
      this.limitedByBlock(sentAt, this.opensCurrentLength(admission));
      return;
    }
    // Requests sent before the pace last changed were paced by the old rule: their 429s say nothing new.
    const news = now >= this.pausedUntil;
    this.lastLimitedAt = now;
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
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

  /** Records an answer that was not a 429 to an admitted request. */
  succeeded(admission: Admission): void {
    const now = this.now();
    const sentAt = admission.at;
    this.settle(admission, now);
    if (this.opensCurrentLength(admission)) {
      // The block was open: no strike stands, and the margin shrinks back towards its first value.
      this.strikes = 0;
      this.margin = Math.max(this.baseMargin, this.margin / 2);
    }
    this.observeLatency(now - sentAt);
    for (const w of this.windows) {
      const block = this.blockOf(w, sentAt);
      if (block === undefined) continue;
      block.accepted++;
      // A request beyond the budget got through: the block takes more.
      if (w.budget !== undefined && block.accepted > w.budget) w.budget = block.accepted;
    }
    this.recentSuccesses.push(now);
    if (this.recentSuccesses.length > 1_000) this.trim(now);
    if (this.intervalMs > 0 && now - this.lastLimitedAt >= this.calmMs) {
      this.intervalMs *= this.recoveryFactor;
      // Below a millisecond the pace no longer matters: stop pacing until the next 429.
      if (this.intervalMs < 1) this.intervalMs = 0;
    }
  }

  /** Records that an admitted request ended without an answer (a network failure): it is no longer in flight. */
  abandoned(admission: Admission): void {
    this.settle(admission, this.now());
  }

  // Whether the admission opened a block of the length still believed to bind: its answer is evidence
  // about that length, not about one another refusal already ruled out.
  private opensCurrentLength(admission: Admission): boolean {
    return admission.opener && (admission as Partial<Ticket>).level === this.level;
  }

  private settle(admission: Admission, now: number): void {
    // Once per admission, and only for admissions of this throttle.
    if (!this.pending.delete(admission)) return;
    this.lastAnswerAt = Math.max(this.lastAnswerAt, now);
  }

  // A 429 without Retry-After: which block is full, what its budget is, and the pause until it ends.
  private limitedByBlock(sentAt: number, opener: boolean): void {
    for (const w of this.windows) {
      const block = this.blockOf(w, sentAt);
      if (block !== undefined) block.refused++;
    }
    // The refusal of a request sent beyond a known budget (one more at a time): that block is full, nothing
    // else is learnt.
    const probed = this.windows.find((pw) => {
      const b = this.blockOf(pw, sentAt);
      return pw.budget !== undefined && b !== undefined && b.accepted >= pw.budget;
    });
    if (probed !== undefined) {
      this.blockOf(probed, sentAt)!.full = true;
      this.pausedUntil = Math.max(this.pausedUntil, this.boundaryAfter(probed, sentAt));
      return;
    }
    if (this.level < 0) this.level = 0;
    else if (opener) {
      // The opener of a clean block was refused: nothing of ours filled that block. Either the server's clock
      // is ahead and counted it in the block before, or a longer block is full (or another client filled
      // this one). So the first time, the margin after boundaries grows; the second time in a row, the next
      // longer length is tried.
      this.margin = Math.min(MAX_BOUNDARY_MARGIN_MS, 2 * this.margin);
      if (++this.strikes >= 2 && this.level < this.windows.length - 1) {
        this.level++;
        this.strikes = 0;
      }
    }
    const w = this.windows[this.level]!;
    const block = this.blockOf(w, sentAt);
    if (block !== undefined && !block.full) {
      block.full = true;
      // In a clean block, what was accepted before the first 429 is the budget (answers still in flight
      // are added as they come).
      if (block.clean && block.accepted > 0) w.budget = block.accepted;
    }
    // Until the block the request was sent in ends; one the server counted in the next block makes the
    // block after the pause unclean, so it teaches nothing wrong, and pauses again.
    this.pausedUntil = Math.max(this.pausedUntil, this.boundaryAfter(w, sentAt));
  }

  // Counts a request about to be sent at `now` in the current block of every length, and in the next
  // block too when the server may receive it after the boundary. The first request of a clean block of
  // the length believed to bind is its opener, once a 429 without Retry-After taught that blocks matter.
  private count(now: number): Ticket {
    let opened: Block | undefined;
    for (const [i, w] of this.windows.entries()) {
      const block = this.block(w, now);
      if (i === this.level && block.clean && block.sent === 0 && this.pending.size === 0) opened = block;
      block.sent++;
      if (block.start + w.length - now < this.spillMs()) this.nextBlock(w, block).sent++;
    }
    const ticket: Ticket = { at: now, opener: opened !== undefined, level: this.level };
    if (opened !== undefined) opened.opener = ticket;
    this.pending.add(ticket);
    return ticket;
  }

  // The current block of `w` at `now`, starting a new one when a boundary has passed.
  private block(w: Window, now: number): Block {
    const start = Math.floor(now / w.length) * w.length;
    const current = w.current;
    if (current !== undefined && current.start >= start) return current;
    // Clean: every earlier request was answered before the block began, so the server counted it before
    // too, and none is carried into it.
    const clean = this.pending.size === 0 && this.lastAnswerAt <= start;
    const carried = !clean && w.next?.start === start ? w.next.sent : 0;
    const fresh: Block = {
      start,
      sent: carried,
      carried,
      accepted: 0,
      refused: 0,
      clean,
      full: false,
    };
    w.previous = current;
    w.current = fresh;
    w.next = undefined;
    return fresh;
  }

  private nextBlock(w: Window, current: Block): { start: number; sent: number } {
    const start = current.start + w.length;
    if (w.next === undefined || w.next.start !== start) w.next = { start, sent: 0 };
    return w.next;
  }

  // The block of `w` a request sent at `sentAt` was counted in, if still known.
  private blockOf(w: Window, sentAt: number): Block | undefined {
    const start = Math.floor(sentAt / w.length) * w.length;
    if (w.current?.start === start) return w.current;
    if (w.previous?.start === start) return w.previous;
    return undefined;
  }

  private boundaryAfter(w: Window, at: number): number {
    return (Math.floor(at / w.length) + 1) * w.length + Math.min(this.margin, w.length / 4);
  }

  // How close to a boundary a request may be counted by the server in the next block: its latency, twice.
  private spillMs(): number {
    return Math.max(this.margin, 2 * this.latencyMs);
  }

  private observeLatency(ms: number): void {
    if (ms > 0 && Number.isFinite(ms))
      this.latencyMs = this.latencyMs === 0 ? ms : 0.8 * this.latencyMs + 0.2 * ms;
  }

  private trim(now: number): void {
    this.recentSuccesses = this.recentSuccesses.filter((t) => t > now - 1_000);
  }
}
