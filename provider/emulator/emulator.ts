// The emulator's mutable state, independent of sockets: the account (store), the request log,
// fault rules, rate limit, latency, token-check counters, and persistence of the account after writes.
import type { ApiKey } from "./auth";
import { AuthStats } from "./authstats";
import type { Reading } from "./collections";
import { FaultRegistry } from "./faults";
import { RateLimiter } from "./ratelimit";
import { DEFAULT_REQUEST_LOG_CAPACITY, RequestLog } from "./requestlog";
import { loadState, saveState } from "./state";
import { Store } from "./store";

/** Settings of an {@link EmulatorState}. */
export interface EmulatorStateOptions {
  apiKeySid: string;
  apiKeySecret: string;
  projectId: number;
  accountId: number;
  stateFile?: string;
  log: (line: string) => void;
  /** Entries the request log keeps (default {@link DEFAULT_REQUEST_LOG_CAPACITY}). */
  requestLogCapacity?: number;
  /** The reading the API answers with (default strict). */
  reading?: Reading;
  /** Numeric ids for IVR trees, nodes and keypresses (default false). */
  numericIds?: boolean;
}

/** Everything the API routes and the control routes act on. */
export class EmulatorState {
  readonly store: Store;
  readonly requests: RequestLog;
  readonly auth = new AuthStats();
  readonly faults = new FaultRegistry();
  readonly rateLimit = new RateLimiter();
  latencyMs = 0;
  /** The API key tokens must be signed with: the configured one until `PUT /__emulator/api-key` replaces it. */
  apiKey: ApiKey;
  /** TCP connections accepted since start or the last `DELETE /__emulator/connections` (API and controls). */
  connectionsOpened = 0;
  /** Open sockets and pending latency timers of the server, for the consistency control. */
  serverLoad: () => { sockets: number; timers: number } = () => ({ sockets: 0, timers: 0 });

  constructor(readonly options: EmulatorStateOptions) {
    this.apiKey = { apiKeySid: options.apiKeySid, apiKeySecret: options.apiKeySecret };
    this.requests = new RequestLog(options.requestLogCapacity ?? DEFAULT_REQUEST_LOG_CAPACITY);
    this.store = new Store(options.projectId, options.accountId, {
      reading: options.reading,
      numericIds: options.numericIds,
    });
    if (options.stateFile) {
      const snapshot = loadState(options.stateFile);
      if (snapshot) {
        this.store.restore(snapshot);
        options.log(`loaded state from ${options.stateFile}`);
      }
    }
  }

  /** Saves the account to the state file, when there is one. */
  persist(): void {
    if (!this.options.stateFile) return;
    try {
      saveState(this.options.stateFile, this.store.snapshot());
    } catch (error) {
      this.options.log(`could not save state to ${this.options.stateFile}: ${String(error)}`);
    }
  }

  /**
   * Back to a fresh account: no objects, empty log and token counters, no faults, no latency, no rate limit,
   * the configured API key.
   */
  reset(): void {
    this.apiKey = { apiKeySid: this.options.apiKeySid, apiKeySecret: this.options.apiKeySecret };
    this.store.clear();
    this.requests.clear();
    this.auth.clear();
    this.faults.clear();
    this.rateLimit.configure(null);
    this.latencyMs = 0;
    this.persist();
  }
}
