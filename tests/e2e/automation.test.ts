// Pulumi's Automation API with inline programs runs every run of a program in one Node process: two stacks
// against two emulators (two accounts) that declare the same natural keys, driven at the same time, twice in
// a row through up, preview, a rename, up and destroy (tests/e2e/automation/twoStacks.ts). Checked here:
// no false duplicate (the natural-key claims belong to one run), nothing shared between the stacks (each
// account got exactly its own stack's objects, the ids each stack reported), and no leaked socket or timer
// (the process exits by itself once done).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { EmulatorControl } from "../support/emulatorControl";
import { REPO_ROOT } from "./harness";

/** One line the script printed. */
interface Step {
  round?: number;
  stack?: string;
  step: string;
  changes?: Record<string, number>;
  outputs?: Record<string, string>;
  handles?: string[];
  error?: string;
}

/** Objects the program declares (9) plus the stack resource. */
const CREATED = { create: 10 };
/** How long the process may take to end once its work is done. */
const EXIT_WITHIN_MS = 10_000;

describe("the Automation API: two stacks, two accounts, one process", () => {
  const emus: EmulatorControl[] = [];

  afterAll(async () => {
    for (const emu of emus) await emu.close();
  });

  it("runs up, preview, rename, up and destroy twice in a row: no false duplicate, nothing shared, the process exits by itself", async () => {
    emus.push(await EmulatorControl.start("SK_ACCOUNT_A", "secret-of-account-a-0123"));
    emus.push(await EmulatorControl.start("SK_ACCOUNT_B", "secret-of-account-b-0123"));
    const env: NodeJS.ProcessEnv = { ...process.env };
    emus.forEach((emu, i) => {
      const s = "AB"[i];
      env[`EMULATOR_${s}_URL`] = emu.emulator.iccBaseUrl;
      env[`EMULATOR_${s}_SID`] = emu.apiKeySid;
      env[`EMULATOR_${s}_SECRET`] = emu.apiKeySecret;
    });
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", join(__dirname, "automation", "twoStacks.ts")],
      { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    let doneAt: number | undefined;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (doneAt === undefined && stdout.includes('"step":"done"')) doneAt = Date.now();
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = await new Promise<{ code: number | null; lingered: boolean }>((resolve) => {
      let lingered = false;
      const watchdog = setInterval(() => {
        if (doneAt !== undefined && Date.now() - doneAt > EXIT_WITHIN_MS) {
          lingered = true;
          child.kill("SIGKILL");
        }
        if (Date.now() - t0 > 600_000) child.kill("SIGKILL");
      }, 200);
      child.on("close", (code) => {
        clearInterval(watchdog);
        resolve({ code, lingered });
      });
    });
    const exitedAfter = doneAt === undefined ? undefined : Date.now() - doneAt;
    const steps = stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Step);
    const done = steps.find((s) => s.step === "done");
    console.log(
      `automation: ${steps.length} steps in ${((Date.now() - t0) / 1000).toFixed(1)} s; exited ${exitedAfter} ms after done ` +
        `(handles open at done: ${JSON.stringify(done?.handles)})\n` +
        steps.map((s) => JSON.stringify(s)).join("\n"),
    );
    expect(steps.find((s) => s.step === "failed")).toBeUndefined();
    expect(exit).toEqual({ code: 0, lingered: false });
    expect(stderr).not.toMatch(/declares the same|error:/);

    // Every step of both stacks in both rounds: creates, nothing to preview, the rename is one in-place update
    // (the alias keeps the queue), destroy removes all.
    for (const round of [1, 2])
      for (const stack of ["a", "b"]) {
        const of = (step: string) =>
          steps.find((s) => s.round === round && s.stack === stack && s.step === step);
        expect(of("up")?.changes).toEqual(CREATED);
        expect(of("preview")?.changes).toEqual({});
        expect(of("up renamed")?.changes).toEqual({ update: 1 });
        expect(of("preview renamed")?.changes).toEqual({});
        expect(of("destroy")?.changes).toEqual({ delete: 10 });
      }

    // Nothing shared: each account received its own stack's creates and deletes only, by the ids that stack
    // reported, and is empty again.
    for (const [i, emu] of emus.entries()) {
      const stack = "ab"[i];
      const log = await emu.requests();
      const posts = log.filter((r) => r.method === "POST");
      expect(posts).toHaveLength(2 * 9);
      const reported = steps
        .filter((s) => s.stack === stack && s.step === "up")
        .map((s) => s.outputs?.["queue"]);
      const others = steps
        .filter((s) => s.stack !== stack && s.step === "up")
        .map((s) => s.outputs?.["queue"]);
      const deletedQueues = log.filter((r) => r.method === "DELETE" && r.path.startsWith("/v1/queue/"));
      expect(deletedQueues.map((r) => r.path.slice("/v1/queue/".length)).sort()).toEqual(
        [...reported].sort(),
      );
      expect(reported.some((id) => others.includes(id))).toBe(false);
      expect(log.filter((r) => r.status !== 200)).toEqual([]);
      const objects = await emu.control<Record<string, unknown[]>>("GET", "/objects");
      expect(Object.values(objects).every((list) => list.length === 0)).toBe(true);
    }
  }, 600_000);
});
