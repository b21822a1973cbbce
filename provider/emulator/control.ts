// The test controls under /__emulator/: request log, reset, latency, faults, rate limit, token-check
// counters, the consistency self-check and out-of-band access to the account. Never part of the
// Stringee surface: no token, never logged in the request log. Answers plain JSON (`{ error }` with a
// 4xx status on failure).
import { R, type Failure } from "./codes";
import { checkConsistency } from "./consistency";
import type { EmulatorState } from "./emulator";
import { parseFaultRule } from "./faults";
import { parseJsonObject } from "./http";
import type { RateLimitConfig, RateWindow } from "./ratelimit";
import { COLLECTION_NAMES, isCollectionName, type CollectionName } from "./schema";

/** What to answer to a control request. */
export interface ControlAnswer {
  status: number;
  body: unknown;
}

const OK: ControlAnswer = { status: 200, body: { ok: true } };
const MAX_LATENCY_MS = 600_000;

function error(status: number, message: string, extra: Record<string, unknown> = {}): ControlAnswer {
  return { status, body: { error: message, ...extra } };
}

function storeError(failure: Failure): ControlAnswer {
  const status =
    failure.r === R.NOT_FOUND
      ? 404
      : failure.r === R.ALREADY_EXISTS || failure.r === R.STILL_REFERENCED
        ? 409
        : 400;
  return error(status, failure.message, { r: failure.r });
}

function allObjects(state: EmulatorState): Record<CollectionName, Record<string, unknown>[]> {
  const out = {} as Record<CollectionName, Record<string, unknown>[]>;
  for (const name of COLLECTION_NAMES)
    out[name] = state.store.list(name).map((r) => state.store.toWire(name, r));
  return out;
}

function publicId(state: EmulatorState, name: CollectionName, id: string): string {
  return name === "sipphone" ? `${state.store.projectId}_${id}` : id;
}

function objects(
  state: EmulatorState,
  method: string,
  parts: string[],
  query: URLSearchParams,
  bodyText: string,
): ControlAnswer {
  if (parts.length === 0)
    return method === "GET" ? { status: 200, body: allObjects(state) } : error(405, "use GET");
  const [name, rawId, ...rest] = parts;
  if (name === undefined || !isCollectionName(name)) return error(404, `unknown collection: ${String(name)}`);
  if (rest.length > 0) return error(404, "unknown control route");
  const store = state.store;
  const force = query.get("force") === "true" || query.get("force") === "1";
  if (rawId === undefined) {
    if (method === "GET") return { status: 200, body: { [name]: allObjects(state)[name] } };
    if (method !== "POST") return error(405, "use GET or POST");
    const parsed = parseJsonObject(bodyText);
    if (!parsed.ok) return error(400, parsed.error);
    const body = { ...parsed.value };
    const prefix = `${store.projectId}_`;
    // Wire fields: a SIP phone's username is shown with the project prefix.
    if (name === "sipphone" && typeof body.username === "string" && body.username.startsWith(prefix)) {
      body.username = body.username.slice(prefix.length);
    }
    const id = body.id === undefined || body.id === null ? undefined : (body.id as string);
    const created = store.create(name, body, { outOfBand: true, force, id });
    if (!created.ok) return storeError(created);
    state.persist();
    return { status: 200, body: { id: publicId(state, name, created.value.id) } };
  }
  const resolved = store.resolveId(name, rawId);
  if (method === "GET") {
    const record = resolved === undefined ? undefined : store.get(name, resolved);
    return record
      ? { status: 200, body: store.toWire(name, record) }
      : error(404, `${name} ${rawId} not found`);
  }
  if (method === "PATCH") {
    const parsed = parseJsonObject(bodyText);
    if (!parsed.ok) return error(400, parsed.error);
    const updated = store.update(name, rawId, parsed.value, { outOfBand: true, force });
    if (!updated.ok) return storeError(updated);
    state.persist();
    return { status: 200, body: { ok: true, object: store.toWire(name, updated.value) } };
  }
  if (method === "DELETE") {
    const removed = store.remove(name, rawId, { outOfBand: true, force });
    if (!removed.ok) return storeError(removed);
    state.persist();
    return OK;
  }
  return error(405, "use GET, PATCH or DELETE");
}

function faults(state: EmulatorState, method: string, parts: string[], bodyText: string): ControlAnswer {
  if (parts.length === 1) {
    if (method !== "DELETE") return error(405, "use DELETE");
    return state.faults.remove(parts[0] ?? "") ? OK : error(404, `fault ${String(parts[0])} not found`);
  }
  if (parts.length > 1) return error(404, "unknown control route");
  if (method === "GET") return { status: 200, body: { faults: state.faults.list() } };
  if (method === "DELETE") {
    state.faults.clear();
    return OK;
  }
  if (method !== "POST") return error(405, "use GET, POST or DELETE");
  const parsed = parseJsonObject(bodyText);
  if (!parsed.ok) return error(400, parsed.error);
  const rule = parseFaultRule(parsed.value);
  if (!rule.ok) return error(400, rule.error);
  return { status: 200, body: { id: state.faults.add(rule.rule) } };
}

/** Answers one control request; `parts` are the path segments after "/__emulator". */
export function handleControl(
  state: EmulatorState,
  method: string,
  parts: string[],
  query: URLSearchParams,
  bodyText: string,
): ControlAnswer {
  const [head, ...rest] = parts;
  switch (head) {
    case "requests":
      if (rest.length > 0) break;
      if (method === "GET") return { status: 200, body: state.requests.view() };
      if (method === "DELETE") {
        state.requests.clear();
        return OK;
      }
      return error(405, "use GET or DELETE");
    case "reset":
      if (rest.length > 0) break;
      if (method !== "POST") return error(405, "use POST");
      state.reset();
      return OK;
    case "latency": {
      if (rest.length > 0) break;
      if (method === "GET") return { status: 200, body: { ms: state.latencyMs } };
      if (method !== "PUT") return error(405, "use GET or PUT");
      const parsed = parseJsonObject(bodyText);
      if (!parsed.ok) return error(400, parsed.error);
      const ms = parsed.value.ms;
      if (typeof ms !== "number" || !Number.isInteger(ms) || ms < 0 || ms > MAX_LATENCY_MS) {
        return error(400, `ms must be an integer between 0 and ${MAX_LATENCY_MS}`);
      }
      state.latencyMs = ms;
      return { status: 200, body: { ok: true, ms } };
    }
    case "rate-limit": {
      if (rest.length > 0) break;
      if (method === "GET") return { status: 200, body: rateLimitView(state.rateLimit.settings) };
      if (method !== "PUT") return error(405, "use GET or PUT");
      const parsed = parseJsonObject(bodyText);
      if (!parsed.ok) return error(400, parsed.error);
      const config = parseRateLimit(parsed.value);
      if (typeof config === "string") return error(400, config);
      state.rateLimit.configure(config);
      return { status: 200, body: { ok: true, ...rateLimitView(config) } };
    }
    case "api-key": {
      // A key rotated in the dashboard: tokens signed with the old secret are refused from now on.
      if (rest.length > 0) break;
      if (method === "GET") return { status: 200, body: { apiKeySid: state.apiKey.apiKeySid } };
      if (method !== "PUT") return error(405, "use GET or PUT");
      const parsed = parseJsonObject(bodyText);
      if (!parsed.ok) return error(400, parsed.error);
      const { apiKeySid = state.apiKey.apiKeySid, apiKeySecret } = parsed.value;
      if (typeof apiKeySid !== "string" || apiKeySid === "")
        return error(400, "apiKeySid must be a non-empty string");
      if (typeof apiKeySecret !== "string" || apiKeySecret === "")
        return error(400, "apiKeySecret must be a non-empty string");
      state.apiKey = { apiKeySid, apiKeySecret };
      return { status: 200, body: { ok: true, apiKeySid } };
    }
    case "connections":
      // How many connections clients opened: a client with one keep-alive pool reuses a few sockets.
      if (rest.length > 0) break;
      if (method === "GET")
        return { status: 200, body: { opened: state.connectionsOpened, open: state.serverLoad().sockets } };
      if (method === "DELETE") {
        state.connectionsOpened = 0;
        return OK;
      }
      return error(405, "use GET or DELETE");
    case "auth":
      if (rest.length > 0) break;
      if (method === "GET") return { status: 200, body: state.auth.view() };
      if (method === "DELETE") {
        state.auth.clear();
        return OK;
      }
      return error(405, "use GET or DELETE");
    case "consistency":
      if (rest.length > 0) break;
      if (method !== "GET") return error(405, "use GET");
      return { status: 200, body: checkConsistency(state) };
    case "callsettings": {
      // The project's call settings, out of band: any subset of the wire fields, as in the dashboard.
      if (rest.length > 0) break;
      if (method === "GET") return { status: 200, body: state.store.callSettings() };
      if (method !== "PATCH") return error(405, "use GET or PATCH");
      const parsed = parseJsonObject(bodyText);
      if (!parsed.ok) return error(400, parsed.error);
      const updated = state.store.updateCallSettings(parsed.value, { outOfBand: true });
      if (!updated.ok) return storeError(updated);
      state.persist();
      return { status: 200, body: { ok: true, object: updated.value } };
    }
    case "faults":
      return faults(state, method, rest, bodyText);
    case "objects":
      return objects(state, method, rest, query, bodyText);
  }
  return error(404, `unknown control route: ${method} /__emulator/${parts.join("/")}`);
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1;
}

// `{ perSecond: n | null }` (sliding) or `{ windows: [{ seconds, limit }] }` (fixed, clock-aligned).
function parseRateLimit(body: Record<string, unknown>): RateLimitConfig | string {
  if ("windows" in body) {
    const windows = body.windows;
    if (windows === null) return null;
    if (!Array.isArray(windows) || windows.length === 0)
      return "windows must be a non-empty list of { seconds, limit }, or null to disable the limit";
    const out: RateWindow[] = [];
    for (const w of windows as unknown[]) {
      const { seconds, limit } = (w ?? {}) as Record<string, unknown>;
      if (!isPositiveInt(seconds) || !isPositiveInt(limit))
        return "each window needs seconds and limit, both positive integers";
      out.push({ seconds, limit });
    }
    return { windows: out };
  }
  const perSecond = body.perSecond;
  if (perSecond === null) return null;
  if (!isPositiveInt(perSecond)) return "perSecond must be a positive integer, or null to disable the limit";
  return { perSecond };
}

function rateLimitView(config: RateLimitConfig): Record<string, unknown> {
  if (config === null) return { perSecond: null };
  return "perSecond" in config ? { perSecond: config.perSecond } : { windows: config.windows };
}
