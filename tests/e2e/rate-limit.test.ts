// 200 resources with --parallel 32 against an account limited to 10 requests per second, through the real
// CLI: every 429 is ridden out (Retry-After honoured, creates never duplicated), no operation fails, and the
// run time is compared with the limit's floor (the writes alone, at 10 per second).
import { byMethod, createGeneratedProject, type GeneratedProject } from "../../bench/project";
import { EmulatorControl } from "../support/emulatorControl";

const N = 200;
const PER_SECOND = 10;

describe(`${N} resources, --parallel 32, against a limit of ${PER_SECOND} requests per second`, () => {
  let emu: EmulatorControl;
  let g: GeneratedProject;
  const report: string[] = [];

  // Runs one CLI step under the limit and reports its figures against the floor.
  const run = async (step: string, args: string[]) => {
    await emu.clearRequests();
    const started = Date.now();
    const result = await g.project.pulumi(args);
    const seconds = (Date.now() - started) / 1000;
    const requests = await emu.requests();
    const limited = requests.filter((r) => r.status === 429).length;
    const answered = requests.filter((r) => r.status !== 429);
    const counts = byMethod(answered);
    const writes = counts["POST"]! + counts["PUT"]! + counts["DELETE"]!;
    const floor = writes / PER_SECOND;
    report.push(
      `${step}: ${seconds.toFixed(1)} s (floor ${floor.toFixed(1)} s for ${writes} writes, x${(seconds / floor).toFixed(2)}); ` +
        `answered ${JSON.stringify(counts)}; 429s ridden out: ${limited}; ` +
        `effective ${(answered.length / seconds).toFixed(1)} req/s`,
    );
    return { result, counts, requests, answered };
  };

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    g = await createGeneratedProject(emu, N);
    await emu.control("PUT", "/rate-limit", { perSecond: PER_SECOND });
  }, 120_000);

  afterAll(async () => {
    console.log(report.join("\n"));
    g?.project.dispose();
    await emu?.close();
  });

  it("up creates all 200 without a single failed operation or duplicate", async () => {
    const { result, counts, answered } = await run("up", [
      "up",
      "--yes",
      "--skip-preview",
      "--parallel",
      "32",
    ]);
    expect(result.stderr + result.stdout).not.toMatch(/error:/i);
    expect(result.code).toBe(0);
    expect(answered.filter((r) => r.status !== 200 || r.r !== 0)).toEqual([]);
    expect(counts["POST"]).toBe(N);
    const all = await emu.control<Record<string, unknown[]>>("GET", "/objects");
    expect(Object.values(all).flat()).toHaveLength(N);
  }, 600_000);

  it("a preview afterwards shows no changes and sends nothing", async () => {
    const { result, requests } = await run("preview", ["preview", "--expect-no-changes"]);
    expect(result.code).toBe(0);
    expect(requests).toEqual([]);
  }, 120_000);

  it("destroy deletes all 200 under the limit, each exactly once", async () => {
    const { result, counts } = await run("destroy", [
      "destroy",
      "--yes",
      "--skip-preview",
      "--parallel",
      "32",
    ]);
    expect(result.code).toBe(0);
    expect(counts["DELETE"]).toBe(N);
    const all = await emu.control<Record<string, unknown[]>>("GET", "/objects");
    expect(Object.values(all).flat()).toEqual([]);
  }, 600_000);
});
