// The Stringee REST surface: routing of /v1/{collection}[/{id}] and the four operations every
// collection supports (group memberships: add, list, and delete by body), answered with the
// envelopes of the doc samples. No sockets here: a route returns the status and JSON body to send
// and whether the account changed.
import { CALL_SETTINGS_PATH, callSettingsAnswer, callSettingsUpdated } from "./callsettings";
import { R, type Failure } from "./codes";
import { COLLECTIONS, collectionForPath, type CollectionDefinition } from "./collections";
import { sipUsername } from "./collections/sipphone";
import { parseJsonObject } from "./http";
import type { Store } from "./store";

/** What to answer to an API request. */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /** The account changed (the state file must be saved). */
  mutated: boolean;
}

/** A request resolved to a collection, with the id from the URL for item routes. */
export type RouteMatch =
  | { kind: "settings" }
  | { kind: "collection"; def: CollectionDefinition }
  | { kind: "item"; def: CollectionDefinition; id: string }
  | { kind: "none" };

/** Paths served as another collection's list: the sipphone doc's sample GET says "/v1/sippphone". */
const LIST_ALIASES: Readonly<Record<string, string>> = { "/v1/sippphone": "/v1/sipphone" };

/** Every collection path, for request-log count keys. */
export const COLLECTION_PATHS: readonly string[] = [
  ...Object.values(COLLECTIONS).map((s) => s.path),
  CALL_SETTINGS_PATH,
  ...Object.keys(LIST_ALIASES),
];

/** Largest page the strict reading serves, whatever `limit` asks for. */
export const MAX_PAGE_SIZE = 100;

/** Resolves a normalised pathname to a collection or item route. */
export function matchRoute(pathname: string): RouteMatch {
  if (pathname === CALL_SETTINGS_PATH) return { kind: "settings" };
  const alias = LIST_ALIASES[pathname];
  const direct = collectionForPath(alias ?? pathname);
  if (direct) return { kind: "collection", def: direct };
  const slash = pathname.lastIndexOf("/");
  if (slash <= 0) return { kind: "none" };
  const def = collectionForPath(pathname.slice(0, slash));
  const rawId = pathname.slice(slash + 1);
  if (!def || def.itemRoutes === false || rawId === "") return { kind: "none" };
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return { kind: "none" };
  }
  return { kind: "item", def, id };
}

function envelope(
  def: CollectionDefinition,
  store: Store,
  r: number,
  message: string,
): Record<string, unknown> {
  return def.envelope === "icc" ? { r, project: store.projectId, message } : { r, message };
}

function failure(def: CollectionDefinition, store: Store, error: Failure): ApiAnswer {
  return { status: 200, body: envelope(def, store, error.r, error.message), mutated: false };
}

function invalid(def: CollectionDefinition, store: Store, r: number, message: string): ApiAnswer {
  return { status: 200, body: envelope(def, store, r, message), mutated: false };
}

function positiveInt(raw: string | null, fallback: number): number | undefined {
  if (raw === null || raw === "") return fallback;
  if (!/^\d{1,9}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= 1 ? value : undefined;
}

function list(def: CollectionDefinition, store: Store, query: URLSearchParams): ApiAnswer {
  let records = store.list(def.name);
  if (def.listFilter) {
    const parentId = query.get(def.listFilter.param);
    if (!parentId) return invalid(def, store, R.INVALID_FIELD, `${def.listFilter.param} is required`);
    const parent = COLLECTIONS[def.listFilter.parent];
    if (!store.get(parent.name, parentId)) return invalid(def, store, R.NOT_FOUND, parent.messages.notFound);
    const field = def.listFilter.field;
    records = records.filter((record) => record[field] === parentId);
  }
  if (!def.paged) {
    const items = records.map((record) => store.listItem(def.name, record));
    return {
      status: 200,
      body: {
        r: R.OK,
        message: def.messages.list,
        data: { [def.listKey]: items, [def.totalKey]: String(items.length) },
      },
      mutated: false,
    };
  }
  const page = positiveInt(query.get("page"), 1);
  if (page === undefined) return invalid(def, store, R.INVALID_FIELD, "page must be a positive integer");
  const asked = positiveInt(query.get("limit"), def.defaultLimit ?? 50);
  if (asked === undefined) return invalid(def, store, R.INVALID_FIELD, "limit must be a positive integer");
  // The blacklist page documents "max = 100"; the strict reading holds every list to it.
  const limit = store.reading === "strict" ? Math.min(asked, MAX_PAGE_SIZE) : asked;
  const items = records
    .slice((page - 1) * limit, page * limit)
    .map((record) => store.listItem(def.name, record));
  if (def.pageMeta === false) {
    return {
      status: 200,
      body: {
        r: R.OK,
        message: def.messages.list,
        ...(def.envelope === "icc" ? { project: store.projectId } : {}),
        data: { [def.listKey]: items, [def.totalKey]: String(records.length) },
      },
      mutated: false,
    };
  }
  return {
    status: 200,
    body: {
      r: R.OK,
      message: def.messages.list,
      project: store.projectId,
      data: {
        [def.totalKey]: String(records.length),
        totalPages: Math.ceil(records.length / limit),
        currentPage: page,
        limit,
        [def.listKey]: items,
      },
    },
    mutated: false,
  };
}

function create(
  def: CollectionDefinition,
  store: Store,
  body: Record<string, unknown>,
  outOfBand = false,
): ApiAnswer {
  const created = store.create(def.name, body, { outOfBand });
  if (!created.ok) return failure(def, store, created);
  const record = created.value;
  if (def.createResponse)
    return { status: 200, body: def.createResponse(record, store, body), mutated: true };
  if (def.envelope === "api") {
    return {
      status: 200,
      body: { r: R.OK, [def.createIdKey]: sipUsername(store, record.id), message: def.messages.create },
      mutated: true,
    };
  }
  return {
    status: 200,
    body: {
      r: R.OK,
      project: store.projectId,
      [def.createIdKey]: store.createAnswerId(def.name, record.id),
      message: def.messages.create,
      ...def.createExtras?.(record, store),
    },
    mutated: true,
  };
}

function update(
  def: CollectionDefinition,
  store: Store,
  id: string,
  body: Record<string, unknown>,
): ApiAnswer {
  const updated = store.update(def.name, id, body);
  if (!updated.ok) return failure(def, store, updated);
  const answer =
    def.updateResponse?.(updated.value.id, store) ?? envelope(def, store, R.OK, def.messages.update);
  return { status: 200, body: answer, mutated: true };
}

function remove(def: CollectionDefinition, store: Store, id: string): ApiAnswer {
  const removed = store.remove(def.name, id);
  if (!removed.ok) return failure(def, store, removed);
  return { status: 200, body: envelope(def, store, R.OK, def.messages.delete), mutated: true };
}

/** `DELETE {path}` with a JSON body naming the object by {@link CollectionDefinition.deleteBy} fields. */
function removeByBody(def: CollectionDefinition, store: Store, body: Record<string, unknown>): ApiAnswer {
  const fields = def.deleteBy ?? [];
  for (const field of fields) {
    const value = body[field];
    if (value === undefined || value === null || value === "")
      return invalid(def, store, R.INVALID_FIELD, `${field} is required`);
    if (typeof value !== "string") return invalid(def, store, R.INVALID_FIELD, `${field} must be a string`);
  }
  // Like any body reference, each field may name its object by the unprefixed id (see Store.referencedId).
  const named = (f: string) => {
    const ref = def.fields[f]?.ref;
    return ref === undefined ? body[f] : (store.referencedId(ref, String(body[f])) ?? body[f]);
  };
  const target = store.list(def.name).find((record) => fields.every((f) => record[f] === named(f)));
  if (!target) return invalid(def, store, R.NOT_FOUND, def.messages.notFound);
  return remove(def, store, target.id);
}

/** An upload (`POST {path}?…` with the file as the body): the collection turns query and bytes into fields. */
function upload(
  def: CollectionDefinition & Required<Pick<CollectionDefinition, "upload">>,
  store: Store,
  query: URLSearchParams,
  bytes: Buffer,
): ApiAnswer {
  const accepted = def.upload.accept(query, bytes);
  if (!accepted.ok) return failure(def, store, accepted);
  // The values are the emulator's own reading of the upload (file name, size…), hence written as internal.
  return create(def, store, accepted.value, true);
}

/** `GET` and `PUT /v1/callsettings`: the project's one call settings object. */
function callSettings(store: Store, method: string, bodyText: string): ApiAnswer {
  if (method === "GET")
    return { status: 200, body: callSettingsAnswer(store.callSettings(), store), mutated: false };
  const parsed = parseJsonObject(bodyText);
  const iccError = (r: number, message: string): ApiAnswer => ({
    status: 200,
    body: { r, project: store.projectId, message },
    mutated: false,
  });
  if (!parsed.ok) return iccError(R.MALFORMED_BODY, parsed.error);
  const updated = store.updateCallSettings(parsed.value);
  if (!updated.ok) return iccError(updated.r, updated.message);
  return { status: 200, body: callSettingsUpdated(store), mutated: true };
}

/** The largest request body `pathname` takes: a collection's upload limit, else undefined (the server's default). */
export function uploadLimit(pathname: string): number | undefined {
  const route = matchRoute(pathname);
  return route.kind === "collection" ? route.def.upload?.maxBytes : undefined;
}

function unknownRoute(method: string, pathname: string): ApiAnswer {
  return {
    status: 404,
    body: { r: R.UNKNOWN_ROUTE, message: `Unknown route: ${method} ${pathname}` },
    mutated: false,
  };
}

function notAllowed(method: string, pathname: string, allow: string): ApiAnswer {
  return {
    status: 405,
    body: { r: R.UNKNOWN_ROUTE, message: `Method ${method} not allowed on ${pathname} (allowed: ${allow})` },
    headers: { Allow: allow },
    mutated: false,
  };
}

/**
 * Answers one authenticated API request. `pathname` is normalised (no trailing slash) and
 * `bodyText` is the raw request body.
 */
export function handleApi(
  store: Store,
  method: string,
  pathname: string,
  query: URLSearchParams,
  bodyText: string,
  bytes: Buffer = Buffer.from(bodyText, "utf8"),
): ApiAnswer {
  const route = matchRoute(pathname);
  if (route.kind === "none") return unknownRoute(method, pathname);
  if (route.kind === "settings") {
    if (method !== "GET" && method !== "PUT") return notAllowed(method, pathname, "GET, PUT");
    return callSettings(store, method, bodyText);
  }
  const { def } = route;
  const isAlias = route.kind === "collection" && LIST_ALIASES[pathname] !== undefined;
  const collectionMethods = def.deleteBy ? ["GET", "POST", "DELETE"] : ["GET", "POST"];
  const itemMethods = def.updatable === false ? ["DELETE"] : ["PUT", "DELETE"];
  const allowed = route.kind === "collection" ? (isAlias ? ["GET"] : collectionMethods) : itemMethods;
  if (!allowed.includes(method)) return notAllowed(method, pathname, allowed.join(", "));
  if (method === "GET") return list(def, store, query);
  if (route.kind === "item" && method === "DELETE") return remove(def, store, route.id);
  if (method === "POST" && def.upload) return upload({ ...def, upload: def.upload }, store, query, bytes);
  const parsed = parseJsonObject(bodyText);
  if (!parsed.ok) return invalid(def, store, R.MALFORMED_BODY, parsed.error);
  if (route.kind === "item") return update(def, store, route.id, parsed.value);
  return method === "DELETE" ? removeByBody(def, store, parsed.value) : create(def, store, parsed.value);
}

/** True when the request would reach a route (used to answer 404 before asking for a token). */
export function isKnownRoute(pathname: string): boolean {
  return matchRoute(pathname).kind !== "none";
}
