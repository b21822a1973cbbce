// REST token format and the TokenSource's reuse/renewal, with a fake clock.
import jwt from "jsonwebtoken";
import { REST_TOKEN_HEADER, TokenSource, signRestToken } from "../../../provider/client/auth";

const SID = "SK_TEST_SID";
const SECRET = "unit-test-secret-value";

function decode(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload === "string") throw new Error("not a JWT with a JSON payload");
  return { header: decoded.header as unknown as Record<string, unknown>, payload: decoded.payload };
}

describe("signRestToken", () => {
  const token = signRestToken({ apiKeySid: SID, apiKeySecret: SECRET, nowSeconds: 1_700_000_000 });

  it("uses the documented header: typ JWT, alg HS256, cty stringee-api;v=1", () => {
    expect(decode(token).header).toEqual({ typ: "JWT", alg: "HS256", cty: "stringee-api;v=1" });
    expect(REST_TOKEN_HEADER).toEqual({ typ: "JWT", alg: "HS256", cty: "stringee-api;v=1" });
  });

  it("carries exactly jti, iss, exp and rest_api", () => {
    expect(decode(token).payload).toEqual({
      jti: `${SID}-1700000000`,
      iss: SID,
      exp: 1_700_000_000 + 3600,
      rest_api: true,
    });
  });

  it("builds jti as <apiKeySid>-<unix seconds>", () => {
    expect(decode(token).payload["jti"]).toMatch(/^SK_TEST_SID-\d{10}$/);
  });

  it("is signed with the API key secret (HS256) and rejected with another secret", () => {
    expect(() => jwt.verify(token, SECRET, { algorithms: ["HS256"], ignoreExpiration: true })).not.toThrow();
    expect(() =>
      jwt.verify(token, "another-secret", { algorithms: ["HS256"], ignoreExpiration: true }),
    ).toThrow(/signature/);
  });

  it("honours a custom lifetime", () => {
    const short = signRestToken({ apiKeySid: SID, apiKeySecret: SECRET, nowSeconds: 100, ttlSeconds: 120 });
    expect(decode(short).payload["exp"]).toBe(220);
  });
});

describe("TokenSource", () => {
  function withClock(startMs: number) {
    let now = startMs;
    const source = new TokenSource({ apiKeySid: SID, apiKeySecret: SECRET, now: () => now });
    return { source, advance: (ms: number) => (now += ms) };
  }

  it("signs lazily and reuses the token while it is far from expiry", () => {
    const { source, advance } = withClock(1_700_000_000_000);
    const first = source.getToken();
    advance(10 * 60 * 1000);
    expect(source.getToken()).toBe(first);
    advance(48 * 60 * 1000); // 58 minutes in: still 2 minutes left, more than the 60 s margin
    expect(source.getToken()).toBe(first);
  });

  it("renews within 60 seconds of expiry, with a fresh jti and exp", () => {
    const { source, advance } = withClock(1_700_000_000_000);
    const first = source.getToken();
    advance((3600 - 60) * 1000);
    const second = source.getToken();
    expect(second).not.toBe(first);
    expect(decode(second).payload["jti"]).toBe(`${SID}-${1_700_000_000 + 3540}`);
    expect(decode(second).payload["exp"]).toBe(1_700_000_000 + 3540 + 3600);
  });

  it("re-signs after invalidate()", () => {
    const { source, advance } = withClock(1_700_000_000_000);
    const first = source.getToken();
    advance(1000);
    source.invalidate();
    expect(source.getToken()).not.toBe(first);
  });

  it("refuses missing credentials", () => {
    expect(() => new TokenSource({ apiKeySid: "", apiKeySecret: SECRET })).toThrow(/apiKeySid/);
    expect(() => new TokenSource({ apiKeySid: SID, apiKeySecret: "" })).toThrow(/apiKeySecret/);
  });
});
