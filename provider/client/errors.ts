// The one error type the client throws for anything that went wrong talking to Stringee. It is built
// from copied, known-safe fields only: got's own errors carry the request options (the X-STRINGEE-AUTH
// token) and the body (a SIP password), so they are never attached or serialised.

/**
 * Whether a failed request may nevertheless have been applied.
 * - `failed`: the API certainly did not apply it (it answered with an error, or the request never left).
 * - `unknown`: it may have been applied (timeout or connection reset after sending, or a 5xx answer to
 *   a non-idempotent request); the caller must look before re-sending.
 */
export type ApiOutcome = "failed" | "unknown";

/** Fields of a {@link StringeeApiError}. */
export interface StringeeApiErrorInit {
  /** HTTP method, upper case. */
  method: string;
  /** Request path without query string, such as `/v1/number/NU_1`. */
  path: string;
  /** HTTP status of the answer, when there was one. */
  httpStatus?: number;
  /** Stringee result code `r`, when the answer had one. */
  r?: number;
  /** Stringee result message, when the answer had one (redacted and shortened). */
  apiMessage?: string;
  /** Whether the request may have been applied. */
  outcome: ApiOutcome;
  /** Network error code such as `ECONNRESET` or `ETIMEDOUT`, when no answer came. */
  networkCode?: string;
  /** How many times the request was sent (1 + retries). */
  attempts?: number;
  /** Values that must never appear in the message (token, secret, passwords); replaced by `***`. */
  secrets?: readonly string[];
}

const MAX_API_MESSAGE = 300;

/** Replaces every occurrence of each secret (of 4+ characters) with `***`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("***");
  }
  return out;
}

/** A Stringee API call that did not succeed: an error envelope (`r != 0`), an HTTP error or a network failure. */
export class StringeeApiError extends Error {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Request path without query string. */
  readonly path: string;
  /** HTTP status of the answer, or `undefined` when none came. */
  readonly httpStatus: number | undefined;
  /** Stringee result code, or `undefined` when the answer had none. */
  readonly r: number | undefined;
  /** Stringee result message, or `undefined`. */
  readonly apiMessage: string | undefined;
  /** Whether the request may have been applied despite the error. */
  readonly outcome: ApiOutcome;
  /** Network error code (`ECONNRESET`, `ETIMEDOUT`…), or `undefined` when an answer came. */
  readonly networkCode: string | undefined;
  /** How many times the request was sent, retries included. */
  readonly attempts: number;

  /** Builds the error; the message is derived from the fields and never includes headers or the body. */
  constructor(init: StringeeApiErrorInit) {
    const secrets = init.secrets ?? [];
    const path = redact(stripQuery(init.path), secrets);
    const apiMessage =
      init.apiMessage === undefined ? undefined : redact(init.apiMessage, secrets).slice(0, MAX_API_MESSAGE);
    super(describe({ ...init, path, apiMessage }));
    this.name = "StringeeApiError";
    this.method = init.method.toUpperCase();
    this.path = path;
    this.httpStatus = init.httpStatus;
    this.r = init.r;
    this.apiMessage = apiMessage;
    this.outcome = init.outcome;
    this.networkCode = init.networkCode;
    this.attempts = init.attempts ?? 1;
  }
}

function stripQuery(path: string): string {
  const q = path.search(/[?#]/);
  return q === -1 ? path : path.slice(0, q);
}

function describe(e: StringeeApiErrorInit): string {
  const msg = e.apiMessage === undefined ? "" : ` ${JSON.stringify(e.apiMessage)}`;
  let detail: string;
  const status = e.httpStatus === undefined ? "" : ` (HTTP ${e.httpStatus})`;
  if (e.r !== undefined) detail = `r=${e.r}${msg}${status}`;
  else if (e.networkCode !== undefined) detail = `${e.networkCode}${msg}${status}`;
  else if (e.httpStatus !== undefined) detail = `HTTP ${e.httpStatus}${msg}`;
  else detail = `network error${msg}`;
  let message = `${e.method.toUpperCase()} ${e.path} failed: ${detail}`;
  if (e.outcome === "unknown") message += " (outcome unknown: the request may have been applied)";
  return message;
}

/** Whether `err` says the object does not exist: `r = -1`, HTTP 404 or a "not found" message. */
export function isNotFound(err: unknown): boolean {
  if (!(err instanceof StringeeApiError) || err.outcome !== "failed") return false;
  return err.r === -1 || err.httpStatus === 404 || /not found/i.test(err.apiMessage ?? "");
}

/** Whether `err` says the object already exists: `r = 2`, HTTP 409 or an "already exists" message. */
export function isAlreadyExists(err: unknown): boolean {
  if (!(err instanceof StringeeApiError) || err.outcome !== "failed") return false;
  return err.r === 2 || err.httpStatus === 409 || /already exist/i.test(err.apiMessage ?? "");
}

/** Whether `err` is a {@link StringeeApiError} whose request may have been applied. */
export function isOutcomeUnknown(err: unknown): err is StringeeApiError {
  return err instanceof StringeeApiError && err.outcome === "unknown";
}

/**
 * A create that made the object but could not finish setting it up (a SIP phone's extension is set by a
 * second request). The object exists with id `createdId`; the fields in `unapplied` keep Stringee's
 * defaults. Callers must record the object, not forget it: forgetting would leave it unmanaged.
 */
export class PartialCreateError extends Error {
  /** Id of the object that was created. */
  readonly createdId: string;
  /** Input fields (camelCase) that were not applied. */
  readonly unapplied: readonly string[];
  /** The failure of the follow-up request. */
  override readonly cause: unknown;

  constructor(createdId: string, unapplied: readonly string[], cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "PartialCreateError";
    this.createdId = createdId;
    this.unapplied = unapplied;
    this.cause = cause;
  }
}
