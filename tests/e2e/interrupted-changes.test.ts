// A `pulumi up` SIGKILLed while it changes a deployed contact center (not while it creates one, which
// tests/e2e/interrupted.test.ts covers) is recovered by the README's procedure, "Recovering from an
// interrupted run", with 0 duplicates and 0 orphans. One stack of 33 objects (every kind) goes through three
// changes, each interrupted at its own point, then recovered by the same four commands:
//   U  updates in flight: 16 in-place updates (agent names, number nicknames, node texts, queue settings, SIP
//      extensions), at most 4 at a time, killed once some PUTs were applied and others were still in flight;
//   D  deletes in flight: 10 objects removed from the program (4 agents with their memberships, a number, a
//      SIP phone), killed once some DELETEs were applied and others still in flight;
//   R  between the create and the delete of create-before-delete replacements: a keypress moved to another
//      node, a SIP phone's username changed, an agent moved to another group. Every replacement is created
//      and recorded, and the killed run never deletes the objects they replace (the emulator holds every
//      DELETE unanswered and unapplied until the kill).
// The kill takes the CLI and every process it started (language host, program, provider). Writes already
// sent land afterwards, as they would at Stringee. Recovery, literally as documented:
//   pulumi cancel --yes
//   pulumi refresh --clear-pending-creates --yes
//   STRINGEE_ADOPT_EXISTING=true pulumi up --yes
//   pulumi preview --expect-no-changes
import { EmulatorControl } from "../support/emulatorControl";
import { checkAccount, deploymentOf, waitUntilQuiet, type AccountCheck, type Deployment } from "./account";
import { emptySidecarsNote, PulumiProject, type CliResult, type SpawnedPulumi } from "./harness";

/** What the program declares, chosen by the stack config `variant` (JSON). */
interface Variant {
  /** Appended to agent names, number nicknames and node texts: changing it updates them in place. */
  label: string;
  /** Queue wrap-up time and SIP extensions' base: changing it updates those in place. */
  level: number;
  /** How many of the 8 agents (and their memberships) are declared. */
  agents: number;
  /** Whether the second number and the second SIP phone are declared. */
  extras: boolean;
  /** The node the moving keypress belongs to (a change replaces it). */
  keyNode: "menu" | "vip";
  /** The first SIP phone's username (a change replaces it). */
  sipUser: string;
  /** The group agent 1 is a member of (a change replaces the membership). */
  memberGroup: "sales" | "support";
}

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as stringee from "stringee-pulumi";

const v = new pulumi.Config().requireObject<{
  label: string; level: number; agents: number; extras: boolean; keyNode: "menu" | "vip"; sipUser: string;
  memberGroup: "sales" | "support";
}>("variant");

const queues = {
  sales: new stringee.Queue("sales", { name: "Sales", wrapUpTimeLimit: v.level }),
  support: new stringee.Queue("support", { name: "Support", wrapUpTimeLimit: v.level }),
};
const groups = {
  sales: new stringee.Group("sales-team", { name: "Sales team" }),
  support: new stringee.Group("support-team", { name: "Support team" }),
};
new stringee.QueueGroupRouting("sales-routing", { queueId: queues.sales.stringeeId, groupId: groups.sales.stringeeId, primaryGroup: true });
new stringee.QueueGroupRouting("support-routing", { queueId: queues.support.stringeeId, groupId: groups.support.stringeeId, primaryGroup: true });
for (let i = 1; i <= v.agents; i++) {
  const agent = new stringee.Agent("agent-" + i, { name: "Agent " + i + " " + v.label, stringeeUserId: "agent_" + i });
  const group = i === 1 ? groups[v.memberGroup] : i % 2 === 0 ? groups.sales : groups.support;
  new stringee.GroupMember("member-" + i, { group: group.stringeeId, agent: agent.stringeeId });
}
const tree = new stringee.IvrTree("main", { treeName: "Main IVR" });
const menu = new stringee.IvrNode("menu", {
  tree: tree.stringeeId, nodeName: "Main menu", nodePlayMode: "talk", nodePlayContent: "Press 1 for VIP " + v.label,
});
const vip = new stringee.IvrNode("vip", {
  tree: tree.stringeeId, nodeName: "VIP menu", nodePlayMode: "talk", nodePlayContent: "Press 1 for sales " + v.label,
}, { dependsOn: menu });
const nodes = { menu, vip };
new stringee.IvrKeypress("menu-1", { node: menu.stringeeId, nodeKey: "1", action: "nextNode", nextNode: vip.stringeeId });
new stringee.IvrKeypress("menu-2", { node: menu.stringeeId, nodeKey: "2", action: "routeToQueue", queueId: queues.support.stringeeId });
new stringee.IvrKeypress("vip-1", { node: vip.stringeeId, nodeKey: "1", action: "routeToQueue", queueId: queues.sales.stringeeId });
new stringee.IvrKeypress("moving-9", { node: nodes[v.keyNode].stringeeId, nodeKey: "9", action: "stopCall" });
new stringee.Number("hotline", {
  number: "84986225112", nickname: "Hotline " + v.label, allowOutboundCalls: true, enableIvr: true, ivrMenu: tree.stringeeId,
});
const password = new pulumi.Config().requireSecret("deskPassword");
new stringee.SipPhone("desk-a", { username: v.sipUser, password, extension: v.level + 1 });
if (v.extras) {
  new stringee.Number("sales-line", {
    number: "84986225113", nickname: "Sales line " + v.label, allowOutboundCalls: false, enableIvr: false, queueId: queues.sales.stringeeId,
  });
  new stringee.SipPhone("desk-b", { username: "deskb", password, extension: v.level + 2 });
}
`;

const BASE: Variant = {
  label: "v1",
  level: 10,
  agents: 8,
  extras: true,
  keyNode: "menu",
  sipUser: "alpha",
  memberGroup: "sales",
};
/** U: 16 in-place updates (8 agents, 2 numbers, 2 nodes, 2 queues, 2 SIP phones). */
const UPDATED: Variant = { ...BASE, label: "v2", level: 20 };
/** D: 10 deletes (agents 5-8 and their memberships, the second number and SIP phone). */
const SHRUNK: Variant = { ...UPDATED, agents: 4, extras: false };
/** R: 3 create-before-delete replacements. */
const REPLACED: Variant = { ...SHRUNK, keyNode: "vip", sipUser: "alpha2", memberGroup: "support" };

/** Objects per emulator collection for a variant. */
function expectedCounts(v: Variant): Record<string, number> {
  return {
    number: v.extras ? 2 : 1,
    agent: v.agents,
    ivrkeypress: 4,
    sipphone: v.extras ? 2 : 1,
    queue: 2,
    ivrtree: 1,
    ivrnode: 2,
    group: 2,
    groupagent: v.agents,
    grouprouting: 2,
  };
}
const countOf = (v: Variant) => Object.values(expectedCounts(v)).reduce((a, b) => a + b, 0);

/** Emulator delay per API request while an interrupted run goes: long enough that writes are in flight. */
const LATENCY_MS = 1_500;
/** Resource operations the interrupted runs do at once (`pulumi up --parallel`): some writes wait their turn. */
const PARALLEL = 4;

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** `n` requests of `method`, as a phrase ("1 PUT", "3 PUTs"). */
const requests = (n: number, method: string) => `${n} ${method}${n === 1 ? "" : "s"}`;
const failure = (r: CliResult) => (r.code === 0 ? "" : `exit ${r.code}\n${r.stdout}\n${r.stderr}`);

/** One row of the summary table. */
interface Row {
  scenario: string;
  objects: string;
  interrupted: string;
  recovery: string;
  duplicates: number;
  orphans: number;
  result: string;
}

describe("a pulumi up killed while it changes a deployed contact center", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;
  let run: SpawnedPulumi | undefined;
  const rows: Row[] = [];
  const started = Date.now();

  const writes = async (method: string) =>
    (await emu.requests()).filter((r) => r.method === method && r.fault !== "hang");
  const held = async () => (await emu.requests()).filter((r) => r.fault === "hang");

  /**
   * `ready` for a kill while writes of `method` are in flight: `afterMs` after the first one was applied. The
   * provider sends each next write as soon as an earlier operation ends, so with the emulator's latency some
   * are always waiting in it then (they land after the kill) while the rest wait their turn (never sent).
   */
  const whileInFlight = (method: string, afterMs: number) => {
    let first: number | undefined;
    return async () => {
      if (first === undefined && (await writes(method)).length > 0) first = Date.now();
      return first !== undefined && Date.now() - first >= afterMs;
    };
  };

  /** Starts `up` of `variant` and SIGKILLs its whole session once `ready()` holds; returns what it saw. */
  const interrupt = async (variant: Variant, ready: () => Promise<boolean>) => {
    await project.setConfig({ variant: JSON.stringify(variant) });
    await emu.clearRequests();
    const t0 = Date.now();
    run = project.spawn(["up", "--yes", "--skip-preview", "--parallel", String(PARALLEL)]);
    let exited = false;
    void run.exited.then(() => (exited = true));
    while (!exited && Date.now() - t0 < 240_000 && !(await ready())) await sleep(50);
    if (exited) throw new Error(`the run ended before it could be killed: ${failure(await run.exited)}`);
    const killedAfter = Date.now() - t0;
    const killed = await run.killSession();
    expect((await run.exited).signal).toBe("SIGKILL");
    run = undefined;
    // A kill during a state write can leave the file backend's metadata sidecar empty: the README's step.
    const emptySidecars = project.removeEmptyStateSidecars();
    return { killedAfter, killed, emptySidecars };
  };

  /** The README's recovery, literally (no latency: it is about state, not speed); returns its figures. */
  const recover = async () => {
    await emu.setLatency(0);
    await emu.clearFaults();
    await emu.clearRequests();
    const t0 = Date.now();
    const steps: [string[], Record<string, string>][] = [
      [["cancel", "--yes"], {}],
      [["refresh", "--clear-pending-creates", "--yes"], {}],
      [["up", "--yes"], { STRINGEE_ADOPT_EXISTING: "true" }],
      [["preview", "--expect-no-changes"], {}],
    ];
    for (const [args, env] of steps) expect(failure(await project.pulumi(args, env))).toBe("");
    const log = await emu.requests();
    const count = (m: string) => log.filter((r) => r.method === m).length;
    return {
      took: seconds(Date.now() - t0),
      count,
      requests: `${count("POST")} POST, ${count("PUT")} PUT, ${count("DELETE")} DELETE`,
    };
  };

  /** What the killed run left in the state and the account. */
  const leftover = async () => {
    const d: Deployment = await deploymentOf(project);
    const pending = d.pending_operations ?? [];
    const by = (type: string) => pending.filter((op) => op.type === type).length;
    // The killed run's lock stops any other update until `pulumi cancel`.
    const blocked = await project.pulumi(["up", "--yes", "--skip-preview"]);
    expect(blocked.code).not.toBe(0);
    expect(`${blocked.stdout}${blocked.stderr}`).toContain("the stack is currently locked");
    return {
      account: await checkAccount(emu, d),
      pending: `${pending.length} pending (${by("creating")} creating, ${by("updating")} updating, ${by("deleting")} deleting)`,
      replaced: (d.resources ?? []).filter((r) => r.delete === true).length,
      pendingCount: pending.length,
    };
  };

  /** After recovery: exactly `variant`'s objects, each tracked once, nothing pending, no lock. */
  const converged = async (variant: Variant): Promise<AccountCheck> => {
    const d = await deploymentOf(project);
    const account = await checkAccount(emu, d);
    expect(account.duplicates).toEqual([]);
    expect(account.untracked).toEqual([]);
    expect(account.dangling).toEqual([]);
    expect(account.counts).toEqual(expectedCounts(variant));
    expect(d.pending_operations ?? []).toEqual([]);
    expect((d.resources ?? []).filter((r) => r.delete === true)).toEqual([]);
    expect((await emu.consistency()).problems).toEqual([]);
    return account;
  };

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    project = await PulumiProject.create({
      name: "stringee-interrupted-changes-e2e",
      files: { "index.ts": PROGRAM },
    });
    await project.useEmulator(emu, { deskPassword: "desk-password-1" });
    await project.setConfig({ variant: JSON.stringify(BASE) });
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    await converged(BASE);
  }, 180_000);

  afterAll(async () => {
    await run?.killSession();
    console.log(
      [
        `interrupted changes: ${seconds(Date.now() - started)} s in all`,
        "| scenario | objects | what was interrupted | recovery | duplicates | orphans | result |",
        "|---|---|---|---|---|---|---|",
        ...rows.map(
          (r) =>
            `| ${r.scenario} | ${r.objects} | ${r.interrupted} | ${r.recovery} | ${r.duplicates} | ${r.orphans} | ${r.result} |`,
        ),
      ].join("\n"),
    );
    project?.dispose();
    await emu?.close();
  });

  it("U: killed while updates are in flight, then recovered: every declared value applied, 0 duplicates, 0 orphans", async () => {
    await emu.setLatency(LATENCY_MS);
    // An update is a PUT then a read back: the next batch of PUTs is in flight from about one latency after the
    // first PUTs were applied to two latencies after.
    const { killedAfter, killed, emptySidecars } = await interrupt(
      UPDATED,
      whileInFlight("PUT", 1.6 * LATENCY_MS),
    );
    const appliedAtKill = (await writes("PUT")).length;
    await waitUntilQuiet(emu, LATENCY_MS);
    const sent = (await writes("PUT")).length;
    const left = await leftover();
    // Some updates were applied before the kill, some were in flight (they land after it), some never sent.
    expect(sent).toBeGreaterThan(appliedAtKill);
    expect(sent).toBeLessThan(16);
    expect(left.pendingCount).toBeGreaterThan(0);
    expect(left.account.untracked).toEqual([]);

    const recovery = await recover();
    const account = await converged(UPDATED);
    // What never reached Stringee is sent by the recovery; what landed is seen by refresh (a SIP extension,
    // which the strict list does not show, is sent again: the same value).
    expect(recovery.count("PUT")).toBeGreaterThanOrEqual(16 - sent);
    expect(recovery.count("PUT")).toBeLessThanOrEqual(16);
    expect(recovery.count("POST") + recovery.count("DELETE")).toBe(0);
    // Every update is in the account: agent names, nicknames, node texts, queue settings.
    const agents = await emu.objects("agent");
    expect(agents.map((a) => a["name"]).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => `Agent ${i} v2`));
    expect((await emu.objects("number")).map((n) => n["nickname"]).sort()).toEqual([
      "Hotline v2",
      "Sales line v2",
    ]);
    expect((await emu.objects("queue")).map((q) => q["wrap_up_time_limit"])).toEqual([20, 20]);
    expect((await emu.objects("ivrnode")).every((n) => String(n["node_play_content"]).endsWith(" v2"))).toBe(
      true,
    );
    expect((await emu.objects("sipphone")).map((p) => p["extension"]).sort()).toEqual([21, 22]);
    rows.push({
      scenario: "U updates in flight",
      objects: `${countOf(UPDATED)} (16 updated)`,
      interrupted: `killed ${seconds(killedAfter)} s in (${killed} processes): ${requests(appliedAtKill, "PUT")} applied, ${sent - appliedAtKill} more in flight landed after, ${16 - sent} never sent; ${left.pending}${emptySidecarsNote(emptySidecars)}`,
      recovery: `4 documented steps, ${recovery.took} s (${recovery.requests})`,
      duplicates: account.duplicates.length,
      orphans: account.untracked.length,
      result: `converged: ${account.total} objects, preview no changes`,
    });
  }, 600_000);

  it("D: killed while deletes are in flight, then recovered: exactly the remaining objects, 0 orphans", async () => {
    await emu.setLatency(LATENCY_MS);
    const before = (await checkAccount(emu, await deploymentOf(project))).total;
    const { killedAfter, killed, emptySidecars } = await interrupt(
      SHRUNK,
      whileInFlight("DELETE", 0.5 * LATENCY_MS),
    );
    const appliedAtKill = (await writes("DELETE")).length;
    await waitUntilQuiet(emu, LATENCY_MS);
    const sent = (await writes("DELETE")).length;
    const left = await leftover();
    expect(sent).toBeGreaterThan(appliedAtKill);
    expect(sent).toBeLessThan(10);
    expect(left.pendingCount).toBeGreaterThan(0);
    // Deleted in Stringee but still in the state: ids the account no longer holds.
    expect(left.account.dangling.length).toBeGreaterThan(0);

    const recovery = await recover();
    const account = await converged(SHRUNK);
    // Exactly the deletes that never reached Stringee; the others were found gone by refresh.
    expect(recovery.count("DELETE")).toBe(10 - sent);
    expect(recovery.count("POST") + recovery.count("PUT")).toBe(0);
    expect((await emu.objects("agent")).map((a) => a["stringee_user_id"]).sort()).toEqual([
      "agent_1",
      "agent_2",
      "agent_3",
      "agent_4",
    ]);
    rows.push({
      scenario: "D deletes in flight",
      objects: `${before} → ${countOf(SHRUNK)} (10 deleted)`,
      interrupted: `killed ${seconds(killedAfter)} s in (${killed} processes): ${requests(appliedAtKill, "DELETE")} applied, ${sent - appliedAtKill} more in flight landed after, ${10 - sent} never sent; ${left.pending}; ${left.account.dangling.length} state entries already gone${emptySidecarsNote(emptySidecars)}`,
      recovery: `4 documented steps, ${recovery.took} s (${recovery.requests})`,
      duplicates: account.duplicates.length,
      orphans: account.untracked.length,
      result: `converged: ${account.total} objects, preview no changes`,
    });
  }, 600_000);

  it("R: killed between the creates and the deletes of create-before-delete replacements, then recovered: the replaced objects are deleted, nothing duplicated", async () => {
    await emu.setLatency(0);
    // Every DELETE is held: never answered, never applied, until the kill (then the rule is removed).
    await emu.fault({ method: "DELETE", kind: "hang", count: 100 });
    const { killedAfter, killed, emptySidecars } = await interrupt(
      REPLACED,
      async () => (await held()).length >= 3,
    );
    const created = (await writes("POST")).length;
    const left = await leftover();
    expect(created).toBe(3);
    // Each replacement is recorded; each object it replaces is still in the account and in the state.
    expect(left.replaced).toBe(3);
    expect(left.account.untracked).toEqual([]);
    expect(left.account.counts["ivrkeypress"]).toBe(5);
    expect(left.account.counts["sipphone"]).toBe(2);
    expect(left.account.counts["groupagent"]).toBe(5);

    const recovery = await recover();
    const account = await converged(REPLACED);
    // The three replaced objects are deleted; nothing is created again.
    expect(recovery.count("DELETE")).toBe(3);
    expect(recovery.count("POST")).toBe(0);
    const byName = (await emu.objects("ivrnode")).find((n) => n["node_name"] === "VIP menu");
    const moving = (await emu.objects("ivrkeypress")).filter((k) => k["node_key"] === "9");
    expect(moving.map((k) => k["node"])).toEqual([byName?.["id"]]);
    expect((await emu.objects("sipphone")).map((p) => p["username"])).toEqual(["246_alpha2"]);
    const agent1 = (await emu.objects("agent")).find((a) => a["stringee_user_id"] === "agent_1")?.["id"];
    const support = (await emu.objects("group")).find((g) => g["name"] === "Support team")?.["id"];
    expect(
      (await emu.objects("groupagent")).filter((m) => m["agent_id"] === agent1).map((m) => m["group_id"]),
    ).toEqual([support]);
    rows.push({
      scenario: "R create-before-delete replacements (keypress node, SIP username, membership group)",
      objects: `${countOf(REPLACED)} (3 replaced)`,
      interrupted: `killed ${seconds(killedAfter)} s in (${killed} processes) after the 3 replacements were created and recorded, with their 3 DELETEs held unapplied; ${left.pending}; ${left.replaced} replaced objects left to delete${emptySidecarsNote(emptySidecars)}`,
      recovery: `4 documented steps, ${recovery.took} s (${recovery.requests})`,
      duplicates: account.duplicates.length,
      orphans: account.untracked.length,
      result: `converged: ${account.total} objects, preview no changes`,
    });
  }, 600_000);
});
