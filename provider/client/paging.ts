// Paging: how one walk over a paged list plans its pages, decides the next one and drops repeats. Pure
// state, no transport; http.ts asks for the pages (`?page=&limit=`): the first, then every page the first
// announces at once (a listing of k pages takes two round trips, not k), then one at a time while the
// answers say more follow.
import { asRecord, wireCount, type WireRecord } from "./normalize";

/** Largest page ever asked for: the blacklist page documents "max = 100", the others say nothing. */
export const MAX_PAGE_SIZE = 100;
/** Default page size used when walking list endpoints: the largest, so that a listing takes the fewest requests. */
export const DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE;
/** Total-count keys tried when a list does not name its own. */
export const DEFAULT_COUNT_KEYS: readonly string[] = ["totalCount", "totalAgents", "total"];

/** Options of one list walk (`StringeeHttp.listAll`). */
export interface ListAllOptions {
  /** Name of the array under `data` (`numbers`, `agents`, `ivrNodeKeys`…). */
  itemsKey: string;
  /** Extra query parameters sent with every page (`node`, `tree`…). */
  query?: Record<string, string | number>;
  /** Page size; defaults to the client's. */
  pageSize?: number;
  /** Names of the total-count field under `data`, tried in order (default `totalCount`, `totalAgents`, `total`). */
  countKeys?: readonly string[];
  /** Returns the item's id, used to drop duplicates when a page shifts under concurrent writes. */
  idOf?: (item: WireRecord) => string | undefined;
}

/** The paging state after one page of a list has been read. */
export interface PageState {
  /** The page number that was requested (1-based). */
  page: number;
  /** The page size that was requested. */
  pageSize: number;
  /** Items found on this page. */
  itemsOnPage: number;
  /** Items collected so far, this page included. */
  itemsSoFar: number;
  /** The envelope's `data` object. */
  data: WireRecord | undefined;
  /** Names of the total-count field, tried in order. */
  countKeys: readonly string[];
}

/**
 * The next page to request, or `false` when the walk is over. Totals may be strings or numbers; an
 * empty page always ends the walk; an answer without paging metadata is a complete, unpaged list.
 */
export function nextPage(s: PageState): number | false {
  if (s.itemsOnPage === 0) return false;
  const data = s.data ?? {};
  const totalPages = wireCount(data["totalPages"]);
  if (totalPages !== undefined) return s.page < totalPages ? s.page + 1 : false;
  for (const key of s.countKeys) {
    const total = wireCount(data[key]);
    if (total !== undefined) return s.itemsSoFar < total ? s.page + 1 : false;
  }
  const paged = data["currentPage"] !== undefined || data["limit"] !== undefined;
  return paged && s.itemsOnPage >= s.pageSize ? s.page + 1 : false;
}

/** Reads `data[itemsKey]` from an envelope as an array of objects (non-objects are dropped). */
export function itemsOf(envelope: unknown, itemsKey: string): WireRecord[] {
  const items = asRecord(asRecord(envelope)?.["data"])?.[itemsKey];
  if (!Array.isArray(items)) return [];
  return items.filter((i): i is WireRecord => asRecord(i) !== undefined);
}

/** Never more than Stringee documents for any list, never less than one item. */
export function cappedPageSize(size: number): number {
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(size)));
}

/** Pages asked for at once once the first page has said how many there are. */
export const PARALLEL_PAGES = 8;

/**
 * One walk over every page of a list: the query of each page, how many pages the first one announces,
 * when to stop, and the items in page order without repeats.
 */
export class PageWalk {
  private readonly pageSize: number;
  private readonly pages = new Map<number, { items: WireRecord[]; data: WireRecord | undefined }>();
  private sawEmpty = false;

  /** `pageSize` is capped to {@link MAX_PAGE_SIZE}. */
  constructor(
    private readonly o: ListAllOptions,
    pageSize: number,
  ) {
    this.pageSize = cappedPageSize(o.pageSize ?? pageSize);
  }

  /** The query of page `page` (1-based). */
  query(page: number): Record<string, string | number> {
    return { ...this.o.query, page, limit: this.pageSize };
  }

  /** Records the answer of page `page`. */
  record(page: number, body: unknown): void {
    const items = itemsOf(body, this.o.itemsKey);
    if (items.length === 0) this.sawEmpty = true;
    this.pages.set(page, { items, data: asRecord(asRecord(body)?.["data"]) });
  }

  /** Whether an empty page has been seen: the list ends before it, whatever the totals said. */
  get ended(): boolean {
    return this.sawEmpty;
  }

  /**
   * How many pages the first page announces, so that the others can be asked for at once; `undefined`
   * when it does not say, or when it is short: a server that caps pages below the size asked for is
   * walked one page at a time, by {@link PageWalk.nextAfter}.
   */
  planned(): number | undefined {
    const first = this.pages.get(1);
    if (first === undefined || first.items.length < this.pageSize) return undefined;
    const data = first.data ?? {};
    const totalPages = wireCount(data["totalPages"]);
    if (totalPages !== undefined) return totalPages;
    for (const key of this.o.countKeys ?? DEFAULT_COUNT_KEYS) {
      const total = wireCount(data[key]);
      if (total !== undefined) return Math.ceil(total / this.pageSize);
    }
    return undefined;
  }

  /** How many pages had items: how many the next walk of the same list may ask for at once. */
  pagesWithItems(): number {
    let n = 0;
    for (const [page, { items }] of this.pages) if (items.length > 0) n = Math.max(n, page);
    return Math.max(1, n);
  }

  /** The page after `page` (already recorded), or `false` when the walk is over (see {@link nextPage}). */
  nextAfter(page: number): number | false {
    const recorded = this.pages.get(page);
    if (recorded === undefined || this.sawEmpty) return false;
    let itemsSoFar = 0;
    for (const [p, { items }] of this.pages) if (p <= page) itemsSoFar += items.length;
    return nextPage({
      page,
      pageSize: this.pageSize,
      itemsOnPage: recorded.items.length,
      itemsSoFar,
      data: recorded.data,
      countKeys: this.o.countKeys ?? DEFAULT_COUNT_KEYS,
    });
  }

  /** Every item, in page order, without the repeats of a page that shifted under a concurrent write. */
  items(): WireRecord[] {
    const seen = new Set<string>();
    const out: WireRecord[] = [];
    for (const page of [...this.pages.keys()].sort((a, b) => a - b)) {
      for (const item of this.pages.get(page)!.items) {
        const id = this.o.idOf?.(item);
        if (id !== undefined) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        out.push(item);
      }
    }
    return out;
  }
}
