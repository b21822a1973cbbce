// Result codes (`r`) the emulator answers with, and the failure type every pure module returns.
// Stringee publishes only r = 0 (success) and r = -1 ("... not found"); the rest is this emulator's
// own table, written down in ASSUMPTIONS.md.

/** The `r` values the emulator uses. */
export const R = {
  /** Success. */
  OK: 0,
  /** The object addressed by the URL does not exist (the doc's "Agent not found"). */
  NOT_FOUND: -1,
  /** A field is missing, has the wrong type or an invalid value. */
  INVALID_FIELD: 1,
  /** A uniqueness rule would be broken (same phone number, same stringee_user_id, ...). */
  ALREADY_EXISTS: 2,
  /** Delete refused: another object still references this one. */
  STILL_REFERENCED: 3,
  /** A field references an object that does not exist. */
  REFERENCE_NOT_FOUND: 4,
  /** The body is not valid JSON, or not a JSON object (HTTP 200). */
  MALFORMED_BODY: 5,
  /**
   * The strict reading's answer to any refused token, with HTTP 403 and `"keySid invalid"`: the one public
   * observation of a refusal. Shares the number with {@link R.MALFORMED_BODY}, told apart by the HTTP status.
   */
  KEY_SID_INVALID: 5,
  /** Missing, malformed, badly signed or expired access token (HTTP 401). */
  AUTH_FAILED: 6,
  /** No such route, or the route exists with another method (HTTP 404 / 405). */
  UNKNOWN_ROUTE: 7,
  /** Refused by the emulator's rate limit (HTTP 429). */
  RATE_LIMITED: 8,
  /** An injected "status" fault answered instead of the API (HTTP 429/500/502/503). */
  INJECTED_FAULT: 9,
  /** The emulator itself failed (HTTP 500): a bug in the emulator, never an expected answer. */
  INTERNAL_ERROR: 10,
} as const;

/** One of the values of {@link R}. */
export type RCode = (typeof R)[keyof typeof R];

/** A refused operation: the `r` code to answer with and a message naming what was wrong. */
export interface Failure {
  ok: false;
  r: RCode;
  message: string;
}

/** The outcome of a pure operation: a value, or a {@link Failure}. */
export type Result<T> = { ok: true; value: T } | Failure;

/** Builds a {@link Failure}. */
export function fail(r: RCode, message: string): Failure {
  return { ok: false, r, message };
}

/** Builds a successful {@link Result}. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}
