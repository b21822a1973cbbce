// Stringee REST authentication: an HS256 JWT signed with the API key secret, sent as X-STRINGEE-AUTH.
// Signing is cheap but tokens are reused until shortly before expiry so a burst of requests (paging,
// retries) shares one token and a clock-skewed server sees a stable `jti`.
import jwt from "jsonwebtoken";

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
