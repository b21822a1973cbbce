// Keeps the README's demo command true: the demo script runs `pulumi up` of examples/contact-center
// against the embedded emulator, then a preview that must report no changes.
import { execFile } from "node:child_process";
import { REPO_ROOT } from "./harness";

describe("the README demo", () => {
  it("creates the example contact center and a second preview reports no changes", async () => {
    const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        "npx",
        ["ts-node", "--transpile-only", "scripts/demo.ts"],
        {
          cwd: REPO_ROOT,
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
      );
    });
    expect(out).toMatch(/\+ 40 created/);
    expect(out).toMatch(/40 unchanged/);
    expect(out).toMatch(
      /now holds: 2 number, 6 agent, 6 ivrkeypress, 2 sipphone, 2 queue, 1 ivrtree, 2 ivrnode, 3 group, 6 groupagent, 4 grouprouting, 2 blacklistnumber, 2 greetingfile/,
    );
    expect(code).toBe(0);
  }, 300_000);
});
