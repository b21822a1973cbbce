// The emulator's mutable state, independent of sockets: the account (store), the request log,
// fault rules, rate limit, latency, and persistence of the account after writes.
import { FaultRegistry } from "./faults";
import { RateLimiter } from "./ratelimit";
import { RequestLog } from "./requestlog";
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
}

/** Everything the API routes and the control routes act on. */
export class EmulatorState {
  readonly store: Store;
  readonly requests = new RequestLog();
  readonly faults = new FaultRegistry();
  readonly rateLimit = new RateLimiter();
  latencyMs = 0;

  constructor(readonly options: EmulatorStateOptions) {
    this.store = new Store(options.projectId, options.accountId);
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

  /** Back to a fresh account: no objects, empty log, no faults, no latency, no rate limit. */
  reset(): void {
    this.store.clear();
    this.requests.clear();
    this.faults.clear();
    this.rateLimit.configure(null);
    this.latencyMs = 0;
    this.persist();
  }
}
