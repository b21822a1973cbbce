// `npm run bench`: the real Pulumi CLI on generated contact centers against the emulator, in three parts.
// 1. Sizes (N = 50, 200, 1000 by default) at a fixed latency: every step of a lifecycle next to the engine
//    floor, the same program whose dynamic providers are swapped for one that does nothing (a stack
//    transformation replaces `__provider`), so the ratio shows what the provider adds on top of the engine.
// 2. Rate limit: an up and a destroy of N = 200 against an account limited the way Stringee documents it
//    (fixed, clock-aligned blocks, 429 without Retry-After; 100 requests per 10 s by default): requests
//    per second, 429s, failures and duplicates.
// 3. Large: up, no-change preview and destroy of N = 5000 (at a lower latency to keep it short), with the
//    floor, requests per object and the provider's peak memory per object, compared with N = 200.
// Each row gives the 1-minute load average when the step ended: the machine may be shared.
//
// Usage: npm run bench -- [--sizes 50,200,1000] [--latency 50] [--parallel P] [--floor-rtt]
//          [--rate-limit 200] [--rate-window 10:100] [--large 5000] [--large-latency 10]
//          [--steps up,preview,refresh,update,destroy] [--profile DIR] [--floor-pad BYTES] [--out FILE]
//          [--large-skip-checkpoints]
// `--rate-limit 0` and `--large 0` leave those parts out; `--sizes ""` leaves out the first.
// `--large-skip-checkpoints` runs part 3, floor and real alike, with PULUMI_SKIP_CHECKPOINTS=true: the engine
// then writes the state once at the end of a step instead of after every resource, which at N = 5000 is
// most of the floor's time (the rewrite grows with the square of N) and would take hours.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { sessionProcesses, type PulumiProject } from "../tests/e2e/harness";
import { EmulatorControl } from "../tests/support/emulatorControl";
import { InProcessProfiler, formatSummary, profilingEnv, summarizeProfiles } from "./profile";
import { blockUse, createGeneratedProject, STACK, type GeneratedProject } from "./project";

/**
 * The floor's no-op provider, a module of the floor project: every create, update and delete first waits
 * `rttMs` (0 by default; `--floor-rtt`: the cost of one API round trip and nothing else).
 */
const noopModule = (
  rttMs: number,
) => `const rtt = () => new Promise((resolve) => setTimeout(resolve, ${rttMs}));
module.exports = {
  async create(inputs) {
    await rtt();
    return { id: \`floor-\${Math.random().toString(36).slice(2)}\`, outs: inputs };
  },
  async read(id, props) {
    return { id, props };
  },
  async update(_id, _olds, news) {
    await rtt();
    return { outs: news };
  },
  async delete() {
    await rtt();
  },
};
`;

/**
 * The floor program: every dynamic provider becomes the no-op module before the GitOps program runs. Its
 * text in state is one line loading that module by path, the same size as the real providers' one line
 * (`require("stringee-pulumi/runtime").provider(kind)`), because the engine stores it in the inputs and
 * outputs of every resource and rewrites the whole state after each step: a larger floor text would make
 * the floor slower than the real program. With `padTo`, the text is padded with a comment to that many
 * bytes, which isolates what the size of a provider's text costs the engine (a diagnostic).
 */
const floorProgram = (noopPath: string, padTo = 0) => `import * as pulumi from "@pulumi/pulumi";

const pad = (text: string) => text + "//" + "x".repeat(Math.max(0, ${padTo} - text.length - 2));
const text = pad(${JSON.stringify(`exports.handler = () => require(${JSON.stringify(noopPath)});
`)});
pulumi.runtime.registerStackTransformation((args) =>
  args.type.startsWith("pulumi-nodejs:dynamic")
    ? { props: { ...args.props, __provider: text }, opts: args.opts }
    : undefined,
);
// eslint-disable-next-line @typescript-eslint/no-require-imports
module.exports = require("./program");
`;

interface Step {
  name: string;
  args: string[];
}

/** API requests of one CLI run, as the emulator logged them. */
interface Traffic {
  /** Answered requests (not 429) by method. */
  byMethod: Record<string, number>;
  /** 429 answers. */
  limited: number;
  /** When each request other than a 429 was answered, in ms since the epoch (the emulator counts it then). */
  acceptedAt: number[];
}

interface Measured {
  seconds: number;
  traffic: Traffic;
  peakRssMb: number;
  cpu: CpuUse;
  /** 1-minute load average when the run ended. */
  load: number;
  /** What the CLI printed, for failure counts. */
  output: string;
}

const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

// Every API request the emulator answers, from its log sink: the log endpoint keeps a bounded number of
// entries, and a sink gives the times too.
class TrafficRecorder {
  private lines: { at: number; method: string; status: string }[] = [];

  readonly sink = (line: string): void => {
    const m = /^(GET|POST|PUT|DELETE) \S+ -> (\S+)/.exec(line);
    if (m) this.lines.push({ at: Date.now(), method: m[1]!, status: m[2]! });
  };

  clear(): void {
    this.lines = [];
  }

  take(): Traffic {
    const byMethod: Record<string, number> = Object.fromEntries(METHODS.map((m) => [m, 0]));
    let limited = 0;
    for (const l of this.lines) {
      if (l.status === "429") limited++;
      else byMethod[l.method] = (byMethod[l.method] ?? 0) + 1;
    }
    const acceptedAt = this.lines.filter((l) => l.status !== "429").map((l) => l.at);
    this.clear();
    return { byMethod, limited, acceptedAt };
  }
}

/** CPU seconds a CLI run used, by process. */
interface CpuUse {
  /** The `pulumi` CLI: the engine. */
  engine: number;
  /** The language host and the Node.js program it runs. */
  program: number;
  /** The dynamic-provider process(es). */
  provider: number;
  /** This process: the emulator (and the bench's own sampling). */
  emulator: number;
}

// Which part of a CLI run a process is, from its command line.
function roleOf(cmdline: string): keyof CpuUse | undefined {
  if (cmdline.includes("dynamic-provider")) return "provider";
  if (cmdline.includes("pulumi-language-nodejs") || cmdline.includes("cmd/run")) return "program";
  if (/(^|\/)pulumi\0/.test(cmdline)) return "engine";
  return undefined;
}

const CLOCK_TICKS = 100;

// Peak resident memory (VmHWM) of the dynamic provider processes of a CLI session and the CPU time of its
// processes, sampled until it exits. Finding them means reading every process's /proc entry, so the session
// is scanned often only until the provider is found, then once a second; the processes found are sampled
// ten times a second (the bench process also hosts the emulator and must stay light).
function watchSession(sid: number): { stop(): { peakRssMb: number; cpu: CpuUse } } {
  let peakKb = 0;
  const roles = new Map<number, keyof CpuUse>();
  const gone = new Set<number>();
  const ticks = new Map<number, number>();
  const seen = new Set<number>();
  const started = process.cpuUsage();
  const discover = () => {
    for (const pid of sessionProcesses(sid)) {
      if (seen.has(pid)) continue;
      seen.add(pid);
      try {
        const role = roleOf(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
        if (role !== undefined) roles.set(pid, role);
      } catch {
        // the process exited between listing and reading
      }
    }
  };
  const sample = () => {
    for (const [pid, role] of roles) {
      if (gone.has(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        ticks.set(pid, Number(fields[11]) + Number(fields[12]));
        if (role !== "provider") continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        gone.add(pid);
      }
    }
  };
  let scans = 0;
  const hasProvider = () => [...roles].some(([pid, role]) => role === "provider" && !gone.has(pid));
  const discovery = setInterval(() => {
    if (!hasProvider() || ++scans % 10 === 0) discover();
  }, 100);
  const sampling = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(discovery);
      clearInterval(sampling);
      const cpu: CpuUse = { engine: 0, program: 0, provider: 0, emulator: 0 };
      for (const [pid, t] of ticks) cpu[roles.get(pid)!] += t / CLOCK_TICKS;
      const own = process.cpuUsage(started);
      cpu.emulator = (own.user + own.system) / 1e6;
      return { peakRssMb: peakKb / 1024, cpu };
    },
  };
}

async function measure(
  project: PulumiProject,
  args: string[],
  traffic: TrafficRecorder,
  profileDir?: string,
  env: Record<string, string> = {},
): Promise<Measured> {
  let profiler: InProcessProfiler | undefined;
  if (profileDir !== undefined) {
    mkdirSync(profileDir, { recursive: true });
    profiler = new InProcessProfiler();
    await profiler.start();
  }
  traffic.clear();
  const started = process.hrtime.bigint();
  const cli = project.spawn(args, {
    ...env,
    ...(profileDir === undefined ? {} : profilingEnv(join(profileDir, "pulumi"))),
  });
  const watch = watchSession(cli.pid);
  const result = await cli.exited;
  const { peakRssMb, cpu } = watch.stop();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const measured = {
    seconds,
    traffic: traffic.take(),
    peakRssMb,
    cpu,
    load: loadavg()[0]!,
    output: result.stdout + result.stderr,
  };
  if (profiler !== undefined && profileDir !== undefined) {
    await profiler.stop(join(profileDir, "emulator.cpuprofile"));
    process.stderr.write(
      `${summarizeProfiles(profileDir)
        .map((p) => formatSummary(p))
        .join("\n\n")}\n`,
    );
  }
  if (result.code !== 0)
    throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return measured;
}

const answered = (t: Traffic) => METHODS.reduce((sum, m) => sum + (t.byMethod[m] ?? 0), 0);

/** One measured step of the real program next to the floor. */
interface Row {
  step: string;
  n: number;
  real: Measured;
  floor: Measured;
}

const TABLE_HEADER = [
  "| operation | wall time | engine floor | ratio | GET | POST | PUT | DELETE | requests / object | provider peak RSS (floor's) | RSS above floor / object | CPU s: engine (floor's) / program (floor's) / provider / emulator | load |",
  "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
];

function tableRow({ step, n, real: r, floor: f }: Row): string {
  const line = [
    step,
    `${r.seconds.toFixed(1)} s`,
    `${f.seconds.toFixed(1)} s`,
    `${(r.seconds / f.seconds).toFixed(2)}x`,
    ...METHODS.map((m) => r.traffic.byMethod[m]),
    (answered(r.traffic) / n).toFixed(2),
    `${r.peakRssMb.toFixed(0)} MB (${f.peakRssMb.toFixed(0)} MB)`,
    `${(((r.peakRssMb - f.peakRssMb) * 1024) / n).toFixed(1)} kB`,
    `${r.cpu.engine.toFixed(0)} (${f.cpu.engine.toFixed(0)}) / ${r.cpu.program.toFixed(0)} (${f.cpu.program.toFixed(0)}) / ` +
      `${r.cpu.provider.toFixed(1)} / ${r.cpu.emulator.toFixed(1)}`,
    r.load.toFixed(1),
  ].join(" | ");
  return `| ${line} |`;
}

const STEPS: Record<string, (edits: number, parallel: string[]) => Step> = {
  up: (_e, p) => ({ name: "up", args: ["up", "--yes", "--skip-preview", ...p] }),
  preview: (_e, p) => ({ name: "preview (no change)", args: ["preview", "--expect-no-changes", ...p] }),
  refresh: (_e, p) => ({ name: "refresh", args: ["refresh", "--yes", "--skip-preview", ...p] }),
  update: (e, p) => ({ name: `update 10% (${e})`, args: ["up", "--yes", "--skip-preview", ...p] }),
  destroy: (_e, p) => ({ name: "destroy", args: ["destroy", "--yes", "--skip-preview", ...p] }),
};

/** The context every part shares. */
interface Bench {
  emu: EmulatorControl;
  traffic: TrafficRecorder;
  parallel: string[];
  floorRttMs: number;
  floorPad: number;
  profile: string | undefined;
}

async function projects(b: Bench, n: number): Promise<{ real: GeneratedProject; floor: GeneratedProject }> {
  const real = await createGeneratedProject(b.emu, n);
  const floor = await createGeneratedProject(b.emu, n, {
    "program.ts": readFileSync(`${__dirname}/../program/index.ts`, "utf8"),
  });
  floor.project.write("noop.js", noopModule(b.floorRttMs));
  floor.project.write("index.ts", floorProgram(join(floor.project.dir, "noop.js"), b.floorPad));
  return { real, floor };
}

/**
 * Runs `steps` on N resources, the floor then the real program for each, with `env` added to both CLIs'
 * environments; returns the rows.
 */
async function lifecycle(
  b: Bench,
  n: number,
  steps: string[],
  env: Record<string, string> = {},
): Promise<Row[]> {
  const { real, floor } = await projects(b, n);
  const edits = Math.ceil(n / 10);
  const rows: Row[] = [];
  try {
    for (const key of steps) {
      const step = STEPS[key]!(edits, b.parallel);
      if (key === "update") {
        real.edit(edits);
        floor.edit(edits);
      }
      const f = await measure(floor.project, step.args, b.traffic, undefined, env);
      const dir = b.profile === undefined ? undefined : join(b.profile, `${n}-${key}`);
      const r = await measure(real.project, step.args, b.traffic, dir, env);
      rows.push({ step: step.name, n, real: r, floor: f });
      process.stderr.write(
        `N=${n} ${step.name}: ${r.seconds.toFixed(1)} s (floor ${f.seconds.toFixed(1)} s), ` +
          `${answered(r.traffic)} requests, load ${r.load.toFixed(1)}\n`,
      );
    }
  } finally {
    real.project.dispose();
    floor.project.dispose();
  }
  return rows;
}

function sizeTable(n: number, rows: Row[]): string {
  return [`### N = ${n}`, "", ...TABLE_HEADER, ...rows.map(tableRow)].join("\n");
}

/** Part 2: N resources against fixed windows of `limit` requests per `seconds`. */
async function rateLimited(b: Bench, n: number, seconds: number, limit: number): Promise<string> {
  const g = await createGeneratedProject(b.emu, n);
  const lines = [
    `### Rate limit: N = ${n}, ${limit} requests per ${seconds} s block (fixed, clock-aligned, 429 without Retry-After)`,
    "",
    "| operation | wall time | answered | 429s | requests/s over the wall time | share of the limit used in the blocks spanned entirely | limit floor (answered / limit) | failed operations | objects after | load |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  await b.emu.control("PUT", "/rate-limit", { windows: [{ seconds, limit }] });
  try {
    for (const key of ["up", "destroy"]) {
      const step = STEPS[key]!(0, b.parallel);
      const m = await measure(g.project, step.args, b.traffic);
      const all = await b.emu.control<Record<string, unknown[]>>("GET", "/objects");
      const objects = Object.values(all).flat().length;
      const failed = (m.output.match(/^\s*error:/gm) ?? []).length;
      const total = answered(m.traffic);
      const perSecond = limit / seconds;
      const use = blockUse(m.traffic.acceptedAt, seconds * 1000, limit);
      lines.push(
        `| ${[
          step.name,
          `${m.seconds.toFixed(1)} s`,
          `${total} (${METHODS.map((x) => `${m.traffic.byMethod[x]} ${x}`).join(", ")})`,
          m.traffic.limited,
          (total / m.seconds).toFixed(2),
          use.interior === 0
            ? "no block spanned entirely"
            : `${(100 * use.share).toFixed(0)}% on average over ${use.interior} blocks, the least ${(100 * use.least).toFixed(0)}%`,
          `${(total / perSecond).toFixed(1)} s`,
          failed,
          key === "up" ? `${objects} of ${n}` : `${objects}`,
          m.load.toFixed(1),
        ].join(" | ")} |`,
      );
      process.stderr.write(
        `rate limit N=${n} ${key}: ${m.seconds.toFixed(1)} s, ${total} answered, ${m.traffic.limited} 429s, ` +
          `${(total / m.seconds).toFixed(2)} req/s, ${(100 * use.share).toFixed(0)}% of the limit in ${use.interior} full blocks\n`,
      );
    }
  } finally {
    await b.emu.control("PUT", "/rate-limit", { windows: null });
    g.project.dispose();
  }
  return lines.join("\n");
}

/** Part 3: up, no-change preview and destroy of N resources, compared with the N = 200 rows if any. */
function largeTable(n: number, latency: number, rows: Row[], small: Row[], skipCheckpoints: boolean): string {
  const out = [
    `### N = ${n} (emulator latency ${latency} ms${skipCheckpoints ? ", floor and real with PULUMI_SKIP_CHECKPOINTS=true" : ""})`,
    "",
    ...TABLE_HEADER,
    ...rows.map(tableRow),
  ];
  const compare = (label: string, of: (r: Row) => number, unit: string) => {
    const pairs = rows
      .map((r) => [r, small.find((s) => s.step === r.step)] as const)
      .filter((p): p is readonly [Row, Row] => p[1] !== undefined);
    if (pairs.length === 0) return;
    out.push(
      `- ${label}: ${pairs.map(([big, s]) => `${big.step} ${of(s).toFixed(2)} → ${of(big).toFixed(2)} ${unit}`).join("; ")}`,
    );
  };
  out.push("", `From N = ${small[0]?.n ?? "?"} to N = ${n}:`);
  compare("requests per object", (r) => answered(r.real.traffic) / r.n, "");
  compare(
    "provider RSS above the floor's, per object",
    (r) => ((r.real.peakRssMb - r.floor.peakRssMb) * 1024) / r.n,
    "kB",
  );
  compare("engine floor per object", (r) => (1000 * r.floor.seconds) / r.n, "ms");
  for (const r of rows) {
    const s = small.find((x) => x.step === r.step);
    if (s === undefined || s.n === r.n) continue;
    out.push(
      `- ${r.step}: provider peak RSS ${s.real.peakRssMb.toFixed(0)} MB at N = ${s.n}, ${r.real.peakRssMb.toFixed(0)} MB at N = ${r.n}: ` +
        `${(((r.real.peakRssMb - s.real.peakRssMb) * 1024) / (r.n - s.n)).toFixed(1)} kB per added object ` +
        `(floor's ${(((r.floor.peakRssMb - s.floor.peakRssMb) * 1024) / (r.n - s.n)).toFixed(1)} kB)`,
    );
  }
  compare("ratio to the floor", (r) => r.real.seconds / r.floor.seconds, "");
  return out.join("\n");
}

async function main(): Promise<void> {
  const sizes = option("sizes", "50,200,1000")
    .split(",")
    .filter((s) => s !== "")
    .map(Number);
  const latency = Number(option("latency", "50"));
  const out = option("out", "");
  const parallelOption = option("parallel", "");
  const steps = option("steps", "up,preview,refresh,update,destroy").split(",");
  const rateN = Number(option("rate-limit", "200"));
  const [windowSeconds, windowLimit] = option("rate-window", "10:100").split(":").map(Number) as [
    number,
    number,
  ];
  const largeN = Number(option("large", "5000"));
  const largeLatency = Number(option("large-latency", "10"));
  const largeSkipCheckpoints = process.argv.includes("--large-skip-checkpoints");
  const traffic = new TrafficRecorder();
  const b: Bench = {
    emu: await EmulatorControl.start(undefined, undefined, { log: traffic.sink, requestLogCapacity: 1 }),
    traffic,
    parallel: parallelOption ? ["--parallel", parallelOption] : [],
    // --floor-rtt: the floor's no-op provider waits one emulator latency per write (see noopModule).
    floorRttMs: process.argv.includes("--floor-rtt") ? latency : 0,
    // --floor-pad BYTES: the floor's provider text padded to that size (see floorProgram).
    floorPad: Number(option("floor-pad", "0")),
    profile: option("profile", "") || undefined,
  };
  const sections: string[] = [];
  const write = () => {
    const header = [
      `## ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`,
      "",
      `Emulator latency ${latency} ms per request unless said otherwise, ${parallelOption ? `--parallel ${parallelOption}` : "Pulumi default --parallel"}, stack \`${STACK}\`, file backend. ` +
        (b.floorRttMs > 0
          ? `Engine floor: the same program and state with every dynamic provider replaced by one that only waits ${b.floorRttMs} ms (one round trip) per create, update and delete. `
          : "Engine floor: the same program and state with every dynamic provider replaced by a no-op one (its text in state one line, like the real providers'), run just before the real one. ") +
        (b.floorPad > 0 ? `The floor's provider text is padded to ${b.floorPad} bytes. ` : "") +
        "Requests are the API requests the emulator answered (lists count one per page; 429s apart). " +
        "Load is the 1-minute load average when the step ended.",
      "",
    ];
    if (out) writeFileSync(out, `${header.join("\n")}\n${sections.join("\n\n")}\n`);
  };
  try {
    let small: Row[] = [];
    for (const n of sizes) {
      await b.emu.control("PUT", "/latency", { ms: latency });
      const rows = await lifecycle(b, n, steps);
      if (n === 200 || small.length === 0) small = rows;
      sections.push(sizeTable(n, rows));
      process.stdout.write(`${sections[sections.length - 1]}\n\n`);
      write();
    }
    if (rateN > 0) {
      await b.emu.control("PUT", "/latency", { ms: latency });
      sections.push(await rateLimited(b, rateN, windowSeconds, windowLimit));
      process.stdout.write(`${sections[sections.length - 1]}\n\n`);
      write();
    }
    if (largeN > 0) {
      await b.emu.control("PUT", "/latency", { ms: largeLatency });
      const rows = await lifecycle(
        b,
        largeN,
        ["up", "preview", "destroy"],
        largeSkipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {},
      );
      sections.push(largeTable(largeN, largeLatency, rows, small, largeSkipCheckpoints));
      process.stdout.write(`${sections[sections.length - 1]}\n\n`);
      write();
    }
  } finally {
    await b.emu.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
