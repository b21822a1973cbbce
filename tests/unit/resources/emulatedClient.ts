// The real StringeeClient answered in-process by the emulator's own request handling, without sockets:
// the client's got instance runs its real hooks, retries and paginator over fakeTransport, whose handler
// checks the token and calls handleApi on an EmulatorState, as the emulator's server does. The resource
// tests use it to see what the specs sent (a log of the collection methods they called), seed and read
// the account out of band through the emulator's /__emulator/objects control code, and intercept chosen
// requests on the way (another answer, a connection reset, an answer lost after the write).
import { StringeeClient } from "../../../provider/client";
import { extractToken, verifyRestToken } from "../../../provider/emulator/auth";
import { R } from "../../../provider/emulator/codes";
import { COLLECTIONS, type Reading } from "../../../provider/emulator/collections";
import { handleControl } from "../../../provider/emulator/control";
import { EmulatorState } from "../../../provider/emulator/emulator";
import { normalizePath } from "../../../provider/emulator/http";
import { handleApi, isKnownRoute, type ApiAnswer } from "../../../provider/emulator/routes";
import type { CollectionName } from "../../../provider/emulator/schema";
import { fakeTransport, type FakeReply, type FakeRequest } from "../client/fakeTransport";

// Project id of the emulated account: SIP usernames are listed as `246_<username>`.
const EMULATED_PROJECT = 246;

const API_KEY = { apiKeySid: "SK_UNIT_EMULATED", apiKeySecret: "unit-emulated-secret-0123456789" };
// Never reached (every request is answered in-process); a loopback address in case anything tried.
const NO_HOST = "http://127.0.0.1:9";

/** One collection method the code under test called on the client. */
export interface RecordedCall {
  /** `numbers.create`, `agents.update`... */
  method: string;
  /** Its arguments, copied when it was called. */
  args: unknown[];
}

/** What a request caught by an {@link Interception} gets instead of the emulator's answer. */
export type InterceptReply =
  /** This answer; the request is not applied. */
  | { status: number; body: Record<string, unknown> }
  /** The connection is reset after the request was sent; the request is not applied. */
  | "reset-after-send"
  /** The request is applied, then the connection is reset before the answer arrives. */
  | "apply-then-drop";

/** Catches some requests on their way to the emulator. */
export interface Interception {
  /** HTTP method hit (`GET`, `POST`...). */
  method: string;
  /** Path prefix hit (`/v1/number` hits the list and every item). */
  path: string;
  /** What the caught requests get. */
  reply: InterceptReply;
  /** Requests to catch (default 1; `Infinity` for every one). */
  times?: number;
  /** Matching requests to let through before the first one caught (default 0). */
  skip?: number;
}

/** Options of {@link emulatedStringee}. */
export interface EmulatedStringeeOptions {
  /** The reading the emulator answers with (default `strict`, as the emulator's). */
  reading?: Reading;
}

/** An emulated account, a client talking to it in-process, and the log of what the client was asked. */
export class EmulatedStringee {
  /** Every collection method called through {@link client}, in order. */
  readonly calls: RecordedCall[] = [];
  /** Every HTTP request the client sent, intercepted ones included. */
  readonly requests: FakeRequest[] = [];
  private readonly state: EmulatorState;
  private readonly interceptions: (Interception & { seen: number; caught: number })[] = [];
  private current: StringeeClient | undefined;

  constructor(options: EmulatedStringeeOptions = {}) {
    this.state = new EmulatorState({
      ...API_KEY,
      projectId: EMULATED_PROJECT,
      accountId: 408,
      log: () => undefined,
      reading: options.reading ?? "strict",
    });
  }

  /**
   * The client to hand to the code under test. The same client (and so the same listing cache) serves
   * every call until the account is changed out of band; the next call then gets a new client, as a
   * later `pulumi` run would, so that no listing cached before the change hides it.
   */
  get client(): StringeeClient {
    this.current ??= this.recording(this.newClient());
    return this.current;
  }

  /** The arguments of each call of one method (`numbers.update`). */
  callsOf(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  /** Names of the write calls made (create, update, delete), in order. */
  writes(): string[] {
    return this.calls.map((c) => c.method).filter((m) => /\.(create|update|delete)$/.test(m));
  }

  /** Creates an object out of band (as in the dashboard), in wire form with an optional `id`; returns its id. */
  seed(collection: CollectionName, body: Record<string, unknown>): string {
    return (this.control("POST", [collection], body) as { id: string }).id;
  }

  /** Changes an object out of band (wire form; internal fields such as a tree's root node included). */
  patch(collection: CollectionName, id: string, body: Record<string, unknown>): void {
    this.control("PATCH", [collection, id], body);
  }

  /**
   * Deletes an object out of band. `force` deletes it even while other objects reference it, leaving
   * them dangling (drift the API itself would refuse to create).
   */
  remove(collection: CollectionName, id: string, options: { force?: boolean } = {}): void {
    this.control("DELETE", [collection, id], undefined, options.force ? "force=true" : "");
  }

  /** The project's call settings (wire fields), as the emulator's controls show them. */
  callSettings(): Record<string, unknown> {
    return handleControl(this.state, "GET", ["callsettings"], new URLSearchParams(), "").body as Record<
      string,
      unknown
    >;
  }

  /** Changes the call settings out of band (wire fields), as in the dashboard. */
  patchCallSettings(body: Record<string, unknown>): void {
    const answer = handleControl(
      this.state,
      "PATCH",
      ["callsettings"],
      new URLSearchParams(),
      JSON.stringify(body),
    );
    if (answer.status >= 400)
      throw new Error(`PATCH /__emulator/callsettings: ${JSON.stringify(answer.body)}`);
    this.current = undefined;
  }

  /** The objects of a collection in wire form with every field the emulator keeps, as its controls show them. */
  objects(collection: CollectionName): Record<string, unknown>[] {
    const all = this.control("GET", [collection]) as Record<string, Record<string, unknown>[]>;
    return all[collection] ?? [];
  }

  /** Catches the matching requests (see {@link Interception}); rules are tried in the order added. */
  intercept(rule: Interception): void {
    this.interceptions.push({ ...rule, seen: 0, caught: 0 });
  }

  private control(method: string, parts: string[], body?: unknown, query = ""): unknown {
    const text = body === undefined ? "" : JSON.stringify(body);
    const answer = handleControl(this.state, method, ["objects", ...parts], new URLSearchParams(query), text);
    if (answer.status >= 400)
      throw new Error(`${method} /__emulator/objects/${parts.join("/")}: ${JSON.stringify(answer.body)}`);
    if (method !== "GET") this.current = undefined;
    return answer.body;
  }

  private newClient(): StringeeClient {
    const { request } = fakeTransport((req) => this.answer(req));
    return new StringeeClient({
      ...API_KEY,
      iccBaseUrl: NO_HOST,
      apiBaseUrl: NO_HOST,
      request,
      // Fast retries: a test that makes every attempt fail should not wait for the real back-off.
      retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
  }

  // The server's order: injected faults, unknown routes before the token check, the token check, the routes.
  private answer(req: FakeRequest): FakeReply {
    this.requests.push(req);
    const pathname = normalizePath(req.path);
    const reply = this.interceptionFor(req.method, pathname);
    if (typeof reply === "object") return { status: reply.status, body: reply.body };
    if (reply === "reset-after-send") return { kind: "reset-after-send" };
    const answer = this.route(req, pathname);
    if (reply === "apply-then-drop") return { kind: "reset-after-send" };
    return { status: answer.status, body: answer.body, headers: answer.headers };
  }

  private route(req: FakeRequest, pathname: string): ApiAnswer {
    const bodyText = req.json === undefined ? "" : JSON.stringify(req.json);
    const run = () => handleApi(this.state.store, req.method, pathname, req.query, bodyText, req.body);
    if (!isKnownRoute(pathname)) return run();
    const header = req.headers["x-stringee-auth"];
    const token = extractToken(typeof header === "string" ? header : undefined, req.query);
    const strict = this.state.store.reading === "strict";
    const auth = verifyRestToken(token, API_KEY, undefined, { requireCty: strict });
    if (auth.ok) return run();
    return strict
      ? { status: 403, body: { r: R.KEY_SID_INVALID, message: "keySid invalid" }, mutated: false }
      : { status: 401, body: { r: R.AUTH_FAILED, message: auth.message }, mutated: false };
  }

  private interceptionFor(method: string, pathname: string): InterceptReply | undefined {
    for (const rule of this.interceptions) {
      if (rule.method !== method || !pathname.startsWith(rule.path)) continue;
      rule.seen++;
      if (rule.seen <= (rule.skip ?? 0) || rule.caught >= (rule.times ?? 1)) continue;
      rule.caught++;
      return rule.reply;
    }
    return undefined;
  }

  // The client seen through a log: each collection method called on it is recorded, then run by the real
  // collection (whose calls to its own methods are not the caller's, so they are not recorded).
  private recording(real: StringeeClient): StringeeClient {
    const log = (method: string, args: unknown[]) => this.calls.push({ method, args: structuredClone(args) });
    const collections = new Map<PropertyKey, unknown>();
    return new Proxy(real, {
      get(target, name) {
        const value: unknown = Reflect.get(target, name);
        if (typeof name !== "string" || typeof value !== "object" || value === null) return value;
        if (!collections.has(name)) collections.set(name, recordingCollection(value, name, log));
        return collections.get(name);
      },
    });
  }
}

function recordingCollection(
  collection: object,
  name: string,
  log: (method: string, args: unknown[]) => void,
): object {
  return new Proxy(collection, {
    get(target, method) {
      const value: unknown = Reflect.get(target, method);
      if (typeof method !== "string" || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        log(`${name}.${method}`, args);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** The emulator's camelCase name of a wire field (`maximum_queue_size` is `maximumQueueSize`). */
function camel(field: string): string {
  return field.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * What the emulator fills in for each optional field a create leaves out (Stringee's documented defaults),
 * by camelCase field name, booleans as booleans.
 */
export function emulatorDefaults(collection: CollectionName): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(COLLECTIONS[collection].fields))
    if (!rule.internal && rule.default !== undefined && rule.default !== null)
      out[camel(field)] = rule.default;
  return out;
}

/** `values` (camelCase fields) without the fields a list item of `collection` leaves out in `reading`. */
export function listedIn(
  reading: Reading,
  collection: CollectionName,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const hidden = reading === "strict" ? (COLLECTIONS[collection].lenientOnly ?? []).map(camel) : [];
  return Object.fromEntries(Object.entries(values).filter(([field]) => !hidden.includes(field)));
}

/** A new, empty emulated account with its client. */
export function emulatedStringee(options: EmulatedStringeeOptions = {}): EmulatedStringee {
  return new EmulatedStringee(options);
}
