// 200 resources with --parallel 32 against an account limited the way Stringee documents it: fixed,
// clock-aligned blocks of 10 s taking 100 requests, and 429s without Retry-After. Through the real CLI,
// every 429 is ridden out (creates never duplicated, no operation fails), and the provider uses at least
// 90% of every block it spans entirely (9 requests per second against a limit of 10).
import { blockUse, byMethod, createGeneratedProject, type GeneratedProject } from "../../bench/project";
import { EmulatorControl } from "../support/emulatorControl";
import { objectCounts } from "./specCounts";

const N = 200;
const BLOCK_SECONDS = 10;
const PER_BLOCK = 100;
const PER_SECOND = PER_BLOCK / BLOCK_SECONDS;

describe(`${N} resources, --parallel 32, against ${PER_BLOCK} requests per ${BLOCK_SECONDS} s block`, () => {
  let emu: EmulatorControl;
  let g: GeneratedProject;
  const report: string[] = [];
  // When the emulator accepted each API request (its log sink sees every one; 429s are left out).
  let answeredAt: number[] = [];

  // Runs one CLI step under the limit and reports its figures against the limit.
  const run = async (step: string, args: string[]) => {
    await emu.clearRequests();
    answeredAt = [];
    const started = Date.now();
    const result = await g.project.pulumi(args);
    const seconds = (Date.now() - started) / 1000;
    const requests = await emu.requests();
    const limited = requests.filter((r) => r.status === 429).length;
    const answered = requests.filter((r) => r.status !== 429);
    const counts = byMethod(answered);
    const use = blockUse(answeredAt, BLOCK_SECONDS * 1000, PER_BLOCK);
    report.push(
      `${step}: ${seconds.toFixed(1)} s; answered ${JSON.stringify(counts)} (${answered.length}, ` +
        `${(answered.length / PER_SECOND).toFixed(1)} s at the limit); 429s ridden out: ${limited}; ` +
        `${(answered.length / seconds).toFixed(2)} req/s over the whole run; the ${use.interior} blocks spanned ` +
        `entirely took ${(100 * use.share).toFixed(0)}% of the limit on average, the least ${(100 * use.least).toFixed(0)}%`,
    );
    return { result, counts, requests, answered, use };
  };

  beforeAll(async () => {
    emu = await EmulatorControl.start(undefined, undefined, {
      log: (line) => {
        if (/^(GET|POST|PUT|DELETE) \S+ -> (?!429)/.test(line)) answeredAt.push(Date.now());
      },
    });
    g = await createGeneratedProject(emu, N);
    await emu.control("PUT", "/rate-limit", { windows: [{ seconds: BLOCK_SECONDS, limit: PER_BLOCK }] });
  }, 120_000);

  afterAll(async () => {
    console.log(report.join("\n"));
    g?.project.dispose();
    await emu?.close();
  });

  it("up creates all 200 without a failed operation or a duplicate, using 90% of the limit or more", async () => {
    const { result, counts, answered, use } = await run("up", [
      "up",
      "--yes",
      "--skip-preview",
      "--parallel",
      "32",
    ]);
    expect(result.stderr + result.stdout).not.toMatch(/error:/i);
    expect(result.code).toBe(0);
    expect(answered.filter((r) => r.status !== 200 || r.r !== 0)).toEqual([]);
    // A refused POST was not applied: re-sent, it is accepted once.
    expect(counts["POST"]).toBe(N);
    const { byKind } = g.spec;
    expect(await objectCounts(emu)).toEqual({
      number: byKind.number,
      agent: byKind.agent,
      ivrkeypress: byKind.ivrKeypress,
      sipphone: byKind.sipPhone,
      queue: byKind.queue,
      ivrtree: byKind.ivrTree,
      ivrnode: byKind.ivrNode,
      group: byKind.group,
      groupagent: byKind.groupMember,
      grouprouting: byKind.queueGroupRouting,
    });
    expect(use.interior).toBeGreaterThanOrEqual(2);
    expect(use.share).toBeGreaterThanOrEqual(0.9);
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
    expect(await objectCounts(emu)).toEqual({});
  }, 600_000);
});
