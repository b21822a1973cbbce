// A `pulumi up` killed with SIGKILL in the middle (a CI job cancelled, a runner lost) is recovered by the
// procedure the README documents under "Recovering from an interrupted run", and nothing is duplicated.
//
// The GitOps program deploys a 43-object contact center against an emulator that answers every request
// after a delay, so that creates are in flight when the CLI and every process it started (language host,
// program, provider) are SIGKILLed right after the emulator has applied some POSTs but long before all.
// The writes still in flight land afterwards, as they would at Stringee: those objects exist but the
// state only has a pending CREATE for them. The test then checks what the killed run left (a stack lock,
// pending operations) and follows the documented commands literally:
//   pulumi cancel --yes
//   pulumi refresh --clear-pending-creates --yes
//   STRINGEE_ADOPT_EXISTING=true pulumi up --yes
//   pulumi preview --expect-no-changes
// after which the account holds exactly the declared objects (no duplicate natural key, no object the
// stack does not track) and the state has no pending operation.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EmulatorControl } from "../support/emulatorControl";
import { checkAccount, deploymentOf, trackedIds, waitUntilQuiet } from "./account";
import {
  emptySidecarsNote,
  PulumiProject,
  REPO_ROOT,
  sessionProcesses,
  type CliResult,
  type SpawnedPulumi,
} from "./harness";

/** What the spec below declares, per emulator collection (43 objects). */
const DECLARED: Record<string, number> = {
  queue: 3,
  group: 4,
  grouprouting: 5,
  agent: 10,
  groupagent: 10,
  ivrtree: 1,
  ivrnode: 2,
  ivrkeypress: 4,
  number: 2,
  sipphone: 2,
};
const TOTAL = Object.values(DECLARED).reduce((a, b) => a + b, 0);

/** Emulator delay per API request while the interrupted run goes: long enough that writes are in flight. */
const LATENCY_MS = 1_500;
/** The run is killed as soon as the emulator has applied this many POSTs (out of {@link TOTAL}). */
const KILL_AFTER_POSTS = 12;

const AGENTS: [string, string][] = [
  ["sales-1", "sales-team"],
  ["sales-2", "sales-team"],
  ["sales-3", "sales-team"],
  ["support-1", "support-team"],
  ["support-2", "support-team"],
  ["support-3", "support-team"],
  ["vip-1", "vip-team"],
  ["vip-2", "vip-team"],
  ["supervisor-1", "supervisors"],
  ["supervisor-2", "supervisors"],
];

const SPEC = [
  "queues:",
  "  sales: { name: Sales, groups: [{ group: sales-team, primary: true }, { group: supervisors }] }",
  "  support: { name: Support, groups: [{ group: support-team, primary: true }, { group: supervisors }] }",
  "  vip: { name: VIP, groups: [{ group: vip-team, primary: true }] }",
  "groups:",
  "  sales-team: { name: Sales team }",
  "  support-team: { name: Support team }",
  "  vip-team: { name: VIP team }",
  "  supervisors: { name: Supervisors }",
  "agents:",
  ...AGENTS.map(
    ([name, group]) =>
      `  ${name}: { name: ${name}, stringeeUserId: ${name.replace("-", "_")}, groups: [${group}] }`,
  ),
  "ivrTrees:",
  "  main:",
  "    treeName: Main IVR",
  "    nodes:",
  "      main-menu:",
  "        nodeName: Main menu",
  "        playMode: talk",
  "        content: Press 1 for VIP, 2 for support.",
  "        keys:",
  '          "1": { action: nextNode, nextNode: vip-menu }',
  '          "2": { action: routeToQueue, queue: support }',
  "          EMPTY_KEY: { action: stopCall }",
  "      vip-menu:",
  "        nodeName: VIP menu",
  "        playMode: talk",
  "        content: Press 1 to reach your account manager.",
  "        keys:",
  '          "1": { action: routeToQueue, queue: vip }',
  "numbers:",
  '  hotline: { number: "84986225112", allowOutboundCalls: true, ivrMenu: main }',
  '  sales-line: { number: "84986225113", allowOutboundCalls: false, queue: sales }',
  "sipPhones:",
  '  desk-100: { username: "100", passwordConfig: deskPassword100, extension: 100 }',
  '  desk-101: { username: "101", passwordConfig: deskPassword101, extension: 101 }',
  "",
].join("\n");

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const failure = (r: CliResult) => (r.code === 0 ? "" : `exit ${r.code}\n${r.stdout}\n${r.stderr}`);

describe("an interrupted pulumi up", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;
  let run: SpawnedPulumi | undefined;

  const posts = async () => (await emu.requests()).filter((r) => r.method === "POST").length;
  const deployment = () => deploymentOf(project);
  const total = async () => (await checkAccount(emu, {})).total;

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    project = await PulumiProject.create({
      name: "stringee-interrupted-e2e",
      files: {
        "index.ts": readFileSync(join(REPO_ROOT, "program/index.ts"), "utf8"),
        "contact-center.dev.yaml": SPEC,
      },
    });
    await project.setConfig(
      {
        "stringee:apiKeySid": emu.apiKeySid,
        "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
        "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
      },
      {
        "stringee:apiKeySecret": emu.apiKeySecret,
        deskPassword100: "desk-100-password",
        deskPassword101: "desk-101-password",
      },
    );
  }, 120_000);

  afterAll(async () => {
    await run?.killSession(); // when the test failed before its kill
    project?.dispose();
    await emu?.close();
  });

  it("recovers with the documented commands: 0 duplicates, 0 orphans, no pending operation, no change left", async () => {
    const t0 = Date.now();
    await emu.control("PUT", "/latency", { ms: LATENCY_MS });
    await emu.clearRequests();

    // 1. The run to interrupt.
    run = project.spawn(["up", "--yes", "--skip-preview"]);
    let seen = 0;
    let exitedEarly = false;
    void run.exited.then(() => (exitedEarly = true));
    while (seen < KILL_AFTER_POSTS && !exitedEarly && Date.now() - t0 < 240_000) {
      await sleep(50);
      seen = await posts();
    }
    const killedAt = Date.now();
    const finishedBeforeKill = exitedEarly;
    const processes = sessionProcesses(run.pid).length;
    const killed = await run.killSession();
    const objectsAtKill = await total();
    const result = await run.exited;
    if (finishedBeforeKill) throw new Error(`the run ended before it could be killed: ${failure(result)}`);
    expect(result.signal).toBe("SIGKILL");

    // A kill during a state write can leave the file backend's metadata sidecar empty: the README's step.
    const emptySidecars = project.removeEmptyStateSidecars();
    // Writes already sent land after the kill, as they would at Stringee; wait until the log is quiet.
    await waitUntilQuiet(emu, LATENCY_MS);
    const postsSent = await posts();
    const afterKill = await deployment();
    const pending = afterKill.pending_operations ?? [];
    const pendingCreates = pending.filter((op) => op.type === "creating").length;
    const left = await checkAccount(emu, afterKill);
    const recorded = trackedIds(afterKill).size;

    // What the killed run left: objects it created but never recorded, pending CREATEs, a stack lock.
    expect(seen).toBeGreaterThanOrEqual(KILL_AFTER_POSTS);
    expect(postsSent).toBeLessThan(TOTAL);
    expect(pendingCreates).toBeGreaterThan(0);
    expect(left.untracked.length).toBeGreaterThan(0);
    expect(left.dangling).toEqual([]);
    const blocked = await project.pulumi(["up", "--yes", "--skip-preview"]);
    expect(blocked.code).not.toBe(0);
    expect(`${blocked.stdout}${blocked.stderr}`).toContain("the stack is currently locked");

    // 2. The documented recovery, literally, without latency (it is about state, not speed).
    await emu.control("PUT", "/latency", { ms: 0 });
    await emu.clearRequests();
    const t1 = Date.now();
    const step = async (args: string[], env: Record<string, string> = {}) => {
      const t = Date.now();
      const r = await project.pulumi(args, env);
      expect(failure(r)).toBe("");
      return seconds(Date.now() - t);
    };
    const cancelTook = await step(["cancel", "--yes"]);
    const refreshTook = await step(["refresh", "--clear-pending-creates", "--yes"]);
    const refreshed = await deployment();
    expect(refreshed.pending_operations ?? []).toEqual([]);
    const upTook = await step(["up", "--yes"], { STRINGEE_ADOPT_EXISTING: "true" });
    const recoveryPosts = await posts();
    const previewTook = await step(["preview", "--expect-no-changes"]);
    const recoveryTook = seconds(Date.now() - t1);

    // 3. Converged: exactly the declared objects, each tracked once, nothing pending.
    const final = await deployment();
    const after = await checkAccount(emu, final);
    const dups = after.duplicates;
    console.log(
      [
        `interrupted up: ${TOTAL} objects declared, latency ${LATENCY_MS} ms per request`,
        `killed ${seconds(killedAt - t0)} s after start, after ${seen} POSTs seen; ${killed} processes killed (${processes} in the session)${emptySidecarsNote(emptySidecars)}`,
        `objects at the kill: ${objectsAtKill}; after the in-flight writes landed: ${left.total} (${postsSent} POSTs in all)`,
        `state after the kill: ${recorded} objects recorded, ${pending.length} pending operations (${pendingCreates} CREATE), ` +
          `${left.untracked.length} objects created but not recorded, ` +
          `${pendingCreates - left.untracked.length} pending CREATEs that never reached Stringee`,
        `recovery: cancel ${cancelTook} s, refresh --clear-pending-creates ${refreshTook} s, ` +
          `STRINGEE_ADOPT_EXISTING=true up ${upTook} s (${recoveryPosts} POSTs, ${left.untracked.length} adopted), ` +
          `preview --expect-no-changes ${previewTook} s; recovery ${recoveryTook} s, test ${seconds(Date.now() - t0)} s`,
        `after recovery: ${after.total} objects, ${dups.length} duplicates, ${after.untracked.length} orphans, ` +
          `${after.dangling.length} dangling ids, ${(final.pending_operations ?? []).length} pending operations`,
      ].join("\n"),
    );
    expect(dups).toEqual([]);
    expect(after.untracked).toEqual([]);
    expect(after.dangling).toEqual([]);
    expect(after.counts).toEqual(DECLARED);
    expect(trackedIds(final).size).toBe(TOTAL);
    expect(final.pending_operations ?? []).toEqual([]);
    // Only what the killed run never created was POSTed: every object it left behind was adopted.
    expect(recoveryPosts).toBe(TOTAL - left.total);
  }, 600_000);
});
