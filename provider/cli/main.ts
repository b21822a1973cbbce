#!/usr/bin/env node
// `npx stringee-pulumi <command>`: the project's own command line. Each command lives in its own module
// and exports `run(argv)`, resolving with the process exit code; this file only dispatches.
/** One sub-command of the `stringee-pulumi` CLI. */
export interface Command {
  /** One-line description shown by `--help`. */
  summary: string;
  /** Runs the command with its own arguments; resolves with the exit code. */
  run(argv: string[]): Promise<number>;
}

// Loaded on demand so `graph` does not pay for the HTTP client and `export` not for the graph code.
const COMMANDS: Record<string, () => Promise<Command>> = {
  doctor: async () => (await import("./doctor")).command,
  export: async () => (await import("./export")).command,
  graph: async () => (await import("./graph")).command,
};

/** Dispatches `argv` (without node and script) to a command; resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const lines = ["Usage: stringee-pulumi <command> [options]", "", "Commands:"];
    for (const [n, load] of Object.entries(COMMANDS))
      lines.push(`  ${n.padEnd(8)} ${(await load()).summary}`);
    lines.push("", "Run `stringee-pulumi <command> --help` for a command's options.");
    process.stdout.write(lines.join("\n") + "\n");
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    process.stderr.write(
      `stringee-pulumi: unknown command ${JSON.stringify(name)}. Commands: ${Object.keys(COMMANDS).join(", ")}.\n`,
    );
    return 2;
  }
  return (await load()).run(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`stringee-pulumi: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
