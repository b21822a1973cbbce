// `stringee-pulumi doctor` against the emulator in both readings: it lists the first page of every
// collection with GET requests only, reports what the lists show against what the provider reads, and
// never prints the secret or a token.
import { StringeeClient } from "../../../provider/client";
import { runDoctor, type DoctorIo, type DoctorReport } from "../../../provider/cli/doctor";
import type { Reading } from "../../../provider/emulator/collections";
import { wavBytes } from "../../support/audio";
import { EmulatorControl, type LoggedRequest } from "../../support/emulatorControl";

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

async function seedAccount(emu: EmulatorControl): Promise<void> {
  const c = new StringeeClient({
    apiKeySid: emu.apiKeySid,
    apiKeySecret: emu.apiKeySecret,
    iccBaseUrl: emu.emulator.iccBaseUrl,
    apiBaseUrl: emu.emulator.apiBaseUrl,
  });
  try {
    const queue = (await c.queues.create({ name: "Sales" })).id;
    const group = (await c.groups.create({ name: "Sales team" })).id;
    const agent = (await c.agents.create({ name: "Alice", stringeeUserId: "alice" })).id;
    await c.groupMembers.add(agent, group);
    await c.queueGroupRoutings.create({ queueId: queue, groupId: group, primaryGroup: true });
    const tree = (await c.ivrTrees.create({ treeName: "Main" })).id;
    const node = (
      await c.ivrNodes.create({ tree, nodeName: "Menu", nodePlayMode: "talk", nodePlayContent: "Hi" })
    ).id;
    await c.ivrKeypresses.create({ node, nodeKey: "1", action: 2, queueId: queue });
    await c.numbers.create({
      number: "84986225112",
      allowOutboundCalls: true,
      enableIvr: true,
      ivrMenu: tree,
    });
    await c.sipPhones.create({ username: "100", password: "desk-password-100" });
    await c.blacklistNumbers.create({ number: "84379361752", ivrBlocked: true, queueBlocked: true });
    await c.greetingFiles.create({ description: "Hold music", content: wavBytes(), format: "wav" });
  } finally {
    c.close();
  }
}

async function doctor(
  argv: string[],
  env: NodeJS.ProcessEnv,
  stackConfig?: DoctorIo["stackConfig"],
): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runDoctor(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env,
    ...(stackConfig ? { stackConfig } : {}),
  });
  return { code, out, err };
}

describe.each<Reading>(["strict", "lenient"])("doctor against the emulator (%s reading)", (reading) => {
  let emu: EmulatorControl;
  beforeAll(async () => {
    emu = await EmulatorControl.start(undefined, undefined, { reading });
    await seedAccount(emu);
  });
  afterAll(async () => {
    await emu.close();
  });
  beforeEach(async () => {
    await emu.control("DELETE", "/requests");
  });

  it("exits 0, lists every collection's first page with GET only, and reports what the lists leave out", async () => {
    const { code, out } = await doctor(["--json"], emu.env());
    expect(code).toBe(0);
    const report = JSON.parse(out) as DoctorReport;
    expect(report.ok).toBe(true);
    expect(report.collections.map((c) => [c.collection, c.outcome, c.items])).toEqual([
      ["queues", "ok", 1],
      ["groups", "ok", 1],
      ["agents", "ok", 1],
      ["ivrTrees", "ok", 1],
      ["numbers", "ok", 1],
      ["sipPhones", "ok", 1],
      ["ivrNodes", "ok", 1],
      ["ivrKeypresses", "ok", 1],
      ["groupMembers", "ok", 1],
      ["queueGroupRoutings", "ok", 1],
      ["blacklistNumbers", "ok", 1],
      ["greetingFiles", "ok", 1],
    ]);
    const byName = Object.fromEntries(report.collections.map((c) => [c.collection, c]));
    expect(byName["agents"]?.notListed).toEqual(reading === "strict" ? ["routing_type", "phone_number"] : []);
    expect(byName["numbers"]?.notListed).toEqual(reading === "strict" ? ["record_outbound_calls"] : []);
    expect(byName["sipPhones"]?.notListed).toEqual(reading === "strict" ? ["extension"] : []);
    expect(byName["agents"]?.ids).toBe("prefixed");
    expect(byName["agents"]?.total).toEqual({ key: "totalAgents", value: "1", type: "string" });
    for (const c of report.collections) expect(c.unknown).toEqual([]);
    const log = (await emu.requests()) as LoggedRequest[];
    expect(log).toHaveLength(12);
    expect(byName["greetingFiles"]?.total).toEqual({ key: "total", value: "1", type: "string" });
    expect(byName["blacklistNumbers"]?.ids).toBe("unprefixed");
    expect(new Set(log.map((r) => r.method))).toEqual(new Set(["GET"]));
  });

  it("prints a plain-text report without the secret or any token", async () => {
    const { code, out, err } = await doctor([], emu.env());
    expect(code).toBe(0);
    expect(out).toContain("Result: everything the provider needs is there.");
    expect(out).toMatch(/ok\s+ivrKeypresses\s+GET \/v1\/ivrkeypress\?node=NO_/);
    if (reading === "strict")
      expect(out).toContain("not listed (refresh keeps declared values): routing_type, phone_number");
    expect(out + err).not.toContain(emu.apiKeySecret);
    expect(out + err).not.toMatch(JWT);
  });
});

describe("doctor's failures", () => {
  let emu: EmulatorControl;
  beforeAll(async () => {
    emu = await EmulatorControl.start();
  });
  afterAll(async () => {
    await emu.close();
  });
  beforeEach(async () => {
    await emu.control("POST", "/reset");
  });

  it("a refused key costs one request and exits 1 with one clear problem", async () => {
    const wrong = "wrong-secret-value-0987654321";
    const { code, out } = await doctor([], { ...emu.env(), STRINGEE_API_KEY_SECRET: wrong });
    expect(code).toBe(1);
    expect(out).toContain('Stringee refused the credentials (HTTP 403, r=5 "keySid invalid")');
    expect(out).toContain("Result: the provider would not work as expected");
    expect(out).not.toContain(wrong);
    expect(out).not.toMatch(JWT);
    expect(await emu.requests()).toHaveLength(1);
  });

  it("an empty account is fine: lists under a parent are skipped and say why", async () => {
    const { code, out } = await doctor(["--json"], emu.env());
    expect(code).toBe(0);
    const report = JSON.parse(out) as DoctorReport;
    expect(report.collections.find((c) => c.collection === "ivrKeypresses")).toMatchObject({
      outcome: "skipped",
      message: "not checked: the account has no ivrNodes to list it under",
    });
  });

  it("an unreachable API exits 1 naming the request that failed", async () => {
    await emu.control("POST", "/faults", { path: "^/v1/group$", kind: "status", status: 503, count: 10 });
    const { code, out } = await doctor([], emu.env());
    expect(code).toBe(1);
    expect(out).toMatch(/FAILED\s+groups\s+GET \/v1\/group\?page=1&limit=100 -> HTTP 503/);
  });

  it("missing credentials exit 2 and name both ways to set them", async () => {
    const { code, err } = await doctor([], { STRINGEE_ICC_BASE_URL: emu.emulator.iccBaseUrl });
    expect(code).toBe(2);
    expect(err).toContain("stringee:apiKeySid");
    expect(err).toContain("STRINGEE_API_KEY_SECRET");
    expect(await emu.requests()).toHaveLength(0);
  });

  it("bad arguments exit 2", async () => {
    expect((await doctor(["--nope"], emu.env())).code).toBe(2);
    expect((await doctor(["--stack"], emu.env())).code).toBe(2);
  });

  it("--stack reads stringee:* from the stack config first, then the environment, and says where each came from", async () => {
    const env = emu.env();
    const { code, out } = await doctor(
      ["--stack", "prod", "--json"],
      { STRINGEE_API_KEY_SECRET: env["STRINGEE_API_KEY_SECRET"] },
      async (stack) => {
        expect(stack).toBe("prod");
        return {
          "stringee:apiKeySid": env["STRINGEE_API_KEY_SID"]!,
          "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
          "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
        };
      },
    );
    expect(code).toBe(0);
    const report = JSON.parse(out) as DoctorReport;
    expect(report.settings["apiKeySid"]).toEqual({
      source: "stringee:apiKeySid (stack prod)",
      value: emu.apiKeySid,
    });
    expect(report.settings["apiKeySecret"]).toEqual({ source: "STRINGEE_API_KEY_SECRET" });
  });
});
