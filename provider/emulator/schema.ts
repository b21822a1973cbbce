// Field-level validation shared by every collection: type checks, coercion of the loose forms
// Stringee accepts (1/0 for booleans, digit strings for integers), defaults on create and partial
// merges on update. Cross-field rules live with each collection.
import { R, fail, ok, type Result } from "./codes";

/** The collections the emulator keeps (the call settings, one object per project, are not one: callsettings.ts). */
export const COLLECTION_NAMES = [
  "number",
  "agent",
  "ivrkeypress",
  "sipphone",
  "queue",
  "ivrtree",
  "ivrnode",
  "group",
  "groupagent",
  "grouprouting",
  "blacklistnumber",
  "greetingfile",
] as const;

/** Name of one collection, as used by the control API (`/__emulator/objects/{collection}`). */
export type CollectionName = (typeof COLLECTION_NAMES)[number];

/** True when `name` is one of {@link COLLECTION_NAMES}. */
export function isCollectionName(name: string): name is CollectionName {
  return (COLLECTION_NAMES as readonly string[]).includes(name);
}

/** A stored field value. Booleans are kept as booleans and only become 0/1 on the wire. */
export type FieldValue = string | number | boolean | null;

/** A record as validated (before it gets an id). */
export type FieldValues = Record<string, FieldValue>;

/** Rules for one field of a collection. */
export interface FieldRule {
  type: "string" | "boolean" | "int";
  /** Must be present and non-empty on create. */
  required?: boolean;
  /** Must be present in every update body (the sipphone password). */
  requiredOnUpdate?: boolean;
  /** Stored when absent on create; a field without default (or with default null) is nullable. */
  default?: FieldValue;
  min?: number;
  max?: number;
  oneOf?: readonly (string | number)[];
  pattern?: RegExp;
  /** Shown in the error message when `pattern` does not match. */
  patternHint?: string;
  maxLength?: number;
  /** The value is the id of an object of that collection, which must exist. */
  ref?: CollectionName;
  /**
   * What deleting the referenced object does to this object: "restrict" (the default) refuses the
   * delete while this object exists (r = 3); "cascade" deletes this object along with it.
   */
  onDelete?: "restrict" | "cascade";
  /** The public API may not change it after create (out-of-band edits may). */
  immutable?: boolean;
  /** Never shown on the wire; stored as a SHA-256 hash; optional out of band. */
  writeOnly?: boolean;
  /** Maintained by the emulator: ignored in API bodies, settable only out of band. */
  internal?: boolean;
}

/** Field rules of a collection, in the order errors are reported. */
export type FieldRules = Readonly<Record<string, FieldRule>>;

const DEFAULT_MAX_LENGTH = 255;

function isNullable(def: FieldRule): boolean {
  return !def.required && (def.default === undefined || def.default === null);
}

/** Checks and coerces one raw JSON value against its field rules. */
export function coerceField(name: string, def: FieldRule, raw: unknown): Result<FieldValue> {
  if (raw === null) {
    return isNullable(def) ? ok(null) : fail(R.INVALID_FIELD, `${name} must not be null`);
  }
  let value: FieldValue;
  switch (def.type) {
    case "string": {
      if (typeof raw !== "string") return fail(R.INVALID_FIELD, `${name} must be a string`);
      if (def.required && raw.trim() === "") return fail(R.INVALID_FIELD, `${name} must not be empty`);
      const maxLength = def.maxLength ?? DEFAULT_MAX_LENGTH;
      if (raw.length > maxLength)
        return fail(R.INVALID_FIELD, `${name} must be at most ${maxLength} characters`);
      if (def.pattern && !def.pattern.test(raw)) {
        return fail(R.INVALID_FIELD, `${name} is invalid${def.patternHint ? `: ${def.patternHint}` : ""}`);
      }
      value = raw;
      break;
    }
    case "boolean": {
      // Stringee's backend treats 1/0 like true/false, and its lists echo booleans as 1/0.
      if (raw === true || raw === 1) value = true;
      else if (raw === false || raw === 0) value = false;
      else return fail(R.INVALID_FIELD, `${name} must be a boolean (true/false or 1/0)`);
      break;
    }
    case "int": {
      if (typeof raw === "number" && Number.isInteger(raw)) value = raw;
      else if (typeof raw === "string" && /^-?\d{1,15}$/.test(raw)) value = Number(raw);
      else return fail(R.INVALID_FIELD, `${name} must be an integer`);
      if (def.min !== undefined && def.max !== undefined && (value < def.min || value > def.max)) {
        return fail(R.INVALID_FIELD, `${name} must be between ${def.min} and ${def.max}`);
      }
      if (def.min !== undefined && value < def.min)
        return fail(R.INVALID_FIELD, `${name} must be >= ${def.min}`);
      if (def.max !== undefined && value > def.max)
        return fail(R.INVALID_FIELD, `${name} must be <= ${def.max}`);
      break;
    }
  }
  if (def.oneOf && !def.oneOf.includes(value as string | number)) {
    return fail(R.INVALID_FIELD, `${name} must be one of ${def.oneOf.join(", ")}`);
  }
  return ok(value);
}

/** Options of {@link validateCreate}. */
export interface CreateOptions {
  /** Out-of-band creates may set internal fields and may omit write-only ones. */
  outOfBand?: boolean;
}

/** Validates a create body: required fields, types, defaults for absent fields. Unknown keys are ignored. */
export function validateCreate(
  defs: FieldRules,
  body: Record<string, unknown>,
  options: CreateOptions = {},
): Result<FieldValues> {
  const out: FieldValues = {};
  for (const [name, def] of Object.entries(defs)) {
    const raw = def.internal && !options.outOfBand ? undefined : body[name];
    const relaxed = def.writeOnly && options.outOfBand;
    if (raw === undefined || (def.required && (raw === null || raw === ""))) {
      if (def.required && !relaxed) return fail(R.INVALID_FIELD, `${name} is required`);
      out[name] = def.default ?? null;
      continue;
    }
    const coerced = coerceField(name, def, raw);
    if (!coerced.ok) return coerced;
    out[name] = coerced.value;
  }
  return ok(out);
}

/** Options of {@link validateUpdate}. */
export interface UpdateOptions {
  /** Out-of-band edits may change immutable fields and set internal ones. */
  outOfBand?: boolean;
}

/** Validates a partial update body against an existing record and returns the merged values. */
export function validateUpdate(
  defs: FieldRules,
  existing: Readonly<FieldValues>,
  body: Record<string, unknown>,
  options: UpdateOptions = {},
): Result<FieldValues> {
  const merged: FieldValues = { ...existing };
  for (const [name, def] of Object.entries(defs)) {
    const raw = def.internal && !options.outOfBand ? undefined : body[name];
    if (raw === undefined) {
      if (def.requiredOnUpdate && !options.outOfBand) return fail(R.INVALID_FIELD, `${name} is required`);
      continue;
    }
    const coerced = coerceField(name, def, raw);
    if (!coerced.ok) return coerced;
    if (def.immutable && !options.outOfBand && coerced.value !== existing[name]) {
      return fail(R.INVALID_FIELD, `${name} cannot be changed`);
    }
    merged[name] = coerced.value;
  }
  return ok(merged);
}

/** Booleans as the lists show them: 1/0, null stays null. */
export function bool01(value: FieldValue | undefined): 0 | 1 | null {
  if (value === null || value === undefined) return null;
  return value ? 1 : 0;
}
