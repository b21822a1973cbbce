// stringee.CallSettings, BlacklistNumber and GreetingFile over real HTTP against the emulator (strict
// reading): the HTTP requests each operation costs, drift seen by read, and a greeting file replaced (new
// upload first) when its content changes, with an IVR node playing it by its file name.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blacklistNumberDefinition } from "../../../provider/kinds/blacklistNumber";
import { CALL_SETTINGS_ID, callSettingsDefinition } from "../../../provider/kinds/callSettings";
import { greetingFileDefinition } from "../../../provider/kinds/greetingFile";
import { ivrNodeDefinition } from "../../../provider/kinds/ivrNode";
import { mp3Bytes, wavBytes } from "../../support/audio";
import { checked, startResourceHarness, type Props, type ResourceHarness } from "./harness";

let h: ResourceHarness;
let dir: string;

beforeAll(async () => {
  h = await startResourceHarness();
  dir = mkdtempSync(join(tmpdir(), "greeting-integration-"));
});

afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await h.reset();
});

describe("CallSettings against the emulator", () => {
  const lc = () => h.lifecycle(callSettingsDefinition);

  it("create is one GET and one PUT (no POST exists), then the read-back GET", async () => {
    const result = await lc().create(checked(lc(), { eventUrl: "https://cc.example/events" }));
    expect(result.id).toBe(CALL_SETTINGS_ID);
    expect(await h.counts()).toEqual({ "GET /v1/callsettings": 2, "PUT /v1/callsettings": 1 });
    const drift = await h.control("PATCH", "/callsettings", { event_url: "https://edited.example/e" });
    expect(drift.status).toBe(200);
    const read = await lc().read(CALL_SETTINGS_ID, result.outs as Props);
    expect(read.inputs).toEqual({ eventUrl: "https://edited.example/e" });
    await lc().delete(CALL_SETTINGS_ID, read.props as Props);
    expect((await h.control("GET", "/callsettings")).body).toMatchObject({ event_url: null });
  });
});

describe("BlacklistNumber against the emulator", () => {
  const lc = () => h.lifecycle(blacklistNumberDefinition);

  it("create is one lookup and one POST; the listed + never shows as a difference", async () => {
    const result = await lc().create(checked(lc(), { number: "84379361752", ivrBlocked: false }));
    expect(await h.counts()).toEqual({ "GET /v1/blacklistnumber": 1, "POST /v1/blacklistnumber": 1 });
    const read = await lc().read(result.id, result.outs as Props);
    expect(read.inputs).toEqual({ number: "84379361752", ivrBlocked: false, queueBlocked: true });
    expect(
      lc().diff(read.props as Props, checked(lc(), { number: "84379361752", ivrBlocked: false })).changes,
    ).toBe(false);
  });
});

describe("GreetingFile against the emulator", () => {
  const lc = () => h.lifecycle(greetingFileDefinition);
  const nodes = () => h.lifecycle(ivrNodeDefinition);

  it("uploads to the platform host, and an IVR node plays it by its file name", async () => {
    const path = join(dir, "welcome.mp3");
    writeFileSync(path, mp3Bytes(6));
    const greeting = await lc().create(checked(lc(), { file: path, description: "Welcome" }));
    const fileName = (greeting.outs as Props)["fileName"] as string;
    expect(fileName).toMatch(/^[A-Z]{10}-\d{13}\.mp3$/);
    const tree = await h.seed("ivrtree", { tree_name: "Main" });
    const node = await nodes().create(
      checked(nodes(), { tree, nodeName: "Welcome", nodePlayMode: "play", nodePlayContent: fileName }),
    );
    expect(await h.object("ivrnode", node.id)).toMatchObject({
      node_play_mode: "play",
      node_play_content: fileName,
    });
  });

  it("a new content is a replacement: the new file is uploaded while the old one still exists", async () => {
    const path = join(dir, "hold.wav");
    writeFileSync(path, wavBytes(100, 1));
    const first = await lc().create(checked(lc(), { file: path }));
    writeFileSync(path, wavBytes(100, 2));
    const news = checked(lc(), { file: path });
    const diff = lc().diff(first.outs as Props, news);
    expect(diff).toMatchObject({ replaces: ["contentHash"], deleteBeforeReplace: false });
    // Pulumi's order for create-before-delete: create the replacement, then delete the old one.
    const second = await lc().create(news);
    expect((await h.objects("greetingfile")).map((f) => f["sid"])).toEqual([first.id, second.id]);
    await lc().delete(first.id, first.outs as Props);
    expect((await h.objects("greetingfile")).map((f) => f["sid"])).toEqual([second.id]);
  });
});
