// One listing per collection shared by every caller in a process. Stringee has no GET by id, so each
// read, each lookup before a create and each read-back after a write lists a whole collection; without
// sharing, N resources in one run cost N listings of N objects (quadratic requests).
//
// Freshness rules (the cache never answers a question with data older than what the question needs):
// - A read (refresh, read-back after a write) needs a listing that started after every write this
//   process has completed, any collection included, since a write to one collection can change another
//   (a new IVR node becomes its tree's root node; deleting a tree removes its nodes).
// - A lookup by natural key before a create (inside {@link lookupBeforeCreate}) only needs a listing
//   that started after every write that could have freed or taken a natural key: updates of the same
//   collection (an update only renames objects of its own collection), deletes and writes whose outcome is
//   unknown in any collection (deletes cascade). A create that succeeded cannot, because every object a run creates
//   has a natural key of its own (the program refuses two resources with one key), which is what lets a
//   run of N creates share one listing instead of listing again after each of them.
// - Settled listings are reused for at most `ttlMs`, which bounds how long a change made outside this
//   process (the dashboard, another stack) can go unseen. A listing still in flight is always joined
//   when it is fresh enough; otherwise callers queue for the next one, which starts when it settles,
//   so a burst of writes is followed by one listing, not one per write.
import { AsyncLocalStorage } from "node:async_hooks";

/** Default time a settled listing may be reused, in milliseconds. */
export const DEFAULT_LISTING_TTL_MS = 10_000;

/** What a write did, as far as the cache is concerned. */
export type WriteKind = "create" | "update" | "delete";

/** Counters, for benchmarks and tests. */
export interface ListingStats {
  /** Listings actually fetched from the API. */
  fetches: number;
  /** Answers served from a settled listing. */
  hits: number;
  /** Answers that joined a listing already in flight (or queued for the next one). */
  joins: number;
}

interface Entry {
  readonly startSeq: number;
  readonly startKeySeq: number;
  readonly startUpdateSeq: number;
  readonly startedAt: number;
  readonly promise: Promise<unknown>;
  settledOk: boolean;
}

interface Slot {
  latest?: Entry;
  inflight?: Entry;
  next?: Promise<unknown>;
}

const keyLookup = new AsyncLocalStorage<true>();

/**
 * Runs `fn` as a lookup by natural key before a create: listings it triggers may be shared with other
 * creates of the same run (see the rules at the top of this file). Only the pre-create check belongs
 * here; a lookup after a create whose answer was lost must not, and does not, run inside it.
 */
export function lookupBeforeCreate<T>(fn: () => Promise<T>): Promise<T> {
  return keyLookup.run(true, fn);
}

/** Shares listings between callers under the freshness rules above. */
export class ListingCache {
  private seq = 0;
  private keySeq = 0;
  private readonly updateSeqs = new Map<string, number>();
  private readonly slots = new Map<string, Slot>();
  private readonly counters: ListingStats = { fetches: 0, hits: 0, joins: 0 };

  /**
   * @param ttlMs how long a settled listing may be reused (0: only in-flight listings are shared).
   * @param now clock in milliseconds (tests).
   */
  constructor(
    private readonly ttlMs: number = DEFAULT_LISTING_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A copy of the counters. */
  stats(): ListingStats {
    return { ...this.counters };
  }

  /**
   * Records a finished write to `collection` (whatever its outcome: a failed one may still have been
   * applied). `collection` is the collection path the listings of {@link get} are filed under.
   */
  wrote(collection: string, kind: WriteKind, outcomeKnown: boolean): void {
    this.seq++;
    if (!outcomeKnown || kind === "delete") this.keySeq++;
    else if (kind === "update") this.updateSeqs.set(collection, this.updateSeq(collection) + 1);
  }

  /**
   * Answers with a listing of `key` (one listing of `collection`, with its query) fresh enough for the
   * caller, fetching it with `fetch` when needed.
   */
  get<T>(collection: string, key: string, fetch: () => Promise<T>): Promise<T> {
    const forKeys = keyLookup.getStore() === true;
    const needSeq = forKeys ? 0 : this.seq;
    const needKeySeq = this.keySeq;
    const needUpdateSeq = this.updateSeq(collection);
    const fresh = (e: Entry) =>
      e.startSeq >= needSeq && e.startKeySeq >= needKeySeq && e.startUpdateSeq >= needUpdateSeq;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = {};
      this.slots.set(key, slot);
    }
    const { latest, inflight } = slot;
    if (latest?.settledOk && fresh(latest) && this.now() - latest.startedAt <= this.ttlMs) {
      this.counters.hits++;
      return latest.promise as Promise<T>;
    }
    if (inflight !== undefined && fresh(inflight)) {
      this.counters.joins++;
      return inflight.promise as Promise<T>;
    }
    if (slot.next !== undefined) {
      this.counters.joins++;
      return slot.next as Promise<T>;
    }
    if (inflight !== undefined) {
      this.counters.joins++;
      // Everyone arriving before the in-flight listing settles shares the one that follows it; it starts
      // later than each of their requests, so it is fresh enough for all of them.
      const s = slot;
      s.next = inflight.promise
        .catch(() => undefined)
        .then(() => {
          s.next = undefined;
          return this.start(s, collection, fetch).promise;
        });
      return s.next as Promise<T>;
    }
    return this.start(slot, collection, fetch).promise as Promise<T>;
  }

  /**
   * Records that the listing `key` of `collection` is `value` as of now, without fetching it: for the
   * children of an object this process has just created, which cannot have any yet. Reads after later
   * writes still fetch, by the rules above.
   */
  seed(collection: string, key: string, value: unknown): void {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = {};
      this.slots.set(key, slot);
    }
    slot.latest = {
      startSeq: this.seq,
      startKeySeq: this.keySeq,
      startUpdateSeq: this.updateSeq(collection),
      startedAt: this.now(),
      promise: Promise.resolve(value),
      settledOk: true,
    };
  }

  private updateSeq(collection: string): number {
    return this.updateSeqs.get(collection) ?? 0;
  }

  private start(slot: Slot, collection: string, fetch: () => Promise<unknown>): Entry {
    this.counters.fetches++;
    const entry: Entry = {
      startSeq: this.seq,
      startKeySeq: this.keySeq,
      startUpdateSeq: this.updateSeq(collection),
      startedAt: this.now(),
      promise: Promise.resolve().then(fetch),
      settledOk: false,
    };
    slot.inflight = entry;
    entry.promise.then(
      () => {
        entry.settledOk = true;
        if (slot.latest === undefined || slot.latest.startSeq <= entry.startSeq) slot.latest = entry;
        if (slot.inflight === entry) slot.inflight = undefined;
      },
      () => {
        if (slot.inflight === entry) slot.inflight = undefined;
      },
    );
    return entry;
  }
}
