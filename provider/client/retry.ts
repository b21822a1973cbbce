// The retry policy, as pure functions of what is known about one failed attempt; http.ts wires them into
// got. A request is re-sent only when re-sending cannot create a second effect: GET/PUT/DELETE are
// idempotent and retry on 429, 5xx and network failures. POST retries only when it certainly was not
// applied (429, or the connection never carried the request); a POST whose outcome is unknown surfaces as
// StringeeApiError{outcome:"unknown"} so the collection can look before re-sending.
import type { ApiOutcome } from "./errors";

/** Retry tuning; every field is optional. */
export interface RetryOptions {
  /** Maximum number of retries after the first attempt (default 5; 0 disables retries). */
  limit?: number;
  /** First backoff step in milliseconds, doubled per retry (default 250). */
  baseDelayMs?: number;
  /** Upper bound of one backoff delay in milliseconds (default 20 000). */
  maxDelayMs?: number;
  /** Upper bound applied to a server's Retry-After, in milliseconds (default: `maxDelayMs`). */
  maxRetryAfterMs?: number;
  /**
   * Retries after a 429 (default 30). Counted apart from `limit`: a 429 says the request was not
   * processed, so waiting and re-sending is always safe, and a busy run needs more patience than an outage.
   */
  rateLimitRetries?: number;
}

/** Fully resolved retry policy. */
export type RetryPolicy = Required<RetryOptions>;

/** HTTP statuses worth another attempt (for idempotent methods; 429 for every method). */
export const RETRY_STATUS_CODES = [429, 500, 502, 503, 504] as const;

/** Network failures worth another attempt (for POST only when the request was certainly not sent). */
export const RETRY_ERROR_CODES = [
  "ETIMEDOUT",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRINUSE",
] as const;

// Failures that happen before a connection exists: the request cannot have reached the server.
const NEVER_SENT_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "EAI_AGAIN",
  "ENOTFOUND",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRINUSE",
]);
// got's TimeoutError.event values that fire before any byte of the request could be sent.
const PRE_SEND_TIMEOUT_EVENTS = new Set(["lookup", "connect", "secureConnect"]);
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** Whether re-sending `method` cannot cause a second effect. */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** What the retry decision knows about one failed attempt. */
export interface AttemptFailure {
  /** HTTP method. */
  method: string;
  /** 1 for the first retry, 2 for the second… (got's `attemptCount`). */
  attemptCount: number;
  /** HTTP status when an answer came. */
  statusCode?: number;
  /** Network error code when no usable answer came. */
  errorCode?: string;
  /** Whether the request may have reached the server (see {@link requestMayHaveBeenSent}). */
  requestSent: boolean;
  /** The server's Retry-After converted to milliseconds, if any. */
  retryAfterMs?: number;
  /** True for a Stringee error envelope (`r != 0`): never retried, the answer is definitive. */
  apiError?: boolean;
}

/** Whether a failed attempt may be retried under the rules at the top of this file. */
export function isRetryable(
  f: AttemptFailure,
  policy: Pick<RetryPolicy, "limit"> & Partial<Pick<RetryPolicy, "rateLimitRetries">>,
): boolean {
  if (f.apiError) return false;
  // 429 means "not processed": safe for every method, POST included.
  if (f.statusCode === 429) return f.attemptCount <= (policy.rateLimitRetries ?? policy.limit);
  if (f.attemptCount > policy.limit) return false;
  if (f.statusCode !== undefined && f.statusCode >= 400) {
    return (RETRY_STATUS_CODES as readonly number[]).includes(f.statusCode) && isIdempotent(f.method);
  }
  if (f.errorCode === undefined || !(RETRY_ERROR_CODES as readonly string[]).includes(f.errorCode))
    return false;
  if (isIdempotent(f.method)) return true;
  return !f.requestSent;
}

/**
 * Delay before the next attempt: the server's Retry-After (capped) when given, otherwise exponential
 * backoff with "equal jitter" (half fixed, half random) bounded by `maxDelayMs`.
 */
export function backoffDelayMs(
  attemptCount: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined && retryAfterMs > 0) {
    // Honour the server's wish, plus a little jitter so parallel clients do not return in lockstep.
    const jitter = Math.min(250, retryAfterMs * 0.1) * random();
    return Math.max(1, Math.min(policy.maxRetryAfterMs, retryAfterMs + jitter));
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attemptCount - 1));
  return Math.max(1, Math.round(ceiling / 2 + (ceiling / 2) * random()));
}

/**
 * Combines {@link isRetryable} and {@link backoffDelayMs}: 0 means "do not retry". A 429 without
 * Retry-After is re-sent at once: the throttle (throttle.ts) holds it until the API's block is over, which
 * a backoff of its own could only overshoot.
 */
export function retryDelayFor(
  f: AttemptFailure,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  if (!isRetryable(f, policy)) return 0;
  if (f.statusCode === 429 && f.retryAfterMs === undefined) return 1;
  return backoffDelayMs(f.attemptCount, f.retryAfterMs, policy, random);
}

/** Whether a failure leaves the request possibly applied (see {@link ApiOutcome}). */
export function classifyOutcome(f: Omit<AttemptFailure, "attemptCount">): ApiOutcome {
  if (f.apiError) return "failed";
  if (f.statusCode !== undefined && f.statusCode >= 500) return isIdempotent(f.method) ? "failed" : "unknown";
  if (f.statusCode !== undefined && f.statusCode >= 400) return "failed";
  // No usable answer (or a 2xx whose body was lost): applied if it was sent.
  return f.requestSent ? "unknown" : "failed";
}

/** Resolves {@link RetryOptions} with defaults. */
export function resolveRetryPolicy(o: RetryOptions = {}): RetryPolicy {
  const maxDelayMs = o.maxDelayMs ?? 20_000;
  return {
    limit: Math.max(0, Math.floor(o.limit ?? 5)),
    baseDelayMs: Math.max(1, o.baseDelayMs ?? 250),
    maxDelayMs,
    maxRetryAfterMs: o.maxRetryAfterMs ?? maxDelayMs,
    rateLimitRetries: Math.max(0, Math.floor(o.rateLimitRetries ?? 30)),
  };
}

/** What {@link requestMayHaveBeenSent} reads of a failed request (a got error has these fields). */
export interface SendEvidence {
  /** Set when an answer (or its start) came back. */
  response?: unknown;
  /** Network or got error code. */
  code?: string;
  /** Error class name (`TimeoutError`…). */
  name?: string;
  /** For a timeout: the phase that timed out (`lookup`, `connect`, `request`…). */
  event?: string;
  /** http-timer stamps; `upload` is set once the whole request was handed to the socket. */
  timings?: { upload?: number };
  /** The request, whose timings are read when the error has none. */
  request?: { timings?: { upload?: number } };
}

/**
 * Whether the request may have reached the server. False only when that is certain: the connection
 * was never made (ECONNREFUSED, DNS failure, connect timeout) or the body never finished uploading.
 */
export function requestMayHaveBeenSent(error: SendEvidence): boolean {
  if (error.response) return true;
  if (typeof error.code === "string" && NEVER_SENT_ERROR_CODES.has(error.code)) return false;
  if (
    error.name === "TimeoutError" &&
    error.event !== undefined &&
    PRE_SEND_TIMEOUT_EVENTS.has(error.event)
  ) {
    return false;
  }
  const timings = error.timings ?? error.request?.timings;
  // http-timer stamps `upload` when the whole request was handed to the socket: without it the server
  // cannot have read a complete request.
  if (timings && timings.upload === undefined) return false;
  return true;
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
