// The command line: two URL lines on stdout, --state persistence across restarts, clean exit on SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { SECRET, SID, token } from "./harness";

const ROOT = resolve(__dirname, "../../..");
const TS_NODE = join(ROOT, "node_modules/.bin/ts-node");
const CLI = join(ROOT, "provider/emulator/cli.ts");

interface Started {
  child: ChildProcess;
  lines: string[];
  url: string;
  stdout: () => string;
}

function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(TS_NODE, ["--transpile-only", CLI, ...args], {
    cwd: ROOT,
    // The same node that runs the tests runs the CLI (ts-node's shebang resolves node from PATH).
    env: {
      ...process.env,
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`emulator did not start in time; stderr: ${stderr}`));
    }, 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited early with ${String(code)}; stderr: ${stderr}`));
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const lines = stdout.split("\n").filter(Boolean);
      if (lines.length >= 2) {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        const url = (lines[0] ?? "").replace("ICC base URL: ", "");
        resolvePromise({ child, lines, url, stdout: () => stdout });
      }
    });
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null) return resolvePromise(child.exitCode);
    child.once("exit", (code) => resolvePromise(code));
    child.kill(signal);
  });
}

async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ r: number; [key: string]: unknown }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { "X-STRINGEE-AUTH": token(), "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as { r: number };
}

describe("stringee-emulator command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "stringee-emulator-"));
  const running: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of running) await stop(child);
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints exactly the two base URL lines, saves --state, and serves the saved account after a restart", async () => {
    const stateFile = join(dir, "state.json");
    const args = ["--port", "0", "--api-key-sid", SID, "--api-key-secret", SECRET, "--state", stateFile];
    const first = await startCli(args);
    running.push(first.child);
    expect(first.lines).toEqual([
      expect.stringMatching(/^ICC base URL: http:\/\/127\.0\.0\.1:\d+$/),
      expect.stringMatching(/^API base URL: http:\/\/127\.0\.0\.1:\d+$/),
    ]);
    expect(first.lines[1]?.replace("API base URL: ", "")).toBe(first.url);
    const queue = await call(first.url, "POST", "/v1/queue", { name: "Persisted" });
    await call(first.url, "POST", "/v1/sipphone", { username: "500", password: "never-shown" });
    expect(queue.r).toBe(0);
    // Saved after every write, before any shutdown.
    expect(JSON.parse(readFileSync(stateFile, "utf8")).collections.queue[0].name).toBe("Persisted");
    expect(await stop(first.child)).toBe(0);
    expect(first.stdout().split("\n").filter(Boolean)).toHaveLength(2);
    const saved = readFileSync(stateFile, "utf8");
    expect(saved).not.toContain("never-shown");

    const second = await startCli(args);
    running.push(second.child);
    const listed = await call(second.url, "GET", "/v1/queue");
    expect(listed).toMatchObject({
      r: 0,
      data: { totalCount: "1", queues: [{ id: `QU_${queue.queueID}`, name: "Persisted" }] },
    });
    const phones = await call(second.url, "GET", "/v1/sipphone");
    expect(phones).toMatchObject({ data: { total: "1", sipphones: [{ username: "246_500" }] } });
    expect(await stop(second.child)).toBe(0);
  }, 60_000);

  it("takes its settings from environment variables and exits 0 on SIGINT", async () => {
    const started = await startCli([], {
      STRINGEE_EMULATOR_PORT: "0",
      STRINGEE_API_KEY_SID: SID,
      STRINGEE_API_KEY_SECRET: SECRET,
      STRINGEE_EMULATOR_STATE: "",
    });
    running.push(started.child);
    expect((await call(started.url, "GET", "/v1/agent")).r).toBe(0);
    expect(await stop(started.child, "SIGINT")).toBe(0);
  }, 60_000);
});
