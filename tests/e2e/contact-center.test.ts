// The example contact center (examples/contact-center) through the real Pulumi CLI against the emulator:
// the whole account in one up, a no-change preview, re-routing a key (update in place), moving an agent to
// another group (one membership replaced), and a destroy that leaves the account empty although Stringee
// refuses to delete objects still referenced (the emulator refuses too), because Pulumi deletes dependents first.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Reading } from "../../provider/emulator/collections";
import { EmulatorControl } from "../support/emulatorControl";
import { PulumiProject, REPO_ROOT } from "./harness";
import { COLLECTIONS as ALL } from "./specCounts";

const EXAMPLE = readFileSync(join(REPO_ROOT, "examples", "contact-center", "index.ts"), "utf8");
/** The example's audio files (its greetings), next to its program. */
const AUDIO = Object.fromEntries(
  ["hold-music.wav", "sales-menu.wav"].map((f) => [
    `audio/${f}`,
    readFileSync(join(REPO_ROOT, "examples", "contact-center", "audio", f)),
  ]),
);

/** Replaces one exact snippet of the example, failing loudly if the example changed shape. */
function edit(program: string, from: string, to: string): string {
  if (!program.includes(from)) throw new Error(`the example no longer contains: ${from}`);
  return program.replace(from, to);
}

describe.each<Reading>(["strict", "lenient"])(
  "the example contact center through the real Pulumi CLI (%s reading)",
  (reading) => {
    let emu: EmulatorControl;
    let project: PulumiProject;
    let program = EXAMPLE;

    const counts = async (): Promise<Record<string, number>> => {
      const all = await emu.control<Record<string, unknown[]>>("GET", "/objects");
      return Object.fromEntries(ALL.map((c) => [c, all[c]?.length ?? 0]));
    };

    beforeAll(async () => {
      emu = await EmulatorControl.start(undefined, undefined, { reading });
      project = await PulumiProject.create({
        name: "contact-center-e2e",
        files: { "index.ts": program, ...AUDIO },
      });
      await project.setConfig(
        {
          "stringee:apiKeySid": emu.apiKeySid,
          "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
          "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
        },
        {
          "stringee:apiKeySecret": emu.apiKeySecret,
          deskPassword100: "desk-100-secret",
          deskPassword101: "desk-101-secret",
        },
      );
    }, 120_000);

    afterAll(async () => {
      project?.dispose();
      await emu?.close();
    });

    it("one up creates the whole account: numbers, IVR, queues, groups, agents, memberships, routings, SIP phones, greetings, blacklist, call settings", async () => {
      const up = await project.pulumiOk(["up", "--yes", "--skip-preview"]);
      expect(up.stdout).toMatch(/40 created/);
      expect(await counts()).toEqual({
        number: 2,
        agent: 6,
        ivrkeypress: 6,
        sipphone: 2,
        queue: 2,
        ivrtree: 1,
        ivrnode: 2,
        group: 3,
        groupagent: 6,
        grouprouting: 4,
        blacklistnumber: 2,
        greetingfile: 2,
      });
      const { greetingFiles } = (await project.outputs()) as { greetingFiles: Record<string, string> };
      const salesMenu = (await emu.objects("ivrnode")).find((n) => n["node_name"] === "Sales menu");
      expect(salesMenu).toMatchObject({
        node_play_mode: "play",
        node_play_content: greetingFiles["salesMenu"],
      });
      for (const q of await emu.objects("queue")) expect(q["hold_greeting"]).toBe(greetingFiles["holdMusic"]);
      expect(await emu.control("GET", "/callsettings")).toMatchObject({ get_customer_info_timeout: 1500 });
      const tree = (await emu.objects("ivrtree"))[0];
      const root = (await emu.objects("ivrnode")).find((n) => n["node_name"] === "Main menu");
      expect(tree?.["root_node"]).toBe(root?.["id"]);
    }, 240_000);

    it("a second preview reports no changes", async () => {
      await project.pulumiOk(["preview", "--expect-no-changes"]);
    }, 180_000);

    it("re-routing key 2 from the support queue to the sales queue updates the keypress in place", async () => {
      const before = (await emu.objects("ivrkeypress")).find((k) => k["node_key"] === "2");
      program = edit(
        program,
        `nodeKey: "2",\n  action: "routeToQueue",\n  queueId: supportQueue.stringeeId,`,
        `nodeKey: "2",\n  action: "routeToQueue",\n  queueId: salesQueue.stringeeId,`,
      );
      project.write("index.ts", program);
      const preview = await project.pulumiOk(["preview", "--diff"]);
      expect(preview.stdout).toMatch(/1 to update/);
      expect(preview.stdout).not.toMatch(/to replace/);
      await project.pulumiOk(["up", "--yes", "--skip-preview"]);
      const salesQueue = (await emu.objects("queue")).find((q) => q["name"] === "Sales");
      const after = (await emu.objects("ivrkeypress")).find((k) => k["node_key"] === "2");
      expect(after?.["id"]).toBe(before?.["id"]);
      expect(after?.["queue_id"]).toBe(salesQueue?.["id"]);
    }, 240_000);

    it("moving an agent to another group replaces one membership and keeps six", async () => {
      program = edit(
        program,
        `["support-2", agents.support2, groups.support]`,
        `["support-2", agents.support2, groups.sales]`,
      );
      project.write("index.ts", program);
      const preview = await project.pulumiOk(["preview", "--diff"]);
      expect(preview.stdout).toMatch(/1 to replace/);
      await project.pulumiOk(["up", "--yes", "--skip-preview"]);
      const groups = await emu.objects("group");
      const sales = groups.find((g) => g["name"] === "Sales team")?.["id"];
      const support = groups.find((g) => g["name"] === "Support team")?.["id"];
      const support2 = (await emu.objects("agent")).find((a) => a["stringee_user_id"] === "support_2")?.[
        "id"
      ];
      const memberships = await emu.objects("groupagent");
      expect(memberships).toHaveLength(6);
      expect(memberships.filter((m) => m["agent_id"] === support2).map((m) => m["group_id"])).toEqual([
        sales,
      ]);
      expect(memberships.filter((m) => m["group_id"] === support)).toHaveLength(1);
      await project.pulumiOk(["preview", "--expect-no-changes"]);
    }, 240_000);

    it("refresh shows a queue renamed and a membership removed out of band; the next up restores both", async () => {
      const sales = (await emu.objects("queue")).find((q) => q["name"] === "Sales");
      await emu.patch("queue", String(sales?.["id"]), { name: "Sales (renamed by hand)" });
      const membership = (await emu.objects("groupagent"))[0];
      await emu.remove(
        "groupagent",
        `${String(membership?.["group_id"])}:${String(membership?.["agent_id"])}`,
      );
      const refresh = await project.pulumiOk(["refresh", "--yes", "--diff", "--skip-preview"]);
      expect(refresh.stdout).toMatch(/name\s*:\s*"Sales" => "Sales \(renamed by hand\)"/);
      expect(refresh.stdout).toMatch(/1 deleted/);
      const preview = await project.pulumiOk(["preview"]);
      expect(preview.stdout).toMatch(/1 to create/);
      expect(preview.stdout).toMatch(/1 to update/);
      await project.pulumiOk(["up", "--yes", "--skip-preview"]);
      expect((await emu.objects("queue")).map((q) => q["name"]).sort()).toEqual(["Sales", "Support"]);
      expect(await emu.objects("groupagent")).toHaveLength(6);
      await project.pulumiOk(["preview", "--expect-no-changes"]);
    }, 240_000);

    it("a group created outside Pulumi is adopted with importId, without a POST, and previews with no changes", async () => {
      const existing = await emu.seed("group", { name: "Night shift" });
      program += `\nexport const nightShift = new stringee.Group("night-shift", { name: "Night shift", importId: "${existing}" }).stringeeId;\n`;
      project.write("index.ts", program);
      await emu.clearRequests();
      await project.pulumiOk(["up", "--yes", "--skip-preview"]);
      expect((await emu.requests()).filter((r) => r.method === "POST")).toEqual([]);
      expect((await project.outputs())["nightShift"]).toBe(existing);
      expect(await emu.objects("group")).toHaveLength(4);
      await project.pulumiOk(["preview", "--expect-no-changes"]);
    }, 240_000);

    it("destroy deletes in dependency order and leaves the account empty", async () => {
      await project.pulumiOk(["destroy", "--yes", "--skip-preview"]);
      expect(Object.values(await counts()).every((n) => n === 0)).toBe(true);
      expect(await emu.control("GET", "/callsettings")).toMatchObject({
        event_url: null,
        get_customer_info_timeout: 2000,
      });
    }, 240_000);
  },
);
