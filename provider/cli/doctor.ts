// `stringee-pulumi doctor`: a read-only first contact with the real Stringee API. It reads the credentials
// the way the provider does (stack config `stringee:*`, then STRINGEE_* variables), signs one token and
// asks each list endpoint for its first page, then compares what came back with what the client reads
// (provider/client/catalog.ts): reachable or not, fields present, missing and unknown, id forms, totals as
// strings or numbers, rate-limit headers. GET requests only; the secret and the token are never printed.
import { execFile } from "node:child_process";
import { StringeeApiError, StringeeClient } from "../client";
import { LIST_CATALOG, type ListCatalogEntry, type WireKeys } from "../client/catalog";
import type { InspectedAnswer } from "../client/http";
import { DEFAULT_PAGE_SIZE } from "../client/paging";
import {
  MISSING_CREDENTIALS_MESSAGE,
  SETTING_SOURCES,
  requireSettings,
  resolveSettings,
  type ProviderSettings,
} from "../settings";
import type { Command } from "./main";

const NAME = "stringee-pulumi doctor";

/** The `--help` text. */
export const DOCTOR_HELP = `Usage: stringee-pulumi doctor [--stack NAME] [--json]

Checks, without changing anything, that the Stringee API answers the way this provider expects: signs
one REST token, lists the first page of every collection (GET requests only), and reports per collection
whether it was reachable, the fields seen against the fields the provider reads, whether ids carry
prefixes, fields the provider does not know, totals sent as strings or numbers, and rate-limit headers.
Paste the output into a bug report: it never shows the API key secret or a token.

Options:
  --stack NAME   read stringee:* settings from this stack's config (\`pulumi config --show-secrets\`,
                 run in the current folder), then the STRINGEE_* environment variables
                 (default: environment variables only)
  --json         print the report as JSON
  -h, --help     show this help

Exit codes: 0 everything the provider needs is there (notes may still be printed), 1 something it needs
is missing or the API refused the credentials, 2 bad arguments or missing credentials.
`;

/** Parsed command line of `doctor`. */
export interface DoctorArgs {
  /** Stack whose config is read. */
  stack?: string;
  /** Print JSON. */
  json: boolean;
  /** Show the help. */
  help: boolean;
}

/** A command-line mistake: one line, exit code 2. */
export class DoctorUsageError extends Error {}

/** Parses `doctor`'s arguments. */
export function parseDoctorArgs(argv: readonly string[]): DoctorArgs {
  const args: DoctorArgs = { json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") args.help = true;
    else if (arg === "--json") args.json = true;
    else if (arg === "--stack" || arg.startsWith("--stack=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (value === undefined || value === "") throw new DoctorUsageError("--stack needs a value.");
      if (!/^[A-Za-z0-9_./-]+$/.test(value))
        throw new DoctorUsageError(`--stack ${JSON.stringify(value)} is not a stack name.`);
      args.stack = value;
    } else throw new DoctorUsageError(`unknown argument ${JSON.stringify(arg)}.`);
  }
  return args;
}

/** What one list endpoint answered, compared with what the client reads. */
export interface CollectionReport {
  /** The client's collection name. */
  collection: string;
  /** The request sent, without the token. */
  request: string;
  /** `ok` answered with r = 0; `failed` anything else; `skipped` not asked (no parent object to list under). */
  outcome: "ok" | "failed" | "skipped";
  /** HTTP status, when an answer came. */
  status?: number;
  /** Stringee's `r`, when the answer had one. */
  r?: number;
  /** Stringee's message, or why the collection was skipped or failed. */
  message?: string;
  /** Items on the first page. */
  items: number;
  /** The total the answer reported: its key, value and JSON type. */
  total?: { key: string; value: unknown; type: string };
  /** How the listed ids look: `prefixed`, `unprefixed`, `numeric`, `mixed`, or `none` (no items or no id). */
  ids: "prefixed" | "unprefixed" | "numeric" | "mixed" | "none";
  /** Wire keys the provider needs that some item lacked. */
  missingRequired: string[];
  /** Optional wire keys no item carried: refresh cannot see them, declared values stand. */
  notListed: string[];
  /** Wire keys the provider does not know. */
  unknown: string[];
  /** Rate-limit related response headers seen. */
  rateLimitHeaders: Record<string, string>;
  /** What the provider needs and did not get (each makes the exit code 1). */
  problems: string[];
}

/** The whole report. */
export interface DoctorReport {
  /** True when nothing the provider needs is missing. */
  ok: boolean;
  /** Where each setting came from (`stack config (dev)`, `environment`, `default`); values are not shown but the SID and URLs. */
  settings: Record<string, { source: string; value?: string }>;
  /** One entry per list endpoint, parents first. */
  collections: CollectionReport[];
  /** Problems outside a collection (credentials refused). */
  problems: string[];
}

/** Where the command reads stack config and writes its output; replaceable in tests. */
export interface DoctorIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** `stringee:*` settings of a stack, as `pulumi config --json --show-secrets --stack NAME` shows them. */
  stackConfig?(stack: string): Promise<Record<string, string>>;
}

/** Reads a stack's config through the Pulumi CLI (which decrypts secrets with the stack's secrets provider). */
export function pulumiStackConfig(stack: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    execFile(
      "pulumi",
      ["config", "--json", "--show-secrets", "--stack", stack],
      { env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const why = stderr.trim().split("\n").at(-1) ?? error.message;
          reject(new DoctorUsageError(`could not read the config of stack ${JSON.stringify(stack)}: ${why}`));
          return;
        }
        try {
          const parsed = JSON.parse(stdout) as Record<string, { value?: unknown }>;
          const out: Record<string, string> = {};
          for (const [key, entry] of Object.entries(parsed))
            if (key.startsWith("stringee:") && typeof entry.value === "string") out[key] = entry.value;
          resolve(out);
        } catch {
          reject(new DoctorUsageError(`pulumi config --json printed something that is not JSON.`));
        }
      },
    );
  });
}

/** Runs the command; resolves with the exit code. */
export async function runDoctor(argv: readonly string[], io: DoctorIo): Promise<number> {
  let args: DoctorArgs;
  let config: Record<string, string> = {};
  try {
    args = parseDoctorArgs(argv);
    if (args.help) {
      io.stdout(DOCTOR_HELP);
      return 0;
    }
    if (args.stack !== undefined)
      config = await (io.stackConfig ?? ((s) => pulumiStackConfig(s, io.env)))(args.stack);
  } catch (err) {
    if (err instanceof DoctorUsageError) {
      io.stderr(`${NAME}: ${err.message} Run \`${NAME} --help\`.\n`);
      return 2;
    }
    throw err;
  }
  const partial = resolveSettings((key) => config[key], io.env);
  let settings: ProviderSettings;
  try {
    settings = requireSettings(partial);
  } catch (err) {
    io.stderr(`${NAME}: ${err instanceof Error ? err.message : MISSING_CREDENTIALS_MESSAGE}\n`);
    return 2;
  }
  const report = await diagnose(settings, describeSources(config, io.env, args.stack, settings));
  io.stdout(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.ok ? 0 : 1;
}

/** Where each setting was read from, without the secret. */
function describeSources(
  config: Record<string, string>,
  env: NodeJS.ProcessEnv,
  stack: string | undefined,
  settings: ProviderSettings,
): DoctorReport["settings"] {
  const out: DoctorReport["settings"] = {};
  for (const [name, source] of Object.entries(SETTING_SOURCES) as [
    keyof ProviderSettings,
    { config: string; env: string },
  ][]) {
    const from = config[source.config]
      ? `${source.config} (stack ${stack})`
      : env[source.env]
        ? source.env
        : "default";
    const value = name === "apiKeySecret" ? undefined : settings[name];
    out[name] = value === undefined ? { source: from } : { source: from, value: String(value) };
  }
  return out;
}

/** Lists the first page of every collection and compares the answers with the catalog. */
export async function diagnose(
  settings: ProviderSettings,
  sources: DoctorReport["settings"],
): Promise<DoctorReport> {
  const client = new StringeeClient({
    ...settings,
    userAgent: "stringee-pulumi-doctor",
    retry: { limit: 2 },
  });
  const collections: CollectionReport[] = [];
  const problems: string[] = [];
  const firstIds = new Map<string, string>();
  try {
    for (const entry of LIST_CATALOG) {
      const parentId = entry.parent ? firstIds.get(entry.parent.collection) : undefined;
      const query: Record<string, string | number> = {};
      if (entry.parent) query[entry.parent.param] = parentId ?? "";
      if (entry.paged) Object.assign(query, { page: 1, limit: DEFAULT_PAGE_SIZE });
      const request = `GET ${entry.path}${Object.keys(query).length > 0 ? `?${new URLSearchParams(toStrings(query))}` : ""}`;
      if (entry.parent && parentId === undefined) {
        collections.push(
          skipped(
            entry,
            request,
            `not checked: the account has no ${entry.parent.collection} to list it under`,
          ),
        );
        continue;
      }
      let answer: InspectedAnswer;
      try {
        answer = await client.http.inspect(entry.base, entry.path, query);
      } catch (err) {
        const why = err instanceof StringeeApiError ? err.message : String(err);
        if (err instanceof StringeeApiError && err.name === "StringeeAuthError") {
          problems.push(why);
          break;
        }
        collections.push({
          ...skipped(entry, request, why),
          outcome: "failed",
          problems: [`unreachable: ${why}`],
        });
        continue;
      }
      const report = compare(entry, request, answer);
      collections.push(report);
      if (report.status === 401 || report.status === 403) {
        problems.push(
          `Stringee refused the credentials (HTTP ${report.status}${report.r === undefined ? "" : `, r=${report.r}`}${report.message ? ` "${report.message}"` : ""}): check the API key SID and secret, the region of the key (a key of a regional host is refused by the global one) and this machine's clock. Nothing else was asked.`,
        );
        break;
      }
      const firstId = firstListedId(entry, answer);
      if (firstId !== undefined) firstIds.set(entry.collection, firstId);
    }
  } finally {
    client.close();
  }
  const ok = problems.length === 0 && collections.every((c) => c.problems.length === 0);
  return { ok, settings: sources, collections, problems };
}

function toStrings(query: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]));
}

function skipped(entry: ListCatalogEntry, request: string, message: string): CollectionReport {
  return {
    collection: entry.collection,
    request,
    outcome: "skipped",
    message,
    items: 0,
    ids: "none",
    missingRequired: [],
    notListed: [],
    unknown: [],
    rateLimitHeaders: {},
    problems: [],
  };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function keysOf(keys: WireKeys): readonly string[] {
  return typeof keys === "string" ? [keys] : keys;
}

/** Compares one answer with the catalog entry. */
export function compare(entry: ListCatalogEntry, request: string, answer: InspectedAnswer): CollectionReport {
  const body = record(answer.body);
  const r = typeof body?.["r"] === "number" ? body["r"] : undefined;
  const message = typeof body?.["message"] === "string" ? body["message"] : undefined;
  const report: CollectionReport = {
    ...skipped(entry, request, ""),
    outcome: answer.status === 200 && r === 0 ? "ok" : "failed",
    status: answer.status,
    ...(r === undefined ? {} : { r }),
    ...(message === undefined ? {} : { message }),
    rateLimitHeaders: rateLimitHeaders(answer.headers),
  };
  if (message === undefined) delete report.message;
  if (report.outcome === "failed") {
    report.problems.push(
      body === undefined
        ? `answered HTTP ${answer.status} with a body that is not a Stringee envelope`
        : `answered HTTP ${answer.status}, r=${String(r)}${message ? ` "${message}"` : ""}`,
    );
    return report;
  }
  const data = record(body?.["data"]);
  const items = data?.[entry.itemsKey];
  if (!Array.isArray(items)) {
    report.problems.push(
      `the answer has no data.${entry.itemsKey} list (data keys: ${Object.keys(data ?? {}).join(", ") || "none"})`,
    );
    return report;
  }
  const objects = items.map(record).filter((i): i is Record<string, unknown> => i !== undefined);
  report.items = objects.length;
  const totalKey = entry.countKeys.find((k) => data?.[k] !== undefined);
  if (totalKey !== undefined)
    report.total = { key: totalKey, value: data?.[totalKey], type: typeof data?.[totalKey] };
  if (entry.paged && totalKey === undefined && data?.["totalPages"] === undefined)
    report.problems.push(
      `no total (${entry.countKeys.join(" or ")}) and no totalPages: the provider cannot tell when a paged list ends`,
    );
  report.ids = idForm(entry, objects);
  const known = new Set<string>([
    ...entry.required.flatMap(keysOf),
    ...Object.values(entry.optional).flatMap(keysOf),
    ...entry.ignored,
  ]);
  const missing = new Set<string>();
  const seen = new Set<string>();
  for (const item of objects) {
    for (const keys of entry.required)
      if (keysOf(keys).every((k) => !(k in item))) missing.add(keysOf(keys).join(" or "));
    for (const k of Object.keys(item)) seen.add(k);
  }
  report.missingRequired = [...missing];
  for (const m of missing) report.problems.push(`items lack ${m}, which the provider needs`);
  if (objects.length > 0) {
    report.notListed = Object.values(entry.optional)
      .filter((keys) => keysOf(keys).every((k) => !seen.has(k)))
      .map((keys) => keysOf(keys).join(" or "));
    report.unknown = [...seen].filter((k) => !known.has(k)).sort();
  }
  return report;
}

function idForm(entry: ListCatalogEntry, items: Record<string, unknown>[]): CollectionReport["ids"] {
  if (entry.idKey === undefined || items.length === 0) return "none";
  const forms = new Set<string>();
  for (const item of items) {
    const id = item[entry.idKey];
    if (typeof id === "number") forms.add("numeric");
    else if (typeof id === "string" && entry.idPrefix !== undefined)
      forms.add(id.startsWith(entry.idPrefix) ? "prefixed" : "unprefixed");
    else if (typeof id === "string")
      forms.add(entry.idKey === "username" && /^\d+_/.test(id) ? "prefixed" : "unprefixed");
  }
  if (forms.size === 0) return "none";
  return forms.size === 1 ? ([...forms][0] as CollectionReport["ids"]) : "mixed";
}

function firstListedId(entry: ListCatalogEntry, answer: InspectedAnswer): string | undefined {
  const items = record(record(answer.body)?.["data"])?.[entry.itemsKey];
  if (!Array.isArray(items) || entry.idKey === undefined) return undefined;
  const id = record(items[0])?.[entry.idKey];
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
}

// Headers about request budgets. Stringee's rate-limit page says answers tell "how many requests have been
// sent and how many remain" without naming the headers, so anything that looks like one is reported.
function rateLimitHeaders(headers: InspectedAnswer["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!/rate|retry-after|remaining|limit/i.test(name) || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** The plain-text report, for a terminal or a bug report. */
export function formatReport(report: DoctorReport): string {
  const lines = [`${NAME}: read-only check of the Stringee API (GET requests only)`, ""];
  for (const [name, s] of Object.entries(report.settings))
    lines.push(
      `  ${name.padEnd(16)} ${s.value ?? (name === "apiKeySecret" ? "(set, not shown)" : "(default)")}  [${s.source}]`,
    );
  lines.push("");
  for (const c of report.collections) {
    const head = c.outcome === "skipped" ? "SKIPPED" : c.outcome === "ok" ? "ok" : "FAILED";
    const answer =
      c.status === undefined ? "" : ` -> HTTP ${c.status}${c.r === undefined ? "" : ` r=${c.r}`}`;
    lines.push(`${head.padEnd(8)} ${c.collection.padEnd(19)} ${c.request}${answer}`);
    if (c.outcome === "skipped" && c.message) lines.push(`           ${c.message}`);
    if (c.outcome !== "ok") {
      for (const p of c.problems) lines.push(`           problem: ${p}`);
      continue;
    }
    const total = c.total ? `, ${c.total.key} ${JSON.stringify(c.total.value)} (${c.total.type})` : "";
    lines.push(`           ${c.items} item(s) on the first page${total}; ids: ${c.ids}`);
    if (c.items === 0) lines.push("           no items: fields could not be compared");
    if (c.notListed.length > 0)
      lines.push(`           not listed (refresh keeps declared values): ${c.notListed.join(", ")}`);
    if (c.unknown.length > 0)
      lines.push(`           fields the provider does not read: ${c.unknown.join(", ")}`);
    for (const [h, v] of Object.entries(c.rateLimitHeaders)) lines.push(`           header ${h}: ${v}`);
    for (const p of c.problems) lines.push(`           problem: ${p}`);
  }
  for (const p of report.problems) lines.push("", `problem: ${p}`);
  lines.push(
    "",
    report.ok
      ? "Result: everything the provider needs is there."
      : "Result: the provider would not work as expected; see the problems above.",
  );
  return `${lines.join("\n")}\n`;
}

/** The `doctor` command for `stringee-pulumi`. */
export const command: Command = {
  summary: "Check, read-only, that the Stringee API answers the way the provider expects",
  run: (argv) =>
    runDoctor(argv, {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      env: process.env,
    }),
};
