// A refused API key costs one request and gives one clear error: the credential check alone, then
// wired into the client (in-memory transport, no socket).
import jwt from "jsonwebtoken";
import { CredentialCheck, StringeeAuthError } from "../../../provider/client/auth";
import { StringeeApiError } from "../../../provider/client/errors";
import { StringeeHttp } from "../../../provider/client/http";
import { fakeTransport, type FakeHandler } from "./fakeTransport";

const REFUSED = { status: 401, body: { r: 6, message: "Invalid access token: invalid signature" } };
const OK_LIST = { body: { r: 0, data: { queues: [], totalCount: "0" } } };
const HINT = "Check stringee:apiKeySecret.";

function refusedError(): StringeeApiError {
  return new StringeeApiError({
    method: "GET",
    path: "/v1/queue",
    httpStatus: 401,
    r: 6,
    apiMessage: "Invalid access token",
    outcome: "failed",
  });
}

const settled = async (p: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe("CredentialCheck", () => {
  it("lets one request through while the credentials are unproven, the others wait for its answer", async () => {
    const check = new CredentialCheck(HINT);
    const [a, b, c] = [{}, {}, {}];
    await check.admit(a);
    const waiting = [check.admit(b), check.admit(c)];
    expect(await settled(waiting[0]!)).toBe(false);
    // The probe's own retry is not blocked by itself.
    await check.admit(a);
    check.answered(a, 200, refusedError);
    await Promise.all(waiting);
  });

  it("refuses every later request without sending it once Stringee answered 401", async () => {
    const check = new CredentialCheck(HINT);
    const [a, b] = [{}, {}];
    await check.admit(a);
    const waiting = check.admit(b);
    check.answered(a, 401, refusedError);
    await expect(waiting).rejects.toMatchObject({ code: "ESTRINGEE_CREDENTIALS_REFUSED" });
    await expect(check.admit({})).rejects.toMatchObject({ code: "ESTRINGEE_CREDENTIALS_REFUSED" });
    expect(check.refused()).toBeInstanceOf(StringeeAuthError);
    expect(check.refused()?.message).toMatch(
      /GET \/v1\/queue failed: r=6 .*\(HTTP 401\).*Check stringee:apiKeySecret\.$/,
    );
  });

  it.each([
    ["a 503", 503],
    ["a 429", 429],
  ])("passes the turn on after %s, which proves nothing about the credentials", async (_name, status) => {
    const check = new CredentialCheck();
    const [a, b, c] = [{}, {}, {}];
    await check.admit(a);
    const second = check.admit(b);
    const third = check.admit(c);
    check.answered(a, status, refusedError);
    await second;
    // Still unproven: b is the one request in flight now, c keeps waiting.
    expect(await settled(third)).toBe(false);
    check.release(b);
    await third;
  });

  it("passes the turn on when the request in flight fails without an answer", async () => {
    const check = new CredentialCheck();
    const [a, b] = [{}, {}];
    await check.admit(a);
    const waiting = check.admit(b);
    check.release(a);
    await waiting;
  });
});

describe("StringeeHttp with refused credentials", () => {
  function client(handler: FakeHandler) {
    const fake = fakeTransport(handler);
    const http = new StringeeHttp({
      apiKeySid: "SK_UNIT",
      apiKeySecret: "unit-secret-value",
      request: fake.request,
      credentialsHint: HINT,
      retry: { limit: 3, baseDelayMs: 1, maxDelayMs: 5 },
    });
    return { http, seen: fake.seen };
  }

  it("sends one request for ten concurrent calls and rejects them all with the same clear error", async () => {
    const { http, seen } = client(() => REFUSED);
    const calls = [
      ...Array.from({ length: 5 }, () => http.get("icc", "/v1/queue")),
      ...Array.from({ length: 5 }, (_, i) => http.post("icc", "/v1/agent", { name: `A${i}` })),
    ];
    const errors = await Promise.all(
      calls.map((c) =>
        c.then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    expect(seen).toHaveLength(1);
    const messages = new Set(errors.map((e) => (e as Error).message));
    expect(messages.size).toBe(1);
    for (const e of errors) {
      expect(e).toBeInstanceOf(StringeeAuthError);
      expect(e).toMatchObject({ httpStatus: 401, r: 6, outcome: "failed" });
    }
    const [message] = [...messages];
    expect(message).toContain("Stringee refused the API credentials");
    expect(message).toContain(HINT);
    expect(message).not.toContain("unit-secret-value");
    // Later calls fail at once, unsent.
    await expect(http.put("icc", "/v1/agent/AG_1", { name: "B" })).rejects.toBeInstanceOf(StringeeAuthError);
    expect(seen).toHaveLength(1);
  });

  it("sends concurrent calls once a first answer proved the credentials", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { http, seen } = client(() => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setImmediate(() => (inFlight -= 1));
      return OK_LIST;
    });
    await http.get("icc", "/v1/queue");
    await Promise.all(Array.from({ length: 4 }, () => http.get("icc", "/v1/queue")));
    expect(seen).toHaveLength(5);
    expect(maxInFlight).toBeGreaterThan(1);
  });

  it("retries the first request after a 503 and then proceeds normally", async () => {
    const { http, seen } = client((_req, seq) => (seq === 1 ? { status: 503, body: { r: 9 } } : OK_LIST));
    await Promise.all([http.get("icc", "/v1/queue"), http.get("icc", "/v1/queue")]);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it("signs tokens with the configured lifetime", async () => {
    const fake = fakeTransport(() => OK_LIST);
    const http = new StringeeHttp({
      apiKeySid: "SK_UNIT",
      apiKeySecret: "unit-secret-value",
      request: fake.request,
      tokenTtlSeconds: 10,
      now: () => 1_700_000_000_000,
    });
    await http.get("icc", "/v1/queue");
    const claims = jwt.decode(String(fake.seen[0]?.headers["x-stringee-auth"])) as { exp: number };
    expect(claims.exp).toBe(1_700_000_000 + 10);
  });
});
