// Stringee REST authentication: an HS256 JWT signed with the API key secret, sent as X-STRINGEE-AUTH.
// Signing is cheap but tokens are reused until shortly before expiry so a burst of requests (paging,
// retries) shares one token and a clock-skewed server sees a stable `jti`. Also the credential check
// that turns a refused API key into one clear error instead of one refused request per caller.
import jwt from "jsonwebtoken";
import { StringeeApiError } from "./errors";

/** The JOSE header Stringee documents for REST tokens. */
export const REST_TOKEN_HEADER = { typ: "JWT", alg: "HS256", cty: "stringee-api;v=1" } as const;

/** Default token lifetime in seconds. */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/** Default margin, in seconds, before expiry at which a cached token is replaced. */
export const DEFAULT_RENEW_BEFORE_SECONDS = 60;

/** Claims of a Stringee REST token. */
export interface RestTokenClaims {
  /** `<apiKeySid>-<unix seconds>`: unique per signing. */
  jti: string;
  /** The API key SID. */
  iss: string;
  /** Expiry, unix seconds. */
  exp: number;
  /** Marks the token as a REST API token (as opposed to a client SDK token). */
  rest_api: true;
}

/** Inputs of {@link signRestToken}. */
export interface SignRestTokenOptions {
  /** API key SID (`SK…`), used as issuer. */
  apiKeySid: string;
  /** API key secret, the HMAC key. */
  apiKeySecret: string;
  /** Signing time in unix seconds. */
  nowSeconds: number;
  /** Lifetime in seconds; defaults to {@link DEFAULT_TOKEN_TTL_SECONDS}. */
  ttlSeconds?: number;
}

/** Signs one REST token exactly as Stringee documents it (no `iat`; the documented claims only). */
export function signRestToken(o: SignRestTokenOptions): string {
  const ttl = o.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const claims: RestTokenClaims = {
    jti: `${o.apiKeySid}-${o.nowSeconds}`,
    iss: o.apiKeySid,
    exp: o.nowSeconds + ttl,
    rest_api: true,
  };
  return jwt.sign(claims, o.apiKeySecret, {
    algorithm: "HS256",
    header: { ...REST_TOKEN_HEADER },
    noTimestamp: true,
  });
}

/** Options of a {@link TokenSource}. */
export interface TokenSourceOptions {
  /** API key SID. */
  apiKeySid: string;
  /** API key secret. */
  apiKeySecret: string;
  /** Token lifetime in seconds (default 3600). */
  ttlSeconds?: number;
  /** Renew this many seconds before expiry (default 60). */
  renewBeforeSeconds?: number;
  /** Clock in milliseconds since the epoch; injectable for tests (default `Date.now`). */
  now?: () => number;
}

/** Hands out a REST token, signing a new one only when the cached one is about to expire. */
export class TokenSource {
  private readonly apiKeySid: string;
  private readonly apiKeySecret: string;
  private readonly ttlSeconds: number;
  private readonly renewBeforeSeconds: number;
  private readonly now: () => number;
  private cached: { token: string; exp: number } | undefined;

  /** Creates a source; nothing is signed until {@link TokenSource.getToken} is called. */
  constructor(o: TokenSourceOptions) {
    if (!o.apiKeySid) throw new TypeError("apiKeySid is required");
    if (!o.apiKeySecret) throw new TypeError("apiKeySecret is required");
    this.apiKeySid = o.apiKeySid;
    this.apiKeySecret = o.apiKeySecret;
    this.ttlSeconds = o.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    // A margin as long as the lifetime would re-sign on every call; keep at least half the lifetime usable.
    this.renewBeforeSeconds = Math.min(
      o.renewBeforeSeconds ?? DEFAULT_RENEW_BEFORE_SECONDS,
      this.ttlSeconds / 2,
    );
    this.now = o.now ?? Date.now;
  }

  /** A token valid for at least `renewBeforeSeconds` more seconds. */
  getToken(): string {
    const nowSeconds = Math.floor(this.now() / 1000);
    if (this.cached && nowSeconds < this.cached.exp - this.renewBeforeSeconds) return this.cached.token;
    const token = signRestToken({
      apiKeySid: this.apiKeySid,
      apiKeySecret: this.apiKeySecret,
      nowSeconds,
      ttlSeconds: this.ttlSeconds,
    });
    this.cached = { token, exp: nowSeconds + this.ttlSeconds };
    return token;
  }

  /** Forgets the cached token (after the server refused it), so the next call signs afresh. */
  invalidate(): void {
    this.cached = undefined;
  }
}

/** Hint appended to the error when Stringee refuses the credentials, unless the caller gives its own. */
export const DEFAULT_CREDENTIALS_HINT =
  "Check the API key SID and secret (the secret signs the token), and that this machine's clock is right.";

/**
 * HTTP statuses that mean "these credentials are refused". 401 is the usual answer; the one public
 * observation of Stringee refusing a token is HTTP 403 `{"r":5,"message":"keySid invalid"}`.
 */
export const CREDENTIAL_REFUSAL_STATUSES: ReadonlySet<number> = new Set([401, 403]);

/**
 * Stringee refused the credentials (HTTP 401 or 403): the API key SID or secret is wrong, the key belongs
 * to another region, or the token was expired on arrival (clock). The message says what to fix; the
 * fields are those of the refused request.
 */
export class StringeeAuthError extends StringeeApiError {
  /** Wraps the refused request's error; `hint` says where the credentials are configured. */
  constructor(refused: StringeeApiError, hint: string) {
    super({
      method: refused.method,
      path: refused.path,
      httpStatus: refused.httpStatus,
      r: refused.r,
      apiMessage: refused.apiMessage,
      outcome: "failed",
      networkCode: refused.networkCode,
      attempts: refused.attempts,
    });
    this.name = "StringeeAuthError";
    this.message =
      `Stringee refused the API credentials (${refused.message}). ` +
      `No further request is sent with them in this run. ${hint}`;
  }
}

/** Code of the error the credential check throws instead of sending a request (got wraps it). */
export const CREDENTIALS_REFUSED_CODE = "ESTRINGEE_CREDENTIALS_REFUSED";

/**
 * Stops a refused API key from causing a storm of refused requests. Until a first answer proves the
 * credentials, requests go one at a time (the others wait for it); once Stringee has refused them
 * (HTTP 401 or 403), every later request fails at once, without being sent, with the same
 * {@link StringeeAuthError}. A request is identified by a `ticket` object that stays the same across
 * its retries (got's `options.context`).
 */
export class CredentialCheck {
  private state: "unproven" | "accepted" | "refused" = "unproven";
  private refusal: StringeeAuthError | undefined;
  private probe: { ticket: object; settled: Promise<void>; settle: () => void } | undefined;

  /** `hint` is appended to the refusal, naming where the caller configures the credentials. */
  constructor(private readonly hint: string = DEFAULT_CREDENTIALS_HINT) {}

  /** The refusal, once Stringee has refused the credentials. */
  refused(): StringeeAuthError | undefined {
    return this.refusal;
  }

  /**
   * Resolves when the request may be sent; throws (code {@link CREDENTIALS_REFUSED_CODE}) when the
   * credentials were refused. While they are unproven, at most one request is in flight.
   */
  async admit(ticket: object): Promise<void> {
    for (;;) {
      if (this.state === "refused")
        throw Object.assign(new Error("Stringee refused the API credentials"), {
          code: CREDENTIALS_REFUSED_CODE,
        });
      if (this.state === "accepted") return;
      if (this.probe === undefined) {
        let settle = (): void => undefined;
        const settled = new Promise<void>((resolve) => (settle = resolve));
        this.probe = { ticket, settled, settle };
        return;
      }
      if (this.probe.ticket === ticket) return;
      await this.probe.settled;
    }
  }

  /**
   * Records the HTTP status of an answer. 401 or 403 refuses the credentials (`error` builds the refused
   * request's error); an answer the API itself gave (neither a refusal, 429 nor 5xx, which a proxy or an
   * overloaded front end can send without checking the token) proves them.
   */
  answered(ticket: object, status: number, error: () => StringeeApiError): void {
    if (CREDENTIAL_REFUSAL_STATUSES.has(status)) {
      if (this.state !== "refused") {
        this.state = "refused";
        this.refusal = new StringeeAuthError(error(), this.hint);
      }
    } else if (this.state === "unproven" && status !== 429 && status < 500) {
      this.state = "accepted";
    }
    this.release(ticket);
  }

  /** The request identified by `ticket` ended without a usable answer: let the next one try. */
  release(ticket: object): void {
    if (this.probe?.ticket !== ticket) return;
    const { settle } = this.probe;
    this.probe = undefined;
    settle();
  }
}
