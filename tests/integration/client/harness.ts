// Shared setup of the client integration tests: an emulator on a free port, a StringeeClient pointed
// at it, and typed helpers for the emulator's /__emulator controls (plain fetch, no auth).
import { StringeeClient, type StringeeClientOptions } from "../../../provider/client";
import type { Reading } from "../../../provider/emulator/collections";
import { startEmulator } from "../../../provider/emulator/server";

/** API key the emulator accepts. */
export const SID = "SK_CLIENT_INTEGRATION";
/** Its secret; tests assert it never shows in errors. */
export const SECRET = "client-integration-secret-0123456789";

/** One logged API request. */
export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number | null;
  r: number | null;
  fault?: string;
}

/** A fault rule as the emulator takes it. */
export interface FaultRule {
  method?: string;
  path?: string;
  kind: "status" | "reset" | "hang" | "drop-response";
  status?: 429 | 500 | 502 | 503;
  retryAfter?: number;
  count?: number;
  probability?: number;
}

/** A running emulator plus a client and control helpers. */
export interface ClientHarness {
  client: StringeeClient;
  url: string;
  /** A second client with other options (closed by {@link ClientHarness.close}). */
  makeClient(options?: Partial<StringeeClientOptions>): StringeeClient;
  control(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  requests(): Promise<{ requests: LoggedRequest[]; counts: Record<string, number> }>;
  clearRequests(): Promise<void>;
  reset(): Promise<void>;
  fault(rule: FaultRule): Promise<void>;
  objects<T = Record<string, unknown>>(collection: string): Promise<T[]>;
  seed(collection: string, body: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/** Starts an emulator and a client with fast retries (so tests do not wait for production backoff). */
export async function startClientHarness(
  options: Partial<StringeeClientOptions> = {},
  emulatorOptions: { reading?: Reading; numericIds?: boolean } = {},
): Promise<ClientHarness> {
  const emulator = await startEmulator({ apiKeySid: SID, apiKeySecret: SECRET, ...emulatorOptions });
  const clients: StringeeClient[] = [];
  const makeClient = (extra: Partial<StringeeClientOptions> = {}): StringeeClient => {
    const c = new StringeeClient({
      apiKeySid: SID,
      apiKeySecret: SECRET,
      iccBaseUrl: emulator.iccBaseUrl,
      apiBaseUrl: emulator.apiBaseUrl,
      timeoutMs: 3000,
      retry: { baseDelayMs: 10, maxDelayMs: 200, maxRetryAfterMs: 5000 },
      // Tests change objects out of band between two calls of one client, which stands for two Pulumi
      // runs (two processes); a settled listing must not outlive that. Listings in flight are still shared.
      listingTtlMs: 0,
      ...options,
      ...extra,
    });
    clients.push(c);
    return c;
  };

  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emulator.url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await control(method, path, body);
    if (res.status >= 300)
      throw new Error(`control ${method} ${path} -> ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  return {
    client: makeClient(),
    url: emulator.url,
    makeClient,
    control,
    requests: async () =>
      (await ok("GET", "/requests")) as { requests: LoggedRequest[]; counts: Record<string, number> },
    clearRequests: async () => {
      await ok("DELETE", "/requests");
    },
    reset: async () => {
      await ok("POST", "/reset");
      await ok("DELETE", "/faults");
      await ok("DELETE", "/requests");
    },
    fault: async (rule) => {
      await ok("POST", "/faults", rule);
    },
    objects: async <T>(collection: string) =>
      ((await ok("GET", `/objects/${collection}`)) as Record<string, T[]>)[collection] ?? [],
    seed: async (collection, body) =>
      String(((await ok("POST", `/objects/${collection}`, body)) as { id: string }).id),
    close: async () => {
      for (const c of clients) c.close();
      await emulator.close();
    },
  };
}
