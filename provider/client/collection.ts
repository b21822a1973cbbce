// The generic collection. Each Stringee collection is one declaration (where its list is, how it pages,
// its ids, natural key and field table); listing, lookups, duplicate-safe create, update and tolerant
// delete are built from it here once. A collection module keeps only what is truly its own.
import {
  fieldsOf,
  fromWire,
  optionalWire,
  readField,
  requiredWire,
  toWire,
  type FieldTable,
  type ReadContext,
  type WireField,
  type WireKeys,
  type WireValues,
} from "./fields";
import type { ApiBase, ApiEnvelope, StringeeHttp } from "./http";
import type { ObjectRead } from "./listings";
import type { ListAllOptions } from "./paging";
import { stripIdPrefix, wireId, type WireRecord } from "./normalize";
import {
  answerId,
  createWithRecovery,
  deleteTolerant,
  seg,
  type CreateResult,
  type DeleteResult,
} from "./recovery";

// Wire keys every contact-center list item carries and the client has no use for.
const ICC_BOOKKEEPING = ["account", "project"];

/** What `stringee-pulumi doctor` reads of a collection: where its list is and what its items carry. */
export interface ListedCollection {
  /** Which host serves it. */
  base: ApiBase;
  /** Collection path, e.g. `/v1/number`; one object is `<path>/<id>`. */
  path: string;
  /** The array under `data` in a list answer. */
  itemsKey: string;
  /** Total-count keys under `data`, tried in order. */
  countKeys: readonly string[];
  /** Whether the list takes `page` and `limit` (otherwise one GET answers with everything). */
  paged: boolean;
  /** For a collection listed per parent object: the parent, the query parameter naming it, the field. */
  parent?: ParentLink;
  /** The wire key holding the id (absent for memberships, which have none). */
  idKey?: string;
  /** The prefix listed ids carry, when Stringee prefixes them. */
  idPrefix?: string;
  /** Wire keys without which an item is skipped (id, natural key). */
  required: readonly WireKeys[];
  /** Domain field → wire key(s) read when present; absent ones are "unseen" (declared values stand). */
  optional: Readonly<Record<string, WireKeys>>;
  /** Wire keys known and deliberately not read (live state, account bookkeeping). */
  ignored: readonly string[];
}

/** How a collection listed per parent object names its parent (IVR nodes per tree, keypresses per node…). */
export interface ParentLink {
  /** The parent collection. */
  of: ListedCollection;
  /** The query parameter naming the parent (`tree`, `node`, `group`, `queue`). */
  param: string;
  /** The field holding the parent id, in listed objects as in natural keys and create inputs. */
  key: string;
}

/** Everything that sets one collection apart, declared once. */
export interface CollectionDeclaration<T, K>
  extends
    Pick<ListedCollection, "path" | "itemsKey" | "idPrefix">,
    Partial<Pick<ListedCollection, "base" | "countKeys" | "paged" | "ignored">> {
  /** The key of a new object's id in a create answer (`numberID`); `id` is tried after it. */
  createdIdKey?: string;
  /**
   * Whether a create answer carries the id in the form the list shows (blacklist `BNXJ3OWK`, greeting-file
   * sids): no listing is needed to confirm it. Default: only ids with a known prefix are taken as listed.
   */
  createdIdListed?: boolean;
  /** The field holding the id (default `id`; a table without it declares objects without ids). */
  idField?: keyof T & string;
  /** The fields that together name one object; ids among them compare with their prefix optional. */
  naturalKey?: readonly (keyof K & keyof T & string)[];
  /** The field telling two items of one listing apart, to drop repeats of a shifted page (default: the id). */
  distinctBy?: keyof T & string;
  /** Whether listed objects name, in `unseen`, the optional fields their item did not carry. */
  markUnseen?: boolean;
  /** Domain field → wire key, type and rules. */
  fields: FieldTable<T>;
}

/** A declaration with its defaults filled in, and what is derived from its field table. */
export interface CollectionDefinition<T, K>
  extends Omit<CollectionDeclaration<T, K>, keyof ListedCollection>, ListedCollection {
  /** Maps one list item to the domain type; `undefined` when it lacks a required field. */
  fromWire(w: WireRecord, context?: ReadContext): T | undefined;
  /** Maps a create or update to its request body: only the given, writable fields. */
  toWire(values: WireValues<T>): WireRecord;
}

/**
 * Fills in a declaration's defaults (the ICC host, `totalCount`, paged) and derives its wire mapping and
 * what the catalog shows.
 */
export function defineCollection<T, K = never>(d: CollectionDeclaration<T, K>): CollectionDefinition<T, K> {
  const base = d.base ?? "icc";
  const fields = fieldsOf(d.fields);
  const idField = fields.find(([name]) => name === (d.idField ?? "id"))?.[1];
  const parent = fields.find(([, f]) => f.parent !== undefined);
  return {
    ...d,
    ...(parent?.[1].parent ? { parent: { ...parent[1].parent, key: parent[0] } } : {}),
    base,
    countKeys: d.countKeys ?? ["totalCount"],
    paged: d.paged ?? true,
    ...(typeof idField?.wire === "string" ? { idKey: idField.wire } : {}),
    required: requiredWire(d.fields),
    optional: optionalWire(d.fields),
    ignored: [...(base === "icc" ? ICC_BOOKKEEPING : []), ...(d.ignored ?? [])],
    fromWire: (w, context = {}) => fromWire(d.fields, w, context, d.markUnseen ?? false),
    toWire: (values) => toWire(d.fields, values),
  };
}

/** One shared listing as domain objects (see {@link Collection.mappedListing}). */
export interface MappedListing<T> {
  /** The read context the items were mapped with. */
  signature: string;
  /** The objects, in listing order. */
  items: T[];
  /** The objects by {@link idKey} of their id, built on first use. */
  byId?: Map<string, T>;
}

/** The form two ids that {@link sameId} considers equal share: without a known prefix. */
export function idKey(id: unknown): string | undefined {
  const wire = wireId(id);
  return wire === undefined ? undefined : stripIdPrefix(wire);
}

/** A collection listed per object of another: what that other collection tells it (see {@link CrudCollection}). */
export interface ChildCollection {
  /** The parent `parentId` was just created by this client: it has no children yet. */
  parentCreated(parentId: string): void;
  /** The parent `parentId` was read without being written by this client: its children are read next. */
  parentRead(parentId: string): void;
}

// Where a whole listing of several pages put its objects, and how many objects this client created since.
interface ListingLayout {
  total: number;
  pageSize: number;
  positions: Map<string, number>;
  createdSince: number;
}

function scopeKey(scope: Scope): string {
  return scope[0] ?? "";
}

/** What a listing is scoped to: nothing for a top-level collection, the parent id for one listed per parent. */
export type Scope = [] | [parentId: string];

/** A collection's reads: its listing (per parent or not), shared through the client's listings cache. */
export abstract class Collection<T, K, P extends Scope = []> {
  /** The collection's declaration. */
  protected abstract readonly def: CollectionDefinition<T, K>;
  // Each shared listing is mapped (and indexed by id) once, however many callers read it.
  private readonly mapped = new WeakMap<WireRecord[], MappedListing<T>>();
  private related = false;
  private fields: Map<string, WireField<unknown>> | undefined;

  /** Wraps a shared {@link StringeeHttp}. */
  constructor(protected readonly http: StringeeHttp) {}

  /** Every object (of the parent `parentId`, for a collection listed per parent), all pages. */
  async list(...scope: P): Promise<T[]> {
    return [...this.mappedListing(await this.listWire(scope), scope).items];
  }

  /** The object with the natural key `key`, or `undefined`. */
  async findByNaturalKey(key: K): Promise<T | undefined> {
    return (await this.list(...this.scopeOf(key))).find((item) => this.hasKey(item, key));
  }

  /** Called when this client has just created the parent `parentId`: it has none of these yet. */
  parentCreated(parentId: P extends [string] ? string : never): void {
    const { base, path, itemsKey } = this.def;
    this.http.knownEmpty(base, path, { itemsKey, query: this.query([parentId]) });
  }

  /**
   * Called when this client has read the parent `parentId` without having written it (a refresh, an
   * import): reads of its children follow, so their listing is fetched now, in the background.
   */
  parentRead(parentId: P extends [string] ? string : never): void {
    this.http.prefetch(() => this.listWire([parentId]));
  }

  /**
   * The raw items of one listing. With `read`, the caller wants one object: a listing that shows it may
   * answer although objects were created since (see listings.ts).
   */
  protected listWire(scope: Scope, read?: ObjectRead): Promise<WireRecord[]> {
    const { base, path, itemsKey } = this.def;
    if (this.def.parent && !this.related) {
      this.related = true;
      this.http.listedUnder(this.def, this.def.parent.of);
    }
    if (!this.def.paged) return this.http.listOnce(base, path, { itemsKey, query: this.query(scope) }, read);
    return this.http.listAll(base, path, this.listOptions(scope), read);
  }

  /** How one listing of this collection is asked for and walked (paged collections). */
  protected listOptions(scope: Scope): ListAllOptions {
    const distinct = this.field(this.def.distinctBy ?? this.def.idField ?? "id");
    return {
      itemsKey: this.def.itemsKey,
      query: this.query(scope),
      countKeys: this.def.countKeys,
      ...(distinct ? { idOf: (w: WireRecord) => readField(distinct, w) as string | undefined } : {}),
    };
  }

  /** Maps raw items to domain objects, skipping those that lack a required field. */
  protected readItems(items: WireRecord[], context: ReadContext): T[] {
    return items.map((w) => this.def.fromWire(w, context)).filter((item): item is T => item !== undefined);
  }

  /** What the reader of this collection's items knows besides them (a subclass may learn from the items). */
  protected readContext(_raw: WireRecord[], scope: Scope): ReadContext {
    return { parentId: scope[0] };
  }

  /** The objects of one shared listing, mapped once per listing and read context. */
  protected mappedListing(raw: WireRecord[], scope: Scope): MappedListing<T> {
    const context = this.readContext(raw, scope);
    const signature = `${context.parentId ?? ""} ${context.projectId ?? ""}`;
    const known = this.mapped.get(raw);
    if (known?.signature === signature) return known;
    const fresh: MappedListing<T> = { signature, items: this.readItems(raw, context) };
    this.mapped.set(raw, fresh);
    return fresh;
  }

  /** The scope a natural key or a create input belongs to: its parent id, for a collection listed per parent. */
  protected scopeOf(key: K): P {
    const parent = this.def.parent;
    return (parent ? [key[parent.key as keyof K]] : []) as P;
  }

  // Whether `item` has the natural key `key`, each field compared the way its wire type compares.
  private hasKey(item: T, key: K): boolean {
    const names = this.def.naturalKey ?? [];
    return names.length > 0 && names.every((name) => this.field(name)?.same(item[name], key[name]) === true);
  }

  private field(name: string): WireField<unknown> | undefined {
    this.fields ??= new Map(fieldsOf(this.def.fields));
    return this.fields.get(name);
  }

  // One parent's listing is `?<param>=<id>`: the same query for list() and parentCreated(), so both name
  // the same listing in the cache.
  private query(scope: Scope): Record<string, string> | undefined {
    const [parentId] = scope;
    return this.def.parent && parentId !== undefined ? { [this.def.parent.param]: parentId } : undefined;
  }
}

/**
 * What a create reports besides the id (an IVR node's root flag, a greeting file's name): read from the POST's
 * answer, or from the object a lookup found after a lost answer.
 */
export interface CreateNote<T, V> {
  /** The value in a successful POST's answer. */
  answer(answer: ApiEnvelope): V | undefined;
  /** The value in the object a lookup by natural key found. */
  found(item: T): V | undefined;
}

/** A collection of objects with ids: reads by id, duplicate-safe create, update and tolerant delete. */
export abstract class CrudCollection<
  T,
  In extends K & WireValues<T>,
  Up extends WireValues<T>,
  K,
  P extends Scope = [],
> extends Collection<T, K, P> {
  // Ids (as idKey) this client created, updated or deleted: a read of one of them is a read-back.
  private readonly written = new Set<string>();
  // Per scope, where the last whole listing of several pages put each object (see likelyPages).
  private readonly layouts = new Map<string, ListingLayout>();
  // Where the API lists the objects it created last, once a read-back has shown it.
  private newAt: "start" | "end" | undefined;

  /**
   * Wraps a shared {@link StringeeHttp}. `children` are the collections listed per object of this one: they
   * hear of each object this client created (not one found after a lost answer), which has no children
   * yet, and of each object it read without having written it, whose children are read next.
   */
  constructor(
    http: StringeeHttp,
    private readonly children: readonly ChildCollection[] = [],
  ) {
    super(http);
  }

  /** The object with this id (prefix optional; in the parent `parentId` when listed per parent), or `undefined`. */
  async findById(...args: [...P, id: string]): Promise<T | undefined> {
    const id = args[args.length - 1] as string;
    const found = await this.byId(args.slice(0, -1) as P, id);
    if (found !== undefined && this.children.length > 0 && !this.written.has(idKey(id) ?? id)) {
      for (const child of this.children) child.parentRead(this.idOf(found));
    }
    return found;
  }

  /** Creates an object; duplicate-safe when the answer is lost (see {@link createWithRecovery}). */
  create(input: In): Promise<CreateResult> {
    return this.createNoting(input);
  }

  /** Changes the given fields only; nothing is sent when `patch` is empty. */
  async update(id: string, patch: Up): Promise<void> {
    const body = this.def.toWire(patch);
    if (Object.keys(body).length === 0) return;
    this.wrote(id);
    await this.http.put(this.def.base, this.itemPath(id), body);
  }

  /** Deletes an object; an already missing one resolves with `deleted: false`. */
  delete(id: string): Promise<DeleteResult> {
    this.wrote(id);
    return deleteTolerant(() => this.http.delete(this.def.base, this.itemPath(id)));
  }

  /** Sends one create request (a JSON POST of the input's fields; an upload for greeting files). */
  protected sendCreate(input: In): Promise<ApiEnvelope> {
    return this.http.post(this.def.base, this.def.path, this.def.toWire(input));
  }

  /** {@link create}, reporting as `key` what `note` reads from the POST's answer or the object found, when known. */
  protected async createNoting<Key extends string, V>(
    input: In,
    key?: Key,
    note?: CreateNote<T, V>,
  ): Promise<CreateResult & Partial<Record<Key, V>>> {
    let noted: V | undefined;
    let createdAt: number | undefined;
    const created = await createWithRecovery({
      send: async () => {
        const answer = await this.sendCreate(input);
        createdAt = this.http.listings.sequence();
        const layout = this.layouts.get(scopeKey(this.scopeOf(input)));
        if (layout !== undefined) layout.createdSince++;
        noted = note?.answer(answer);
        return answer;
      },
      idFromAnswer: (a) => answerId(a, this.def.createdIdKey ?? "id", "id"),
      ...(this.def.createdIdListed ? { isCanonical: () => true } : {}),
      findExisting: async () => {
        const found = await this.findByNaturalKey(input);
        if (found !== undefined) noted = note?.found(found);
        return found === undefined ? undefined : this.idOf(found);
      },
      listedId: async (raw) => {
        const found = await this.byId(this.scopeOf(input), raw, createdAt);
        return found === undefined ? undefined : this.idOf(found);
      },
      likelyListed: (id) => {
        const prefix = this.def.idPrefix;
        return prefix !== undefined && !id.startsWith(prefix) && !/^\d+$/.test(id) ? prefix + id : id;
      },
    });
    this.wrote(created.id);
    if (!created.recovered) for (const child of this.children) child.parentCreated(created.id);
    // The key is the caller's name for the noted value: the result has it only when a value was noted.
    const extra = key === undefined || noted === undefined ? {} : { [key]: noted };
    return { ...created, ...extra } as CreateResult & Partial<Record<Key, V>>;
  }

  private wrote(id: string): void {
    this.written.add(idKey(id) ?? id);
  }

  private itemPath(id: string): string {
    return `${this.def.path}/${seg(id)}`;
  }

  private idOf(item: T): string {
    return String(item[(this.def.idField ?? "id") as keyof T]);
  }

  // The object with this id from a listing that shows it: a read of one object (see listings.ts), which
  // after this client's own create (`createdAt`) may join a listing that started since. In a listing of
  // several pages, the page the object is likely on is read first (see likelyPages), then the whole listing.
  private async byId(scope: P, id: string, createdAt?: number): Promise<T | undefined> {
    const key = idKey(id);
    if (key === undefined) return undefined;
    const shows = (listing: unknown) => this.indexed(listing as WireRecord[], scope).has(key);
    const read: ObjectRead = { shows, ...(createdAt === undefined ? {} : { createdAt }) };
    if (this.def.paged) {
      const { base, path } = this.def;
      const o = this.listOptions(scope);
      const known = this.http.peekListing(base, path, o, read);
      if (known !== undefined) return this.indexed(await known, scope).get(key);
      for (const page of this.likelyPages(scope, key, createdAt !== undefined)) {
        const found = this.indexed(await this.http.listPage(base, path, o, page, read), scope).get(key);
        if (found !== undefined) return found;
      }
    }
    const raw = await this.listWire(scope, read);
    this.learnLayout(scope, raw, key, createdAt !== undefined || this.written.has(key));
    return this.indexed(raw, scope).get(key);
  }

  // Where objects are in a listing of several pages: new ones at its end or at its start (learnt from the
  // first read-back of one), others where the last whole listing showed them (updates do not move them).
  private likelyPages(scope: Scope, key: string, justCreated: boolean): number[] {
    const layout = this.layouts.get(scopeKey(scope));
    if (layout === undefined) return [];
    const position = layout.positions.get(key);
    if (position !== undefined && !justCreated) return [Math.floor(position / layout.pageSize) + 1];
    if (!justCreated && !this.written.has(key)) return [];
    if (this.newAt === "start") return [1];
    if (this.newAt !== "end") return [];
    // Among the objects created since that listing, which a page or two at its end hold, the latest first.
    const first = Math.floor(layout.total / layout.pageSize) + 1;
    const last = Math.floor((layout.total + Math.max(0, layout.createdSince - 1)) / layout.pageSize) + 1;
    return last > first ? [last, first] : [first];
  }

  // Records where a whole listing puts its objects, and where it put `key` when this client wrote it (an
  // object the previous listing did not show was created since).
  private learnLayout(scope: Scope, raw: WireRecord[], key: string, wroteIt: boolean): void {
    const pageSize = this.http.pageSizeOf(this.listOptions(scope));
    if (!this.def.paged || raw.length <= pageSize) {
      this.layouts.delete(scopeKey(scope));
      return;
    }
    const previous = this.layouts.get(scopeKey(scope));
    const positions = new Map<string, number>();
    this.mappedListing(raw, scope).items.forEach((item, i) => {
      const k = idKey(item[(this.def.idField ?? "id") as keyof T]);
      if (k !== undefined && !positions.has(k)) positions.set(k, i);
    });
    const at = positions.get(key);
    if (at !== undefined && wroteIt && previous !== undefined && !previous.positions.has(key)) {
      if (at >= raw.length - pageSize) this.newAt = "end";
      else if (at < pageSize) this.newAt = "start";
    }
    this.layouts.set(scopeKey(scope), { total: raw.length, pageSize, positions, createdSince: 0 });
  }

  // One listing's objects by id, built once per listing.
  private indexed(raw: WireRecord[], scope: Scope): Map<string, T> {
    const listing = this.mappedListing(raw, scope);
    if (listing.byId === undefined) {
      const byId = new Map<string, T>();
      for (const item of listing.items) {
        const key = idKey(item[(this.def.idField ?? "id") as keyof T]);
        if (key !== undefined && !byId.has(key)) byId.set(key, item);
      }
      listing.byId = byId;
    }
    return listing.byId;
  }
}
