// The drift check of examples/github-actions/drift.yml, its `run:` script as committed, through the real
// Pulumi CLI against the emulator: clean after up, drift (and its diff, for the issue) after a change made
// in the dashboard, nothing written by the check, and a failing preview reported as a failure, not as drift.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmulatorControl } from "../support/emulatorControl";
import { loadWorkflow, runStep, stepNamed, type ScriptResult } from "../unit/examples/workflows";
import { PulumiProject } from "./harness";

const PROGRAM = `import * as stringee from "stringee-pulumi";

const queue = new stringee.Queue("sales", { name: "Sales" });
new stringee.Agent("sales-1", { name: "Sales 1", stringeeUserId: "sales_1", routingType: 1 });
export const queueId = queue.stringeeId;
`;
const check = stepNamed(
  loadWorkflow("drift.yml").workflow.jobs["drift"]!,
  "Preview with refresh, expecting no changes",
);

describe("the drift check of the example drift workflow, through the real Pulumi CLI", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;
  let scratch: string;

  /** Runs the check as GitHub would for stack dev; returns its result, its outputs and its report. */
  const runCheck = async (): Promise<ScriptResult & { outputs: string; report: string | undefined }> => {
    const outputs = join(scratch, `output-${Date.now()}`);
    writeFileSync(outputs, "");
    rmSync(join(project.dir, "drift.md"), { force: true });
    const result = await runStep(check, project.dir, {
      ...(project.env as Record<string, string>),
      STACK: "dev",
      GITHUB_OUTPUT: outputs,
      GITHUB_RUN_ID: "4242",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "acme/contact-center",
    });
    const report = join(project.dir, "drift.md");
    return {
      ...result,
      outputs: readFileSync(outputs, "utf8"),
      report: existsSync(report) ? readFileSync(report, "utf8") : undefined,
    };
  };
  const writes = async () => (await emu.requests()).filter((r) => r.method !== "GET");

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "drift-check-"));
    emu = await EmulatorControl.start();
    project = await PulumiProject.create({ name: "stringee-drift-e2e", files: { "index.ts": PROGRAM } });
    await project.useEmulator(emu);
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
  }, 240_000);

  afterAll(async () => {
    project?.dispose();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    await emu?.close();
  });

  it("finds no drift right after up", async () => {
    const result = await runCheck();
    expect(result.code).toBe(0);
    expect(result.outputs).toBe("drift=false\n");
    expect(result.report).toBeUndefined();
  }, 180_000);

  it("reports a rename made in the dashboard as drift, with the diff for the issue, and writes nothing", async () => {
    const [agent] = await emu.objects("agent");
    await emu.patch("agent", String(agent?.["id"]), { name: "Renamed in the dashboard" });
    await emu.clearRequests();
    const before = await project.exportState();
    const result = await runCheck();
    expect(result.code).toBe(0);
    expect(result.outputs).toBe("drift=true\n");
    expect(result.report?.split("\n")[0]).toBe("<!-- stringee-pulumi drift: dev -->");
    expect(result.report).toContain(
      "Found by [run 4242](https://github.com/acme/contact-center/actions/runs/4242)",
    );
    expect(result.report).toMatch(/name\s*:\s*"Renamed in the dashboard" => "Sales 1"/);
    // The refresh belongs to the preview: neither the state nor the account changes.
    expect(await project.exportState()).toBe(before);
    expect(await writes()).toEqual([]);
  }, 180_000);

  it("reports an object deleted in the dashboard as drift", async () => {
    const [queue] = await emu.objects("queue");
    await emu.remove("queue", String(queue?.["id"]));
    const result = await runCheck();
    expect(result.outputs).toBe("drift=true\n");
    expect(result.report).toMatch(/\+ 1 to create/);
  }, 180_000);

  it("is clean again once up has restored the spec", async () => {
    await project.pulumiOk(["up", "--yes", "--skip-preview", "--refresh"]);
    const result = await runCheck();
    expect(result.code).toBe(0);
    expect(result.outputs).toBe("drift=false\n");
  }, 240_000);

  it("fails, without a drift output, when the preview fails for another reason (a program that does not validate)", async () => {
    // Merged by mistake: routingType 2 routes calls to the agent's phone, which is not given.
    project.write("index.ts", PROGRAM.replace("routingType: 1", "routingType: 2"));
    const result = await runCheck();
    expect(result.code).not.toBe(0);
    expect(result.outputs).toBe("");
    expect(result.report).toBeUndefined();
    expect(result.output).toMatch(/::error::pulumi preview failed \(exit code \d+\): not a drift/);
    expect(result.output).toMatch(/phoneNumber is required when routingType is 2/);
  }, 180_000);
});
