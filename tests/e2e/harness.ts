// Drives the real Pulumi CLI for e2e tests: each PulumiProject is a throw-away Pulumi project with its own
// PULUMI_HOME and a file:// backend in a temp folder, so tests never touch the user's login or the network.
import { execFile, spawn } from "node:child_process";
import {
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";

/** A report's words for what {@link PulumiProject.removeEmptyStateSidecars} removed (nothing when none). */
export function emptySidecarsNote(removed: readonly string[]): string {
  return removed.length > 0 ? `; empty state sidecars removed: ${removed.join(", ")}` : "";
}

/** Repository root; test programs resolve `@pulumi/pulumi` and `stringee-pulumi` through its node_modules. */
export const REPO_ROOT = resolve(__dirname, "..", "..");

/** What one CLI invocation printed and how it exited. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The distinct `error:` lines of a failed CLI run's diagnostics, without the engine's "update failed" and the like. */
export function distinctErrors(result: CliResult): string[] {
  const text = `${result.stdout}\n${result.stderr}`;
  const diagnostics = text.slice(text.indexOf("Diagnostics:"));
  const lines = diagnostics
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("error: ") && !/^error: (update|preview|refresh|destroy) failed$/.test(l));
  return [...new Set(lines)];
}

/** Lines of a JavaScript stack, and the other marks of an error printed with one. */
export const JS_STACK =
  /^\s*at .*(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$|\berror: (Error|ResourceError|TypeError): |unhandled exception/m;

/** A CLI invocation started by {@link PulumiProject.spawn}, running in a session of its own. */
export interface SpawnedPulumi {
  /** Process id of the CLI, which is also the id of its session. */
  readonly pid: number;
  /** Settles when the CLI has exited (killed or not), with what it printed. */
  readonly exited: Promise<CliResult & { signal: NodeJS.Signals | null }>;
  /**
   * SIGKILLs the CLI and every process of its session (language host, program, provider plugins, which
   * Pulumi starts in process groups of their own) and returns how many processes were killed.
   */
  killSession(): Promise<number>;
}

/** The live (not zombie) processes, with parent and session ids, read from /proc (Linux). */
function liveProcesses(): { pid: number; ppid: number; sid: number }[] {
  const found: { pid: number; ppid: number; sid: number }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited while we were listing
    }
    // pid (comm) state ppid pgrp session ...; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] !== "Z")
      found.push({ pid: Number(entry), ppid: Number(fields[1]), sid: Number(fields[3]) });
  }
  return found;
}

/** Ids of the live (not zombie) processes of session `sid`, read from /proc (Linux). */
export function sessionProcesses(sid: number): number[] {
  return liveProcesses()
    .filter((p) => p.sid === sid)
    .map((p) => p.pid);
}

// Terminal control sequences (CSI, and OSC such as a colour query), left out of what tests read.
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /\x1b(\[[0-9;?]*[A-Za-z]|\][^\x07\x1b]*(\x07|\x1b\\))/g;

/** One answer to a prompt of an interactive CLI run (see {@link PulumiProject.fromTemplate}). */
export interface PromptAnswer {
  /** Matches the prompt's text (printed since the previous answer). */
  prompt: RegExp;
  /** What to type; Enter is added. Empty: accept the prompt's default. */
  answer: string;
}

/** Options for {@link PulumiProject.create}. */
export interface ProjectOptions {
  /** Pulumi project name. */
  name: string;
  /**
   * Files of the program, relative to the project folder (at least `index.ts`); folders are created. A
   * `Pulumi.yaml`, `package.json` or `tsconfig.json` given here replaces the default one.
   */
  files: Record<string, string | Buffer>;
  /** Extra environment for every CLI call (for example Stringee credentials). */
  env?: Record<string, string>;
  /**
   * Link the repository's node_modules into the project (default true). False leaves the project without
   * node_modules, for tests that install the package as users do (see tests/e2e/tarball.ts).
   */
  linkNodeModules?: boolean;
}

/** A Pulumi project in a temp folder plus a file backend, driven through the `pulumi` binary on PATH. */
export class PulumiProject {
  private constructor(
    /** Folder holding Pulumi.yaml and the program. */
    readonly dir: string,
    /** Folder of the file:// backend (the state). */
    readonly stateDir: string,
    private readonly root: string,
    /** Environment of every CLI call (PULUMI_HOME, passphrase…), for scripts that run `pulumi` themselves. */
    readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Writes the project, logs in to a fresh file backend and selects a new stack `stackName`. */
  static async create(options: ProjectOptions, stackName = "dev"): Promise<PulumiProject> {
    const project = await PulumiProject.loggedIn(options.env);
    const dir = project.dir;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "Pulumi.yaml"), `name: ${options.name}\nruntime: nodejs\n`);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: options.name, main: "index.ts" }));
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, target: "ES2022", module: "commonjs", esModuleInterop: true },
      }),
    );
    for (const [file, text] of Object.entries(options.files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    if (options.linkNodeModules !== false)
      symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    await project.pulumiOk(["stack", "init", stackName]);
    return project;
  }

  /**
   * Runs `pulumi new TEMPLATE --dir <project folder> ARGS` (a template folder or URL; ARGS such as `--yes`,
   * `--stack dev`, `-c key=value`) against a fresh file backend, the way a user starts a project, and
   * returns the project it created. Fails with the CLI's output when `pulumi new` fails.
   *
   * With `answers`, the CLI runs interactively, as in a user's terminal: in a pseudo-terminal (util-linux
   * `script`), with Pulumi's CI detection off, typing each answer once its prompt shows, in order.
   */
  static async fromTemplate(
    template: string,
    args: string[],
    options: { env?: Record<string, string>; answers?: PromptAnswer[] } = {},
  ): Promise<{ project: PulumiProject; created: CliResult }> {
    const project = await PulumiProject.loggedIn(options.env);
    const newArgs = ["new", template, "--dir", project.dir, ...args];
    const created = options.answers
      ? await project.interactive(newArgs, options.answers)
      : await project.pulumiOk(newArgs, {}, project.root);
    return { project, created };
  }

  /** Runs `pulumi ARGS` in a pseudo-terminal from the temp folder, answering its prompts; see fromTemplate. */
  private interactive(args: string[], answers: PromptAnswer[], timeoutMs = 240_000): Promise<CliResult> {
    const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
    const command = ["pulumi", ...args, "--color", "never"].map(quote).join(" ");
    // -e: exit with the command's code; -f: flush at once; -q: no banner. `script` types our stdin into the
    // terminal and prints the terminal's output.
    const child = spawn("script", ["-qefc", command, "/dev/null"], {
      cwd: this.root,
      env: { ...this.env, TERM: "xterm", PULUMI_DISABLE_CI_DETECTION: "true" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    let next = 0;
    let since = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const pending = answers[next];
      if (pending && pending.prompt.test(output.slice(since))) {
        next++;
        since = output.length;
        child.stdin.write(`${pending.answer}\r`);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        // `script` runs the command in a session of its own (the terminal's): its shell, pulumi and the
        // plugins and npm that pulumi started, which a closed terminal does not all stop.
        const sessions = liveProcesses().filter((p) => p.ppid === child.pid);
        for (const leader of sessions)
          for (const pid of sessionProcesses(leader.pid)) {
            try {
              process.kill(pid, "SIGKILL");
            } catch {
              // already gone
            }
          }
        child.kill("SIGKILL");
        reject(new Error(`pulumi ${args.join(" ")} did not finish in ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(new Error(`could not run script(1) for an interactive pulumi: ${error.message}`));
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        const text = output.replace(TERMINAL_CONTROLS, "").replace(/\r/g, "");
        if (code !== 0 || next < answers.length)
          reject(
            new Error(
              `pulumi ${args.join(" ")} exited ${code}, ${next}/${answers.length} prompts answered:\n${text}`,
            ),
          );
        else resolvePromise({ code: 0, stdout: text, stderr: "" });
      });
    });
  }

  /** A temp folder with a file backend and a PULUMI_HOME, logged in; the project folder is not created. */
  private static async loggedIn(extraEnv: Record<string, string> = {}): Promise<PulumiProject> {
    const root = mkdtempSync(join(tmpdir(), "stringee-e2e-"));
    const stateDir = join(root, "state");
    const home = join(root, "pulumi-home");
    for (const d of [stateDir, home]) mkdirSync(d, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...extraEnv,
      PULUMI_HOME: home,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    };
    const project = new PulumiProject(join(root, "project"), stateDir, root, env);
    await project.pulumiOk(["login", `file://${stateDir}`], {}, root);
    return project;
  }

  /** The environment every CLI call of this project gets (PULUMI_HOME, passphrase...), for scripts that run `pulumi` themselves. */
  get environment(): NodeJS.ProcessEnv {
    return { ...this.env };
  }

  /** Runs `pulumi ARGS` in the project folder (or `cwd`); never throws on a non-zero exit. */
  pulumi(args: string[], extraEnv: Record<string, string> = {}, cwd = this.dir): Promise<CliResult> {
    return new Promise((resolvePromise) => {
      execFile(
        "pulumi",
        [...args, "--non-interactive", "--color", "never"],
        { cwd, env: { ...this.env, ...extraEnv }, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error && typeof error.code !== "number") {
            // The binary itself could not run (ENOENT when setup did not put `pulumi` on PATH).
            resolvePromise({
              code: 127,
              stdout,
              stderr: `${stderr}\n${error.message} (run scripts/setup.sh first)`,
            });
            return;
          }
          resolvePromise({ code: error ? Number(error.code) : 0, stdout, stderr });
        },
      );
    });
  }

  /**
   * Starts `pulumi ARGS` in a new session without waiting for it, so that a test can interrupt it the way
   * a killed CI job does (see {@link SpawnedPulumi.killSession}).
   */
  spawn(args: string[], extraEnv: Record<string, string> = {}): SpawnedPulumi {
    const child = spawn("pulumi", [...args, "--non-interactive", "--color", "never"], {
      cwd: this.dir,
      env: { ...this.env, ...extraEnv },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolvePromise) => {
      child.on("error", (error) =>
        resolvePromise({ code: 127, stdout, stderr: `${stderr}\n${error.message}`, signal: null }),
      );
      child.on("close", (code, signal) => resolvePromise({ code: code ?? -1, stdout, stderr, signal }));
    });
    const pid = child.pid ?? -1;
    const killSession = async (): Promise<number> => {
      if (pid < 0) return 0;
      const killed = new Set<number>();
      // The CLI first, so that it cannot react; then whatever it started, until nothing of the session is left.
      for (let round = 0; round < 50; round++) {
        // The CLI's own pid only while it is unreaped: once reaped, the number may belong to another process.
        const running = child.exitCode === null && child.signalCode === null;
        const alive =
          round === 0 && running
            ? [pid, ...sessionProcesses(pid).filter((p) => p !== pid)]
            : sessionProcesses(pid);
        if (alive.length === 0) break;
        for (const p of alive) {
          try {
            process.kill(p, "SIGKILL");
            killed.add(p);
          } catch {
            // already gone
          }
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      const left = sessionProcesses(pid);
      if (left.length > 0)
        throw new Error(`processes of the killed pulumi session survived: ${left.join(", ")}`);
      return killed.size;
    };
    return { pid, exited, killSession };
  }

  /** Runs `pulumi ARGS` and fails with the CLI's own output when it exits non-zero. */
  async pulumiOk(args: string[], extraEnv: Record<string, string> = {}, cwd = this.dir): Promise<CliResult> {
    const result = await this.pulumi(args, extraEnv, cwd);
    if (result.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  }

  /** Sets stack config values in one CLI call; `secrets` are stored encrypted (`--secret`). */
  async setConfig(
    plain: Record<string, string>,
    secrets: Record<string, string> = {},
    stack?: string,
  ): Promise<void> {
    const args = ["config", "set-all", ...(stack ? ["--stack", stack] : [])];
    for (const [k, v] of Object.entries(plain)) args.push("--plaintext", `${k}=${v}`);
    for (const [k, v] of Object.entries(secrets)) args.push("--secret", `${k}=${v}`);
    await this.pulumiOk(args);
  }

  /**
   * Points the selected stack at an emulator: its API key (the secret encrypted) and both base URLs, plus
   * `secrets` (SIP passwords…).
   */
  async useEmulator(
    emu: { apiKeySid: string; apiKeySecret: string; emulator: { iccBaseUrl: string; apiBaseUrl: string } },
    secrets: Record<string, string> = {},
  ): Promise<void> {
    await this.setConfig(
      {
        "stringee:apiKeySid": emu.apiKeySid,
        "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
        "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
      },
      { "stringee:apiKeySecret": emu.apiKeySecret, ...secrets },
    );
  }

  /** The stack outputs as JSON (of the selected stack, or `stack`). */
  async outputs(stack?: string): Promise<Record<string, unknown>> {
    const args = ["stack", "output", "--json", ...(stack ? ["--stack", stack] : [])];
    return JSON.parse((await this.pulumiOk(args)).stdout) as Record<string, unknown>;
  }

  /** Replaces a program file (for edits between two `up`s). */
  write(file: string, text: string): void {
    writeFileSync(join(this.dir, file), text);
  }

  /** The stack's state as `pulumi stack export` prints it (of the selected stack, or `stack`). */
  async exportState(stack?: string): Promise<string> {
    return (await this.pulumiOk(["stack", "export", ...(stack ? ["--stack", stack] : [])])).stdout;
  }

  /**
   * The README's step for a CLI killed while it rewrote the file backend's metadata: the sidecar
   * `<stack>.json.attrs` is truncated before it is written (gocloud's fileblob), so a kill in between leaves
   * it empty and every command fails with "failed to load checkpoint: EOF". Deletes the empty sidecars and
   * returns their paths relative to the backend folder (none in most runs).
   */
  removeEmptyStateSidecars(): string[] {
    const removed: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith(".attrs") && statSync(path).size === 0) {
          rmSync(path);
          removed.push(relative(this.stateDir, path));
        }
      }
    };
    walk(this.stateDir);
    return removed;
  }

  /** Removes the project, its state and its PULUMI_HOME. */
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
