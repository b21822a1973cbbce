// Retry decisions: the pure rules, then the same rules as wired into got (in-memory transport).
import { StringeeHttp } from "../../../provider/client/http";
import {
  backoffDelayMs,
  classifyOutcome,
  isRetryable,
  requestMayHaveBeenSent,
  resolveRetryPolicy,
  retryDelayFor,
  type AttemptFailure,
} from "../../../provider/client/retry";
import { StringeeApiError } from "../../../provider/client/errors";
import { fakeTransport, type FakeHandler } from "./fakeTransport";

const policy = resolveRetryPolicy({ limit: 5, baseDelayMs: 100, maxDelayMs: 2000 });

function failure(o: Partial<AttemptFailure>): AttemptFailure {
  return { method: "GET", attemptCount: 1, requestSent: true, ...o };
}

describe("isRetryable", () => {
  it.each([
    ["POST", { statusCode: 429 }, true],
    ["POST", { errorCode: "ECONNREFUSED", requestSent: false }, true],
    ["POST", { errorCode: "EAI_AGAIN", requestSent: false }, true],
    ["POST", { errorCode: "ETIMEDOUT", requestSent: false }, true],
    ["POST", { errorCode: "ETIMEDOUT", requestSent: true }, false],
    ["POST", { errorCode: "ECONNRESET", requestSent: true }, false],
    ["POST", { statusCode: 500 }, false],
    ["POST", { statusCode: 502 }, false],
    ["POST", { statusCode: 503 }, false],
    ["POST", { statusCode: 504 }, false],
    ["GET", { statusCode: 503 }, true],
    ["GET", { statusCode: 429 }, true],
    ["GET", { errorCode: "ECONNRESET" }, true],
    ["GET", { errorCode: "ETIMEDOUT" }, true],
    ["PUT", { statusCode: 502 }, true],
    ["PUT", { errorCode: "ECONNRESET" }, true],
    ["DELETE", { statusCode: 500 }, true],
    ["DELETE", { errorCode: "EPIPE" }, true],
    ["GET", { statusCode: 400 }, false],
    ["GET", { statusCode: 401 }, false],
    ["GET", { statusCode: 404 }, false],
    ["GET", { statusCode: 200, apiError: true }, false],
    ["GET", { errorCode: "ERR_GOT_REQUEST_ERROR" }, false],
  ] as const)("%s with %p → %p", (method, fields, expected) => {
    expect(isRetryable(failure({ method, ...fields }), policy)).toBe(expected);
  });

  it("stops after the retry limit", () => {
    expect(isRetryable(failure({ statusCode: 503, attemptCount: 5 }), policy)).toBe(true);
    expect(isRetryable(failure({ statusCode: 503, attemptCount: 6 }), policy)).toBe(false);
    expect(isRetryable(failure({ statusCode: 503, attemptCount: 1 }), { limit: 0 })).toBe(false);
  });
});

describe("classifyOutcome", () => {
  it.each([
    ["POST", { statusCode: 503 }, "unknown"],
    ["PUT", { statusCode: 503 }, "failed"],
    ["POST", { statusCode: 429 }, "failed"],
    ["POST", { statusCode: 200, apiError: true }, "failed"],
    ["POST", { errorCode: "ECONNRESET", requestSent: true }, "unknown"],
    ["DELETE", { errorCode: "ETIMEDOUT", requestSent: true }, "unknown"],
    ["POST", { errorCode: "ECONNREFUSED", requestSent: false }, "failed"],
  ] as const)("%s with %p → %s", (method, fields, expected) => {
    expect(classifyOutcome({ method, requestSent: true, ...fields })).toBe(expected);
  });
});

describe("requestMayHaveBeenSent", () => {
  it("is false when the connection never existed", () => {
    expect(requestMayHaveBeenSent({ code: "ECONNREFUSED" })).toBe(false);
    expect(requestMayHaveBeenSent({ code: "ENOTFOUND" })).toBe(false);
    expect(requestMayHaveBeenSent({ code: "ETIMEDOUT", name: "TimeoutError", event: "connect" })).toBe(false);
  });

  it("is false when the request body never finished uploading", () => {
    const timings = { start: 1, phases: {} } as never;
    expect(requestMayHaveBeenSent({ code: "ECONNRESET", timings })).toBe(false);
  });

  it("is true after the upload or when unsure", () => {
    const timings = { start: 1, upload: 2, phases: {} } as never;
    expect(requestMayHaveBeenSent({ code: "ECONNRESET", timings })).toBe(true);
    expect(
      requestMayHaveBeenSent({ code: "ETIMEDOUT", name: "TimeoutError", event: "request", timings }),
    ).toBe(true);
    expect(requestMayHaveBeenSent({ code: "ECONNRESET" })).toBe(true);
  });
});

describe("backoffDelayMs", () => {
  it("grows exponentially with equal jitter and stays under maxDelayMs", () => {
    expect(backoffDelayMs(1, undefined, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(1, undefined, policy, () => 0.999)).toBeLessThanOrEqual(100);
    expect(backoffDelayMs(3, undefined, policy, () => 0)).toBe(200);
    expect(backoffDelayMs(20, undefined, policy, () => 1)).toBe(2000);
  });

  it("honours Retry-After up to the cap", () => {
    expect(backoffDelayMs(1, 1000, policy, () => 0)).toBe(1000);
    expect(backoffDelayMs(1, 1000, policy, () => 1)).toBeLessThanOrEqual(1100);
    expect(backoffDelayMs(1, 120_000, policy, () => 0)).toBe(2000);
  });

  it("retryDelayFor returns 0 when the failure is not retryable", () => {
    expect(retryDelayFor(failure({ method: "POST", statusCode: 503 }), policy)).toBe(0);
    expect(
      retryDelayFor(failure({ method: "POST", statusCode: 429, retryAfterMs: 1000 }), policy, () => 0),
    ).toBe(1000);
  });
});

describe("retries as wired into got (no sockets)", () => {
  function client(handler: FakeHandler, limit = 5) {
    const fake = fakeTransport(handler);
    const http = new StringeeHttp({
      apiKeySid: "SK_UNIT",
      apiKeySecret: "unit-secret",
      request: fake.request,
      retry: { limit, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5000 },
    });
    return { http, seen: fake.seen };
  }

  it("does not re-send a POST answered 503 and reports its outcome as unknown", async () => {
    const { http, seen } = client(() => ({ status: 503, body: { r: 9, message: "down" } }));
    const err = (await http
      .post("icc", "/v1/number", { number: "1" })
      .catch((e: unknown) => e)) as StringeeApiError;
    expect(seen).toHaveLength(1);
    expect(err).toBeInstanceOf(StringeeApiError);
    expect(err).toMatchObject({ httpStatus: 503, outcome: "unknown", attempts: 1 });
  });

  it("does not re-send a POST whose connection was reset after sending", async () => {
    const { http, seen } = client(() => ({ kind: "reset-after-send" }));
    const err = (await http
      .post("icc", "/v1/agent", { name: "a" })
      .catch((e: unknown) => e)) as StringeeApiError;
    expect(seen).toHaveLength(1);
    expect(err).toMatchObject({ outcome: "unknown", networkCode: "ECONNRESET" });
  });

  it("retries a POST answered 429, waiting for Retry-After", async () => {
    const { http, seen } = client((_req, seq) =>
      seq === 1
        ? { status: 429, body: { r: 8, message: "Too many requests" }, headers: { "retry-after": "1" } }
        : { body: { r: 0, numberID: "NU_1" } },
    );
    const started = Date.now();
    const answer = await http.post("icc", "/v1/number", { number: "1" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(answer).toMatchObject({ r: 0, numberID: "NU_1" });
    expect(seen.map((r) => r.method)).toEqual(["POST", "POST"]);
  });

  it("retries GET on 503 and on a reset, then succeeds", async () => {
    const { http, seen } = client((_req, seq) =>
      seq === 1
        ? { status: 503, body: { r: 9, message: "down" } }
        : seq === 2
          ? { kind: "reset-after-send" }
          : { body: { r: 0, data: {} } },
    );
    await expect(http.get("icc", "/v1/number")).resolves.toMatchObject({ r: 0 });
    expect(seen).toHaveLength(3);
  });

  it("retries PUT and DELETE on 502 (idempotent)", async () => {
    const { http, seen } = client((_req, seq) =>
      seq % 2 === 1 ? { status: 502, body: { r: 9 } } : { body: { r: 0 } },
    );
    await http.put("icc", "/v1/agent/AG_1", { name: "x" });
    await http.delete("icc", "/v1/agent/AG_1");
    expect(seen.map((r) => r.method)).toEqual(["PUT", "PUT", "DELETE", "DELETE"]);
  });

  it("gives up after the limit and reports the attempts", async () => {
    const { http, seen } = client(() => ({ status: 503, body: { r: 9 } }), 2);
    const err = (await http.get("icc", "/v1/number").catch((e: unknown) => e)) as StringeeApiError;
    expect(seen).toHaveLength(3);
    expect(err).toMatchObject({ httpStatus: 503, attempts: 3, outcome: "failed" });
  });

  it("never retries an error envelope (r != 0 is a definitive answer)", async () => {
    const { http, seen } = client(() => ({ body: { r: -1, message: "Agent not found" } }));
    await expect(http.get("icc", "/v1/agent")).rejects.toMatchObject({ r: -1 });
    expect(seen).toHaveLength(1);
  });

  it("sends the token on every attempt", async () => {
    const { http, seen } = client((_req, seq) =>
      seq === 1 ? { status: 503, body: { r: 9 } } : { body: { r: 0 } },
    );
    await http.get("icc", "/v1/number");
    expect(seen.map((r) => typeof r.headers["x-stringee-auth"])).toEqual(["string", "string"]);
  });
});
