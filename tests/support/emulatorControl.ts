// Starts a Stringee API emulator for a test and wraps its /__emulator controls (plain fetch, no auth).
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { AuthStatsView } from "../../provider/emulator/authstats";
import type { ConsistencyReport } from "../../provider/emulator/consistency";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../provider/emulator/server";

export type { AuthStatsView, ConsistencyReport };

/** One logged Stringee API request. */
export interface LoggedRequest {
  /** Sequence number, increasing from 1 for the emulator's lifetime. */
  seq: number;
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

  /** Starts an emulator on 127.0.0.1 and a free port; `options` adds a log sink, a state file… */
  static async start(
    apiKeySid = "SK_E2E_STRINGEE",
    apiKeySecret = "e2e-secret-value-0123456789",
    options: Partial<Omit<EmulatorOptions, "apiKeySid" | "apiKeySecret">> = {},
  ): Promise<EmulatorControl> {
    return new EmulatorControl(
      await startEmulator({ ...options, apiKeySid, apiKeySecret }),
      apiKeySid,
      apiKeySecret,
    );
  }

  /**
   * Starts the emulator's command line (`dist/provider/emulator/cli.js`, built by setup) as a process of
   * its own, with `--expose-gc`, so that its memory figures are the emulator's alone and taken after a
   * full collection; `close()` stops it with SIGTERM.
   */
  static async spawn(
    options: { requestLogCapacity?: number } = {},
    apiKeySid = "SK_E2E_STRINGEE",
    apiKeySecret = "e2e-secret-value-0123456789",
  ): Promise<EmulatorControl> {
    const cli = join(__dirname, "..", "..", "dist", "provider", "emulator", "cli.js");
    const args = ["--expose-gc", cli, "--port", "0"];
    if (options.requestLogCapacity !== undefined)
      args.push("--request-log-capacity", String(options.requestLogCapacity));
    const child = spawn(process.execPath, args, {
      env: { ...process.env, STRINGEE_API_KEY_SID: apiKeySid, STRINGEE_API_KEY_SECRET: apiKeySecret },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /ICC base URL: (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      void exited.then(() => reject(new Error(`the emulator exited before listening: ${stderr}`)));
    });
    const emulator: RunningEmulator = {
      port: Number(new URL(url).port),
      url,
      iccBaseUrl: url,
      apiBaseUrl: url,
      close: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        await exited;
      },
    };
    return new EmulatorControl(emulator, apiKeySid, apiKeySecret);
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

  /** What the token check saw since the last reset: accepted requests, distinct tokens, refusals. */
  authStats(): Promise<AuthStatsView> {
    return this.control<AuthStatsView>("GET", "/auth");
  }

  /** Forgets the token-check counters. */
  async clearAuthStats(): Promise<void> {
    await this.control("DELETE", "/auth");
  }

  /** The emulator's consistency self-check (see provider/emulator/consistency.ts). */
  consistency(): Promise<ConsistencyReport> {
    return this.control<ConsistencyReport>("GET", "/consistency");
  }

  /** Rotates the account's API key secret (as in the dashboard): tokens signed with the old one are refused. */
  async rotateApiKey(apiKeySecret: string): Promise<void> {
    await this.control("PUT", "/api-key", { apiKeySecret });
  }

  /** Delays every API request by `ms`. */
  async setLatency(ms: number): Promise<void> {
    await this.control("PUT", "/latency", { ms });
  }

  /** Registers a fault rule (see ASSUMPTIONS.md) and returns its id. */
  async fault(rule: Record<string, unknown>): Promise<string> {
    return (await this.control<{ id: string }>("POST", "/faults", rule)).id;
  }

  /** Removes every fault rule. */
  async clearFaults(): Promise<void> {
    await this.control("DELETE", "/faults");
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.emulator.close();
  }
}
