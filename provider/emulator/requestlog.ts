// The log of API requests the emulator received (never the /__emulator/ controls), with
// per-route counts keyed by method and route pattern ("PUT /v1/number/:id").

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

/** The request log. */
export class RequestLog {
  private entries: { entry: LoggedRequest; routeKey: string }[] = [];
  private nextSeq = 1;

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
  }

  /** Clears the log (sequence numbers keep growing so old and new entries never collide). */
  clear(): void {
    this.entries = [];
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
