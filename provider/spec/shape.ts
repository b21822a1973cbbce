// Structural problems of a spec (types, required fields, allowed values, unknown keys, names), from the zod
// schema's issues, turned into messages that name the field and say how to fix it.
import { z } from "zod";
import { formatPath, type SpecPath } from "./locate";
import { NODE_NAME, SPEC_NAME, SPEC_NAME_HINT, contactCenterSpecSchema } from "./schema";

/** A problem before it is given a file and a position. */
export interface FoundProblem {
  /** Where in the spec. */
  path: SpecPath;
  /** What is wrong and how to fix it. */
  message: string;
  /** `missing`: a required field is absent; `shape`: other schema issues; `rule`: a business rule. */
  kind: "missing" | "shape" | "rule";
  /** For an unknown key: the known key it probably stands for (problems about that key are then moot). */
  standsFor?: string;
}

type Schema = z.core.$ZodType;
interface Def {
  type: string;
  options?: Schema[];
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  keyType?: Schema;
  valueType?: Schema;
  element?: Schema;
  entries?: Record<string, string | number>;
}

const defOf = (s: Schema): Def => s._zod.def as unknown as Def;

/** Strips optional/nullable/pipe wrappers, keeping the first description found on the way. */
function unwrap(schema: Schema): { schema: Schema; description?: string } {
  let s = schema;
  let description = z.globalRegistry.get(s)?.description;
  for (;;) {
    const def = defOf(s);
    const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (inner === undefined) return { schema: s, description };
    s = inner;
    description ??= z.globalRegistry.get(s)?.description;
  }
}

/** The schema of the value at `path`, when the path follows the schema. */
export function schemaAt(path: SpecPath): { schema: Schema; description?: string } | undefined {
  let current = unwrap(contactCenterSpecSchema);
  for (const seg of path) {
    const next = step(current.schema, seg);
    if (next === undefined) return undefined;
    current = unwrap(next);
  }
  return current;
}

/** The schema of `seg` inside `schema`; in a union, the first option that has it. */
function step(schema: Schema, seg: string | number): Schema | undefined {
  const def = defOf(schema);
  if (def.type === "object") return def.shape?.[String(seg)];
  if (def.type === "record") return def.valueType;
  if (def.type === "array" && typeof seg === "number") return def.element;
  if (def.type === "union")
    for (const option of def.options ?? []) {
      const found = step(unwrap(option).schema, seg);
      if (found !== undefined) return found;
    }
  return undefined;
}

/** The keys a map at `path` accepts (object fields, or the allowed keys of an enum-keyed map). */
export function knownKeys(path: SpecPath): string[] {
  const at = schemaAt(path);
  if (at === undefined) return [];
  let def = defOf(at.schema);
  // A union that allows a map (an agent's group: a name or `{ group, importId }`): that map's keys.
  const map =
    def.type === "union" ? def.options?.find((o) => defOf(unwrap(o).schema).type === "object") : undefined;
  if (map !== undefined) def = defOf(unwrap(map).schema);
  if (def.type === "object") return Object.keys(def.shape ?? {});
  if (def.type === "record" && def.keyType !== undefined) {
    const key = defOf(unwrap(def.keyType).schema);
    if (key.type === "enum") return Object.values(key.entries ?? {}).map(String);
  }
  return [];
}

/** Describes a YAML value for messages. */
export function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "nothing (null)";
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a map";
  return String(v);
}

/** The value at `path` in the raw YAML value. */
export function valueAt(raw: unknown, path: SpecPath): unknown {
  let v = raw;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** The field a path ends with, for messages (`ivrMenu`, `groups[1]`). */
export function fieldLabel(path: SpecPath): string {
  let i = path.length - 1;
  while (i >= 0 && typeof path[i] === "number") i--;
  const name = i >= 0 ? String(path[i]) : "the spec";
  return (
    name +
    path
      .slice(i + 1)
      .map((n) => `[${String(n)}]`)
      .join("")
  );
}

/** Suggests a known key for a mistyped one: snake_case spelled camelCase, other case, or a small typo. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  // Every hint starts with "did you mean <key>?": shapeProblems reads the key back from it.
  const camel = key.replace(/[_-]([a-z0-9])/gi, (_m, c: string) => c.toUpperCase());
  if (camel !== key && known.includes(camel)) return `did you mean ${camel}? (keys are camelCase)`;
  const lower = key.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower || k.toLowerCase() === camel.toLowerCase());
  if (sameCase !== undefined) return `did you mean ${sameCase}? (keys are case-sensitive)`;
  const near = nearest(key, known);
  return near === undefined ? undefined : `did you mean ${near}?`;
}

/** The known name closest to `name` when it is a likely typo (edit distance at most 2). */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.floor(name.length / 2) + 1);
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  boolean: "true or false",
  int: "a whole number",
  number: "a number",
  object: "a map of fields",
  record: "a map",
  array: "a list",
};

/** Appends the field's description (what it is and what it accepts) to a message ending with a period. */
export function withDescription(message: string, description: string | undefined): string {
  return description === undefined ? message : `${message} (${description.replace(/\.$/, "")}.)`;
}

/** Runs the schema on the raw value; every issue becomes a problem. */
export function shapeProblems(raw: unknown): FoundProblem[] {
  const result = contactCenterSpecSchema.safeParse(raw);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => issueProblems(raw, issue));
}

function issueProblems(raw: unknown, issue: z.core.$ZodIssue): FoundProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  const field = fieldLabel(path);
  const description = schemaAt(path)?.description;
  const value = valueAt(raw, path);
  const parent = valueAt(raw, path.slice(0, -1));
  if (path.length > 0 && value === undefined && parent !== null && typeof parent === "object") {
    return [
      { path, kind: "missing", message: withDescription(`${field} is required: add it.`, description) },
    ];
  }
  switch (issue.code) {
    case "invalid_type": {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (path.length === 0) {
        return [
          {
            path,
            kind: "shape",
            message: `the spec must be a map of sections (queues, groups, agents, ivrTrees, numbers, sipPhones, blacklist, greetings, callSettings); got ${describeValue(value)}.`,
          },
        ];
      }
      const quote =
        issue.expected === "string" && (typeof value === "number" || typeof value === "boolean")
          ? ` Quote it: ${field}: "${String(value)}".`
          : "";
      return [
        {
          path,
          kind: "shape",
          message: withDescription(
            `${field} must be ${expected}; got ${describeValue(value)}.${quote}`,
            description,
          ),
        },
      ];
    }
    case "invalid_value":
      return [
        {
          path,
          kind: "shape",
          message: withDescription(
            `${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}; got ${describeValue(value)}.`,
            description,
          ),
        },
      ];
    case "unrecognized_keys": {
      const known = knownKeys(path);
      return issue.keys.map((key) => {
        const hint = suggestKey(key, known);
        return {
          path: [...path, key],
          kind: "shape" as const,
          standsFor: hint?.match(/^did you mean (\S+)\?/)?.[1],
          message:
            `unknown key ${key}${path.length > 0 ? ` in ${formatPath(path)}` : ""}; known keys: ${known.join(", ")}.` +
            (hint === undefined ? "" : ` D${hint.slice(1)}`) +
            " Rename or remove it.",
        };
      });
    }
    case "invalid_key": {
      const key = String(path[path.length - 1]);
      const message =
        SPEC_NAME.test(key) && !NODE_NAME.test(key)
          ? `node name "${key}" must not be all digits (nodes are kept in order and JavaScript reorders numeric keys); rename it, for example "menu-${key}".`
          : `name "${key}" is not valid: ${SPEC_NAME_HINT}. Rename it.`;
      return [{ path, kind: "shape", message }];
    }
    case "invalid_union": {
      // A value of the right kind (a map where a map is allowed) gets that option's own problems (unknown
      // keys with "did you mean"); anything else is told which kinds are allowed.
      const branches = (issue as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
      const matching = branches.find(
        (b) => b.length > 0 && !b.some((i) => i.code === "invalid_type" && i.path.length === 0),
      );
      if (matching !== undefined)
        return matching.flatMap((i) => issueProblems(raw, { ...i, path: [...issue.path, ...i.path] }));
      const at = schemaAt(path);
      const kinds = (at === undefined ? [] : (defOf(at.schema).options ?? [])).map(
        (o) => EXPECTED[defOf(unwrap(o).schema).type] ?? defOf(unwrap(o).schema).type,
      );
      return [
        {
          path,
          kind: "shape",
          message: withDescription(
            `${field} must be ${kinds.join(" or ")}; got ${describeValue(value)}.`,
            description,
          ),
        },
      ];
    }
    default:
      return [{ path, kind: "shape", message: withDescription(`${field}: ${issue.message}.`, description) }];
  }
}
