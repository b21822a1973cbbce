// The GitOps program (program/index.ts + contact-center.<stack>.yaml) through the real Pulumi CLI against
// the emulator, the way teams run it: one stack per environment, spec edits reviewed as previews, drift
// corrected, pre-existing objects adopted, bad specs refused before any API call.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EmulatorControl } from "../support/emulatorControl";
import { PulumiProject, REPO_ROOT } from "./harness";
import { COLLECTIONS, DEV_COUNTS, PROD_COUNTS, SPEC_AUDIO } from "./specCounts";

const read = (file: string) => readFileSync(join(REPO_ROOT, file), "utf8");
const PROGRAM = read("program/index.ts");
const DEV_SPEC = read("contact-center.dev.yaml");
const PROD_SPEC = read("contact-center.prod.yaml");
const SECRETS = {
  dev: "dev-desk-900-password",
  prod100: "prod-desk-100-password",
  prod101: "prod-desk-101-password",
};

describe("the GitOps program through the real Pulumi CLI", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;
  let devSpec = DEV_SPEC;

  const counts = async (): Promise<Record<string, number>> => {
    const all = await emu.control<Record<string, unknown[]>>("GET", "/objects");
    return Object.fromEntries(COLLECTIONS.map((c) => [c, all[c]?.length ?? 0]));
  };
  const writes = async () => (await emu.requests()).filter((r) => r.method !== "GET");

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    project = await PulumiProject.create({
      name: "stringee-gitops-e2e",
      files: {
        "index.ts": PROGRAM,
        "contact-center.dev.yaml": devSpec,
        "contact-center.prod.yaml": PROD_SPEC,
        ...SPEC_AUDIO,
      },
    });
    const credentials = {
      "stringee:apiKeySid": emu.apiKeySid,
      "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
      "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
    };
    await project.setConfig(credentials, {
      "stringee:apiKeySecret": emu.apiKeySecret,
      deskPassword900: SECRETS.dev,
    });
    await project.pulumiOk(["stack", "init", "prod"]);
    await project.setConfig(
      credentials,
      {
        "stringee:apiKeySecret": emu.apiKeySecret,
        deskPassword100: SECRETS.prod100,
        deskPassword101: SECRETS.prod101,
      },
      "prod",
    );
    await project.pulumiOk(["stack", "select", "dev"]);
  }, 180_000);

  afterAll(async () => {
    project?.dispose();
    await emu?.close();
  });

  it("up of the dev spec creates exactly the objects it declares", async () => {
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(await counts()).toEqual(DEV_COUNTS);
    const ids = (await project.outputs())["ids"] as Record<string, Record<string, string>>;
    expect(ids["numbers"]?.["hotline"]).toMatch(/^NU_/);
  }, 240_000);

  it("a second preview reports no changes and makes no write", async () => {
    await emu.clearRequests();
    await project.pulumiOk(["preview", "--expect-no-changes"]);
    expect(await writes()).toEqual([]);
  }, 180_000);

  it("a spec edit previews exactly its diff (one queue renamed, one key added) and applies it", async () => {
    devSpec = devSpec
      .replace("name: Support (dev)", "name: Customer care (dev)")
      .replace(
        `          EMPTY_KEY: { action: stopCall }`,
        `          EMPTY_KEY: { action: stopCall }\n          "9": { action: nextNode, nextNode: main-menu }`,
      );
    project.write("contact-center.dev.yaml", devSpec);
    const preview = await project.pulumiOk(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/name\s*:\s*"Support \(dev\)" => "Customer care \(dev\)"/);
    expect(preview.stdout).toMatch(/\+ 1 to create/);
    expect(preview.stdout).toMatch(/~ 1 to update/);
    expect(preview.stdout).not.toMatch(/to replace|to delete/);
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect((await emu.objects("queue")).map((q) => q["name"]).sort()).toEqual([
      "Customer care (dev)",
      "Sales (dev)",
    ]);
    expect((await emu.objects("ivrkeypress")).map((k) => k["node_key"]).sort()).toEqual([
      "1",
      "2",
      "9",
      "EMPTY_KEY",
    ]);
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 240_000);

  it("an out-of-band change shows as drift on refresh and the next up corrects it", async () => {
    const agent = (await emu.objects("agent")).find((a) => a["stringee_user_id"] === "dev_sales_1");
    await emu.patch("agent", String(agent?.["id"]), { name: "Edited in the dashboard" });
    const refresh = await project.pulumiOk(["refresh", "--yes", "--diff", "--skip-preview"]);
    expect(refresh.stdout).toMatch(/name\s*:\s*"Dev Sales 1" => "Edited in the dashboard"/);
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect((await emu.objects("agent")).find((a) => a["stringee_user_id"] === "dev_sales_1")?.["name"]).toBe(
      "Dev Sales 1",
    );
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 240_000);

  it("an object deleted out of band is recreated by up --refresh", async () => {
    const number = (await emu.objects("number"))[0];
    await emu.remove("number", String(number?.["id"]));
    await project.pulumiOk(["up", "--yes", "--skip-preview", "--refresh"]);
    const after = await emu.objects("number");
    expect(after.map((n) => n["number"])).toEqual(["84986225190"]);
    expect(after[0]?.["id"]).not.toBe(number?.["id"]);
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 240_000);

  it("pre-existing objects are imported through importId in the spec, without a POST", async () => {
    const group = await emu.seed("group", { name: "Night shift (dev)" });
    // The top-level groups section (queues have "groups:" lists too, indented).
    devSpec = devSpec.replace(
      "\ngroups:\n",
      `\ngroups:\n  night-shift: { name: Night shift (dev), importId: ${group} }\n`,
    );
    project.write("contact-center.dev.yaml", devSpec);
    await emu.clearRequests();
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect((await writes()).filter((r) => r.method === "POST")).toEqual([]);
    const ids = (await project.outputs())["ids"] as Record<string, Record<string, string>>;
    expect(ids["groups"]?.["night-shift"]).toBe(group);
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 240_000);

  it("a bad spec fails at preview with file, line and the fix, and makes no API call", async () => {
    project.write("contact-center.dev.yaml", devSpec.replace("queue: sales }", "queue: salez }"));
    await emu.clearRequests();
    const preview = await project.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    const text = preview.stdout + preview.stderr;
    expect(text).toMatch(
      /contact-center\.dev\.yaml:\d+:\d+: ivrTrees\.main\.nodes\.main-menu\.keys\.1\.queue: /,
    );
    // A spec problem is reported as such, without a stack trace of the program.
    expect(text).not.toMatch(/unhandled exception|at .*parse\.(ts|js)/);
    expect(text).toMatch(/salez/);
    expect(text).toMatch(/sales/);
    expect(await emu.requests()).toEqual([]);
    project.write("contact-center.dev.yaml", devSpec);
  }, 180_000);

  it("dev and prod stacks on one account do not touch each other's objects", async () => {
    const devObjects = await emu.control<Record<string, { id: string }[]>>("GET", "/objects");
    const devIds = new Set(Object.values(devObjects).flatMap((list) => list.map((o) => o.id)));
    await project.pulumiOk(["up", "--yes", "--skip-preview", "--stack", "prod"]);
    const afterProd = await emu.control<Record<string, { id: string }[]>>("GET", "/objects");
    // Every dev object is still there, unchanged in number; prod added its own.
    for (const id of devIds)
      expect(Object.values(afterProd).some((list) => list.some((o) => o.id === id))).toBe(true);
    expect((await counts())["number"]).toBe(3);
    // Prod's blocked callers, greeting files (uploaded from the repository's audio/) and call settings.
    expect((await counts())["blacklistnumber"]).toBe(PROD_COUNTS.blacklistnumber);
    expect((await counts())["greetingfile"]).toBe(PROD_COUNTS.greetingfile);
    expect(await emu.control("GET", "/callsettings")).toMatchObject({
      event_url: "https://contact-center.example.com/stringee/events",
      get_customer_info_timeout: 1500,
    });
    const queues = await emu.objects("queue");
    const holdMusic = (await emu.objects("greetingfile")).find((f) =>
      f["desc1"]?.toString().startsWith("Hold music"),
    );
    expect(queues.find((q) => q["name"] === "Sales")).toMatchObject({
      hold_greeting: holdMusic?.["filename"],
    });
    await project.pulumiOk(["preview", "--expect-no-changes", "--stack", "dev"]);
    await project.pulumiOk(["destroy", "--yes", "--skip-preview", "--stack", "dev"]);
    expect((await counts())["number"]).toBe(2);
    await project.pulumiOk(["refresh", "--yes", "--skip-preview", "--stack", "prod"]);
    await project.pulumiOk(["preview", "--expect-no-changes", "--stack", "prod"]);
  }, 300_000);

  it("stack exports hold no secret in plain text", async () => {
    for (const stack of ["dev", "prod"]) {
      const state = await project.exportState(stack);
      for (const secret of [emu.apiKeySecret, SECRETS.dev, SECRETS.prod100, SECRETS.prod101])
        expect(state).not.toContain(secret);
    }
  }, 60_000);

  it("destroy leaves the emulator empty", async () => {
    await project.pulumiOk(["destroy", "--yes", "--skip-preview", "--stack", "prod"]);
    const all = await counts();
    // The night-shift group was adopted by dev and destroyed with it; nothing else remains.
    expect(Object.values(all).every((n) => n === 0)).toBe(true);
    // The call settings prod declared are back at Stringee's defaults.
    expect(await emu.control("GET", "/callsettings")).toEqual({
      get_customer_info_url: null,
      get_customer_info_timeout: 2000,
      event_url: null,
      callout_answer_url: null,
    });
  }, 240_000);
});
