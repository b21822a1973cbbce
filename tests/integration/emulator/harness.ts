// Shared helpers of the emulator integration tests: start an emulator on a free port, sign
// tokens the way Stringee's samples do, and call the API and control routes with fetch.
import jwt from "jsonwebtoken";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../../provider/emulator/server";

export const SID = "SK_TEST_SID";
export const SECRET = "test-secret-value";

/** A signed REST token; `overrides` replaces claims (undefined removes one). */
export function token(overrides: Record<string, unknown> = {}, secret = SECRET): string {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    jti: `${SID}-${now}`,
    iss: SID,
    exp: now + 3600,
    rest_api: true,
    ...overrides,
  };
  for (const key of Object.keys(claims)) if (claims[key] === undefined) delete claims[key];
  return jwt.sign(claims, secret, {
    algorithm: "HS256",
    header: { typ: "JWT", alg: "HS256", cty: "stringee-api;v=1" } as jwt.JwtHeader,
  });
}

/** A started emulator with fetch helpers bound to it. */
export interface Harness {
  emulator: RunningEmulator;
  /** Calls the Stringee API with a valid token; resolves status, headers and parsed JSON. */
  api(
    method: string,
    path: string,
    body?: unknown,
    init?: { headers?: Record<string, string>; timeoutMs?: number; raw?: string | Buffer },
  ): Promise<ApiCall>;
  /** Calls a /__emulator/ control route. */
  control(method: string, path: string, body?: unknown): Promise<ApiCall>;
  close(): Promise<void>;
}

/** One HTTP exchange. */
export interface ApiCall {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are checked field by field in the tests.
  body: any;
}

/** Starts an emulator for a test file. */
export async function startHarness(options: Partial<EmulatorOptions> = {}): Promise<Harness> {
  const emulator = await startEmulator({ apiKeySid: SID, apiKeySecret: SECRET, ...options });
  const call = async (
    method: string,
    url: string,
    body: unknown,
    headers: Record<string, string>,
    timeoutMs: number,
    raw?: string | Buffer,
  ): Promise<ApiCall> => {
    const res = await fetch(url, {
      method,
      headers: {
        Accept: "application/json",
        ...(body !== undefined || raw !== undefined ? { "Content-Type": "application/json" } : {}),
        ...headers,
      },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === "" ? undefined : JSON.parse(text) };
  };
  return {
    emulator,
    api: (method, path, body, init = {}) =>
      call(
        method,
        `${emulator.url}${path}`,
        body,
        { "X-STRINGEE-AUTH": token(), ...init.headers },
        init.timeoutMs ?? 5000,
        init.raw,
      ),
    control: (method, path, body) => call(method, `${emulator.url}/__emulator${path}`, body, {}, 5000),
    close: () => emulator.close(),
  };
}

/**
 * Starts one emulator for the enclosing `describe` block (stopped after it) and resets it before each
 * test; the harness returned forwards to it once started.
 */
export function useHarness(options: Partial<EmulatorOptions> = {}): Harness {
  let current: Harness | undefined;
  const started = (): Harness => {
    if (current === undefined) throw new Error("the emulator starts in beforeAll: use the harness in tests");
    return current;
  };
  beforeAll(async () => {
    current = await startHarness(options);
  });
  afterAll(async () => {
    await current?.close();
  });
  beforeEach(async () => {
    await started().control("POST", "/reset");
  });
  return {
    get emulator() {
      return started().emulator;
    },
    api: (...args) => started().api(...args),
    control: (...args) => started().control(...args),
    close: () => started().close(),
  };
}
