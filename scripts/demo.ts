// The demo: starts the Stringee API emulator on 127.0.0.1 (free port), then runs the real `pulumi up` of
// examples/contact-center with a file backend in a temp folder, a no-change preview, prints the outputs and
// what the emulator now holds, and stops everything. Pass --keep to keep the temp folder (state and config) for a look afterwards.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startEmulator } from "../provider/emulator/server";

const ROOT = resolve(__dirname, "..");
const SID = "SK_DEMO_STRINGEE";
const SECRET = "demo-api-key-secret-0123456789";

async function main(): Promise<void> {
  const keep = process.argv.includes("--keep");
  const tmp = mkdtempSync(join(tmpdir(), "stringee-demo-"));
  const emulator = await startEmulator({ apiKeySid: SID, apiKeySecret: SECRET });
  console.log(`Stringee API emulator: ${emulator.url}`);
  const env = {
    ...process.env,
    PULUMI_HOME: join(tmp, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${join(tmp, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "demo-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  // A throw-away project folder next to the state: the repository's Pulumi.yaml with its program linked in,
  // so the stack's config file (Pulumi.demo.yaml) never lands in the checkout.
  const project = join(tmp, "project");
  mkdirSync(project, { recursive: true });
  symlinkSync(join(ROOT, "examples", "contact-center"), join(project, "program"), "dir");
  writeFileSync(
    join(project, "Pulumi.yaml"),
    readFileSync(join(ROOT, "Pulumi.yaml"), "utf8").replace(/^main: .*$/m, "main: program/"),
  );
  // Asynchronous on purpose: the emulator runs in this process and must keep answering while pulumi runs.
  const pulumi = (...args: string[]): Promise<void> => {
    console.log(`\n$ pulumi ${args.join(" ")}`);
    return new Promise((done, fail) => {
      const child = spawn("pulumi", args, { cwd: project, env, stdio: "inherit" });
      child.on("error", fail);
      child.on("exit", (code, signal) =>
        code === 0 ? done() : fail(new Error(`pulumi ${args[0]} failed (exit ${code ?? signal})`)),
      );
    });
  };
  try {
    mkdirSync(join(tmp, "state"), { recursive: true });
    await pulumi("stack", "init", "demo");
    await pulumi(
      "config",
      "set-all",
      "--plaintext",
      `stringee:apiKeySid=${SID}`,
      "--secret",
      `stringee:apiKeySecret=${SECRET}`,
      "--plaintext",
      `stringee:iccBaseUrl=${emulator.iccBaseUrl}`,
      "--plaintext",
      `stringee:apiBaseUrl=${emulator.apiBaseUrl}`,
      "--secret",
      "deskPassword100=demo-desk-100-pw",
      "--secret",
      "deskPassword101=demo-desk-101-pw",
    );
    await pulumi("up", "--yes", "--stack", "demo");
    await pulumi("preview", "--expect-no-changes", "--stack", "demo");
    await pulumi("stack", "output", "--json", "--stack", "demo");
    const objects = (await (await fetch(`${emulator.url}/__emulator/objects`)).json()) as Record<
      string,
      unknown[]
    >;
    console.log(
      `\nThe emulated Stringee account now holds: ${Object.entries(objects)
        .map(([k, v]) => `${v.length} ${k}`)
        .join(", ")}`,
    );
  } finally {
    await emulator.close();
    if (keep) console.log(`\nState and config kept in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
