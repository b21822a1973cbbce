// Starts a Stringee API emulator for a test and wraps its /__emulator controls (plain fetch, no auth).
import { startEmulator, type RunningEmulator } from "../../provider/emulator/server";

/** One logged Stringee API request. */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number | null;
  r: number | null;
  fault?: string;
}

/** A running emulator plus its controls. */
export class EmulatorControl {
  private constructor(
    /** The running server. */
    readonly emulator: RunningEmulator,
    /** API key SID it accepts. */
    readonly apiKeySid: string,
    /** API key secret it accepts. */
    readonly apiKeySecret: string,
  ) {}

  /** Starts an emulator on 127.0.0.1 and a free port. */
  static async start(
    apiKeySid = "SK_E2E_STRINGEE",
    apiKeySecret = "e2e-secret-value-0123456789",
  ): Promise<EmulatorControl> {
    return new EmulatorControl(await startEmulator({ apiKeySid, apiKeySecret }), apiKeySid, apiKeySecret);
  }

  /** Environment variables that point the provider at this emulator. */
  env(): Record<string, string> {
    return {
      STRINGEE_API_KEY_SID: this.apiKeySid,
      STRINGEE_API_KEY_SECRET: this.apiKeySecret,
      STRINGEE_ICC_BASE_URL: this.emulator.iccBaseUrl,
      STRINGEE_API_BASE_URL: this.emulator.apiBaseUrl,
    };
  }

  /** Calls a control endpoint and returns its JSON answer; fails on a non-2xx status. */
  async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.emulator.url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} /__emulator${path} -> ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** Objects of one collection (`number`, `agent`, `ivrkeypress`, `sipphone`, ...) in wire shape. */
  async objects(collection: string): Promise<Record<string, unknown>[]> {
    const all = await this.control<Record<string, Record<string, unknown>[]>>("GET", "/objects");
    return all[collection] ?? [];
  }

  /** Creates an object out of band (as someone would in the dashboard); returns its id. */
  async seed(collection: string, body: Record<string, unknown>): Promise<string> {
    return (await this.control<{ id: string }>("POST", `/objects/${collection}`, body)).id;
  }

  /** Edits an object out of band. */
  async patch(collection: string, id: string, body: Record<string, unknown>): Promise<void> {
    await this.control("PATCH", `/objects/${collection}/${encodeURIComponent(id)}`, body);
  }

  /** Deletes an object out of band. */
  async remove(collection: string, id: string): Promise<void> {
    await this.control("DELETE", `/objects/${collection}/${encodeURIComponent(id)}`);
  }

  /** The Stringee API requests received since the last {@link clearRequests}. */
  async requests(): Promise<LoggedRequest[]> {
    return (await this.control<{ requests: LoggedRequest[] }>("GET", "/requests")).requests;
  }

  /** Forgets the request log. */
  async clearRequests(): Promise<void> {
    await this.control("DELETE", "/requests");
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.emulator.close();
  }
}
