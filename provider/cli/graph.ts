// `stringee-pulumi graph [spec-file] [--diff BASE]`: prints the call flow of a contact-center spec as a Mermaid
// flowchart, for a README, a PR comment or a look before `pulumi up`; with --diff, what changes for callers
// since BASE (a file or a git revision): change lines and the flow with the changes marked. Specs go through
// the same parser as `pulumi preview`, so a bad spec fails here with the same file:line:col problems.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { diffCallFlow, formatSummary } from "../graph/diff";
import { renderMermaid } from "../graph/mermaid";
import { SpecError, loadContactCenterSpec, parseContactCenterSpec } from "../spec/parse";
import type { ContactCenterSpec } from "../spec/schema";
import type { Command } from "./main";

const USAGE = `Usage: stringee-pulumi graph [spec-file] [--stack NAME] [--diff BASE] [--format FORMAT] [--out FILE]

Prints the call flow of a contact-center spec as a Mermaid flowchart (flowchart LR): numbers -> IVR trees
-> nodes -> one edge per key (to a queue, a node, a phone or the end of the call) -> queues -> groups
(primary group thick) -> agents -> their SIP phone or own phone. Every object appears with its display name.
The same spec always gives the same output. Paste it in a \`\`\`mermaid block (GitHub renders it).

With --diff BASE, compares the spec (the head) with BASE and prints what changes for callers: one line per
change a caller or an agent would notice (routes per key, numbers re-pointed, agents joining or leaving
groups, primary groups, queue waiting settings...), grouped by the number that reaches it, and the head's
call flow with added (+), removed (-) and changed (~) boxes and arrows marked in colour, the rest dimmed.

Arguments:
  spec-file          The spec to draw (the head with --diff). Default: contact-center.<stack>.yaml with
                     --stack, else contact-center.dev.yaml, in the current folder.

Options:
  -s, --stack NAME   Draw contact-center.NAME.yaml (ignored when spec-file is given).
  -d, --diff BASE    Compare with BASE: a spec file, or a git revision (main, HEAD~1, a commit), read with
                     \`git show REV:<spec-file>\` from the spec's folder (REV:PATH names another path). A spec
                     the revision does not have yet counts as empty: everything is added.
  -f, --format FMT   mermaid: the graph only (default without --diff); summary: the change lines only
                     (--diff only); markdown: the change lines, then the graph in a \`\`\`mermaid block
                     (default with --diff), ready for a pull-request comment.
  -o, --out FILE     Write to FILE instead of standard output.
  -h, --help         Show this help.

Exit codes: 0 drawn, 1 a spec is invalid or unreadable (every problem is listed as file:line:col), 2 bad
arguments.
`;

const FORMATS = ["mermaid", "summary", "markdown"] as const;
type OutputFormat = (typeof FORMATS)[number];

/** The spec file `graph` reads: the positional argument, else `contact-center.<stack>.yaml`, else the dev spec. */
export function defaultSpecFile(stack: string | undefined): string {
  return `contact-center.${stack ?? "dev"}.yaml`;
}

/**
 * Reads the base of `--diff`: the file `base` when there is one, else the git revision `base` (`REV`, read as
 * `REV:./<spec file name>` from the spec's folder, or `REV:PATH` as given). A spec the revision does not
 * contain is an empty spec. Throws {@link SpecError} when neither works.
 */
export function loadBaseSpec(base: string, headFile: string): ContactCenterSpec {
  if (fs.statSync(base, { throwIfNoEntry: false })?.isFile() === true) return loadContactCenterSpec(base);
  const object = base.includes(":") ? base : `${base}:./${path.basename(headFile)}`;
  const cwd = base.includes(":") ? process.cwd() : path.dirname(path.resolve(headFile));
  const problem = (message: string) => new SpecError([{ file: object, path: "", message }]);
  if (base.startsWith("-")) throw problem("not a spec file, and a git revision cannot start with '-'.");
  let text: string;
  try {
    // No shell: the revision is one argument, whatever it contains.
    text = execFileSync("git", ["show", object], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    const said = ((e.stderr ?? "").trim().split("\n")[0] || e.message).replace(/\.$/, "");
    if (/does not exist in|exists on disk, but not in/.test(said)) {
      process.stderr.write(`stringee-pulumi graph: ${object} does not exist: comparing with an empty spec\n`);
      return parseContactCenterSpec("", object);
    }
    throw problem(
      `no such spec file, and \`git show ${object}\` failed: ${said}. Give a spec file or a revision of the spec's repository.`,
    );
  }
  return parseContactCenterSpec(text, object);
}

/** Runs `graph` with its own arguments; resolves with the exit code. */
export async function runGraph(argv: string[]): Promise<number> {
  let values: { stack?: string; out?: string; diff?: string; format?: string; help?: boolean };
  let positionals: string[];
  const usage = (message: string) => {
    process.stderr.write(`stringee-pulumi graph: ${message}\n\n${USAGE}`);
    return 2;
  };
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        stack: { type: "string", short: "s" },
        out: { type: "string", short: "o" },
        diff: { type: "string", short: "d" },
        format: { type: "string", short: "f" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    return usage((err as Error).message);
  }
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    return usage(`one spec file at most, got ${positionals.length}: ${positionals.join(" ")}`);
  }
  const format = (values.format ?? (values.diff === undefined ? "mermaid" : "markdown")) as OutputFormat;
  if (!FORMATS.includes(format)) {
    return usage(`--format must be one of ${FORMATS.join(", ")}, got ${JSON.stringify(values.format)}`);
  }
  if (format === "summary" && values.diff === undefined) return usage("--format summary needs --diff BASE");

  const file = positionals[0] ?? defaultSpecFile(values.stack);
  let text: string;
  try {
    const head = loadContactCenterSpec(file);
    text =
      values.diff === undefined
        ? single(head, format)
        : compared(loadBaseSpec(values.diff, file), head, format);
  } catch (err) {
    if (err instanceof SpecError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }

  if (values.out === undefined) {
    process.stdout.write(text);
  } else {
    try {
      fs.writeFileSync(values.out, text);
    } catch (err) {
      process.stderr.write(`stringee-pulumi graph: cannot write ${values.out}: ${(err as Error).message}\n`);
      return 1;
    }
    process.stderr.write(`stringee-pulumi graph: wrote ${values.out}\n`);
  }
  return 0;
}

const fenced = (mermaid: string) => `\`\`\`mermaid\n${mermaid}\`\`\`\n`;

function single(spec: ContactCenterSpec, format: OutputFormat): string {
  const graph = renderMermaid(spec);
  return format === "markdown" ? fenced(graph) : graph;
}

function compared(base: ContactCenterSpec, head: ContactCenterSpec, format: OutputFormat): string {
  const diff = diffCallFlow(base, head);
  if (format === "mermaid") return diff.mermaid;
  if (format === "summary") return formatSummary(diff);
  return `${formatSummary(diff, { markdown: true })}\n${fenced(diff.mermaid)}`;
}

/** The `graph` command. */
export const command: Command = {
  summary: "Print the call flow of a spec as a Mermaid flowchart, or what changes for callers (--diff)",
  run: runGraph,
};
