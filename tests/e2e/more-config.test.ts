// CallSettings, BlacklistNumber and GreetingFile through the real Pulumi CLI against the emulator: up, a
// no-change preview, drift on refresh corrected by the next up, updates in place, a greeting file replaced
// when its audio changes (the new upload first, the queue and the IVR node switched to its name), bad input
// refused at preview with no API call, and a destroy that empties the account and puts the call settings
// back to Stringee's defaults.
import { truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mp3Bytes, wavBytes } from "../support/audio";
import { EmulatorControl } from "../support/emulatorControl";
import { PulumiProject } from "./harness";

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as stringee from "stringee-pulumi";

const cfg = new pulumi.Config();
new stringee.CallSettings("settings", {
  eventUrl: cfg.require("eventUrl"),
  getCustomerInfoTimeout: 300,
});
if (cfg.getBoolean("twoSettings")) new stringee.CallSettings("more-settings", {});
const spammer = new stringee.BlacklistNumber("spammer", {
  number: "84379361752",
  queueBlocked: cfg.getBoolean("queueBlocked") ?? true,
});
const hold = new stringee.GreetingFile("hold-music", { file: "audio/hold.wav", description: "Hold music" });
const welcome = new stringee.GreetingFile("welcome", { file: cfg.get("welcomeFile") ?? "audio/welcome.mp3" });
const queue = new stringee.Queue("sales", { name: "Sales", waitGreeting: hold.fileName, holdGreeting: hold.fileName });
const tree = new stringee.IvrTree("ivr", { treeName: "Main IVR" });
const menu = new stringee.IvrNode("menu", {
  tree: tree.stringeeId,
  nodeName: "Welcome",
  nodePlayMode: "play",
  nodePlayContent: welcome.fileName,
});

export const holdFile = hold.fileName;
export const holdSid = hold.fileSid;
export const welcomeFile = welcome.fileName;
export const blacklistId = spammer.stringeeId;
export const queueId = queue.stringeeId;
export const menuId = menu.stringeeId;
`;

const DEFAULT_SETTINGS = {
  get_customer_info_url: null,
  get_customer_info_timeout: 2000,
  event_url: null,
  callout_answer_url: null,
};

describe("CallSettings, BlacklistNumber and GreetingFile through the real Pulumi CLI", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;
  const writes = async () => (await emu.requests()).filter((r) => r.method !== "GET");
  const settings = () => emu.control<Record<string, unknown>>("GET", "/callsettings");

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    project = await PulumiProject.create({
      name: "more-config-e2e",
      files: {
        "index.ts": PROGRAM,
        "audio/hold.wav": wavBytes(400, 1),
        "audio/welcome.mp3": mp3Bytes(8),
        "audio/notes.txt": "not audio",
      },
    });
    await project.useEmulator(emu);
    await project.setConfig({ eventUrl: "https://cc.example/events" });
  }, 120_000);

  afterAll(async () => {
    project?.dispose();
    await emu?.close();
  });

  it("up sets the call settings, blacklists the number and uploads both files, which the queue and node play", async () => {
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(await settings()).toEqual({
      ...DEFAULT_SETTINGS,
      event_url: "https://cc.example/events",
      get_customer_info_timeout: 300,
    });
    expect(await emu.objects("blacklistnumber")).toEqual([
      expect.objectContaining({ number: "+84379361752", ivr_blocked: 1, queue_blocked: 1 }),
    ]);
    const out = await project.outputs();
    const files = await emu.objects("greetingfile");
    expect(files.map((f) => f["filename"]).sort()).toEqual([out["holdFile"], out["welcomeFile"]].sort());
    expect(files.find((f) => f["filename"] === out["holdFile"])).toMatchObject({
      size: wavBytes(400, 1).length,
    });
    expect((await emu.objects("queue"))[0]).toMatchObject({
      wait_greeting: out["holdFile"],
      hold_greeting: out["holdFile"],
    });
    expect((await emu.objects("ivrnode"))[0]).toMatchObject({
      node_play_mode: "play",
      node_play_content: out["welcomeFile"],
    });
  }, 240_000);

  it("a second preview reports no changes and makes no write", async () => {
    await emu.clearRequests();
    await project.pulumiOk(["preview", "--expect-no-changes"]);
    expect(await writes()).toEqual([]);
  }, 180_000);

  it("refresh shows drift made in the dashboard, and the next up puts it back", async () => {
    const { blacklistId } = (await project.outputs()) as { blacklistId: string };
    await emu.control("PATCH", "/callsettings", {
      event_url: "https://dashboard.example/events",
      callout_answer_url: "https://dashboard.example/answer",
    });
    await emu.patch("blacklistnumber", blacklistId, { ivr_blocked: 0 });
    const refresh = await project.pulumiOk(["refresh", "--yes", "--diff", "--skip-preview"]);
    expect(refresh.stdout).toMatch(
      /eventUrl\s*:\s*"https:\/\/cc.example\/events" => "https:\/\/dashboard.example\/events"/,
    );
    expect(refresh.stdout).toMatch(/ivrBlocked\s*:\s*true => false/);
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    // The undeclared callout answer URL is not managed: it stays as the dashboard set it.
    expect(await settings()).toMatchObject({
      event_url: "https://cc.example/events",
      callout_answer_url: "https://dashboard.example/answer",
    });
    expect((await emu.objects("blacklistnumber"))[0]).toMatchObject({ ivr_blocked: 1 });
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 300_000);

  it("a greeting file deleted in the dashboard is dropped by refresh and uploaded again, and the node follows", async () => {
    const before = (await project.outputs()) as { welcomeFile: string };
    const welcome = (await emu.objects("greetingfile")).find((f) => f["filename"] === before.welcomeFile);
    await emu.remove("greetingfile", String(welcome?.["sid"]));
    await project.pulumiOk(["up", "--refresh", "--yes", "--skip-preview"]);
    const after = (await project.outputs()) as { welcomeFile: string };
    expect(after.welcomeFile).not.toBe(before.welcomeFile);
    expect((await emu.objects("ivrnode"))[0]).toMatchObject({ node_play_content: after.welcomeFile });
    expect(await emu.objects("greetingfile")).toHaveLength(2);
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 300_000);

  it("a new event URL and a flag are updates in place: PUTs only", async () => {
    await project.setConfig({ eventUrl: "https://cc.example/v2/events", queueBlocked: "false" });
    const preview = await project.pulumiOk(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/2 to update/);
    expect(preview.stdout).not.toMatch(/to replace|to create|to delete/);
    await emu.clearRequests();
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(
      [...new Set((await writes()).map((r) => `${r.method} ${r.path.replace(/\/BN\w+$/, "/:id")}`))].sort(),
    ).toEqual(["PUT /v1/blacklistnumber/:id", "PUT /v1/callsettings"]);
    expect(await settings()).toMatchObject({ event_url: "https://cc.example/v2/events" });
    expect((await emu.objects("blacklistnumber"))[0]).toMatchObject({ queue_blocked: 0, ivr_blocked: 1 });
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 300_000);

  it("new audio in the file replaces the upload: the new one first, the queue switched, then the old one deleted", async () => {
    const before = (await project.outputs()) as { holdFile: string; holdSid: string };
    writeFileSync(join(project.dir, "audio/hold.wav"), wavBytes(600, 2));
    const preview = await project.pulumiOk(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/\+-pulumi-nodejs:dynamic\/stringee:GreetingFile: \(replace\)/);
    expect(preview.stdout).toMatch(/contentHash: "[0-9a-f]{64}" => "[0-9a-f]{64}"/);
    expect(preview.stdout).toMatch(/1 to replace/);
    await emu.clearRequests();
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    const log = (await writes()).map((r) => `${r.method} ${r.path}`);
    const upload = log.indexOf("POST /v1/greetingfile");
    const queueUpdate = log.findIndex((l) => l.startsWith("PUT /v1/queue/"));
    const removal = log.indexOf(`DELETE /v1/greetingfile/${before.holdSid}`);
    expect(upload).toBeGreaterThanOrEqual(0);
    expect(queueUpdate).toBeGreaterThan(upload);
    expect(removal).toBeGreaterThan(queueUpdate);
    const after = (await project.outputs()) as { holdFile: string };
    expect((await emu.objects("queue"))[0]).toMatchObject({
      wait_greeting: after.holdFile,
      hold_greeting: after.holdFile,
    });
    expect((await emu.objects("greetingfile")).map((f) => f["filename"])).not.toContain(before.holdFile);
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 300_000);

  it("refuses at preview, with no API call, a missing file, a file that is not audio, one over 5 MiB and a second CallSettings", async () => {
    const refusals: [Record<string, string>, RegExp][] = [
      [{ welcomeFile: "audio/missing.mp3" }, /audio\/missing\.mp3 does not exist/],
      [{ welcomeFile: "audio/notes.txt" }, /notes\.txt is not a WAV or MP3 file/],
      [{ welcomeFile: "audio/long.wav" }, /a greeting file may be at most 5242880 bytes/],
      [{ twoSettings: "true" }, /both declare the project's CallSettings/],
    ];
    writeFileSync(join(project.dir, "audio/long.wav"), wavBytes());
    truncateSync(join(project.dir, "audio/long.wav"), 5 * 1024 * 1024 + 1);
    for (const [config, message] of refusals) {
      await project.setConfig(config);
      await emu.clearRequests();
      const preview = await project.pulumi(["preview"]);
      expect(preview.code).not.toBe(0);
      expect(preview.stdout + preview.stderr).toMatch(message);
      expect(await emu.requests()).toEqual([]);
      await project.pulumiOk(["config", "rm", Object.keys(config)[0]!]);
    }
  }, 300_000);

  it("destroy deletes the blacklist entry and the files and puts the declared settings back to the defaults", async () => {
    await project.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(await emu.objects("blacklistnumber")).toEqual([]);
    expect(await emu.objects("greetingfile")).toEqual([]);
    expect(await settings()).toEqual({
      ...DEFAULT_SETTINGS,
      callout_answer_url: "https://dashboard.example/answer",
    });
  }, 300_000);
});
