// REST token verification without HTTP.
import jwt from "jsonwebtoken";
import { extractToken, signRestToken, verifyRestToken } from "../../../provider/emulator/auth";

const key = { apiKeySid: "SK_UNIT", apiKeySecret: "unit-secret" };
const NOW = 1_700_000_000;

function sign(
  claims: Record<string, unknown>,
  secret = key.apiKeySecret,
  algorithm: jwt.Algorithm = "HS256",
): string {
  return jwt.sign(claims, secret, { algorithm, noTimestamp: true });
}

describe("verifyRestToken", () => {
  const good = { jti: `SK_UNIT-${NOW}`, iss: "SK_UNIT", exp: NOW + 60, rest_api: true };

  it("accepts a token in Stringee's format and returns its claims", () => {
    const result = verifyRestToken(signRestToken(key, 60, NOW), key, NOW);
    expect(result).toMatchObject({
      ok: true,
      claims: { iss: "SK_UNIT", jti: `SK_UNIT-${NOW}`, rest_api: true },
    });
    const [header] = signRestToken(key, 60, NOW).split(".");
    expect(JSON.parse(Buffer.from(header ?? "", "base64url").toString())).toEqual({
      typ: "JWT",
      alg: "HS256",
      cty: "stringee-api;v=1",
    });
  });

  it.each([
    ["missing", undefined, "missing"],
    ["signed with another secret", sign(good, "other"), "bad-signature"],
    ["expired", sign({ ...good, exp: NOW - 1 }), "expired"],
    ["issued by another key", sign({ ...good, iss: "SK_OTHER" }), "wrong-issuer"],
    ["without rest_api", sign({ jti: "x", iss: "SK_UNIT", exp: NOW + 60 }), "not-rest-api"],
    ["with rest_api as a string", sign({ ...good, rest_api: "true" }), "not-rest-api"],
    ["without exp", sign({ jti: "x", iss: "SK_UNIT", rest_api: true }), "malformed"],
    ["not a JWT", "abc.def", "malformed"],
    ["signed with HS512", sign(good, key.apiKeySecret, "HS512"), "malformed"],
  ])("refuses a token %s", (_name, token, reason) => {
    expect(verifyRestToken(token, key, NOW)).toMatchObject({ ok: false, reason });
  });

  it("refuses an unsigned (alg none) token", () => {
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${Buffer.from(JSON.stringify(good)).toString("base64url")}.`;
    expect(verifyRestToken(unsigned, key, NOW)).toMatchObject({ ok: false });
  });

  it("measures expiry against the clock it is given", () => {
    const token = sign(good);
    expect(verifyRestToken(token, key, NOW + 59).ok).toBe(true);
    expect(verifyRestToken(token, key, NOW + 61)).toMatchObject({ ok: false, reason: "expired" });
  });
});

describe("extractToken", () => {
  it("prefers the X-STRINGEE-AUTH header over the access_token parameter", () => {
    expect(extractToken("from-header", new URLSearchParams("access_token=from-query"))).toBe("from-header");
    expect(extractToken(undefined, new URLSearchParams("access_token=from-query"))).toBe("from-query");
    expect(extractToken("  ", new URLSearchParams())).toBeUndefined();
  });
});
