// `stringee-pulumi export`: reads a whole Stringee account and writes contact-center.<stack>.yaml, the spec
// the GitOps program deploys, with importId on every object so that the first `pulumi up` adopts the account
// (no create, no delete). Progress, warnings and the `pulumi config set --secret` commands for the SIP
// passwords go to stderr; stdout only gets the path of the written file.
import * as fs from "node:fs";
import * as path from "node:path";
import { StringeeApiError, StringeeClient } from "../client";
import {
  EXPORT_TYPES,
  TYPE_DEPENDENCIES,
  readAccount,
  type AccountReader,
  type ExportType,
} from "../export/account";
import { buildSpec, type BuiltSpec } from "../export/spec";
import { resolveSettings, type ProviderSettings } from "../settings";
import { SpecError, parseContactCenterSpec } from "../spec/parse";
import type { Command } from "./main";

const NAME = "stringee-pulumi export";

/** The `--help` text. */
export const EXPORT_HELP = `Usage: stringee-pulumi export [--stack NAME] [--types LIST] [--out DIR] [--force]

Reads a whole Stringee account and writes contact-center.<stack>.yaml, the spec the GitOps program
(program/index.ts) deploys. Every object gets a spec name derived from its display name (number,
username), refers to others by name, and carries importId, so the first \`pulumi up\` adopts it instead
of creating it. SIP passwords cannot be read: the spec names a secret stack config key for each
(passwordConfig), and the command prints the \`pulumi config set --secret\` commands to run.

Options:
  --stack NAME          stack the spec is for: writes contact-center.NAME.yaml (default: dev)
  --types LIST          comma-separated sections to export (default: all):
                        ${EXPORT_TYPES.join(", ")}
                        sections they refer to are added (numbers need ivrTrees and queues,
                        ivrTrees need queues, queues and agents need groups)
  --out DIR             folder to write to (default: .; created when missing)
  --force               overwrite an existing spec file
  --api-key-sid SID     API key SID (default: STRINGEE_API_KEY_SID)
  --api-key-secret-file FILE
                        file holding the API key secret (default: STRINGEE_API_KEY_SECRET);
                        the secret is never taken on the command line
  --icc-base-url URL    contact-center API (default: STRINGEE_ICC_BASE_URL, else https://icc-api.stringee.com)
  --api-base-url URL    platform API, SIP phones (default: STRINGEE_API_BASE_URL, else https://api.stringee.com)
  -h, --help            show this help

Settings at Stringee's defaults (queue and IVR node options, call settings) are not written: they stay
unmanaged, as when a spec leaves them out. Agents' manualStatus is never written (the agents own it).
Greeting files cannot be downloaded: they are written without \`file\` and adopted as they are (add
\`file\` to manage their audio); queues and IVR nodes that play them name them as greetings of the spec.
Exit codes: 0 written (warnings, if any, on stderr), 1 the account could not be read or the spec not
written, 2 bad arguments or missing credentials.
`;

/** Parsed command line of `export`. */
export interface ExportArgs {
  /** Stack name, used in the file name. */
  stack: string;
  /** Sections asked for, before dependencies are added; undefined means all. */
  types?: ExportType[];
  /** Output folder. */
  out: string;
  /** Overwrite an existing file. */
  force: boolean;
  /** Show the help. */
  help: boolean;
  /** `--api-key-sid`. */
  apiKeySid?: string;
  /** `--api-key-secret-file`. */
  apiKeySecretFile?: string;
  /** `--icc-base-url`. */
  iccBaseUrl?: string;
  /** `--api-base-url`. */
  apiBaseUrl?: string;
}

/** A command-line mistake: printed as one line, exit code 2. */
export class UsageError extends Error {}

const VALUE_FLAGS: Record<string, keyof ExportArgs> = {
  "--stack": "stack",
  "--types": "types",
  "--out": "out",
  "--api-key-sid": "apiKeySid",
  "--api-key-secret-file": "apiKeySecretFile",
  "--icc-base-url": "iccBaseUrl",
  "--api-base-url": "apiBaseUrl",
};

/** Parses `export`'s arguments (`--flag value` or `--flag=value`); throws {@link UsageError}. */
export function parseExportArgs(argv: readonly string[]): ExportArgs {
  const args: ExportArgs = { stack: "dev", out: ".", force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") {
      args.help = true;
      continue;
    }
    if (arg === "--force") {
      args.force = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const field = VALUE_FLAGS[flag];
    if (field === undefined) {
      if (flag === "--api-key-secret")
        throw new UsageError(
          "--api-key-secret is not accepted: a secret on the command line shows in the process list and shell history; set STRINGEE_API_KEY_SECRET or use --api-key-secret-file FILE.",
        );
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}.`);
    }
    const value = eq > 0 && flag !== arg ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "") throw new UsageError(`${flag} needs a value.`);
    if (field === "types") args.types = parseTypes(value);
    else (args as unknown as Record<string, string>)[field] = value;
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(args.stack))
    throw new UsageError(
      `--stack ${JSON.stringify(args.stack)} is not a stack name: use letters, digits, '-', '_' or '.'.`,
    );
  return args;
}

/** Parses `--types`: names are matched without regard to case; unknown ones are a {@link UsageError}. */
export function parseTypes(value: string): ExportType[] {
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (names.length === 0) throw new UsageError(`--types needs at least one of ${EXPORT_TYPES.join(", ")}.`);
  return names.map((n) => {
    const found = EXPORT_TYPES.find((t) => t.toLowerCase() === n.toLowerCase());
    if (found === undefined)
      throw new UsageError(`--types: unknown section ${JSON.stringify(n)}; use ${EXPORT_TYPES.join(", ")}.`);
    return found;
  });
}

/** The asked sections plus every section they refer to, in spec order. */
export function withDependencies(types: readonly ExportType[] | undefined): Set<ExportType> {
  const out = new Set<ExportType>();
  const add = (t: ExportType) => {
    if (out.has(t)) return;
    out.add(t);
    TYPE_DEPENDENCIES[t].forEach(add);
  };
  (types ?? EXPORT_TYPES).forEach(add);
  return new Set(EXPORT_TYPES.filter((t) => out.has(t)));
}

/** The message for missing credentials: what is missing and both ways to set it. */
export function missingCredentialsMessage(missing: readonly ("apiKeySid" | "apiKeySecret")[]): string {
  const names = missing.map((m) => (m === "apiKeySid" ? "API key SID" : "API key secret")).join(" and ");
  return (
    `Stringee credentials are not configured (missing: ${names}). Set the environment variables ` +
    "STRINGEE_API_KEY_SID and STRINGEE_API_KEY_SECRET, or pass --api-key-sid SID and --api-key-secret-file FILE."
  );
}

/** Resolves credentials and URLs from the flags, then the environment (as the provider does); throws {@link UsageError}. */
export function exportSettings(args: ExportArgs, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  let secretFromFile: string | undefined;
  if (args.apiKeySecretFile !== undefined) {
    try {
      secretFromFile = fs.readFileSync(args.apiKeySecretFile, "utf8").trim();
    } catch (err) {
      throw new UsageError(
        `--api-key-secret-file: cannot read ${JSON.stringify(args.apiKeySecretFile)} (${(err as NodeJS.ErrnoException).code ?? "error"}).`,
      );
    }
  }
  const flags: Record<string, string | undefined> = {
    "stringee:apiKeySid": args.apiKeySid,
    "stringee:apiKeySecret": secretFromFile,
    "stringee:iccBaseUrl": args.iccBaseUrl,
    "stringee:apiBaseUrl": args.apiBaseUrl,
  };
  let settings;
  try {
    settings = resolveSettings((key) => flags[key], env);
  } catch (err) {
    // resolveSettings names the stack config keys; this command takes flags instead.
    throw new UsageError(
      (err as Error).message
        .replace("stringee:iccBaseUrl", "--icc-base-url")
        .replace("stringee:apiBaseUrl", "--api-base-url"),
    );
  }
  const missing = (["apiKeySid", "apiKeySecret"] as const).filter((k) => settings[k] === undefined);
  if (missing.length > 0) throw new UsageError(missingCredentialsMessage(missing));
  return settings as ProviderSettings;
}

/** Streams the command writes to; replaceable in tests. */
export interface ExportIo {
  /** Progress, warnings, errors and the config commands. */
  stderr: (text: string) => void;
  /** The written file's path. */
  stdout: (text: string) => void;
  /** Builds the client (default: a {@link StringeeClient}); tests pass a fake. */
  client?: (settings: ProviderSettings) => AccountReader & { close?: () => void };
  /** Environment to read credentials from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Milliseconds clock for the timing line (default `Date.now`). */
  now?: () => number;
}

/** What an export produced (for tests and the summary line). */
export interface ExportOutcome {
  /** Exit code. */
  code: number;
  /** The written file, when one was written. */
  file?: string;
  /** The built spec, when the account was read. */
  built?: BuiltSpec;
}

/** Runs `export` with its arguments; resolves with the outcome (never throws). */
export async function runExport(argv: readonly string[], io: ExportIo): Promise<ExportOutcome> {
  const fail = (code: number, message: string): ExportOutcome => {
    io.stderr(`${NAME}: ${message}\n`);
    return { code };
  };
  let args: ExportArgs;
  let settings: ProviderSettings;
  try {
    args = parseExportArgs(argv);
    if (args.help) {
      io.stdout(EXPORT_HELP);
      return { code: 0 };
    }
    settings = exportSettings(args, io.env);
  } catch (err) {
    if (err instanceof UsageError) return fail(2, `${err.message} Run \`stringee-pulumi export --help\`.`);
    throw err;
  }

  const file = path.join(args.out, `contact-center.${args.stack}.yaml`);
  if (!args.force && fs.existsSync(file))
    return fail(2, `${file} already exists; pass --force to overwrite it, or --out another folder.`);

  const types = withDependencies(args.types);
  const added = [...types].filter((t) => args.types !== undefined && !args.types.includes(t));
  if (added.length > 0)
    io.stderr(`${NAME}: also exporting ${added.join(", ")}: the sections asked for refer to them by name.\n`);

  const now = io.now ?? Date.now;
  const started = now();
  const client =
    io.client?.(settings) ??
    new StringeeClient({
      apiKeySid: settings.apiKeySid,
      apiKeySecret: settings.apiKeySecret,
      iccBaseUrl: settings.iccBaseUrl,
      apiBaseUrl: settings.apiBaseUrl,
      userAgent: "stringee-pulumi-export",
    });
  io.stderr(`Reading the Stringee account (${settings.iccBaseUrl ?? "https://icc-api.stringee.com"})\n`);
  let built: BuiltSpec;
  try {
    const account = await readAccount(client, { types, progress: (line) => io.stderr(`  ${line}\n`) });
    built = buildSpec(account, { types });
  } catch (err) {
    return fail(1, readFailure(err));
  } finally {
    client.close?.();
  }

  try {
    parseContactCenterSpec(built.text, file);
  } catch (err) {
    // The export only writes what the parser accepts; anything else is a bug here, not in the account.
    if (err instanceof SpecError)
      return fail(
        1,
        `the exported spec does not parse, so it was not written (a bug; please report it):\n${err.message}`,
      );
    throw err;
  }

  try {
    fs.mkdirSync(args.out, { recursive: true });
    fs.writeFileSync(file, built.text);
  } catch (err) {
    return fail(1, `cannot write ${file}: ${(err as Error).message}`);
  }

  for (const w of built.warnings) io.stderr(`warning: ${w}\n`);
  const total = built.counts.reduce((n, [, c]) => n + c, 0);
  const seconds = ((now() - started) / 1000).toFixed(1);
  io.stderr(
    `Wrote ${file}: ${total} objects (${built.counts.map(([k, c]) => `${c} ${c === 1 ? singular(k) : k}`).join(", ") || "empty account"}) in ${seconds} s.\n`,
  );
  if (built.passwords.length > 0) {
    io.stderr(
      "SIP passwords cannot be read from Stringee. Before `pulumi up`, set each one as a secret in the stack config:\n",
    );
    for (const p of built.passwords)
      io.stderr(
        `  pulumi config set --stack ${args.stack} --secret ${p.configKey} <password>   # SIP user ${p.username}\n`,
      );
  }
  io.stderr(
    `Next: \`pulumi up --stack ${args.stack}\` adopts every object (importId) without creating any.\n`,
  );
  io.stdout(`${file}\n`);
  return { code: 0, file, built };
}

/** `IVR keypresses` -> `IVR keypress`, `queues` -> `queue`; `call settings` is one object already. */
function singular(kind: string): string {
  return kind.endsWith("settings") ? kind : kind.replace(/(ss)es$|s$/, "$1");
}

/** One line for a failed read: auth problems say what to check; nothing secret is ever included. */
export function readFailure(err: unknown): string {
  if (err instanceof StringeeApiError) {
    if (err.httpStatus === 401 || err.httpStatus === 403 || err.r === 6)
      // Built from the error's fields (not its message): one line, whatever wording the client uses.
      return `Stringee refused the API key (${err.method} ${err.path}: HTTP ${err.httpStatus ?? "-"}, r=${err.r ?? "-"}${err.apiMessage === undefined ? "" : ` ${JSON.stringify(err.apiMessage)}`}); check STRINGEE_API_KEY_SID and STRINGEE_API_KEY_SECRET (or --api-key-sid / --api-key-secret-file) and the machine's clock.`;
    return `reading the account failed: ${err.message}`;
  }
  return `reading the account failed: ${err instanceof Error ? err.message : String(err)}`;
}

/** The `export` command. */
export const command: Command = {
  summary: "Write contact-center.<stack>.yaml from an existing Stringee account (adopted by the first up)",
  run: async (argv) =>
    (
      await runExport(argv, {
        stderr: (t) => process.stderr.write(t),
        stdout: (t) => process.stdout.write(t),
      })
    ).code,
};
