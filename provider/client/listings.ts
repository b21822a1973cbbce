// One listing per collection shared by every caller in a process. Stringee has no GET by id, so each
// read, each lookup before a create and each read-back after a write lists a whole collection; without
// sharing, N resources in one run cost N listings of N objects (quadratic requests).
//
// Every completed write gets a sequence number, and every listing remembers the number current when it
// started. A caller gets a listing that started after every completed write that could change its answer,
// and no other: the cache never answers with data older than the question needs, and a run of N writes is
// followed by a few shared listings, not one per write.
// - A read of a collection (refresh, `list()`) needs a listing that started after every completed update,
//   delete and write of unknown outcome, in any collection (a delete cascades; an update may show in
//   another collection's items, such as an agent's name in its group memberships), and after every
//   completed create in that collection or in a collection listed under it (a new IVR node becomes its
//   tree's root node). Creates elsewhere change nothing it shows.
// - A read of one object by id (the read-back after a write) does not need the creates of its siblings:
//   a settled listing that shows the object and is fresh by the rule above minus those creates answers it.
//   A caller that has just created the object may also join a listing that started after its create.
// - A lookup by natural key before a create (inside {@link lookupBeforeCreate}) only needs a listing
//   that started after every write that could have freed or taken a natural key: updates of the same
//   collection (an update only renames objects of its own collection), deletes and writes whose outcome is
//   unknown in any collection (deletes cascade). A create that succeeded cannot, because every object a run creates
//   has a natural key of its own (the program refuses two resources with one key), which is what lets a
//   run of N creates share one listing instead of listing again after each of them.
// - Settled listings are reused for at most `ttlMs` per page they took, which bounds how long a change made
//   outside this process (the dashboard, another stack) can go unseen, and keeps what re-reading a listing
//   costs at one page per `ttlMs`, whatever the account's size. A listing still in flight is always joined
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

/** What a read of one object by id needs (see {@link ListingCache.getContaining}). */
export interface ObjectRead {
  /** Whether a listing shows the object. */
  shows: (listing: unknown) => boolean;
  /**
   * The {@link ListingCache.sequence} right after the caller's own create of the object: a listing that
   * started later shows it, so one in flight may be joined.
   */
  createdAt?: number;
}

interface Entry {
  /** The write sequence number when the listing started. */
  readonly start: number;
  readonly startedAt: number;
  readonly promise: Promise<unknown>;
  settledOk: boolean;
  /** The listing, once settled. */
  value?: unknown;
}

interface Slot {
  latest?: Entry;
  inflight?: Entry;
  next?: Promise<unknown>;
  /** Pages the listing took the last time (1 unless told, see {@link ListingCache.tookPages}). */
  pages?: number;
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
  // Sequence numbers of the last completed write of each sort that matters to some reader.
  private lastChange = 0;
  private lastKeyChange = 0;
  private readonly lastUpdate = new Map<string, number>();
  private readonly lastCreate = new Map<string, number>();
  private readonly lastChildCreate = new Map<string, number>();
  private readonly parents = new Map<string, string>();
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

  /** The number of writes completed so far: see {@link ObjectRead.createdAt}. */
  sequence(): number {
    return this.seq;
  }

  /**
   * Declares that the objects of `child` are listed per object of `parent` (IVR nodes per tree): a create
   * in `child` may change what `parent`'s listing shows.
   */
  relate(child: string, parent: string): void {
    if (child !== parent) this.parents.set(child, parent);
  }

  /**
   * Records a finished write to `collection` (whatever its outcome: a failed one may still have been
   * applied). `collection` is the collection path the listings of {@link get} are filed under.
   */
  wrote(collection: string, kind: WriteKind, outcomeKnown: boolean): void {
    const s = ++this.seq;
    if (!outcomeKnown || kind !== "create") this.lastChange = s;
    if (!outcomeKnown || kind === "delete") this.lastKeyChange = s;
    if (kind === "update") this.lastUpdate.set(collection, s);
    if (kind === "create") {
      this.lastCreate.set(collection, s);
      const seen = new Set<string>();
      for (let p = this.parents.get(collection); p !== undefined && !seen.has(p); p = this.parents.get(p)) {
        seen.add(p);
        this.lastChildCreate.set(p, s);
      }
    }
  }

  /**
   * Answers with a listing of `key` (one listing of `collection`, with its query) fresh enough for the
   * caller, fetching it with `fetch` when needed.
   */
  get<T>(collection: string, key: string, fetch: () => Promise<T>): Promise<T> {
    return this.answer(this.slot(key), this.needed(collection), fetch) as Promise<T>;
  }

  /**
   * Answers a read of one object (see the rules at the top of this file): a settled listing that shows it,
   * or one in flight that started after its create, else whatever {@link get} would answer.
   */
  getContaining<T>(collection: string, key: string, fetch: () => Promise<T>, read: ObjectRead): Promise<T> {
    const known = this.peek<T>(collection, key, read);
    if (known !== undefined) return known;
    const need = Math.max(this.lastChange, this.childCreate(collection));
    const { inflight } = this.slot(key);
    if (
      inflight !== undefined &&
      read.createdAt !== undefined &&
      inflight.start >= Math.max(need, read.createdAt)
    ) {
      this.counters.joins++;
      return inflight.promise as Promise<T>;
    }
    return this.get(collection, key, fetch);
  }

  /**
   * The settled listing `key` when it answers a read of one object (see {@link getContaining}) without
   * fetching anything; `undefined` otherwise.
   */
  peek<T>(collection: string, key: string, read: ObjectRead): Promise<T> | undefined {
    const slot = this.slots.get(key);
    const latest = slot?.latest;
    const need = Math.max(this.lastChange, this.childCreate(collection));
    if (
      slot === undefined ||
      latest === undefined ||
      !this.usable(slot, latest, need) ||
      !read.shows(latest.value)
    )
      return undefined;
    this.counters.hits++;
    return latest.promise as Promise<T>;
  }

  /**
   * Records that the listing `key` of `collection` is `value` as of now, without fetching it: for the
   * children of an object this process has just created, which cannot have any yet. Reads after later
   * writes still fetch, by the rules above.
   */
  seed(_collection: string, key: string, value: unknown): void {
    this.slot(key).latest = {
      start: this.seq,
      startedAt: this.now(),
      promise: Promise.resolve(value),
      settledOk: true,
      value,
    };
  }

  /**
   * Records that the listing `key` took `pages` requests: it is reused that many times longer, and its next
   * walk may ask for that many pages at once ({@link pagesOf}).
   */
  tookPages(key: string, pages: number): void {
    this.slot(key).pages = Math.max(1, pages);
  }

  /** Pages the listing `key` took the last time, if known. */
  pagesOf(key: string): number | undefined {
    return this.slots.get(key)?.pages;
  }

  // The start a listing of `collection` needs to answer the current caller.
  private needed(collection: string): number {
    if (keyLookup.getStore() === true)
      return Math.max(this.lastKeyChange, this.lastUpdate.get(collection) ?? 0);
    return Math.max(this.lastChange, this.lastCreate.get(collection) ?? 0, this.childCreate(collection));
  }

  private childCreate(collection: string): number {
    return this.lastChildCreate.get(collection) ?? 0;
  }

  private usable(slot: Slot, e: Entry, need: number): boolean {
    return e.settledOk && e.start >= need && this.now() - e.startedAt <= this.ttlMs * (slot.pages ?? 1);
  }

  private slot(key: string): Slot {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = {};
      this.slots.set(key, slot);
    }
    return slot;
  }

  private answer(slot: Slot, need: number, fetch: () => Promise<unknown>): Promise<unknown> {
    const { latest, inflight } = slot;
    if (latest !== undefined && this.usable(slot, latest, need)) {
      this.counters.hits++;
      return latest.promise;
    }
    if (inflight !== undefined && inflight.start >= need) {
      this.counters.joins++;
      return inflight.promise;
    }
    if (slot.next !== undefined) {
      this.counters.joins++;
      return slot.next;
    }
    if (inflight !== undefined) {
      this.counters.joins++;
      // Everyone arriving before the in-flight listing settles shares the one that follows it; it starts
      // later than each of their requests, so it is fresh enough for all of them.
      slot.next = inflight.promise
        .catch(() => undefined)
        .then(() => {
          slot.next = undefined;
          return this.start(slot, fetch).promise;
        });
      return slot.next;
    }
    return this.start(slot, fetch).promise;
  }

  private start(slot: Slot, fetch: () => Promise<unknown>): Entry {
    this.counters.fetches++;
    const entry: Entry = {
      start: this.seq,
      startedAt: this.now(),
      promise: Promise.resolve().then(fetch),
      settledOk: false,
    };
    slot.inflight = entry;
    entry.promise.then(
      (value) => {
        entry.settledOk = true;
        entry.value = value;
        if (slot.latest === undefined || slot.latest.start <= entry.start) slot.latest = entry;
        if (slot.inflight === entry) slot.inflight = undefined;
      },
      () => {
        if (slot.inflight === entry) slot.inflight = undefined;
      },
    );
    return entry;
  }
}
