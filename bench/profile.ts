// CPU profiles for the benchmark (`npm run bench -- --profile DIR`): the emulator, which runs inside the
// bench process, is profiled through the inspector; the Pulumi side (the dynamic-provider process, and the
// program's language host) by NODE_OPTIONS=--cpu-prof. `summarizeProfiles` reads the .cpuprofile files of
// one step and says where each process spent its time: self time by function and by module.
//
// Summary of a folder of profiles: npx ts-node --transpile-only bench/profile.ts DIR
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

/** One node of a V8 CPU profile (the fields read here). */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** A V8 CPU profile (`.cpuprofile`). */
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Profiles this process (the in-process emulator) between `start` and `stop`. */
export class InProcessProfiler {
  private readonly session = new Session();

  /** Starts sampling. */
  async start(): Promise<void> {
    this.session.connect();
    await this.post("Profiler.enable");
    await this.post("Profiler.start");
  }

  /** Stops sampling and writes the profile to `file`. */
  async stop(file: string): Promise<void> {
    const { profile } = (await this.post("Profiler.stop")) as { profile: CpuProfile };
    writeFileSync(file, JSON.stringify(profile));
    this.session.disconnect();
  }

  private post(method: string): Promise<unknown> {
    return new Promise((resolve, reject) =>
      this.session.post(method, (err, result) => (err ? reject(err) : resolve(result))),
    );
  }
}

// The engine stops the dynamic-provider process with a signal, and --cpu-prof writes its file only on a
// normal exit: the preloaded handler turns the signal into one.
const EXIT_ON_SIGNAL = `for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(s, () => process.exit(0));\n`;

/** Environment that makes every Node process of a CLI run write a profile into `dir` (created). */
export function profilingEnv(dir: string): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const preload = join(dir, "exit-on-signal.js");
  writeFileSync(preload, EXIT_ON_SIGNAL);
  return { NODE_OPTIONS: `--require ${preload} --cpu-prof --cpu-prof-dir=${dir}` };
}

// Where a script comes from, in a few words: our client, emulator or kinds, Pulumi's SDK, got, grpc, node.
function moduleOf(url: string): string {
  if (url === "") return "(native / GC / idle)";
  const ours = /(?:dist\/)?provider\/([a-z]+)\//.exec(url);
  if (ours && !url.includes("node_modules/@pulumi")) return `stringee ${ours[1]}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return "node core";
  return url.replace(/^file:\/\//, "").replace(/^.*\//, "");
}

/** What one profile says: the process, its wall span, and self time by function and by module. */
export interface ProfileSummary {
  /** `dynamic-provider`, `program` (language host), `emulator` or the file name. */
  process: string;
  /** Profiled span in seconds. */
  seconds: number;
  /** Sampled time outside the idle node, in seconds. */
  busySeconds: number;
  /** Self time in seconds by module, largest first. */
  byModule: [string, number][];
  /** Self time in seconds by function (`name module:line`), largest first. */
  byFunction: [string, number][];
}

/** Self time per node of `profile`, in seconds (from the sample deltas). */
function selfSeconds(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i]!;
    // The delta before a sample is the time since the previous one; attribute it to this sample.
    self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0) / 1e6);
  }
  return self;
}

/** Summarises one profile. */
export function summarize(profile: CpuProfile, label: string): ProfileSummary {
  const self = selfSeconds(profile);
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const s = self.get(node.id) ?? 0;
    if (s === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)" || functionName === "(program)") {
      byModule.set(functionName, (byModule.get(functionName) ?? 0) + s);
      continue;
    }
    busy += s;
    const mod = functionName === "(garbage collector)" ? "(garbage collector)" : moduleOf(url);
    byModule.set(mod, (byModule.get(mod) ?? 0) + s);
    const fn = `${functionName || "(anonymous)"} ${mod}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + s);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    process: label,
    seconds: (profile.endTime - profile.startTime) / 1e6,
    busySeconds: busy,
    byModule: sorted(byModule),
    byFunction: sorted(byFunction),
  };
}

// Which process wrote a profile, from the scripts it ran.
function processOf(profile: CpuProfile, file: string): string {
  const urls = profile.nodes.map((n) => n.callFrame.url);
  if (urls.some((u) => u.includes("cmd/dynamic-provider"))) return "dynamic-provider";
  if (urls.some((u) => u.includes("cmd/run"))) return "program";
  if (urls.some((u) => u.includes("provider/emulator/"))) return "emulator";
  return file;
}

/** Summaries of every `.cpuprofile` under `dir` that ran for more than a second, the busiest first. */
export function summarizeProfiles(dir: string): ProfileSummary[] {
  const out: ProfileSummary[] = [];
  for (const file of readdirSync(dir, { recursive: true }) as string[]) {
    if (!file.endsWith(".cpuprofile")) continue;
    const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
    const summary = summarize(profile, processOf(profile, file));
    if (summary.seconds >= 1) out.push(summary);
  }
  return out.sort((a, b) => b.busySeconds - a.busySeconds);
}

/** A summary as text: the busy share, the top modules and the top functions. */
export function formatSummary(s: ProfileSummary, top = 12): string {
  const pct = (x: number) => `${((100 * x) / s.seconds).toFixed(1)}%`;
  const lines = [
    `${s.process}: ${s.seconds.toFixed(1)} s profiled, ${s.busySeconds.toFixed(1)} s on CPU (${pct(s.busySeconds)})`,
    "  by module (self time):",
    ...s.byModule
      .slice(0, top)
      .map(([m, t]) => `    ${t.toFixed(2).padStart(7)} s ${pct(t).padStart(6)}  ${m}`),
    "  by function (self time):",
    ...s.byFunction
      .slice(0, top)
      .map(([f, t]) => `    ${t.toFixed(2).padStart(7)} s ${pct(t).padStart(6)}  ${f}`),
  ];
  return lines.join("\n");
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write("usage: bench/profile.ts DIR\n");
    process.exit(2);
  }
  for (const s of summarizeProfiles(dir)) process.stdout.write(`${formatSummary(s, 15)}\n\n`);
}
