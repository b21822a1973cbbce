// Every error a user can cause prints one message naming the resource, the field and the fix, and no
// JavaScript stack, through the real Pulumi CLI against the emulator: a natural key declared twice in one
// program (plain values, and values known only from other resources' outputs), a bad spec, refused
// credentials, missing credentials, a misspelt recovery switch, and an object that already exists.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EmulatorControl } from "../support/emulatorControl";
import { JS_STACK, PulumiProject, REPO_ROOT, distinctErrors, type CliResult } from "./harness";

const HEADER = `import * as pulumi from "@pulumi/pulumi";\nimport * as stringee from "stringee-pulumi";\n`;
const GITOPS = readFileSync(join(REPO_ROOT, "program/index.ts"), "utf8");

/** What a failed run printed: exactly one distinct error, with `mentions`, and no stack. */
function expectOneCleanError(result: CliResult, mentions: string[]): string {
  const text = `${result.stdout}\n${result.stderr}`;
  expect(result.code).not.toBe(0);
  const errors = distinctErrors(result);
  expect(errors).toHaveLength(1);
  // The message may go on below its `error:` line (a spec's problems): what the diagnostics show.
  const diagnostics = text.slice(text.indexOf("Diagnostics:"));
  for (const m of mentions) expect(diagnostics).toContain(m);
  expect(text).not.toMatch(JS_STACK);
  return errors[0]!;
}

describe("errors a user can cause print one message, no stack", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;
  const printed: string[] = [];
  const started = Date.now();

  const run = async (label: string, args: string[], mentions: string[], env: Record<string, string> = {}) => {
    const result = await project.pulumi(args, env);
    const message = expectOneCleanError(result, mentions);
    printed.push(`${label}: ${message}`);
    return result;
  };

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    project = await PulumiProject.create({
      name: "stringee-error-messages-e2e",
      files: { "index.ts": HEADER },
    });
    await project.useEmulator(emu);
  }, 120_000);

  afterAll(async () => {
    console.log(
      `error messages (${((Date.now() - started) / 1000).toFixed(1)} s), as printed:\n${printed.join("\n")}`,
    );
    project?.dispose();
    await emu?.close();
  });

  it("a natural key declared twice with plain values fails the preview on the second resource's field", async () => {
    project.write(
      "index.ts",
      `${HEADER}new stringee.Queue("sales", { name: "Sales" });\nnew stringee.Queue("sales-copy", { name: "Sales" });\n`,
    );
    await emu.clearRequests();
    await run(
      "duplicate (plain values)",
      ["preview"],
      [
        "stringee:Queue resource 'sales-copy': property name",
        'Queue "sales-copy" declares the same name (Sales) as Queue "sales"',
        "Remove one of the two declarations or change its name",
      ],
    );
    expect(await emu.requests()).toEqual([]);
  }, 120_000);

  it("a natural key declared twice through outputs fails on the second resource, which is never created", async () => {
    project.write(
      "index.ts",
      `${HEADER}const q = new stringee.Queue("q", { name: "Routed" });\n` +
        `const g = new stringee.Group("g", { name: "Team" });\n` +
        `new stringee.QueueGroupRouting("r1", { queueId: q.stringeeId, groupId: g.stringeeId });\n` +
        `new stringee.QueueGroupRouting("r2", { queueId: q.stringeeId, groupId: g.stringeeId, primaryGroup: true });\n`,
    );
    const up = await run(
      "duplicate (outputs)",
      ["up", "--yes", "--skip-preview"],
      [
        "stringee:QueueGroupRouting resource 'r2': property groupId",
        'QueueGroupRouting "r2" declares the same queueId and groupId',
        'as QueueGroupRouting "r1"',
        "Remove one of the two declarations or change its queueId and groupId",
      ],
    );
    // The queue and group are created; the duplicate never is (the engine stops at the failed check, so the
    // first routing may not be either: a later up creates it).
    expect(up.stdout).toMatch(/stringee:Group g created/);
    expect((await emu.objects("grouprouting")).length).toBeLessThanOrEqual(1);
  }, 120_000);

  it("an object that already exists fails its create, naming the resource, its key and both fixes", async () => {
    const existing = await emu.seed("group", { name: "Made in the dashboard" });
    project.write(
      "index.ts",
      `${HEADER}new stringee.Group("dashboard", { name: "Made in the dashboard" });\n`,
    );
    const up = await run(
      "already exists",
      ["up", "--yes", "--skip-preview"],
      [
        `Group name "Made in the dashboard" already exists in Stringee (id ${existing})`,
        `add \`importId: "${existing}"\``,
        "STRINGEE_ADOPT_EXISTING=true pulumi up",
      ],
    );
    expect(up.stdout).toContain("stringee:Group (dashboard):");
  }, 120_000);

  it("a misspelt recovery switch fails before any API call, naming the variable and its values", async () => {
    await emu.clearRequests();
    await run(
      "recovery switch",
      ["up", "--yes", "--skip-preview"],
      ['STRINGEE_ADOPT_EXISTING must be true or false (1 or 0); got "yes"'],
      { STRINGEE_ADOPT_EXISTING: "yes" },
    );
    expect(await emu.requests()).toEqual([]);
  }, 120_000);

  it("a bad spec fails the preview naming the file, line, path and fix", async () => {
    project.write("index.ts", GITOPS);
    project.write("contact-center.dev.yaml", "queues:\n  sales:\n    wait_agent_answer_timeout: 20\n");
    await run(
      "bad spec",
      ["preview"],
      [
        "contact-center.dev.yaml:3:",
        "queues.sales.wait_agent_answer_timeout",
        "Did you mean waitAgentAnswerTimeout?",
      ],
    );
  }, 120_000);

  it("refused and missing credentials fail with one message naming the settings and how to set them", async () => {
    project.write("index.ts", `${HEADER}new stringee.Queue("creds", { name: "Credentials" });\n`);
    await project.setConfig({}, { "stringee:apiKeySecret": "not-the-right-secret-42" });
    await emu.clearRequests();
    const refused = await run(
      "refused credentials",
      ["up", "--yes", "--skip-preview"],
      [
        "Stringee refused the API credentials",
        "stringee:apiKeySecret (or STRINGEE_API_KEY_SECRET)",
        "pulumi config set --secret stringee:apiKeySecret <SECRET>",
      ],
    );
    expect(refused.stdout).toContain("stringee:Queue (creds):");
    expect(await emu.requests()).toHaveLength(1);
    await project.pulumiOk(["config", "rm", "stringee:apiKeySecret"]);
    await run(
      "missing credentials",
      ["preview"],
      [
        "Stringee credentials are not configured (missing: stringee:apiKeySecret)",
        "pulumi config set --secret",
      ],
    );
  }, 120_000);
});
