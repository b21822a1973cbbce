// Error mapping: envelopes with r != 0 become StringeeApiError with safe fields and message only.
import { inspect } from "node:util";
import { StringeeHttp } from "../../../provider/client/http";
import {
  StringeeApiError,
  isAlreadyExists,
  isNotFound,
  isOutcomeUnknown,
  redact,
} from "../../../provider/client/errors";
import { fakeTransport } from "./fakeTransport";

const SECRET = "api-key-secret-do-not-leak";
const SIP_PASSWORD = "sip-password-do-not-leak";

function client(handler: Parameters<typeof fakeTransport>[0]) {
  const fake = fakeTransport(handler);
  const http = new StringeeHttp({
    apiKeySid: "SK_UNIT",
    apiKeySecret: SECRET,
    request: fake.request,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  return { http, seen: fake.seen };
}

async function failure(p: Promise<unknown>): Promise<StringeeApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StringeeApiError);
    return err as StringeeApiError;
  }
  throw new Error("expected a rejection");
}

function everythingPrinted(err: StringeeApiError): string {
  return [err.message, err.stack ?? "", JSON.stringify(err), String(err), inspect(err)].join("\n");
}

describe("StringeeApiError message", () => {
  it('reads like `POST /v1/number failed: r=2 "Number already exists" (HTTP 200)`', () => {
    const err = new StringeeApiError({
      method: "post",
      path: "/v1/number",
      httpStatus: 200,
      r: 2,
      apiMessage: "Number already exists",
      outcome: "failed",
    });
    expect(err.message).toBe('POST /v1/number failed: r=2 "Number already exists" (HTTP 200)');
    expect(err.name).toBe("StringeeApiError");
    expect(err.method).toBe("POST");
  });

  it("drops the query string from the path", () => {
    const err = new StringeeApiError({
      method: "GET",
      path: "/v1/ivrkeypress?node=X&access_token=abc",
      outcome: "failed",
    });
    expect(err.path).toBe("/v1/ivrkeypress");
    expect(err.message).not.toContain("access_token");
  });

  it("says when the outcome is unknown", () => {
    const err = new StringeeApiError({
      method: "POST",
      path: "/v1/agent",
      networkCode: "ECONNRESET",
      apiMessage: "socket hang up",
      outcome: "unknown",
    });
    expect(err.message).toBe(
      'POST /v1/agent failed: ECONNRESET "socket hang up" (outcome unknown: the request may have been applied)',
    );
  });

  it("redacts secrets that a server might echo", () => {
    expect(redact(`bad password ${SIP_PASSWORD}!`, [SIP_PASSWORD])).toBe("bad password ***!");
    const err = new StringeeApiError({
      method: "PUT",
      path: "/v1/sipphone/test",
      r: 1,
      apiMessage: `password ${SIP_PASSWORD} too weak`,
      outcome: "failed",
      secrets: [SIP_PASSWORD],
    });
    expect(err.message).not.toContain(SIP_PASSWORD);
  });
});

describe("envelope mapping through the http layer", () => {
  it("maps an HTTP 200 answer with r != 0 to StringeeApiError fields", async () => {
    const { http } = client(() => ({ body: { r: 2, project: 246, message: "Number already exists" } }));
    const err = await failure(http.post("icc", "/v1/number", { number: "84986225112" }));
    expect(err).toMatchObject({
      method: "POST",
      path: "/v1/number",
      httpStatus: 200,
      r: 2,
      apiMessage: "Number already exists",
      outcome: "failed",
      attempts: 1,
    });
    expect(err.message).toBe('POST /v1/number failed: r=2 "Number already exists" (HTTP 200)');
    expect(isAlreadyExists(err)).toBe(true);
    expect(isNotFound(err)).toBe(false);
  });

  it("reads r sent as a string", async () => {
    const { http } = client(() => ({ body: { r: "-1", message: "Agent not found" } }));
    const err = await failure(http.delete("icc", "/v1/agent/AG_X"));
    expect(err.r).toBe(-1);
    expect(isNotFound(err)).toBe(true);
  });

  it("maps HTTP errors with an envelope (401 auth refusal) and keeps r and message", async () => {
    const { http } = client(() => ({ status: 401, body: { r: 6, message: "Invalid access token" } }));
    const err = await failure(http.get("icc", "/v1/number"));
    expect(err).toMatchObject({
      httpStatus: 401,
      r: 6,
      apiMessage: "Invalid access token",
      outcome: "failed",
    });
  });

  it("treats a 2xx answer that is not an envelope as an error", async () => {
    const { http } = client(() => ({ body: ["not", "an", "envelope"] }));
    const err = await failure(http.get("icc", "/v1/number"));
    expect(err.r).toBeUndefined();
    expect(err.apiMessage).toMatch(/not a Stringee envelope/);
  });

  it("never puts the token, the API key secret, headers or the request body in the error", async () => {
    const { http, seen } = client(() => ({ body: { r: 1, message: "password is invalid" } }));
    const err = await failure(http.post("api", "/v1/sipphone", { username: "100", password: SIP_PASSWORD }));
    const token = String(seen[0]?.headers["x-stringee-auth"]);
    expect(token.split(".")).toHaveLength(3);
    const printed = everythingPrinted(err);
    for (const forbidden of [token, SECRET, SIP_PASSWORD, "x-stringee-auth", "X-STRINGEE-AUTH"]) {
      expect(printed).not.toContain(forbidden);
    }
    expect(err.cause).toBeUndefined();
    expect(Object.keys(err).sort()).toEqual(
      [
        "apiMessage",
        "attempts",
        "httpStatus",
        "method",
        "name",
        "networkCode",
        "outcome",
        "path",
        "r",
      ].sort(),
    );
  });

  it("redacts a secret the server echoes in its message", async () => {
    const { http } = client(() => ({ body: { r: 1, message: `password ${SIP_PASSWORD} rejected` } }));
    const err = await failure(http.put("api", "/v1/sipphone/100", { password: SIP_PASSWORD }));
    expect(err.apiMessage).toBe("password *** rejected");
  });
});

describe("isNotFound / isAlreadyExists / isOutcomeUnknown", () => {
  const make = (o: Partial<ConstructorParameters<typeof StringeeApiError>[0]>) =>
    new StringeeApiError({ method: "DELETE", path: "/v1/x", outcome: "failed", ...o });

  it.each([
    [{ r: -1 }, true],
    [{ httpStatus: 404 }, true],
    [{ r: 7, apiMessage: "IVR node key not found" }, true],
    [{ r: 1, apiMessage: "invalid" }, false],
    [{ r: -1, outcome: "unknown" as const }, false],
  ])("isNotFound(%p) = %p", (fields, expected) => {
    expect(isNotFound(make(fields))).toBe(expected);
  });

  it.each([
    [{ r: 2 }, true],
    [{ httpStatus: 409 }, true],
    [{ r: 9, apiMessage: "Agent already exists" }, true],
    [{ r: 3, apiMessage: "still referenced" }, false],
  ])("isAlreadyExists(%p) = %p", (fields, expected) => {
    expect(isAlreadyExists(make(fields))).toBe(expected);
  });

  it("recognises only StringeeApiError", () => {
    expect(isNotFound(new Error("not found"))).toBe(false);
    expect(isAlreadyExists(new Error("already exists"))).toBe(false);
    expect(isOutcomeUnknown(make({ outcome: "unknown" }))).toBe(true);
    expect(isOutcomeUnknown(make({}))).toBe(false);
  });
});
