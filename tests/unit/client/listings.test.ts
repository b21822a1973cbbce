import { ListingCache, lookupBeforeCreate } from "../../../provider/client/listings";

/** A fetch that records its calls and resolves when told to. */
function controlledFetch() {
  const pending: { resolve: (v: string[]) => void; reject: (e: Error) => void }[] = [];
  let calls = 0;
  const fetch = () =>
    new Promise<string[]>((resolve, reject) => {
      calls++;
      pending.push({ resolve, reject });
    });
  return {
    fetch,
    calls: () => calls,
    resolveNext: (v: string[] = [`listing-${pending.length}`]) => pending.shift()!.resolve(v),
    rejectNext: (e = new Error("boom")) => pending.shift()!.reject(e),
  };
}

const tick = () => new Promise((r) => setImmediate(r));

/** Gets `key` (inside lookupBeforeCreate when `forKeys`), answering the fetch it triggers with `value`, if any. */
async function getAnswered(
  cache: ListingCache,
  f: ReturnType<typeof controlledFetch>,
  value: string[],
  forKeys = false,
  key = "agents",
): Promise<string[]> {
  const get = () => cache.get(key, key, f.fetch);
  const before = f.calls();
  const pending = forKeys ? lookupBeforeCreate(get) : get();
  await tick();
  if (f.calls() > before) f.resolveNext(value);
  return pending;
}

describe("ListingCache", () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000;
  });

  it("concurrent reads of one collection share one fetch", async () => {
    const cache = new ListingCache(10_000, now);
    const f = controlledFetch();
    const all = Promise.all([1, 2, 3, 4].map(() => cache.get("agents", "agents", f.fetch)));
    await tick();
    f.resolveNext(["a"]);
    expect(await all).toEqual([["a"], ["a"], ["a"], ["a"]]);
    expect(f.calls()).toBe(1);
    expect(cache.stats()).toEqual({ fetches: 1, hits: 0, joins: 3 });
  });

  it("reuses a settled listing within the TTL and fetches again after it", async () => {
    const cache = new ListingCache(10_000, now);
    const f = controlledFetch();
    await getAnswered(cache, f, ["a"]);
    clock += 10_000;
    expect(await cache.get("agents", "agents", f.fetch)).toEqual(["a"]);
    expect(f.calls()).toBe(1);
    clock += 1;
    expect(await getAnswered(cache, f, ["b"])).toEqual(["b"]);
    expect(f.calls()).toBe(2);
  });

  it.each(["create", "update", "delete"] as const)(
    "a read after a completed %s never gets a listing that started before it",
    async (kind) => {
      const cache = new ListingCache(60_000, now);
      const f = controlledFetch();
      await getAnswered(cache, f, ["old"], false, "queues");
      cache.wrote("queues", kind, true);
      expect(await getAnswered(cache, f, ["new"], false, "queues")).toEqual(["new"]);
      expect(f.calls()).toBe(2);
    },
  );

  it("a read after a write does not join a listing that was in flight during the write, but the next one", async () => {
    const cache = new ListingCache(60_000, now);
    const f = controlledFetch();
    const early = cache.get("queues", "queues", f.fetch);
    cache.wrote("queues", "create", true);
    const late1 = cache.get("queues", "queues", f.fetch);
    const late2 = cache.get("queues", "queues", f.fetch);
    await tick();
    expect(f.calls()).toBe(1);
    f.resolveNext(["before-write"]);
    expect(await early).toEqual(["before-write"]);
    await tick();
    // One follow-up listing for both late callers, started after the first settled.
    expect(f.calls()).toBe(2);
    f.resolveNext(["after-write"]);
    expect(await Promise.all([late1, late2])).toEqual([["after-write"], ["after-write"]]);
  });

  it("a lookup before a create shares a listing across successful creates of other objects", async () => {
    const cache = new ListingCache(60_000, now);
    const f = controlledFetch();
    await getAnswered(cache, f, ["a"], true);
    cache.wrote("agents", "create", true);
    cache.wrote("agents", "create", true);
    expect(await lookupBeforeCreate(() => cache.get("agents", "agents", f.fetch))).toEqual(["a"]);
    expect(f.calls()).toBe(1);
  });

  it.each([
    ["an update", "update", true],
    ["a delete", "delete", true],
    ["a create whose outcome is unknown", "create", false],
  ] as const)(
    "a lookup before a create refetches after %s, which may have freed or taken a natural key",
    async (_label, kind, known) => {
      const cache = new ListingCache(60_000, now);
      const f = controlledFetch();
      await getAnswered(cache, f, ["a"], true);
      cache.wrote("agents", kind, known);
      expect(await getAnswered(cache, f, ["b"], true)).toEqual(["b"]);
      expect(f.calls()).toBe(2);
    },
  );

  it("a lookup before a create keeps its listing across updates of other collections, not across their deletes", async () => {
    const cache = new ListingCache(60_000, now);
    const f = controlledFetch();
    await getAnswered(cache, f, ["a"], true);
    cache.wrote("sipphones", "update", true);
    expect(await lookupBeforeCreate(() => cache.get("agents", "agents", f.fetch))).toEqual(["a"]);
    expect(f.calls()).toBe(1);
    cache.wrote("trees", "delete", true);
    expect(await getAnswered(cache, f, ["b"], true)).toEqual(["b"]);
    expect(f.calls()).toBe(2);
  });

  it("a read outside lookupBeforeCreate is not relaxed by it (a lost create's lookup sees its own write)", async () => {
    const cache = new ListingCache(60_000, now);
    const f = controlledFetch();
    await getAnswered(cache, f, ["a"], true);
    cache.wrote("agents", "create", true);
    expect(await getAnswered(cache, f, ["a", "b"])).toEqual(["a", "b"]);
    expect(f.calls()).toBe(2);
  });

  it("a failed listing is not kept: the next call fetches again", async () => {
    const cache = new ListingCache(60_000, now);
    const f = controlledFetch();
    const failed = cache.get("agents", "agents", f.fetch);
    await tick();
    f.rejectNext(new Error("503"));
    await expect(failed).rejects.toThrow("503");
    expect(await getAnswered(cache, f, ["a"])).toEqual(["a"]);
    expect(f.calls()).toBe(2);
  });

  it("keeps collections (and queries) apart", async () => {
    const cache = new ListingCache(60_000, now);
    const f = controlledFetch();
    const a = cache.get("agents", "agents", f.fetch);
    const q = cache.get("queues", "queues", f.fetch);
    await tick();
    f.resolveNext(["agent"]);
    f.resolveNext(["queue"]);
    expect([await a, await q]).toEqual([["agent"], ["queue"]]);
    expect(f.calls()).toBe(2);
  });

  it("a seeded listing (children of a parent just created) answers without a fetch until a write makes it stale", async () => {
    const cache = new ListingCache(60_000, now);
    const f = controlledFetch();
    cache.seed("nodes", "nodes?tree=T1", []);
    expect(await lookupBeforeCreate(() => cache.get("nodes", "nodes?tree=T1", f.fetch))).toEqual([]);
    expect(f.calls()).toBe(0);
    cache.wrote("nodes", "create", true);
    const read = cache.get("nodes", "nodes?tree=T1", f.fetch);
    await tick();
    f.resolveNext(["N1"]);
    expect(await read).toEqual(["N1"]);
    expect(f.calls()).toBe(1);
  });

  it("a read of one collection keeps its listing across creates in other collections, not across their updates", async () => {
    const cache = new ListingCache(60_000, now);
    const f = controlledFetch();
    await getAnswered(cache, f, ["a"]);
    cache.wrote("numbers", "create", true);
    expect(await cache.get("agents", "agents", f.fetch)).toEqual(["a"]);
    expect(f.calls()).toBe(1);
    cache.wrote("numbers", "update", true);
    expect(await getAnswered(cache, f, ["b"])).toEqual(["b"]);
    expect(f.calls()).toBe(2);
  });

  it("a create in a collection listed per parent makes the parent's listing stale (a new node is its tree's root)", async () => {
    const cache = new ListingCache(60_000, now);
    const f = controlledFetch();
    cache.relate("nodes", "trees");
    cache.relate("keys", "nodes");
    await getAnswered(cache, f, ["T1"], false, "trees");
    cache.wrote("keys", "create", true);
    expect(await getAnswered(cache, f, ["T1 with root"], false, "trees")).toEqual(["T1 with root"]);
    expect(f.calls()).toBe(2);
  });

  it("a read of one object takes a settled listing that shows it, though siblings were created since", async () => {
    const cache = new ListingCache(60_000, now);
    const f = controlledFetch();
    await getAnswered(cache, f, ["A1", "A2"]);
    cache.wrote("agents", "create", true);
    const shows = (id: string) => ({ shows: (l: unknown) => (l as string[]).includes(id) });
    expect(await cache.getContaining("agents", "agents", f.fetch, shows("A1"))).toEqual(["A1", "A2"]);
    expect(f.calls()).toBe(1);
    // The new object is not in it: a listing that started after the create is fetched.
    const read = cache.getContaining("agents", "agents", f.fetch, shows("A3"));
    await tick();
    f.resolveNext(["A1", "A2", "A3"]);
    expect(await read).toEqual(["A1", "A2", "A3"]);
    expect(f.calls()).toBe(2);
  });

  it("a read of one object does not take a listing older than an update or delete", async () => {
    const cache = new ListingCache(60_000, now);
    const f = controlledFetch();
    await getAnswered(cache, f, ["A1"]);
    cache.wrote("groups", "update", true);
    const read = cache.getContaining("agents", "agents", f.fetch, { shows: () => true });
    await tick();
    f.resolveNext(["A1 renamed"]);
    expect(await read).toEqual(["A1 renamed"]);
    expect(f.calls()).toBe(2);
  });

  it("after its own create, a read of the new object joins a listing that started later, not an earlier one", async () => {
    const cache = new ListingCache(60_000, now);
    const f = controlledFetch();
    const early = cache.get("agents", "agents", f.fetch);
    cache.wrote("agents", "create", true);
    const createdAt = cache.sequence();
    const shows = { shows: (l: unknown) => (l as string[]).includes("A2"), createdAt };
    const read = cache.getContaining("agents", "agents", f.fetch, shows);
    await tick();
    f.resolveNext(["A1"]);
    await early;
    await tick();
    // The read queued for the listing after the early one; another create then lands, and a second read
    // of the same object joins the listing in flight, which started after the first create.
    cache.wrote("agents", "create", true);
    const again = cache.getContaining("agents", "agents", f.fetch, shows);
    f.resolveNext(["A1", "A2"]);
    expect(await read).toEqual(["A1", "A2"]);
    expect(await again).toEqual(["A1", "A2"]);
    expect(f.calls()).toBe(2);
  });

  it("a listing that took several pages is reused that many times longer", async () => {
    const cache = new ListingCache(10_000, now);
    const f = controlledFetch();
    await getAnswered(cache, f, ["a"]);
    cache.tookPages("agents", 3);
    expect(cache.pagesOf("agents")).toBe(3);
    clock += 29_000;
    expect(await cache.get("agents", "agents", f.fetch)).toEqual(["a"]);
    clock += 2_000;
    expect(await getAnswered(cache, f, ["b"])).toEqual(["b"]);
    expect(f.calls()).toBe(2);
  });

  it("a TTL of 0 still shares a listing in flight but never a settled one", async () => {
    const cache = new ListingCache(0, now);
    const f = controlledFetch();
    const both = Promise.all([
      cache.get("agents", "agents", f.fetch),
      cache.get("agents", "agents", f.fetch),
    ]);
    await tick();
    f.resolveNext(["a"]);
    await both;
    expect(f.calls()).toBe(1);
    clock += 1;
    expect(await getAnswered(cache, f, ["b"])).toEqual(["b"]);
    expect(f.calls()).toBe(2);
  });
});
