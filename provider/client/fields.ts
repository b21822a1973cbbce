// Field tables: each collection declares its domain fields once, with their wire keys and wire types
// (`nickname: text("nickname")`). Reading a list item, writing a request body, the `unseen` marker and the
// catalog `stringee-pulumi doctor` checks are all derived from that one table, so a wire key is never
// written down twice.
import {
  boolToWire,
  compact,
  idToWire,
  sameId,
  textToWire,
  unseenFields,
  wireBool,
  wireCount,
  wireId,
  wireInt,
  wireNumber,
  wireString,
  type WireRecord,
} from "./normalize";
import type { ParentLink } from "./collection";

/** A wire key, or keys of which any one will do (`tree_name` or `name`). */
export type WireKeys = string | readonly string[];

/** What the reader of a list item knows besides the item. */
export interface ReadContext {
  /** The id of the object the list was asked under (`?tree=`), for fields its items may leave out. */
  parentId?: string;
  /** The Stringee project id, when known (listed SIP usernames carry it as a prefix). */
  projectId?: string;
}

/** One domain field: where it is on the wire, how it is read and written, and its rules. */
export interface WireField<V> {
  /** Its wire key; with several, the first one that reads is used, and the first one is sent. */
  wire: WireKeys;
  /** Reads the wire value (`undefined`: unset). */
  read(value: unknown, context: ReadContext): V | undefined;
  /** Encodes a value for a request body; `null` asks to clear the field. */
  write(value: V | null): unknown;
  /** Whether two values name the same thing (ids: with their prefix optional). */
  same(a: V | undefined, b: V | undefined): boolean;
  /** An item without it is skipped: ids and natural keys. */
  required?: boolean;
  /** Read from lists, never sent: ids, counts, live state. */
  readOnly?: boolean;
  /** The only values it may take: anything else reads as unset rather than as a guess. */
  oneOf?: readonly V[];
  /**
   * Set on the field holding the id of the object this one belongs to, for a collection listed per
   * parent: the parent collection, and the query parameter naming it (`?tree=`).
   */
  parent?: Omit<ParentLink, "key">;
  /** When the item does not carry it, the id the list was asked under stands in (see `parent`). */
  fromParent?: boolean;
  /** `false`: never named in `unseen` (context of the object rather than one of its settings). */
  unseen?: false;
}

/** The rules of a field besides its wire key; `read` and `write` replace the wire type's own. */
export type FieldOptions<V> = Partial<Omit<WireField<V>, "wire">>;

// A builder of fields of one wire type; the value type may be narrowed (`int<1 | 2>`, with `oneOf`).
function wireType<V>(
  read: (value: unknown) => V | undefined,
  write: (value: V | null) => unknown,
  same: (a: V | undefined, b: V | undefined) => boolean = (a, b) => a === b,
) {
  return <N extends V = V>(wire: WireKeys, options: FieldOptions<N> = {}): WireField<N> => ({
    wire,
    read: read as (value: unknown) => N | undefined,
    write,
    same,
    ...options,
  });
}

const asIs = <V>(value: V): V => value;

/** Free text: `""` and `null` read as unset. */
export const text = wireType(wireString, textToWire);
/** An opaque id or a reference to another object: `0`, `""` and `null` read as none; numbers become text. */
export const ref = wireType(wireId, idToWire, sameId);
/** A flag, listed as 0/1 (or `"0"`, `"true"`…) and sent as a JSON boolean. */
export const flag = wireType(wireBool, boolToWire);
/** A flag sent as 1/0, where the page's samples send it so (`primary_group`, `ivr_blocked`); listed as {@link flag}. */
export const flag01 = wireType(wireBool, (value: boolean | null) => (value === null ? null : value ? 1 : 0));
/** An integer, listed as a number or numeric text. */
export const int = wireType(wireInt, asIs);
/** A number whose fractions are kept. */
export const decimal = wireType(wireNumber, asIs);
/** A count: negative values read as unknown. */
export const count = wireType(wireCount, asIs);

/** The field of a listed id: required, never sent. */
export const LISTED_ID = ref("id", { required: true, readOnly: true });

/** The field table of a domain type: one {@link WireField} per field, the `unseen` marker excepted. */
export type FieldTable<T> = {
  readonly [F in Exclude<keyof T, "unseen">]-?: WireField<NonNullable<T[F]>>;
};

/** Values for a request body: any field of `T`, `null` to clear it (read-only fields are not sent). */
export type WireValues<T> = { [F in Exclude<keyof T, "unseen">]?: T[F] | null };

/** A listed object whose list item may have lacked some fields. */
export interface Unseen {
  /** Fields the list item did not carry (Stringee lists show fewer fields than create takes); see `unseenFields`. */
  unseen?: readonly string[];
}

/** The wire keys of `keys` as a list. */
export function keysOf(keys: WireKeys): readonly string[] {
  return typeof keys === "string" ? [keys] : keys;
}

/** The fields of a table as `[name, field]` pairs, in table order. */
export function fieldsOf<T>(fields: FieldTable<T>): [string, WireField<unknown>][] {
  return Object.entries(fields) as [string, WireField<unknown>][];
}

// A field the doctor must find in every item: required and not supplied by the listing's parent.
function isNeeded(f: WireField<unknown>): boolean {
  return f.required === true && f.fromParent !== true;
}

/** The wire keys without which an item is skipped, each once, in table order. */
export function requiredWire<T>(fields: FieldTable<T>): WireKeys[] {
  const out: WireKeys[] = [];
  for (const [, f] of fieldsOf(fields)) {
    if (isNeeded(f) && !out.some((k) => keysOf(k).join() === keysOf(f.wire).join())) out.push(f.wire);
  }
  return out;
}

/** Field → wire key(s) of every field read when present (all but the required ones). */
export function optionalWire<T>(fields: FieldTable<T>): Record<string, WireKeys> {
  return Object.fromEntries(fieldsOf(fields).flatMap(([name, f]) => (isNeeded(f) ? [] : [[name, f.wire]])));
}

/** Field → wire key(s) of the fields named in `unseen` when an item lacks them. */
export function unseenWire<T>(fields: FieldTable<T>): Record<string, WireKeys> {
  return Object.fromEntries(
    fieldsOf(fields).flatMap(([name, f]) => (f.required || f.unseen === false ? [] : [[name, f.wire]])),
  );
}

/** Reads one field from a list item: the first wire key that reads, else the parent, else `undefined`. */
export function readField<V>(f: WireField<V>, w: WireRecord, context: ReadContext = {}): V | undefined {
  for (const key of keysOf(f.wire)) {
    const value = f.read(w[key], context);
    if (value !== undefined && (f.oneOf === undefined || f.oneOf.includes(value))) return value;
  }
  return f.fromParent ? (context.parentId as V | undefined) : undefined;
}

/**
 * Maps a list item to the domain type: `undefined` when a required field is missing. With `markUnseen`,
 * optional fields whose wire keys the item did not carry are named in `unseen` (see `unseenFields`).
 */
export function fromWire<T>(
  fields: FieldTable<T>,
  w: WireRecord,
  context: ReadContext,
  markUnseen: boolean,
): T | undefined {
  const out: Record<string, unknown> = {};
  for (const [name, f] of fieldsOf(fields)) {
    const value = readField(f, w, context);
    if (value === undefined && f.required) return undefined;
    out[name] = value;
  }
  if (markUnseen) out["unseen"] = unseenFields(w, unseenWire(fields));
  return compact(out) as T;
}

/** Maps values to a request body: only the given, writable fields (the wire types send `null` as `null`). */
export function toWire<T>(fields: FieldTable<T>, values: WireValues<T>): WireRecord {
  const out: WireRecord = {};
  for (const [name, f] of fieldsOf(fields)) {
    const value = (values as Record<string, unknown>)[name];
    if (!f.readOnly && value !== undefined) out[keysOf(f.wire)[0]!] = f.write(value);
  }
  return out;
}
