// Verification of Stringee REST access tokens: an HS256 JWT signed with the API key secret whose
// `iss` is the API key SID, with `exp` and `rest_api: true`. It arrives in the X-STRINGEE-AUTH
// header or the access_token query parameter.
import jwt from "jsonwebtoken";

/** Why a token was refused. */
export type AuthFailureReason =
  "missing" | "malformed" | "bad-signature" | "expired" | "wrong-issuer" | "not-rest-api" | "wrong-header";

/** Outcome of {@link verifyRestToken}. */
export type AuthResult =
  { ok: true; claims: jwt.JwtPayload } | { ok: false; reason: AuthFailureReason; message: string };

/** The JOSE `cty` Stringee documents; a public observation says the live API refuses tokens without it. */
export const REST_TOKEN_CTY = "stringee-api;v=1";

/** The API key the emulated account accepts. */
export interface ApiKey {
  apiKeySid: string;
  apiKeySecret: string;
}

/** Picks the token from the X-STRINGEE-AUTH header, else from the access_token query parameter. */
export function extractToken(
  header: string | string[] | undefined,
  query: URLSearchParams,
): string | undefined {
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader && fromHeader.trim() !== "") return fromHeader.trim();
  const fromQuery = query.get("access_token");
  return fromQuery && fromQuery.trim() !== "" ? fromQuery.trim() : undefined;
}

function refuse(reason: AuthFailureReason, message: string): AuthResult {
  return { ok: false, reason, message };
}

/**
 * Verifies a REST token. `nowSeconds` is the clock used for `exp` (defaults to the system clock),
 * so tests can check expiry without waiting.
 */
export function verifyRestToken(
  token: string | undefined,
  key: ApiKey,
  nowSeconds?: number,
  options: { requireCty?: boolean } = {},
): AuthResult {
  if (!token) return refuse("missing", "Missing access token: send X-STRINGEE-AUTH or access_token");
  let claims: string | jwt.JwtPayload;
  try {
    claims = jwt.verify(token, key.apiKeySecret, {
      algorithms: ["HS256"],
      clockTimestamp: nowSeconds ?? Math.floor(Date.now() / 1000),
    });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) return refuse("expired", "Access token expired");
    const text = error instanceof Error ? error.message : String(error);
    if (/signature/i.test(text)) return refuse("bad-signature", "Invalid access token: invalid signature");
    return refuse("malformed", `Invalid access token: ${text}`);
  }
  if (typeof claims === "string")
    return refuse("malformed", "Invalid access token: payload is not a JSON object");
  if (typeof claims.exp !== "number")
    return refuse("malformed", "Invalid access token: exp claim is required");
  if (claims.iss !== key.apiKeySid)
    return refuse("wrong-issuer", "Invalid access token: iss is not a known API key SID");
  if (claims.rest_api !== true)
    return refuse("not-rest-api", "Invalid access token: rest_api claim must be true");
  if (options.requireCty) {
    const header = jwt.decode(token, { complete: true })?.header as { cty?: unknown } | undefined;
    if (header?.cty !== REST_TOKEN_CTY)
      return refuse("wrong-header", `Invalid access token: header cty must be "${REST_TOKEN_CTY}"`);
  }
  return { ok: true, claims };
}

/** Signs a token the way Stringee's samples do; used by tests and handy for manual calls. */
export function signRestToken(
  key: ApiKey,
  ttlSeconds = 3600,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  return jwt.sign(
    {
      jti: `${key.apiKeySid}-${nowSeconds}`,
      iss: key.apiKeySid,
      exp: nowSeconds + ttlSeconds,
      rest_api: true,
    },
    key.apiKeySecret,
    { algorithm: "HS256", header: { typ: "JWT", alg: "HS256", cty: "stringee-api;v=1" } as jwt.JwtHeader },
  );
}
