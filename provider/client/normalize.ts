// Wire normalisation: every quirk of Stringee's JSON lives here, so the collection modules map fields
// without re-deciding what `0`, `"1"`, `null` or a missing prefix mean.

/** A JSON object from a list (`data.numbers[i]` etc.) or a request body, still in wire form. */
export type WireRecord = Record<string, unknown>;

/** A JSON scalar as Stringee may send it for any field. */
export type WireValue = string | number | boolean | null | undefined;

/**
 * Reads a boolean the API may send as `0`/`1`, `"0"`/`"1"`, `"true"`/`"false"` or a JSON boolean.
 * `null`, `""` and anything unrecognised read as `undefined` (unset).
 */
export function wireBool(value: unknown): boolean | undefined {
  if (value === true || value === 1 || value === "1" || value === "true") return true;
  if (value === false || value === 0 || value === "0" || value === "false") return false;
  return undefined;
}

/**
 * Reads an opaque id. Ids are strings but some endpoints return numbers (`"id": 17`), and `0`, `"0"`,
 * `null` and `""` are how the API says "no reference".
 */
export function wireId(value: unknown): string | undefined {
  if (typeof value === "number") {
    return Number.isFinite(value) && value !== 0 ? String(value) : undefined;
  }
  if (typeof value === "string") {
    const trimmed = value.trim();
    return trimmed === "" || trimmed === "0" ? undefined : trimmed;
  }
  return undefined;
}

/** Reads an integer sent as a number or a numeric string; `null`, `""` and non-numbers read as `undefined`. */
export function wireInt(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Math.trunc(Number(value));
  return undefined;
}

/** Reads a number (fractions kept) sent as a number or a numeric string; anything else reads as `undefined`. */
export function wireNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** Reads a free-text field; `null` and `""` read as `undefined`, numbers are kept as their decimal text. */
export function wireString(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Reads a list total (`"totalCount": "1"` or `"totalPages": 1`); negative or missing totals read as `undefined`. */
export function wireCount(value: unknown): number | undefined {
  const n = wireInt(value);
  return n !== undefined && n >= 0 ? n : undefined;
}

/**
 * Known id prefixes, longest first: `NO_KE_` must be tried before `NO_` (and `GR_RO_` before `GR_`),
 * or a keypress id would be mistaken for a node id with a `KE_` body.
 */
export const ID_PREFIXES = ["NO_KE_", "GR_RO_", "NU_", "AG_", "QU_", "TR_", "NO_", "GR_"] as const;

/** A known id prefix such as `NU_` or `NO_KE_`. */
export type IdPrefix = (typeof ID_PREFIXES)[number];

/** Removes a known prefix (`NU_S53F…` → `S53F…`); ids without one are returned unchanged. */
export function stripIdPrefix(id: string): string {
  for (const prefix of ID_PREFIXES) {
    if (id.startsWith(prefix) && id.length > prefix.length) return id.slice(prefix.length);
  }
  return id;
}

/** Whether an id carries one of the known prefixes. */
export function hasIdPrefix(id: string): boolean {
  return stripIdPrefix(id) !== id;
}

/**
 * Compares two ids treating a known prefix as optional: create responses return `Z1SQ…` while lists
 * show `NU_Z1SQ…`, and some lists send numbers. Unset ids (see {@link wireId}) never match anything.
 */
export function sameId(a: unknown, b: unknown): boolean {
  const left = wireId(a);
  const right = wireId(b);
  if (left === undefined || right === undefined) return false;
  return left === right || stripIdPrefix(left) === stripIdPrefix(right);
}

// SIP usernames are listed as `<projectId>_<username>` but created, updated and deleted by the short
// name; only a leading run of digits followed by `_` is a project prefix.
const SIP_PROJECT_PREFIX = /^(\d+)_(.+)$/;

/** The short SIP username: `246_100` → `100` when `projectId` is 246 (or unknown); `100` stays `100`. */
export function shortSipUsername(username: string, projectId?: string): string {
  const match = SIP_PROJECT_PREFIX.exec(username);
  if (!match) return username;
  if (projectId !== undefined && match[1] !== projectId) return username;
  return match[2] ?? username;
}

/** The project id a prefixed SIP username carries (`246_100` → `246`), if any. */
export function sipProjectPrefix(username: string): string | undefined {
  return SIP_PROJECT_PREFIX.exec(username)?.[1];
}

/** Compares SIP usernames where either side may be the short (`100`) or the prefixed (`246_100`) form. */
export function sameSipUsername(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  return shortSipUsername(a) === b || a === shortSipUsername(b);
}

/** Encodes a boolean for a request body: the documented requests use JSON booleans. */
export function boolToWire(value: boolean | null | undefined): boolean | null | undefined {
  return value;
}

/**
 * Encodes an optional reference for a request body: `undefined` leaves the field out (unchanged on
 * update), `null` is sent as JSON `null`, which clears the reference.
 */
export function idToWire(value: string | null | undefined): string | null | undefined {
  return value;
}

/** Encodes an optional text field the same way as {@link idToWire}: `null` clears it. */
export function textToWire(value: string | null | undefined): string | null | undefined {
  return value;
}

/** Drops `undefined` fields so a PUT carries only what the caller gave. */
export function compact<T extends Record<string, unknown>>(body: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(body) as [keyof T, T[keyof T]][]) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Reads a JSON object field as a record, or `undefined` when it is not an object. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * The domain fields whose wire keys a list item does not carry at all (`null` counts as carried: it says
 * "unset"). Stringee's lists show fewer fields than create accepts, so "absent" must never read as a
 * default: callers keep the value they declared instead. `undefined` when every field was there.
 */
export function unseenFields(
  w: Record<string, unknown>,
  wireKeys: Readonly<Record<string, string | readonly string[]>>,
): string[] | undefined {
  const unseen = Object.entries(wireKeys)
    .filter(([, keys]) => (typeof keys === "string" ? [keys] : keys).every((k) => !(k in w)))
    .map(([field]) => field);
  return unseen.length > 0 ? unseen : undefined;
}
