// A create that takes two requests (a SIP phone: POST, then a PUT for the extension) and fails between
// them: the phone exists in Stringee, so it must be recorded in the stack, not forgotten (the next up
// would otherwise stop at "already exists … not managed by this stack"). The next up finishes it.
import { EmulatorControl } from "../support/emulatorControl";
import { PulumiProject } from "./harness";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as stringee from "stringee-pulumi";

const cfg = new pulumi.Config();
const desk = new stringee.SipPhone("desk-200", {
  username: "200",
  password: cfg.requireSecret("deskPassword"),
  extension: 200,
});
export const sipUsername = desk.sipUsername;
`;

describe("a SIP phone whose extension PUT fails after the POST", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    project = await PulumiProject.create({ name: "partial-create-e2e", files: { "index.ts": PROGRAM } });
    await project.setConfig(
      {
        "stringee:apiKeySid": emu.apiKeySid,
        "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
        "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
      },
      { "stringee:apiKeySecret": emu.apiKeySecret, deskPassword: "desk-200-password" },
    );
  }, 120_000);

  afterAll(async () => {
    project?.dispose();
    await emu?.close();
  });

  it("is recorded in the stack when up fails, and the next up sets the extension without a second POST", async () => {
    await emu.fault({ method: "PUT", path: "^/v1/sipphone/", kind: "status", status: 503, count: 100 });
    const failed = await project.pulumi(["up", "--yes", "--skip-preview"]);
    expect(failed.code).not.toBe(0);
    expect(failed.stdout + failed.stderr).toMatch(/was created \(id [^)]+\) but extension could not be set/);
    const state = JSON.parse(await project.exportState()) as {
      deployment: { resources?: { type: string; id?: string; outputs?: Record<string, unknown> }[] };
    };
    const recorded = (state.deployment.resources ?? []).filter((r) => r.type.endsWith(":SipPhone"));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.outputs?.["extension"]).toBeUndefined();
    expect(await emu.objects("sipphone")).toHaveLength(1);

    await emu.clearFaults();
    await emu.clearRequests();
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    const requests = await emu.requests();
    expect(requests.filter((r) => r.method === "POST")).toEqual([]);
    expect(requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    const phones = await emu.objects("sipphone");
    expect(phones).toHaveLength(1);
    expect(Number(phones[0]?.["extension"])).toBe(200);
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 240_000);

  it("destroy removes it", async () => {
    await project.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(await emu.objects("sipphone")).toEqual([]);
  }, 120_000);
});
