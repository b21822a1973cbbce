#!/usr/bin/env node
// Command line entry of the emulator (package bin `stringee-emulator`). Prints the two base URLs
// on stdout, logs to stderr, serves until SIGINT/SIGTERM, then closes (saving --state).
import { startEmulator, type EmulatorOptions } from "./server";

/** Parsed command line, before defaults. */
export interface CliSettings {
  port: number;
  apiKeySid: string;
  apiKeySecret: string;
  projectId?: number;
  stateFile?: string;
  /** Entries the request log keeps before dropping the oldest (default 10 000). */
  requestLogCapacity?: number;
  /** `--lenient`: the richer reading instead of the strictest (see ASSUMPTIONS.md, "Readings"). */
  lenient?: boolean;
  /** `--numeric-ids`: IVR trees, nodes and keypresses get numeric ids. */
  numericIds?: boolean;
}

const USAGE =
  "usage: stringee-emulator --api-key-sid SID --api-key-secret SECRET [--port N] [--project-id N] [--state FILE]\n" +
  "                         [--request-log-capacity N] [--lenient] [--numeric-ids]\n" +
  "  --lenient      answer with the richer reading (every field in lists, prefixed create ids, 401 reasons)\n" +
  "  --numeric-ids  IVR trees, nodes and keypresses get numeric ids (the keypress doc's second sample)\n" +
  "  env: STRINGEE_EMULATOR_PORT, STRINGEE_API_KEY_SID, STRINGEE_API_KEY_SECRET, STRINGEE_EMULATOR_STATE";

const FLAGS: Record<string, keyof CliSettings> = {
  "--port": "port",
  "--api-key-sid": "apiKeySid",
  "--api-key-secret": "apiKeySecret",
  "--project-id": "projectId",
  "--state": "stateFile",
  "--request-log-capacity": "requestLogCapacity",
};

function parseInteger(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${value}"`);
  }
  return Number(value);
}

/** Reads flags (`--flag value` or `--flag=value`), falling back to environment variables. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliSettings {
  const raw: Partial<Record<keyof CliSettings, string>> = {};
  const switches: { lenient?: boolean; numericIds?: boolean } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") throw new Error(USAGE);
    if (arg === "--lenient" || arg === "--numeric-ids") {
      switches[arg === "--lenient" ? "lenient" : "numericIds"] = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const key = FLAGS[flag];
    if (!key) throw new Error(`unknown argument: ${arg}\n${USAGE}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    raw[key] = value;
  }
  raw.port ??= env.STRINGEE_EMULATOR_PORT;
  raw.apiKeySid ??= env.STRINGEE_API_KEY_SID;
  raw.apiKeySecret ??= env.STRINGEE_API_KEY_SECRET;
  raw.stateFile ??= env.STRINGEE_EMULATOR_STATE;
  if (!raw.apiKeySid) throw new Error(`--api-key-sid (or STRINGEE_API_KEY_SID) is required\n${USAGE}`);
  if (!raw.apiKeySecret)
    throw new Error(`--api-key-secret (or STRINGEE_API_KEY_SECRET) is required\n${USAGE}`);
  return {
    port: raw.port === undefined || raw.port === "" ? 0 : parseInteger("--port", raw.port, 0, 65535),
    apiKeySid: raw.apiKeySid,
    apiKeySecret: raw.apiKeySecret,
    projectId:
      raw.projectId === undefined ? undefined : parseInteger("--project-id", raw.projectId, 1, 2 ** 31 - 1),
    stateFile: raw.stateFile === "" ? undefined : raw.stateFile,
    requestLogCapacity:
      raw.requestLogCapacity === undefined
        ? undefined
        : parseInteger("--request-log-capacity", raw.requestLogCapacity, 1, 10_000_000),
    ...switches,
  };
}

async function main(): Promise<void> {
  let settings: CliSettings;
  try {
    settings = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const options: EmulatorOptions = {
    port: settings.port,
    apiKeySid: settings.apiKeySid,
    apiKeySecret: settings.apiKeySecret,
    projectId: settings.projectId,
    stateFile: settings.stateFile,
    requestLogCapacity: settings.requestLogCapacity,
    reading: settings.lenient ? "lenient" : "strict",
    numericIds: settings.numericIds,
    log: (line) => process.stderr.write(`[stringee-emulator] ${line}\n`),
  };
  const emulator = await startEmulator(options);
  process.stdout.write(`ICC base URL: ${emulator.iccBaseUrl}\nAPI base URL: ${emulator.apiBaseUrl}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    options.log?.(`${signal} received, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`stringee-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
