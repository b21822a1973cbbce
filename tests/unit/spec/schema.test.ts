// The JSON Schema editors use: the committed file is exactly what the generator writes from the zod schema
// (so it cannot drift from the types), every field is described, and the valid fixture conforms to it.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { execFileSync } from "node:child_process";
import { JSON_SCHEMA_FILE, JSON_SCHEMA_ID, contactCenterJsonSchema } from "../../../provider/spec/jsonSchema";

type Json = Record<string, unknown>;
const ROOT = path.resolve(__dirname, "..", "..", "..");
const GENERATOR = path.join(ROOT, "scripts", "generate-schema.ts");
const SCHEMA_PATH = path.join(ROOT, JSON_SCHEMA_FILE);
const schema = contactCenterJsonSchema();

describe("schema/contact-center.schema.json", () => {
  it("is committed exactly as `npm run schema` writes it", () => {
    // The generator runs in its own process: Prettier, which formats the file, cannot load inside Jest.
    const generated = execFileSync(
      process.execPath,
      [require.resolve("ts-node/dist/bin.js"), "--transpile-only", GENERATOR, "--stdout"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(fs.readFileSync(SCHEMA_PATH, "utf8")).toBe(generated);
  }, 60_000);

  it("has an id, a title and a description", () => {
    const committed = JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8")) as Json;
    expect(committed).toEqual(schema);
    expect(schema["$id"]).toBe(JSON_SCHEMA_ID);
    expect(schema["title"]).toEqual(expect.any(String));
    expect(schema["description"]).toEqual(expect.any(String));
    expect(schema["additionalProperties"]).toBe(false);
  });

  it("describes every field", () => {
    const undescribed: string[] = [];
    const visit = (s: unknown, at: string) => {
      if (s === null || typeof s !== "object") return;
      const node = s as Json;
      for (const [name, sub] of Object.entries((node["properties"] as Json | undefined) ?? {})) {
        if (typeof (sub as Json)["description"] !== "string") undescribed.push(`${at}.${name}`);
        visit(sub, `${at}.${name}`);
      }
      for (const k of ["additionalProperties", "items"]) visit(node[k], `${at}.*`);
      for (const alt of (node["anyOf"] as unknown[] | undefined) ?? []) visit(alt, at);
    };
    visit(schema, "spec");
    expect(undescribed).toEqual([]);
  });
});

/** Every way `value` does not fit `s` (a structural subset of JSON Schema: what the generator emits). */
function mismatches(value: unknown, s: Json, at: string): string[] {
  if (Array.isArray(s["anyOf"])) {
    const each = (s["anyOf"] as Json[]).map((alt) => mismatches(value, alt, at));
    return each.some((m) => m.length === 0) ? [] : [`${at}: fits no alternative (${each.flat().join("; ")})`];
  }
  const out: string[] = [];
  const type = s["type"];
  const actual =
    value === null
      ? "null"
      : Array.isArray(value)
        ? "array"
        : typeof value === "number"
          ? Number.isInteger(value)
            ? "integer"
            : "number"
          : typeof value;
  if (type !== undefined && type !== actual && !(type === "number" && actual === "integer"))
    return [`${at}: expected ${String(type)}, got ${actual}`];
  if (Array.isArray(s["enum"]) && !(s["enum"] as unknown[]).includes(value)) out.push(`${at}: not in enum`);
  if (actual === "array" && s["items"]) {
    (value as unknown[]).forEach((v, i) => out.push(...mismatches(v, s["items"] as Json, `${at}[${i}]`)));
  }
  if (actual === "object") {
    const obj = value as Json;
    const props = (s["properties"] as Json | undefined) ?? {};
    for (const req of (s["required"] as string[] | undefined) ?? []) {
      if (!(req in obj)) out.push(`${at}: missing ${req}`);
    }
    const names = s["propertyNames"] as Json | undefined;
    for (const [k, v] of Object.entries(obj)) {
      if (names?.["pattern"] !== undefined && !new RegExp(names["pattern"] as string).test(k))
        out.push(`${at}.${k}: name does not match ${String(names["pattern"])}`);
      if (Array.isArray(names?.["enum"]) && !(names["enum"] as unknown[]).includes(k))
        out.push(`${at}.${k}: key not allowed`);
      if (k in props) out.push(...mismatches(v, props[k] as Json, `${at}.${k}`));
      else if (s["additionalProperties"] === false) out.push(`${at}.${k}: not in the schema`);
      else if (typeof s["additionalProperties"] === "object")
        out.push(...mismatches(v, s["additionalProperties"] as Json, `${at}.${k}`));
    }
  }
  return out;
}

describe("the valid fixture against the JSON Schema", () => {
  const fixture = parse(fs.readFileSync(path.join(__dirname, "fixtures", "valid.yaml"), "utf8")) as Json;

  it("uses every top-level section the schema declares", () => {
    expect(Object.keys(fixture).sort()).toEqual(
      Object.keys(schema["properties"] as Json)
        .filter((k) => k !== "$schema")
        .sort(),
    );
  });

  it("conforms: every section, object, key name and property is in the schema with the right type", () => {
    expect(mismatches(fixture, schema, "spec")).toEqual([]);
  });

  it("is checked for real: unknown keys, wrong types and bad names do not conform", () => {
    const bad = {
      queues: { "bad name": {}, ok: { recordCalls: "yes", extra: 1 } },
      numbers: { n: { number: "1" } },
    };
    const found = mismatches(bad, schema, "spec").join("\n");
    expect(found).toContain("spec.queues.bad name: name does not match");
    expect(found).toContain("spec.queues.ok: fits no alternative");
    expect(found).toContain("spec.numbers.n: missing allowOutboundCalls");
  });
});
