// Reads a contact-center spec and reports every problem at once, each with its file, spec path, line and
// column: YAML syntax, shape (types, required fields, allowed values, unknown keys), the resources' own
// rules, references by name and natural keys declared twice. Pure: no Pulumi call, no API call.
import * as fs from "node:fs";
import { LineCounter, parseDocument } from "yaml";
import { Locator, formatPath, type SpecPath } from "./locate";
import { ruleProblems } from "./rules";
import { contactCenterSpecSchema, type ContactCenterSpec } from "./schema";
import { shapeProblems, valueAt, type FoundProblem } from "./shape";

/** One problem of a spec. */
export interface SpecProblem {
  /** The spec file, as given to the parser. */
  file: string;
  /** Where in the spec, for example `numbers.hotline.ivrMenu` or `queues.sales.groups[1].group`; "" for the whole file. */
  path: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
  /** What is wrong and how to fix it. */
  message: string;
}

/** Renders a problem as `file:line:col: path: message`. */
export function formatProblem(p: SpecProblem): string {
  const at = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return `${at}: ${p.path === "" ? "" : `${p.path}: `}${p.message}`;
}

/** A spec that cannot be deployed; `problems` lists everything wrong with it, in file order. */
export class SpecError extends Error {
  /** Every problem found. */
  readonly problems: SpecProblem[];

  constructor(problems: SpecProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`invalid contact-center spec (${count}):\n${problems.map(formatProblem).join("\n")}`);
    this.name = "SpecError";
    this.problems = problems;
  }
}

/**
 * Parses and validates a spec. Returns it with display names defaulted to the map keys; throws
 * {@link SpecError} listing every problem. A YAML syntax error stops validation there (the rest of the
 * document cannot be trusted); duplicate YAML keys are reported along with all other problems.
 */
export function parseContactCenterSpec(text: string, file: string): ContactCenterSpec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const locator = new Locator(doc, lineCounter);
  const problems: SpecProblem[] = [];
  const add = (path: SpecPath, message: string, offset?: number) => {
    const at = offset === undefined ? locator.locate(path) : locator.position(offset);
    problems.push({ file, path: formatPath(path), line: at?.line, column: at?.column, message });
  };

  // Duplicate keys: found on the tree, so each is reported at the repeated key with its path.
  const duplicates = locator.duplicateKeys();
  for (const d of duplicates) {
    add(
      d.path,
      `duplicate key ${String(d.path[d.path.length - 1])}: it is already defined in this map (line ${locator.position(d.firstOffset).line}) and YAML would keep only the last one; remove or rename one of them.`,
      d.offset,
    );
  }
  for (const err of doc.errors) {
    if (err.code === "DUPLICATE_KEY") {
      if (duplicates.length === 0)
        add([], `duplicate key: ${err.message}; remove or rename one of them.`, err.pos[0]);
    } else {
      // Reported where the parser noticed it, without a spec path: the structure around it is unreliable.
      add([], `YAML syntax error (${err.code}): ${err.message}; fix the YAML first.`, err.pos[0]);
    }
  }
  if (doc.errors.some((e) => e.code !== "DUPLICATE_KEY")) throw new SpecError(sorted(problems));

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (err) {
    add([], `cannot read the YAML: ${(err as Error).message}`);
    throw new SpecError(sorted(problems));
  }

  for (const p of merge(
    raw,
    shapeProblems(raw),
    ruleProblems(raw, (path) => locator.locate(path)),
  )) {
    add(p.path, p.message);
  }
  if (problems.length > 0) throw new SpecError(sorted(problems));
  return contactCenterSpecSchema.parse(raw);
}

/** Reads and parses a spec file; see {@link parseContactCenterSpec}. An unreadable file is a {@link SpecError} too. */
export function loadContactCenterSpec(path: string): ContactCenterSpec {
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (err) {
    throw new SpecError([
      {
        file: path,
        path: "",
        message: `cannot read the spec: ${(err as Error).message}. Check the path, or create the file.`,
      },
    ]);
  }
  return parseContactCenterSpec(text, path);
}

/**
 * One problem per place and cause: where the schema and a resource rule both object to a field, the rule's
 * message is kept (it knows the business meaning), except for a missing field, where the schema's message
 * (with the field's description) is kept.
 */
function merge(raw: unknown, shape: FoundProblem[], rules: FoundProblem[]): FoundProblem[] {
  const key = (p: FoundProblem) => formatPath(p.path);
  const missing = new Set(shape.filter((p) => p.kind === "missing").map(key));
  const ruled = new Set(rules.map(key));
  // `next_node: x` is one mistake: "unknown key next_node, did you mean nextNode?" covers "nextNode is missing"
  // (only while nextNode is really absent).
  const misspelled = new Set(
    shape.flatMap((p) =>
      p.standsFor === undefined ? [] : [formatPath([...p.path.slice(0, -1), p.standsFor])],
    ),
  );
  const out = [
    ...shape.filter((p) => p.kind === "missing" || !ruled.has(key(p))),
    ...rules.filter((p) => !missing.has(key(p))),
  ].filter((p) => p.standsFor !== undefined || !misspelled.has(key(p)) || valueAt(raw, p.path) !== undefined);
  const seen = new Set<string>();
  return out.filter((p) => {
    const id = `${key(p)}\u0000${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function sorted(problems: SpecProblem[]): SpecProblem[] {
  const big = Number.MAX_SAFE_INTEGER;
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        (a.p.line ?? big) - (b.p.line ?? big) || (a.p.column ?? big) - (b.p.column ?? big) || a.i - b.i,
    )
    .map(({ p }) => p);
}
