// `stringee-pulumi graph [spec-file]`: prints the call flow of a contact-center spec as a Mermaid flowchart,
// for a README, a PR comment or a look before `pulumi up`. The spec goes through the same parser as
// `pulumi preview`, so a bad spec fails here with the same file:line:col problems.
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { renderMermaid } from "../graph/mermaid";
import { SpecError, loadContactCenterSpec } from "../spec/parse";
import type { Command } from "./main";

const USAGE = `Usage: stringee-pulumi graph [spec-file] [--stack NAME] [--out FILE]

Prints the call flow of a contact-center spec as a Mermaid flowchart (flowchart LR): numbers -> IVR trees
-> nodes -> one edge per key (to a queue, a node, a phone or the end of the call) -> queues -> groups
(primary group thick) -> agents -> their SIP phone or own phone. Every object appears with its display name.
The same spec always gives the same output. Paste it in a \`\`\`mermaid block (GitHub renders it).

Arguments:
  spec-file          The spec to draw. Default: contact-center.<stack>.yaml with --stack,
                     else contact-center.dev.yaml, in the current folder.

Options:
  -s, --stack NAME   Draw contact-center.NAME.yaml (ignored when spec-file is given).
  -o, --out FILE     Write the graph to FILE instead of standard output.
  -h, --help         Show this help.

Exit codes: 0 drawn, 1 the spec is invalid or unreadable (every problem is listed as file:line:col),
2 bad arguments.
`;

/** The spec file `graph` reads: the positional argument, else `contact-center.<stack>.yaml`, else the dev spec. */
export function defaultSpecFile(stack: string | undefined): string {
  return `contact-center.${stack ?? "dev"}.yaml`;
}

/** Runs `graph` with its own arguments; resolves with the exit code. */
export async function runGraph(argv: string[]): Promise<number> {
  let values: { stack?: string; out?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        stack: { type: "string", short: "s" },
        out: { type: "string", short: "o" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    process.stderr.write(`stringee-pulumi graph: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    process.stderr.write(
      `stringee-pulumi graph: one spec file at most, got ${positionals.length}: ${positionals.join(" ")}\n\n${USAGE}`,
    );
    return 2;
  }

  const file = positionals[0] ?? defaultSpecFile(values.stack);
  let graph: string;
  try {
    graph = renderMermaid(loadContactCenterSpec(file));
  } catch (err) {
    if (err instanceof SpecError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }

  if (values.out === undefined) {
    process.stdout.write(graph);
  } else {
    try {
      fs.writeFileSync(values.out, graph);
    } catch (err) {
      process.stderr.write(`stringee-pulumi graph: cannot write ${values.out}: ${(err as Error).message}\n`);
      return 1;
    }
    process.stderr.write(`stringee-pulumi graph: wrote ${values.out}\n`);
  }
  return 0;
}

/** The `graph` command. */
export const command: Command = {
  summary: "Print the call flow of a contact-center spec as a Mermaid flowchart",
  run: runGraph,
};
