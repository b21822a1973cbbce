// `stringee-pulumi doctor --stack NAME` the way a user runs it: in a Pulumi project folder whose stack config
// holds the credentials (the secret encrypted), read through the real `pulumi config --show-secrets`.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { EmulatorControl } from "../support/emulatorControl";
import { PulumiProject, REPO_ROOT } from "./harness";

const CLI = join(REPO_ROOT, "dist", "provider", "cli", "main.js");

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

describe("doctor --stack through the real Pulumi CLI", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    project = await PulumiProject.create({ name: "doctor-e2e", files: { "index.ts": "export {};\n" } });
    await project.useEmulator(emu);
  }, 120_000);

  afterAll(async () => {
    project?.dispose();
    await emu?.close();
  });

  it("reads the stack's stringee:* config (secret decrypted by Pulumi), checks every list with GETs, prints no secret", async () => {
    // No STRINGEE_* variables: everything must come from the stack config.
    const env = { ...project.environment };
    for (const key of Object.keys(env)) if (key.startsWith("STRINGEE_")) delete env[key];
    await emu.control("DELETE", "/requests");
    const { code, out } = await run(["doctor", "--stack", "dev"], project.dir, env);
    expect(code).toBe(0);
    expect(out).toContain("[stringee:apiKeySid (stack dev)]");
    expect(out).toContain("(set, not shown)  [stringee:apiKeySecret (stack dev)]");
    expect(out).toContain("Result: everything the provider needs is there.");
    expect(out).not.toContain(emu.apiKeySecret);
    const methods = new Set((await emu.requests()).map((r) => r.method));
    expect(methods).toEqual(new Set(["GET"]));
  }, 120_000);

  it("a stack that does not exist exits 2 with Pulumi's reason", async () => {
    const { code, out } = await run(["doctor", "--stack", "nope"], project.dir, project.environment);
    expect(code).toBe(2);
    expect(out).toMatch(/could not read the config of stack "nope"/);
  }, 120_000);
});
