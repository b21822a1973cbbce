// `stringee-pulumi export` over real HTTP against an emulator started here: an account built through the
// client (as someone would in the dashboard) is exported to the same bytes twice, with only GET requests,
// one progress line per collection (lists of several pages included), Stringee's defaults left out, and a
// one-line failure, without the secret, when the key is refused.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { StringeeClient } from "../../../provider/client";
import { runExport, type ExportIo } from "../../../provider/cli/export";
import { parseContactCenterSpec } from "../../../provider/spec/parse";
import { EmulatorControl } from "../../support/emulatorControl";

const AGENTS = 60; // more than one page of 50

describe("export against the emulator", () => {
  let emu: EmulatorControl;
  let dir: string;

  const run = async (argv: string[], env: Record<string, string> = emu.env()) => {
    let stderr = "";
    let stdout = "";
    const io: ExportIo = { stderr: (t) => (stderr += t), stdout: (t) => (stdout += t), env };
    const result = await runExport(argv, io);
    return { ...result, stderr, stdout };
  };

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-int-"));
    const c = new StringeeClient({
      apiKeySid: emu.apiKeySid,
      apiKeySecret: emu.apiKeySecret,
      iccBaseUrl: emu.emulator.iccBaseUrl,
      apiBaseUrl: emu.emulator.apiBaseUrl,
    });
    try {
      const sales = (await c.queues.create({ name: "Sales", waitAgentAnswerTimeout: 25 })).id;
      const plain = (await c.queues.create({ name: "Plain queue" })).id;
      const team = (await c.groups.create({ name: "Sales team" })).id;
      await c.queueGroupRoutings.create({ queueId: sales, groupId: team, primaryGroup: true });
      await c.queueGroupRoutings.create({ queueId: plain, groupId: team, primaryGroup: true });
      for (let i = 1; i <= AGENTS; i++) {
        const agent = (await c.agents.create({ name: `Agent ${i}`, stringeeUserId: `agent_${i}` })).id;
        if (i <= 3) await c.groupMembers.add(agent, team);
      }
      const tree = (await c.ivrTrees.create({ treeName: "Main IVR" })).id;
      const menu = (
        await c.ivrNodes.create({ tree, nodeName: "Menu", nodePlayMode: "talk", nodePlayContent: "Press 1." })
      ).id;
      await c.ivrKeypresses.create({ node: menu, nodeKey: "1", action: 2, queueId: sales });
      await c.numbers.create({
        number: "84986225112",
        allowOutboundCalls: true,
        enableIvr: true,
        ivrMenu: tree,
      });
      await c.sipPhones.create({ username: "100", password: "desk-100-password", extension: 100 });
    } finally {
      c.close();
    }
  }, 60_000);

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await emu?.close();
  });

  it("writes the same bytes twice, reading with GET requests only", async () => {
    await emu.clearRequests();
    const first = await run(["--out", path.join(dir, "a")]);
    const second = await run(["--out", path.join(dir, "b")]);
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    const a = fs.readFileSync(path.join(dir, "a", "contact-center.dev.yaml"), "utf8");
    const b = fs.readFileSync(path.join(dir, "b", "contact-center.dev.yaml"), "utf8");
    expect(b).toBe(a);
    const methods = new Set((await emu.requests()).map((r) => r.method));
    expect([...methods]).toEqual(["GET"]);
    const spec = parseContactCenterSpec(a, "contact-center.dev.yaml");
    expect(Object.keys(spec.agents ?? {})).toHaveLength(AGENTS);
  }, 60_000);

  it("shows one progress line per collection with its count, lists of several pages included", async () => {
    const { code, stderr } = await run(["--out", path.join(dir, "progress")]);
    expect(code).toBe(0);
    const progress = stderr.split("\n").filter((l) => l.startsWith("  ") && !l.includes("pulumi "));
    expect(progress).toEqual([
      "  queues: 2 queues",
      "  queue routings: 2 routings in 2 queues",
      "  groups: 1 group",
      `  agents: ${AGENTS} agents`,
      "  group members: 3 memberships in 1 group",
      "  IVR trees: 1 tree",
      "  IVR nodes: 1 node in 1 tree",
      "  IVR keypresses: 1 keypress in 1 node",
      "  numbers: 1 number",
      "  SIP phones: 1 phone",
      "  blacklist: 0 numbers",
      "  greeting files: 0 files",
      "  call settings: read",
    ]);
  }, 60_000);

  it("leaves Stringee's defaults out: what the account holds beyond them is all the spec declares", async () => {
    const { stderr } = await run(["--out", path.join(dir, "defaults")]);
    expect(stderr).toContain("SIP phones: Stringee's list does not show extension; the spec leaves them out");
    const spec = parseContactCenterSpec(
      fs.readFileSync(path.join(dir, "defaults", "contact-center.dev.yaml"), "utf8"),
      "x.yaml",
    );
    const { groups: _g, importId: _i, ...plain } = spec.queues?.["plain-queue"] ?? {};
    expect(plain).toEqual({ name: "Plain queue" });
    const { groups: _sg, importId: _si, ...sales } = spec.queues?.["sales"] ?? {};
    expect(sales).toEqual({ name: "Sales", waitAgentAnswerTimeout: 25 });
    const { keys: _k, importId: _ni, ...menu } = spec.ivrTrees?.["main-ivr"]?.nodes["menu"] ?? {};
    expect(menu).toEqual({ nodeName: "Menu", playMode: "talk", content: "Press 1." });
    // The strict SIP phone list has no extension: it cannot be exported, and the command says so.
    expect(spec.sipPhones?.["100"]).toMatchObject({ username: "100" });
    expect(spec.sipPhones?.["100"]).not.toHaveProperty("extension");
  }, 60_000);

  it("fails with exit code 1 and one line when the key is refused (HTTP 403 r=5), never printing the secret", async () => {
    const wrongSecret = "wrong-secret-value-0987654321";
    const { code, stderr, stdout } = await run(["--out", path.join(dir, "refused")], {
      ...emu.env(),
      STRINGEE_API_KEY_SECRET: wrongSecret,
    });
    expect(code).toBe(1);
    const failure = stderr.split("\n").filter((l) => l.startsWith("stringee-pulumi export:"));
    expect(failure).toHaveLength(1);
    expect(failure[0]).toMatch(
      /Stringee refused the API key \(GET \/v1\/queue: HTTP 403, r=5 "keySid invalid"\)/,
    );
    expect(failure[0]).toMatch(/check STRINGEE_API_KEY_SID and STRINGEE_API_KEY_SECRET/);
    expect(stderr + stdout).not.toContain(wrongSecret);
    expect(stderr + stdout).not.toContain(emu.apiKeySecret);
    expect(fs.existsSync(path.join(dir, "refused"))).toBe(false);
  }, 60_000);
});
