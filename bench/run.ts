// `npm run bench`: the real Pulumi CLI on generated contact centers (N = 50, 200, 1000 by default) against
// the emulator with a fixed latency, next to the engine floor: the same program whose dynamic providers are
// swapped for one that does nothing (a stack transformation replaces `__provider`), so the ratio shows what
// the provider adds on top of the engine. Prints one table per N and, with --out, writes them as markdown.
//
// Usage: npm run bench -- [--sizes 50,200,1000] [--latency 50] [--parallel P] [--floor-rtt] [--out FILE]
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { sessionProcesses, type PulumiProject } from "../tests/e2e/harness";
import { EmulatorControl } from "../tests/support/emulatorControl";
import { byMethod, createGeneratedProject, STACK } from "./project";

/**
 * The floor program: every dynamic provider becomes a no-op before the GitOps program runs. With `rttMs`,
 * each create, update and delete first waits that long: the cost of one API round trip and nothing else.
 */
const floorProgram = (rttMs: number) => `import * as pulumi from "@pulumi/pulumi";

const rtt = () => new Promise((resolve) => setTimeout(resolve, ${rttMs}));
const noop: pulumi.dynamic.ResourceProvider = {
  async create(inputs: any) {
    await rtt();
    return { id: \`floor-\${Math.random().toString(36).slice(2)}\`, outs: inputs };
  },
  async read(id: string, props: any) {
    return { id, props };
  },
  async update(_id: string, _olds: any, news: any) {
    await rtt();
    return { outs: news };
  },
  async delete() {
    await rtt();
  },
};
const serialized = pulumi.runtime.serializeFunction(() => noop, { allowSecrets: true }).then((f) => f.text);
pulumi.runtime.registerStackTransformation((args) =>
  args.type.startsWith("pulumi-nodejs:dynamic")
    ? { props: { ...args.props, __provider: serialized }, opts: args.opts }
    : undefined,
);
// eslint-disable-next-line @typescript-eslint/no-require-imports
module.exports = require("./program");
`;

interface Step {
  name: string;
  args: string[];
  before?: () => void;
}

interface Measured {
  seconds: number;
  requests: Record<string, number>;
  peakRssMb: number;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

// Peak resident memory (VmHWM) of the dynamic provider processes of a CLI session, sampled until it exits.
function watchProviderRss(sid: number): { stop(): number } {
  let peakKb = 0;
  const sample = () => {
    for (const pid of sessionProcesses(sid)) {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!cmdline.includes("dynamic-provider")) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // the process exited between listing and reading
      }
    }
  };
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      return peakKb / 1024;
    },
  };
}

async function measure(project: PulumiProject, args: string[], emu?: EmulatorControl): Promise<Measured> {
  await emu?.clearRequests();
  const started = process.hrtime.bigint();
  const cli = project.spawn(args);
  const rss = watchProviderRss(cli.pid);
  const result = await cli.exited;
  const peakRssMb = rss.stop();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.code !== 0)
    throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  const requests = emu ? byMethod(await emu.requests()) : {};
  return { seconds, requests, peakRssMb };
}

async function benchSize(
  emu: EmulatorControl,
  n: number,
  parallel: string[],
  floorRttMs: number,
): Promise<string> {
  const real = await createGeneratedProject(emu, n);
  const floor = await createGeneratedProject(emu, n, {
    "program.ts": readFileSync(`${__dirname}/../program/index.ts`, "utf8"),
  });
  floor.project.write("index.ts", floorProgram(floorRttMs));
  const edits = Math.ceil(n / 10);
  const steps: Step[] = [
    { name: "up", args: ["up", "--yes", "--skip-preview", ...parallel] },
    { name: "preview (no change)", args: ["preview", "--expect-no-changes", ...parallel] },
    { name: "refresh", args: ["refresh", "--yes", "--skip-preview", ...parallel] },
    { name: `update 10% (${edits})`, args: ["up", "--yes", "--skip-preview", ...parallel] },
    { name: "destroy", args: ["destroy", "--yes", "--skip-preview", ...parallel] },
  ];
  const rows: string[] = [
    `### N = ${real.spec.resources}`,
    "",
    "| operation | wall time | engine floor | ratio | GET | POST | PUT | DELETE | requests / object | provider peak RSS (floor's) | RSS above floor / object |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const step of steps) {
    if (step.name.startsWith("update")) {
      real.edit(edits);
      floor.edit(edits);
    }
    const f = await measure(floor.project, step.args);
    const r = await measure(real.project, step.args, emu);
    const total = Object.values(r.requests).reduce((a, b) => a + b, 0);
    const line = [
      step.name,
      `${r.seconds.toFixed(1)} s`,
      `${f.seconds.toFixed(1)} s`,
      `${(r.seconds / f.seconds).toFixed(2)}x`,
      r.requests["GET"],
      r.requests["POST"],
      r.requests["PUT"],
      r.requests["DELETE"],
      (total / n).toFixed(2),
      `${r.peakRssMb.toFixed(0)} MB (${f.peakRssMb.toFixed(0)} MB)`,
      `${(((r.peakRssMb - f.peakRssMb) * 1024) / n).toFixed(1)} kB`,
    ].join(" | ");
    rows.push(`| ${line} |`);
    process.stderr.write(
      `N=${n} ${step.name}: ${r.seconds.toFixed(1)} s (floor ${f.seconds.toFixed(1)} s)\n`,
    );
  }
  real.project.dispose();
  floor.project.dispose();
  return rows.join("\n");
}

async function main(): Promise<void> {
  const sizes = option("sizes", "50,200,1000").split(",").map(Number);
  const latency = Number(option("latency", "50"));
  const out = option("out", "");
  const parallelOption = option("parallel", "");
  // --floor-rtt: the floor's no-op provider waits one emulator latency per write (see floorProgram).
  const floorRttMs = process.argv.includes("--floor-rtt") ? latency : 0;
  const parallel = parallelOption ? ["--parallel", parallelOption] : [];
  const emu = await EmulatorControl.start();
  try {
    await emu.control("PUT", "/latency", { ms: latency });
    const header = [
      `## ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`,
      "",
      `Emulator latency ${latency} ms per request, ${parallelOption ? `--parallel ${parallelOption}` : "Pulumi default --parallel"}, stack \`${STACK}\`, file backend. ` +
        (floorRttMs > 0
          ? `Engine floor: the same program and state with every dynamic provider replaced by one that only waits ${floorRttMs} ms (one round trip) per create, update and delete. `
          : "Engine floor: the same program and state with every dynamic provider replaced by a no-op one. ") +
        "Requests are the API requests the emulator received (lists count one per page).",
      "",
    ];
    const tables: string[] = [];
    for (const n of sizes) {
      const table = await benchSize(emu, n, parallel, floorRttMs);
      tables.push(table);
      process.stdout.write(`${table}\n\n`);
    }
    if (out) writeFileSync(out, `${header.join("\n")}\n${tables.join("\n\n")}\n`);
  } finally {
    await emu.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
