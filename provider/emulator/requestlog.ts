// The log of API requests the emulator received (never the /__emulator/ controls), with
// per-route counts keyed by method and route pattern ("PUT /v1/number/:id"), bounded in size.

/** One logged API request. */
export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  /** Query parameters; access_token is redacted. */
  query: Record<string, string>;
  /** HTTP status answered; null for reset and hang; for drop-response, what would have been answered. */
  status: number | null;
  /** The `r` of the JSON answer (same rules as `status`); null when there was none. */
  r: number | null;
  /** The fault that hit the request: a fault kind, or "rate-limit". */
  fault?: string;
}

/** Shape of `GET /__emulator/requests`. */
export interface RequestLogView {
  requests: LoggedRequest[];
  counts: Record<string, number>;
}

/** Default number of entries the log keeps; older entries are dropped first. */
export const DEFAULT_REQUEST_LOG_CAPACITY = 10_000;

/** Size figures of the log, reported by the consistency control. */
export interface RequestLogStats {
  /** Entries held now. */
  size: number;
  /** Most entries the log holds; the oldest are dropped beyond it. */
  capacity: number;
  /** Entries dropped because the log was full, since the last clear. */
  dropped: number;
}

/**
 * The request log. It keeps at most `capacity` entries so that an emulator serving a long soak never
 * grows without bound; the oldest entries go first and {@link RequestLog.stats} counts them.
 */
export class RequestLog {
  private entries: { entry: LoggedRequest; routeKey: string }[] = [];
  private nextSeq = 1;
  private dropped = 0;

  constructor(readonly capacity: number = DEFAULT_REQUEST_LOG_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError("capacity must be a positive integer");
  }

  /** Query parameters as logged: the token never shows. */
  static redactQuery(query: URLSearchParams): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of query) out[key] = key === "access_token" ? "<redacted>" : value;
    return out;
  }

  /** Reserves the next sequence number (taken when the request arrives). */
  nextSequence(): number {
    return this.nextSeq++;
  }

  /** Appends an entry; `routeKey` is the count key, e.g. "PUT /v1/number/:id". */
  add(entry: LoggedRequest, routeKey: string): void {
    this.entries.push({ entry: { ...entry }, routeKey });
    const excess = this.entries.length - this.capacity;
    if (excess > 0) {
      // Entries arrive nearly in sequence order, so the front holds the oldest ones.
      this.entries.splice(0, excess);
      this.dropped += excess;
    }
  }

  /** How many entries the log holds, its capacity and how many it dropped. */
  stats(): RequestLogStats {
    return { size: this.entries.length, capacity: this.capacity, dropped: this.dropped };
  }

  /** Whether the retained entries' sequence numbers are all different. */
  hasUniqueSequences(): boolean {
    return new Set(this.entries.map((e) => e.entry.seq)).size === this.entries.length;
  }

  /** Clears the log (sequence numbers keep growing so old and new entries never collide). */
  clear(): void {
    this.entries = [];
    this.dropped = 0;
  }

  /** The log and counts, entries in sequence order. */
  view(): RequestLogView {
    const sorted = [...this.entries].sort((a, b) => a.entry.seq - b.entry.seq);
    const counts: Record<string, number> = {};
    const requests = sorted.map(({ entry, routeKey }) => {
      counts[routeKey] = (counts[routeKey] ?? 0) + 1;
      return { ...entry };
    });
    return { requests, counts };
  }
}

/** Count key of a request: the collection path plus ":id" when an id follows. */
export function routeKey(method: string, pathname: string, collectionPaths: readonly string[]): string {
  for (const base of collectionPaths) {
    if (pathname === base) return `${method} ${base}`;
    if (pathname.startsWith(`${base}/`) && pathname.length > base.length + 1) return `${method} ${base}/:id`;
  }
  return `${method} ${pathname}`;
}
