// The transport layer, and the only module that imports got: it wires the retry policy (retry.ts), the
// paging walk (paging.ts), authentication headers, the throttle and the listings cache into one got
// instance per host, and reads the Stringee envelope (`r != 0` is an error even on HTTP 200). Collection
// modules above it only see parsed envelopes and StringeeApiError.
import http from "node:http";
import https from "node:https";
import got from "got";
import type { Got, RequestError, RequestFunction } from "got";
import { CREDENTIAL_REFUSAL_STATUSES, CREDENTIALS_REFUSED_CODE, CredentialCheck, TokenSource } from "./auth";
import { StringeeApiError, isOutcomeUnknown } from "./errors";
import { ListingCache, type ObjectRead, type WriteKind } from "./listings";
import { asRecord, wireInt, type WireRecord } from "./normalize";
import {
  DEFAULT_PAGE_SIZE,
  PARALLEL_PAGES,
  PageWalk,
  cappedPageSize,
  itemsOf,
  type ListAllOptions,
} from "./paging";
import {
  RETRY_ERROR_CODES,
  RETRY_STATUS_CODES,
  classifyOutcome,
  requestMayHaveBeenSent,
  resolveRetryPolicy,
  retryAfterMs,
  retryDelayFor,
  type AttemptFailure,
  type RetryOptions,
  type RetryPolicy,
} from "./retry";
import { Throttle, type Admission } from "./throttle";

/** Default base URL of the contact-center API (numbers, agents, queues, IVR). */
export const DEFAULT_ICC_BASE_URL = "https://icc-api.stringee.com";
/** Default base URL of the platform API (SIP phones). */
export const DEFAULT_API_BASE_URL = "https://api.stringee.com";
// Pages one listing may take: a server that always reports more pages must not be walked forever.
const MAX_PAGES = 1000;
// Listings fetched in the background at once (see StringeeHttp.prefetch); the pool has 16 sockets.
const PREFETCHES = 6;

/** Default timeout of one attempt, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Connection and credential options shared by every collection. */
export interface StringeeHttpOptions {
  /** API key SID (issuer of the REST token). */
  apiKeySid: string;
  /** API key secret (HMAC key of the REST token). Never logged nor put in errors. */
  apiKeySecret: string;
  /** Contact-center API base URL (default `https://icc-api.stringee.com`). */
  iccBaseUrl?: string;
  /** Platform API base URL, used for SIP phones (default `https://api.stringee.com`). */
  apiBaseUrl?: string;
  /** Timeout of one attempt in milliseconds (default 15 000). */
  timeoutMs?: number;
  /** Retry tuning. */
  retry?: RetryOptions;
  /** User-Agent header value. */
  userAgent?: string;
  /** Page size used when walking list endpoints (default and maximum 100: larger values are capped). */
  pageSize?: number;
  /**
   * How long a settled listing may be shared between callers, in milliseconds (default 10 000; 0 shares
   * only listings in flight). Writes made through this client are never hidden by it: see listings.ts.
   */
  listingTtlMs?: number;
  /** Lifetime of the REST tokens the client signs, in seconds (default 3600); renewed before expiry. */
  tokenTtlSeconds?: number;
  /**
   * Appended to the error when Stringee refuses the credentials (HTTP 401/403), to say where they are
   * configured (default: check the API key SID, secret and clock).
   */
  credentialsHint?: string;
  /** Clock in milliseconds, used for token expiry (default `Date.now`); for tests. */
  now?: () => number;
  /** Random source in [0, 1) for backoff jitter (default `Math.random`); for tests. */
  random?: () => number;
  /**
   * Replaces Node's `http.request` for every call (got's `request` option). For tests that must not
   * open sockets, or for proxies; leave unset in normal use.
   */
  request?: RequestFunction;
}

/** Which Stringee host a call goes to. */
export type ApiBase = "icc" | "api";

/** A parsed Stringee answer: `r` is 0 here (non-zero answers become {@link StringeeApiError}). */
export interface ApiEnvelope {
  /** Result code, 0 on success. */
  r: number;
  /** Result message. */
  message?: string;
  /** Any other field (`data`, `numberID`, `project`…). */
  [key: string]: unknown;
}

/** Reads an envelope's `r` (number or numeric string); `undefined` when the body is not an envelope. */
export function envelopeCode(body: unknown): number | undefined {
  return wireInt(asRecord(body)?.["r"]);
}

// The fields a request body may carry that must never surface in an error message.
const SECRET_FIELD = /pass|secret|token/i;

interface CallContext extends Record<string, unknown> {
  apiPath: string;
  /** Set by {@link StringeeHttp.inspect}: the answer is returned as it is, error envelopes included. */
  inspect?: boolean;
}

/** One answer as {@link StringeeHttp.inspect} returns it, whatever its status or `r`. */
export interface InspectedAnswer {
  /** HTTP status. */
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: unknown;
}

/**
 * HTTP access to both Stringee hosts: one got instance (and one keep-alive agent pair) per base URL.
 * Every method resolves with an envelope whose `r` is 0, or rejects with {@link StringeeApiError}.
 */
export class StringeeHttp {
  /** The resolved retry policy. */
  readonly retryPolicy: RetryPolicy;
  /** Page size used by {@link StringeeHttp.listAll}. */
  readonly pageSize: number;
  /** Listings shared by every collection of this client (one per collection and query). */
  readonly listings: ListingCache;
  /** Paces every request of this client once the API has answered 429 (see throttle.ts). */
  readonly throttle: Throttle;
  private readonly tokens: TokenSource;
  private readonly credentials: CredentialCheck;
  private readonly secret: string;
  private readonly random: () => number;
  private readonly agents: { http: http.Agent; https: https.Agent };
  private readonly clients: Record<ApiBase, Got>;
  private readonly prefetchQueue: (() => Promise<unknown>)[] = [];
  // The throttle's admission of each request's current attempt, keyed by the request's context object.
  private readonly admissions = new WeakMap<object, Admission>();
  private prefetching = 0;

  /** Builds the got instances; nothing is sent until a method is called. */
  constructor(o: StringeeHttpOptions) {
    this.tokens = new TokenSource({
      apiKeySid: o.apiKeySid,
      apiKeySecret: o.apiKeySecret,
      ttlSeconds: o.tokenTtlSeconds,
      now: o.now,
    });
    this.credentials = new CredentialCheck(o.credentialsHint);
    this.secret = o.apiKeySecret;
    this.retryPolicy = resolveRetryPolicy(o.retry);
    this.pageSize = cappedPageSize(o.pageSize ?? DEFAULT_PAGE_SIZE);
    this.listings = new ListingCache(o.listingTtlMs, o.now);
    this.throttle = new Throttle(o.now ? { now: o.now } : {});
    this.random = o.random ?? Math.random;
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
      https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
    };
    this.clients = {
      icc: this.makeClient(o.iccBaseUrl ?? DEFAULT_ICC_BASE_URL, o),
      api: this.makeClient(o.apiBaseUrl ?? DEFAULT_API_BASE_URL, o),
    };
  }

  /** GET `path` with an optional query. */
  get(base: ApiBase, path: string, query?: Record<string, string | number>): Promise<ApiEnvelope> {
    return this.send("GET", base, path, { query });
  }

  /** POST a JSON body. Not re-sent when its outcome is unknown (see the rules at the top of this file). */
  post(base: ApiBase, path: string, body: object): Promise<ApiEnvelope> {
    return this.send("POST", base, path, { body });
  }

  /**
   * POST a file's bytes as the whole body (a greeting-file upload), with `query` in the URL. Not re-sent when
   * its outcome is unknown, like {@link post}. The bytes never appear in errors: only the method, path and answer do.
   */
  upload(
    base: ApiBase,
    path: string,
    query: Record<string, string>,
    file: { bytes: Buffer; contentType: string },
  ): Promise<ApiEnvelope> {
    return this.send("POST", base, path, { query, file });
  }

  /** PUT a JSON body (idempotent: retried). */
  put(base: ApiBase, path: string, body: object): Promise<ApiEnvelope> {
    return this.send("PUT", base, path, { body });
  }

  /**
   * DELETE `path` (retried; a retry after a lost answer may come back as not-found). `body` is sent
   * as JSON when given (group memberships are removed by a body naming them).
   */
  delete(base: ApiBase, path: string, body?: object): Promise<ApiEnvelope> {
    return this.send("DELETE", base, path, body ? { body } : {});
  }

  /**
   * Every item of a list endpoint, all pages, as raw items shared with other callers (do not mutate
   * them): see listings.ts for when a listing is reused. With `read`, the caller wants one object (see
   * {@link ListingCache.getContaining}). See {@link PageWalk} for how the pages are walked.
   */
  listAll(base: ApiBase, path: string, o: ListAllOptions, read?: ObjectRead): Promise<WireRecord[]> {
    const key = listingKey(base, path, o);
    return this.shared(base, path, key, () => this.walkPages(base, path, o, key), read);
  }

  /** The settled {@link listAll} listing when it answers `read` without a request; `undefined` otherwise. */
  peekListing(
    base: ApiBase,
    path: string,
    o: ListAllOptions,
    read: ObjectRead,
  ): Promise<WireRecord[]> | undefined {
    return this.listings.peek(collectionOf(base, path), listingKey(base, path, o), read);
  }

  /**
   * Page `page` of a {@link listAll} listing, for a read of one object likely to be on it (a list of 5 000
   * objects is not walked to read back one of them). Shared like listings, under the same rules.
   */
  listPage(
    base: ApiBase,
    path: string,
    o: ListAllOptions,
    page: number,
    read: ObjectRead,
  ): Promise<WireRecord[]> {
    const walk = new PageWalk(o, this.pageSize);
    const fetch = async () => itemsOf(await this.get(base, path, walk.query(page)), o.itemsKey);
    return this.listings.getContaining(
      collectionOf(base, path),
      `${listingKey(base, path, o)} #${page}`,
      fetch,
      read,
    );
  }

  /** The page size a walk of `o` asks for. */
  pageSizeOf(o: Pick<ListAllOptions, "pageSize">): number {
    return cappedPageSize(o.pageSize ?? this.pageSize);
  }

  /**
   * Records that a {@link listAll} listing is empty without asking: the children of an object this
   * client has just created (a new tree has no nodes). Saves the lookup before their first create.
   */
  knownEmpty(base: ApiBase, path: string, o: Pick<ListAllOptions, "itemsKey" | "query">): void {
    this.listings.seed(collectionOf(base, path), listingKey(base, path, o), []);
  }

  /**
   * Runs `task` (a listing the caller will likely need soon) in the background, at most
   * {@link PREFETCHES} at a time so that requests the caller waits for keep most of the connections;
   * failures are dropped (a failed listing is not kept: whoever needs it asks again).
   */
  prefetch(task: () => Promise<unknown>): void {
    this.prefetchQueue.push(task);
    this.runPrefetches();
  }

  private runPrefetches(): void {
    while (this.prefetching < PREFETCHES && this.prefetchQueue.length > 0) {
      const task = this.prefetchQueue.shift()!;
      this.prefetching++;
      void task()
        .catch(() => undefined)
        .finally(() => {
          this.prefetching--;
          this.runPrefetches();
        });
    }
  }

  /** Declares that `child` is listed per object of `parent` (see {@link ListingCache.relate}). */
  listedUnder(child: { base: ApiBase; path: string }, parent: { base: ApiBase; path: string }): void {
    this.listings.relate(collectionOf(child.base, child.path), collectionOf(parent.base, parent.path));
  }

  // As many pages as the last walk of this listing found, at once (the first walk: the first page alone),
  // then every further page the first announces (at most PARALLEL_PAGES in flight), then one page at a time
  // while the answers say more follow (a list that grew while it was read, or that gives no totals). A list
  // that shrank costs one empty page.
  private async walkPages(
    base: ApiBase,
    path: string,
    o: ListAllOptions,
    key: string,
  ): Promise<WireRecord[]> {
    const walk = new PageWalk(o, this.pageSize);
    const fetch = async (page: number) => walk.record(page, await this.get(base, path, walk.query(page)));
    const batch = (from: number, to: number) => {
      const pages: number[] = [];
      for (let p = from; p <= to && pages.length < PARALLEL_PAGES; p++) pages.push(p);
      return pages;
    };
    const first = batch(1, this.listings.pagesOf(key) ?? 1);
    await Promise.all(first.map(fetch));
    let last = first[first.length - 1]!;
    const planned = walk.planned() ?? 1;
    while (last < planned && !walk.ended) {
      const pages = batch(last + 1, planned);
      await Promise.all(pages.map(fetch));
      last = pages[pages.length - 1]!;
    }
    // A misbehaving server that always reports more pages must not loop forever.
    for (let next = walk.nextAfter(last); next !== false && last < MAX_PAGES; next = walk.nextAfter(last)) {
      await fetch(next);
      last = next;
    }
    this.listings.tookPages(key, walk.pagesWithItems());
    return walk.items();
  }

  /** A list that the API does not page (SIP phones): `data[itemsKey]`, shared like {@link listAll}'s. */
  listOnce(
    base: ApiBase,
    path: string,
    o: Pick<ListAllOptions, "itemsKey" | "query">,
    read?: ObjectRead,
  ): Promise<WireRecord[]> {
    const key = listingKey(base, path, o);
    return this.shared(
      base,
      path,
      key,
      async () => itemsOf(await this.get(base, path, o.query), o.itemsKey),
      read,
    );
  }

  private shared(
    base: ApiBase,
    path: string,
    key: string,
    fetch: () => Promise<WireRecord[]>,
    read: ObjectRead | undefined,
  ): Promise<WireRecord[]> {
    const collection = collectionOf(base, path);
    return read === undefined
      ? this.listings.get(collection, key, fetch)
      : this.listings.getContaining(collection, key, fetch, read);
  }

  /**
   * One GET answered as it is: status, headers and body, even when the status is an error or `r` is not 0
   * (a refused key still rejects, as every call does). For diagnostics (`stringee-pulumi doctor`), never
   * for reads the provider relies on. Network failures reject with {@link StringeeApiError}.
   */
  async inspect(
    base: ApiBase,
    path: string,
    query?: Record<string, string | number>,
  ): Promise<InspectedAnswer> {
    const context: CallContext = { apiPath: path, inspect: true };
    try {
      const response = await this.clients[base](relative(path), {
        method: "GET",
        context,
        throwHttpErrors: false,
        responseType: "text",
        ...(query ? { searchParams: query } : {}),
      });
      return {
        status: response.statusCode,
        headers: { ...response.headers },
        body: parseJsonBody(response.body),
      };
    } catch (err) {
      throw this.toSafeError(err, "GET", path);
    }
  }

  /** Closes idle keep-alive sockets; call when done so the process can exit. */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private async send(
    method: "GET" | "POST" | "PUT" | "DELETE",
    base: ApiBase,
    path: string,
    o: {
      query?: Record<string, string | number>;
      body?: object;
      file?: { bytes: Buffer; contentType: string };
    },
  ): Promise<ApiEnvelope> {
    const context: CallContext = { apiPath: path };
    const write = WRITE_KINDS[method];
    let outcomeKnown = false;
    try {
      const response = await this.clients[base](relative(path), {
        method,
        context,
        ...(o.query ? { searchParams: o.query } : {}),
        ...(o.body ? { json: o.body } : {}),
        ...(o.file ? { body: o.file.bytes, headers: { "content-type": o.file.contentType } } : {}),
      });
      outcomeKnown = true;
      // afterResponse has checked that the body is an envelope with r = 0.
      return (asRecord(response.body as unknown) ?? { r: 0 }) as ApiEnvelope;
    } catch (err) {
      const safe = this.toSafeError(err, method, path);
      outcomeKnown = !isOutcomeUnknown(safe);
      throw safe;
    } finally {
      if (write !== undefined) this.listings.wrote(collectionOf(base, path), write, outcomeKnown);
    }
  }

  private makeClient(prefixUrl: string, o: StringeeHttpOptions): Got {
    const policy = this.retryPolicy;
    return got.extend({
      prefixUrl,
      responseType: "json",
      agent: this.agents,
      timeout: { request: o.timeoutMs ?? DEFAULT_TIMEOUT_MS },
      headers: { "user-agent": o.userAgent ?? "stringee-pulumi-client" },
      ...(o.request ? { request: o.request } : {}),
      retry: {
        // The per-kind limits (429s get more tries) are enforced by isRetryable in calculateDelay.
        limit: Math.max(policy.limit, policy.rateLimitRetries),
        methods: ["GET", "PUT", "DELETE", "POST", "HEAD", "OPTIONS"],
        statusCodes: [...RETRY_STATUS_CODES],
        errorCodes: [...RETRY_ERROR_CODES],
        calculateDelay: ({ attemptCount, error, retryAfter }) =>
          retryDelayFor(
            { ...describeFailure(error), attemptCount, ...(retryAfter ? { retryAfterMs: retryAfter } : {}) },
            policy,
            this.random,
          ),
      },
      hooks: {
        beforeRequest: [
          async (options) => {
            // A refused API key fails here, unsent; unproven credentials are tried by one request at a time.
            await this.credentials.admit(options.context);
            // A redirect runs this hook again without an answer to the previous hop: that one is over.
            this.settleAdmission(options.context);
            this.admissions.set(options.context, await this.throttle.admit());
            try {
              // Signed per attempt (cached): a retry long after the first try still carries a valid token.
              options.headers["x-stringee-auth"] = this.tokens.getToken();
            } catch (error) {
              // got skips beforeError for a hook's own failure: the attempt ends here, unsent.
              this.settleAdmission(options.context);
              throw error;
            }
          },
        ],
        // An attempt that ends without an answer leaves the throttle's count of requests in flight.
        beforeRetry: [
          (options) => {
            this.credentials.release(options.context);
            this.settleAdmission(options.context);
          },
        ],
        beforeError: [
          (error) => {
            if (error.options) {
              this.credentials.release(error.options.context);
              this.settleAdmission(error.options.context);
            }
            return error;
          },
        ],
        afterResponse: [
          (response) => {
            if (CREDENTIAL_REFUSAL_STATUSES.has(response.statusCode)) this.tokens.invalidate();
            const admission = this.admissions.get(response.request.options.context);
            if (admission !== undefined) {
              if (response.statusCode === 429)
                this.throttle.limited(retryAfterMs(response.headers["retry-after"]), admission);
              else this.throttle.succeeded(admission);
            }
            this.credentials.answered(response.request.options.context, response.statusCode, () =>
              this.toSafeError(
                { response, options: response.request.options },
                response.request.options.method,
              ),
            );
            // Non-2xx answers are left to got's HTTPError (and its retry); only 2xx envelopes are read here.
            if (response.statusCode >= 300) return response;
            if ((response.request.options.context as CallContext | undefined)?.inspect) return response;
            if (envelopeCode(response.body) === 0) return response;
            // got wraps whatever a hook throws in a RequestError that keeps only the message and the
            // response; the caller's catch rebuilds the StringeeApiError from that response.
            throw this.toSafeError(
              { response, options: response.request.options },
              response.request.options.method,
            );
          },
        ],
      },
    });
  }

  // Tells the throttle an attempt is over when it got no answer (answered ones are already settled).
  private settleAdmission(context: object): void {
    const admission = this.admissions.get(context);
    if (admission !== undefined) this.throttle.abandoned(admission);
  }

  // Builds the StringeeApiError from copied fields only; got's error (options, headers, body) is dropped.
  private toSafeError(err: unknown, method: string, path?: string): StringeeApiError {
    if (err instanceof StringeeApiError) return err;
    const refusal = this.credentials.refused();
    if (refusal !== undefined && isCredentialsRefusal(err)) return refusal;
    const gotError = err as Partial<RequestError> & { message?: string };
    const secrets = [this.secret, ...secretValuesOf(gotError)];
    const failure = describeFailure(gotError);
    const response = gotError.response;
    const body = asRecord(response?.body) ?? parseJsonObject(response?.body);
    const r = wireInt(body?.["r"]);
    // got's own codes (ERR_NON_2XX_3XX_RESPONSE, ERR_GOT_REQUEST_ERROR…) are not network failures.
    const networkCode =
      failure.errorCode !== undefined && !failure.errorCode.startsWith("ERR_")
        ? failure.errorCode
        : undefined;
    let apiMessage = typeof body?.["message"] === "string" ? body["message"] : undefined;
    if (apiMessage === undefined && (networkCode !== undefined || !response)) apiMessage = gotError.message;
    else if (apiMessage === undefined && response && response.statusCode < 300 && r === undefined) {
      apiMessage = "answer is not a Stringee envelope";
    }
    return new StringeeApiError({
      method,
      path: path ?? apiPathOf(gotError),
      httpStatus: response?.statusCode,
      r,
      apiMessage,
      networkCode,
      outcome: classifyOutcome(failure),
      attempts: (gotError.request?.retryCount ?? 0) + 1,
      secrets,
    });
  }
}

// How each method changes what a listing shows.
const WRITE_KINDS: Partial<Record<string, WriteKind>> = { POST: "create", PUT: "update", DELETE: "delete" };

// A 401/403 answer, or a request the credential check stopped before sending it.
function isCredentialsRefusal(err: unknown): boolean {
  const e = err as Partial<RequestError>;
  const status = e.response?.statusCode;
  return (
    e.code === CREDENTIALS_REFUSED_CODE || (status !== undefined && CREDENTIAL_REFUSAL_STATUSES.has(status))
  );
}

// One listing: collection path, query and the array read from the answer.
function listingKey(base: ApiBase, path: string, o: Pick<ListAllOptions, "itemsKey" | "query">): string {
  return `${base} ${path} ${JSON.stringify(o.query ?? {})} ${o.itemsKey}`;
}

// The collection a path belongs to: `/v1/queue/QU_1` and `/v1/queue` are both `icc /v1/queue`.
function collectionOf(base: ApiBase, path: string): string {
  return `${base} ${path.split("/").slice(0, 3).join("/")}`;
}

function relative(path: string): string {
  return path.replace(/^\/+/, "");
}

function apiPathOf(error: Partial<RequestError>): string {
  const context = error.options?.context as Partial<CallContext> | undefined;
  return context?.apiPath ?? error.options?.url?.pathname ?? "?";
}

/** Extracts what the retry/outcome rules need from a got error, without keeping the error. */
function describeFailure(error: Partial<RequestError>): Omit<AttemptFailure, "attemptCount"> {
  const method = (error.options?.method ?? "GET").toUpperCase();
  const statusCode = error.response?.statusCode;
  const r = envelopeCode(error.response?.body);
  // An envelope error on a 2xx is Stringee's definitive "no"; on a 5xx the envelope proves nothing.
  const apiError = statusCode !== undefined && statusCode < 300 && r !== undefined && r !== 0;
  return {
    method,
    statusCode,
    errorCode: typeof error.code === "string" ? error.code : undefined,
    requestSent: requestMayHaveBeenSent(error),
    apiError,
  };
}

function secretValuesOf(error: Partial<RequestError>): string[] {
  const out: string[] = [];
  const token = error.options?.headers?.["x-stringee-auth"];
  if (typeof token === "string") out.push(token);
  const json = asRecord(error.options?.json);
  for (const [key, value] of Object.entries(json ?? {})) {
    if (SECRET_FIELD.test(key) && typeof value === "string") out.push(value);
  }
  return out;
}

// The body as JSON when it parses, else the text (a proxy's HTML error page, say).
function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function parseJsonObject(body: unknown): WireRecord | undefined {
  const text = Buffer.isBuffer(body) ? body.toString("utf8") : body;
  if (typeof text !== "string") return undefined;
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}
