// Paging: how one walk over a paged list decides the next page and drops repeats. Pure state, no
// transport; http.ts feeds it got's answers (`?page=&limit=`).
import { asRecord, wireCount, type WireRecord } from "./normalize";

/** Default page size used when walking list endpoints. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page ever asked for: the blacklist page documents "max = 100", the others say nothing. */
export const MAX_PAGE_SIZE = 100;
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

/** One walk over every page of a list: the query of the page to ask for, and when to stop. */
export class PageWalk {
  private page = 1;
  private collected = 0;
  private readonly seen = new Set<string>();
  private readonly pageSize: number;

  /** Starts at page 1; `pageSize` is capped to {@link MAX_PAGE_SIZE}. */
  constructor(
    private readonly o: ListAllOptions,
    pageSize: number,
  ) {
    this.pageSize = cappedPageSize(o.pageSize ?? pageSize);
  }

  /** The query of the page to ask for next. */
  query(): Record<string, string | number> {
    return { ...this.o.query, page: this.page, limit: this.pageSize };
  }

  /** The items of one answer. */
  items(body: unknown): WireRecord[] {
    return itemsOf(body, this.o.itemsKey);
  }

  /** False for an item already collected from an earlier page (a page shifted under a concurrent write). */
  isNew(item: WireRecord): boolean {
    const id = this.o.idOf?.(item);
    if (id === undefined) return true;
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    return true;
  }

  /** Records one answer of `itemsOnPage` items; true when another page follows (see {@link nextPage}). */
  advance(body: unknown, itemsOnPage: number): boolean {
    this.collected += itemsOnPage;
    const next = nextPage({
      page: this.page,
      pageSize: this.pageSize,
      itemsOnPage,
      itemsSoFar: this.collected,
      data: asRecord(asRecord(body)?.["data"]),
      countKeys: this.o.countKeys ?? DEFAULT_COUNT_KEYS,
    });
    if (next === false) return false;
    this.page = next;
    return true;
  }
}
