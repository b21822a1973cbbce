// Reading the example GitHub Actions workflows (examples/github-actions/*.yml) in tests, and running their
// `run:` and `actions/github-script` steps the way GitHub does.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** One step of a job. */
export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

/** One job of a workflow. */
export interface Job {
  if?: string;
  needs?: string | string[];
  "runs-on"?: string;
  environment?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix?: { stack?: string[] }; "max-parallel"?: number; "fail-fast"?: boolean };
  concurrency?: { group?: string; "cancel-in-progress"?: boolean };
  steps: Step[];
}

/** A workflow file. */
export interface Workflow {
  name?: string;
  on: {
    pull_request?: unknown;
    push?: { branches?: string[]; tags?: string[] };
    schedule?: { cron: string }[];
    workflow_dispatch?: unknown;
  };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

/** Repository root. */
export const ROOT = join(__dirname, "..", "..", "..");

/** The text and the parsed form of examples/github-actions/`file`. */
export function loadWorkflow(file: string): { text: string; workflow: Workflow } {
  const text = readFileSync(join(ROOT, "examples", "github-actions", file), "utf8");
  return { text, workflow: parse(text) as Workflow };
}

/** The step of `job` whose name is `name`; throws when there is none. */
export function stepNamed(job: Job, name: string | RegExp): Step {
  const step = job.steps.find((s) => (typeof name === "string" ? s.name === name : name.test(s.name ?? "")));
  if (!step) throw new Error(`no step named ${String(name)}`);
  return step;
}

/** What a `run:` script printed and how it exited. */
export interface ScriptResult {
  code: number;
  output: string;
}

/**
 * Runs a `run:` script as GitHub does (`bash -eo pipefail`), in `cwd` with `env` added; never rejects on an
 * exit code. Asynchronous, so that an emulator in the test's own process keeps answering meanwhile.
 */
export function runStep(step: Step, cwd: string, env: Record<string, string>): Promise<ScriptResult> {
  const script = step.run;
  if (script === undefined) throw new Error(`step ${step.name ?? "?"} has no run script`);
  return new Promise((resolvePromise) => {
    const child = execFile(
      "bash",
      ["--noprofile", "--norc", "-eo", "pipefail", "-c", script],
      { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolvePromise({ code, output: `${stdout}${stderr}` });
      },
    );
    child.stdin?.end();
  });
}

/**
 * Runs an `actions/github-script` step's script with `github`, `context` and `require` given (what the
 * action provides) and `env` in process.env for the duration.
 */
export async function runGithubScript(
  step: Step,
  globals: { github: unknown; context: unknown; require: (module: string) => unknown },
  env: Record<string, string> = {},
): Promise<void> {
  const script = step.with?.["script"];
  if (typeof script !== "string") throw new Error(`step ${step.name ?? "?"} has no github-script`);
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    await new AsyncFunction("require", "github", "context", script)(
      globals.require,
      globals.github,
      globals.context,
    );
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
