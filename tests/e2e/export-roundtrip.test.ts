// Bringing an existing account under code, end to end: an account built outside Pulumi (numbers, an IVR tree
// with nodes and keys of several actions, queues, groups, agents in groups, queue->group routings, SIP
// phones, greeting files played by a queue and a node, blocked callers, call settings) is exported by the real `stringee-pulumi export` process into a GitOps project (program/index.ts),
// the SIP passwords it asks for are set, and the first `pulumi up` adopts everything: no POST, no DELETE,
// the same objects before and after. A preview then shows no changes and makes no write.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { StringeeClient } from "../../provider/client";
import { mp3Bytes, wavBytes } from "../support/audio";
import { parseContactCenterSpec } from "../../provider/spec/parse";
import { EmulatorControl } from "../support/emulatorControl";
import { PulumiProject, REPO_ROOT, type CliResult } from "./harness";

const PROGRAM = readFileSync(join(REPO_ROOT, "program/index.ts"), "utf8");
const CLI = join(REPO_ROOT, "dist/provider/cli/main.js");
const PASSWORDS: Record<string, string> = { "100": "desk-100-password", "101": "desk-101-password" };

/** Runs the built CLI as a real process. */
function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile("node", [CLI, ...args], { cwd, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Builds a realistic contact center through the API, as someone would in the dashboard. */
async function buildAccount(emu: EmulatorControl): Promise<void> {
  const c = new StringeeClient({
    apiKeySid: emu.apiKeySid,
    apiKeySecret: emu.apiKeySecret,
    iccBaseUrl: emu.emulator.iccBaseUrl,
    apiBaseUrl: emu.emulator.apiBaseUrl,
  });
  try {
    // Uploaded in the dashboard: one with a description, one without.
    const hold = await c.greetingFiles.create({
      description: "Hold music",
      content: wavBytes(300),
      format: "wav",
    });
    const prompt = await c.greetingFiles.create({ description: "", content: mp3Bytes(5), format: "mp3" });
    await c.blacklistNumbers.create({ number: "84379361752", ivrBlocked: true, queueBlocked: true });
    await c.blacklistNumbers.create({ number: "84912000000", ivrBlocked: true, queueBlocked: false });
    await c.callSettings.update({ eventUrl: "https://cc.example/events", getCustomerInfoTimeout: 900 });
    const sales = (
      await c.queues.create({
        name: "Sales",
        recordCalls: false,
        waitAgentAnswerTimeout: 20,
        waitGreeting: hold.fileName,
        holdGreeting: hold.fileName,
      })
    ).id;
    const support = (await c.queues.create({ name: "Hỗ trợ khách hàng", maximumQueueSize: 12 })).id;
    const callback = (await c.queues.create({ name: "Callback", fromNumberCalloutToAgent: "84986225112" }))
      .id;
    const salesTeam = (await c.groups.create({ name: "Sales team" })).id;
    const salesBackup = (await c.groups.create({ name: "Sales Team!" })).id;
    const supportTeam = (await c.groups.create({ name: "Support team" })).id;
    await c.queueGroupRoutings.create({ queueId: sales, groupId: salesTeam, primaryGroup: true });
    await c.queueGroupRoutings.create({ queueId: sales, groupId: salesBackup, primaryGroup: false });
    await c.queueGroupRoutings.create({ queueId: support, groupId: supportTeam, primaryGroup: true });
    await c.queueGroupRoutings.create({ queueId: callback, groupId: salesTeam, primaryGroup: true });
    const agents = [
      { name: "Nguyễn Văn Đức", stringeeUserId: "duc", groups: [salesTeam, salesBackup] },
      { name: "Trần Thị Bích", stringeeUserId: "bich", groups: [salesTeam] },
      { name: "Lê Minh", stringeeUserId: "minh", groups: [supportTeam], manualStatus: "AVAILABLE" },
      {
        name: "Field agent",
        stringeeUserId: "field_1",
        groups: [supportTeam],
        routingType: 2 as const,
        phoneNumber: "84900000009",
      },
    ];
    for (const { groups, ...a } of agents) {
      const id = (await c.agents.create(a)).id;
      for (const g of groups) await c.groupMembers.add(id, g);
    }
    const tree = (await c.ivrTrees.create({ treeName: "Main IVR" })).id;
    const menu = (
      await c.ivrNodes.create({
        tree,
        nodeName: "Main menu",
        nodePlayMode: "talk",
        nodePlayContent: "Press 1 for sales, 2 for support, 0 for an operator, 9 for more.",
        loopCount: 2,
      })
    ).id;
    const more = (
      await c.ivrNodes.create({
        tree,
        nodeName: "More",
        nodePlayMode: "play",
        nodePlayContent: prompt.fileName ?? "",
        bargeIn: false,
      })
    ).id;
    await c.ivrKeypresses.create({ node: menu, nodeKey: "1", action: 2, queueId: sales });
    await c.ivrKeypresses.create({ node: menu, nodeKey: "2", action: 2, queueId: support });
    await c.ivrKeypresses.create({
      node: menu,
      nodeKey: "0",
      action: 3,
      toPhoneNumber: "84900000001",
      fromNumberCalloutToAgent: "84986225112",
    });
    await c.ivrKeypresses.create({ node: menu, nodeKey: "9", action: 4, nextNode: more });
    await c.ivrKeypresses.create({ node: menu, nodeKey: "EMPTY_KEY", action: 6 });
    await c.ivrKeypresses.create({ node: more, nodeKey: "#", action: 4, nextNode: menu });
    await c.ivrKeypresses.create({ node: more, nodeKey: "INVALID_KEY", action: 6 });
    await c.numbers.create({
      number: "84986225112",
      nickname: "Hotline",
      allowOutboundCalls: true,
      enableIvr: true,
      ivrMenu: tree,
    });
    await c.numbers.create({
      number: "84986225113",
      allowOutboundCalls: false,
      enableIvr: false,
      queueId: callback,
      recordOutboundCalls: true,
    });
    await c.sipPhones.create({ username: "100", password: PASSWORDS["100"]!, extension: 100 });
    await c.sipPhones.create({ username: "101", password: PASSWORDS["101"]! });
  } finally {
    c.close();
  }
}

describe("export, then adopt with the GitOps program", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;

  const objects = async (): Promise<Record<string, string[]>> => {
    const all = await emu.control<Record<string, Record<string, unknown>[]>>("GET", "/objects");
    return Object.fromEntries(
      Object.entries(all).map(([k, list]) => [
        k,
        list
          .map((o) => JSON.stringify(o["id"] ?? o["username"] ?? `${o["group_id"]}/${o["agent_id"]}`))
          .sort(),
      ]),
    );
  };
  const byMethod = async () => {
    const counts: Record<string, number> = {};
    for (const r of await emu.requests()) counts[r.method] = (counts[r.method] ?? 0) + 1;
    return counts;
  };

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    await buildAccount(emu);
    project = await PulumiProject.create({ name: "stringee-export-e2e", files: { "index.ts": PROGRAM } });
  }, 180_000);

  afterAll(async () => {
    project?.dispose();
    await emu?.close();
  });

  it("exports the account, adopts all of it with no create and no delete, then previews no change", async () => {
    const before = await objects();
    const objectCount = Object.values(before).reduce((n, l) => n + l.length, 0);

    await emu.clearRequests();
    const exportStarted = Date.now();
    const exported = await runCli(["export", "--stack", "dev", "--out", project.dir], emu.env(), project.dir);
    const exportMs = Date.now() - exportStarted;
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim()).toBe(join(project.dir, "contact-center.dev.yaml"));
    expect(exported.stderr).toMatch(/^ {2}IVR keypresses: 7 keypresses in 2 nodes$/m);
    expect(exported.stderr).not.toContain(emu.apiKeySecret);
    expect(Object.keys(await byMethod())).toEqual(["GET"]);

    const specText = readFileSync(join(project.dir, "contact-center.dev.yaml"), "utf8");
    const spec = parseContactCenterSpec(specText, "contact-center.dev.yaml");
    expect(Object.keys(spec.ivrTrees?.["main-ivr"]?.nodes ?? {})).toEqual(["main-menu", "more"]);
    // Greeting files adopted as they are (no audio can be downloaded), played by name; blocked callers; settings.
    expect(Object.values(spec.greetings ?? {}).map((g) => g.file)).toEqual([undefined, undefined]);
    expect(spec.queues?.["sales"]?.holdGreeting).toEqual({ greeting: "hold-music" });
    expect(typeof spec.ivrTrees?.["main-ivr"]?.nodes["more"]?.content).toBe("object");
    expect(
      Object.values(spec.blacklist ?? {})
        .map((b) => b.number)
        .sort(),
    ).toEqual(["84379361752", "84912000000"]);
    expect(spec.callSettings).toEqual({
      eventUrl: "https://cc.example/events",
      importId: "callsettings",
      getCustomerInfoTimeout: 900,
    });
    expect(exported.stderr).toContain("written without `file` and adopted as they are");

    // The exact commands the export printed, with the placeholder replaced by each phone's password.
    const commands = [
      ...exported.stderr.matchAll(
        /^ {2}pulumi config set --stack dev --secret (\S+) <password> {3}# SIP user (\S+)$/gm,
      ),
    ];
    expect(commands.map((m) => m[2]).sort()).toEqual(["100", "101"]);
    await project.setConfig(
      {
        "stringee:apiKeySid": emu.apiKeySid,
        "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
        "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
      },
      { "stringee:apiKeySecret": emu.apiKeySecret },
    );
    for (const [, key, user] of commands)
      await project.pulumiOk(["config", "set", "--stack", "dev", "--secret", key!, PASSWORDS[user!]!]);

    await emu.clearRequests();
    const upStarted = Date.now();
    const up = await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    const upMs = Date.now() - upStarted;
    const upRequests = await emu.requests();
    const upByMethod = await byMethod();
    expect(upRequests.filter((r) => r.method === "POST" || r.method === "DELETE")).toEqual([]);
    // The only writes: SIP passwords, which the API never returns, are always sent on adoption.
    expect(
      upRequests.filter((r) => r.method === "PUT").every((r) => r.path.startsWith("/v1/sipphone/")),
    ).toBe(true);
    expect(await objects()).toEqual(before);
    const resources = Number(/\+ (\d+) created/.exec(up.stdout)?.[1] ?? 0);

    await emu.clearRequests();
    await project.pulumiOk(["preview", "--expect-no-changes"]);
    const previewWrites = (await emu.requests()).filter((r) => r.method !== "GET");
    expect(previewWrites).toEqual([]);

    console.log(
      [
        `export round trip: ${objectCount} objects in the account, ${specText.split("\n").length} spec lines`,
        `export: ${exportMs} ms; pulumi up (adoption of ${resources} resources): ${upMs} ms`,
        `requests during up by method: ${JSON.stringify(upByMethod)}`,
        `writes during the no-change preview: ${previewWrites.length}`,
      ].join("\n"),
    );
  }, 600_000);
});
