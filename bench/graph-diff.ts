// How long `stringee-pulumi graph --diff` takes: in process (parse both specs, compare, draw, summarise) for
// the prod example and for generated specs of N resources (the benchmark's, with 10% of them edited), and the
// whole command as CI runs it (a new `node` process on the built CLI, dist/ from `npm run build`). Prints the
// median of several runs; no emulator, no Pulumi engine.
//
// Usage: npx ts-node --transpile-only bench/graph-diff.ts [--sizes 50,200,1000] [--runs 7]
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { diffCallFlow, formatSummary } from "../provider/graph/diff";
import { parseContactCenterSpec } from "../provider/spec/parse";
import { generateSpec } from "./generate";

const ROOT = resolve(__dirname, "..");
const CLI = join(ROOT, "dist", "provider", "cli", "main.js");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

function timeInProcess(
  base: string,
  head: string,
  runs: number,
): { time: number; lines: number; bytes: number } {
  const times: number[] = [];
  let lines = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const diff = diffCallFlow(
      parseContactCenterSpec(base, "base.yaml"),
      parseContactCenterSpec(head, "head.yaml"),
    );
    const summary = formatSummary(diff, { markdown: true });
    times.push(performance.now() - t0);
    lines = summary.split("\n").filter((l) => l.startsWith("- ")).length;
    bytes = diff.mermaid.length;
  }
  return { time: median(times), lines, bytes };
}

function timeCommand(baseFile: string, headFile: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, [CLI, "graph", "--diff", baseFile, headFile], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    times.push(performance.now() - t0);
  }
  return median(times);
}

function main(): void {
  const { values } = parseArgs({
    options: { sizes: { type: "string", default: "50,200,1000" }, runs: { type: "string", default: "7" } },
  });
  const runs = Number(values.runs);
  const sizes = values.sizes.split(",").map(Number);
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const dir = mkdtempSync(join(tmpdir(), "graph-diff-bench-"));
  try {
    const rows: string[][] = [];
    const prodBase = join(ROOT, "contact-center.prod.yaml");
    const prodHead = join(ROOT, "docs", "diff-example", "contact-center.prod.yaml");
    const prod = timeInProcess(readFileSync(prodBase, "utf8"), readFileSync(prodHead, "utf8"), runs * 3);
    rows.push([
      "prod example",
      ms(prod.time),
      ms(timeCommand(prodBase, prodHead, runs)),
      String(prod.lines),
      String(prod.bytes),
    ]);
    for (const n of sizes) {
      const base = generateSpec(n).yaml;
      const head = generateSpec(n, Math.round(n / 10)).yaml;
      const baseFile = join(dir, `base-${n}.yaml`);
      const headFile = join(dir, `head-${n}.yaml`);
      writeFileSync(baseFile, base);
      writeFileSync(headFile, head);
      const r = timeInProcess(base, head, runs);
      rows.push([
        `N = ${n}, 10% edited`,
        ms(r.time),
        ms(timeCommand(baseFile, headFile, runs)),
        String(r.lines),
        String(r.bytes),
      ]);
    }
    process.stdout.write(
      [
        `graph --diff, median of ${runs} runs (in process: ${runs * 3} for prod), ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}`,
        "",
        "| specs | in process (parse both, diff, draw, summary) | whole command (new node process) | change lines | graph bytes |",
        "|---|---|---|---|---|",
        ...rows.map((r) => `| ${r.join(" | ")} |`),
        "",
      ].join("\n"),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
