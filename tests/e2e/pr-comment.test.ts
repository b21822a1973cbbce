// The pull-request comment of the example workflow, end to end: a GitOps repository in a temporary git
// repository whose prod spec is deployed (the PR's base commit, through the real Pulumi CLI against the
// emulator), then changed in a second commit (the PR's head). The workflow's own two steps run as GitHub runs
// them: `pulumi preview` (real CLI), then call-flow-comment.sh with the base commit. The comment says what
// changes for callers, shows the diff graph, then the real preview, in that order.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { diffCallFlow, formatSummary } from "../../provider/graph/diff";
import { parseContactCenterSpec } from "../../provider/spec/parse";
import { EmulatorControl } from "../support/emulatorControl";
import { PulumiProject, REPO_ROOT } from "./harness";
import { SPEC_AUDIO } from "./specCounts";

interface Step {
  id?: string;
  run?: string;
  env?: Record<string, string>;
}

const read = (file: string) => readFileSync(join(REPO_ROOT, file), "utf8");
const BASE_SPEC = read("contact-center.prod.yaml");
const HEAD_SPEC = read("docs/diff-example/contact-center.prod.yaml");
const workflow = parse(read("examples/github-actions/contact-center.yml")) as {
  jobs: Record<string, { steps: Step[] }>;
};
const steps = workflow.jobs["preview"]!.steps;
const previewStep = steps.find((s) => s.id === "preview")!;
const commentStep = steps.find((s) => s.run?.includes("call-flow-comment.sh") === true)!;
const CLI = join(REPO_ROOT, "dist", "provider", "cli", "main.js");

describe("the example workflow's PR comment on two revisions of a spec", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;
  let baseCommit: string;
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.com", ...args], {
      cwd: project.dir,
      encoding: "utf8",
    }).trim();

  /** Runs a `run:` block of the workflow as GitHub does (`bash -e -o pipefail`), with the step's env. */
  const runStep = (step: Step, env: Record<string, string>) =>
    spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run!], {
      cwd: project.dir,
      encoding: "utf8",
      env: {
        ...project.environment,
        PATH: `${join(project.dir, ".ci-bin")}:${process.env["PATH"] ?? ""}`,
        ...env,
      },
      maxBuffer: 64 * 1024 * 1024,
    });

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    project = await PulumiProject.create(
      {
        name: "stringee-pr-comment-e2e",
        files: { "index.ts": read("program/index.ts"), "contact-center.prod.yaml": BASE_SPEC, ...SPEC_AUDIO },
      },
      "prod",
    );
    await project.setConfig(
      {
        "stringee:apiKeySid": emu.apiKeySid,
        "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
        "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
      },
      {
        "stringee:apiKeySecret": emu.apiKeySecret,
        deskPassword100: "prod-desk-100-password",
        deskPassword101: "prod-desk-101-password",
      },
    );
    // What main runs today.
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);

    // The repository: the base commit, then the pull request's commit changing the spec.
    writeFileSync(join(project.dir, ".gitignore"), "node_modules\n.ci-bin\npreview.txt\ncall-flow.md\n");
    mkdirSync(join(project.dir, ".github", "scripts"), { recursive: true });
    writeFileSync(
      join(project.dir, ".github", "scripts", "call-flow-comment.sh"),
      read("examples/github-actions/call-flow-comment.sh"),
    );
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "prod as deployed");
    baseCommit = git("rev-parse", "HEAD");
    project.write("contact-center.prod.yaml", HEAD_SPEC);
    git("commit", "-qam", "re-route key 1, move agents, new queue settings");
    // `npx stringee-pulumi` as a user's repository has it: the built CLI of this checkout.
    mkdirSync(join(project.dir, ".ci-bin"));
    writeFileSync(
      join(project.dir, ".ci-bin", "npx"),
      `#!/bin/sh\n[ "$1" = stringee-pulumi ] || exit 99\nshift\nexec "${process.execPath}" "${CLI}" "$@"\n`,
    );
    chmodSync(join(project.dir, ".ci-bin", "npx"), 0o755);
  }, 300_000);

  afterAll(async () => {
    project?.dispose();
    await emu?.close();
  });

  it("comments what changes for callers and the diff graph above the real preview", async () => {
    const output = join(project.dir, "github-output");
    const summaryFile = join(project.dir, "step-summary.md");
    const secrets = {
      STACK: "prod",
      STRINGEE_API_KEY_SID: emu.apiKeySid,
      STRINGEE_API_KEY_SECRET: emu.apiKeySecret,
    };
    expect(Object.keys(previewStep.env ?? {}).sort()).toEqual(
      ["PULUMI_CONFIG_PASSPHRASE", ...Object.keys(secrets)].sort(),
    );
    await emu.clearRequests();
    const preview = runStep(previewStep, { ...secrets, GITHUB_OUTPUT: output });
    expect(preview.status).toBe(0);
    expect(readFileSync(output, "utf8")).toBe("exit-code=0\n");
    // A preview writes nothing.
    expect((await emu.requests()).filter((r) => r.method !== "GET")).toEqual([]);

    expect(Object.keys(commentStep.env ?? {}).sort()).toEqual([
      "BASE_REF",
      "PREVIEW_EXIT",
      "PREVIEW_FILE",
      "STACK",
    ]);
    const comment = runStep(commentStep, {
      STACK: "prod",
      BASE_REF: baseCommit,
      PREVIEW_FILE: commentStep.env!["PREVIEW_FILE"]!,
      PREVIEW_EXIT: "0",
      GITHUB_STEP_SUMMARY: summaryFile,
    });
    expect(comment.stderr).toContain("call-flow-comment: wrote call-flow.md");
    expect(comment.status).toBe(0);

    const body = readFileSync(join(project.dir, "call-flow.md"), "utf8");
    const diff = diffCallFlow(
      parseContactCenterSpec(BASE_SPEC, "base.yaml"),
      parseContactCenterSpec(HEAD_SPEC, "head.yaml"),
    );
    expect(body.split("\n")[0]).toBe("<!-- stringee-pulumi graph: prod -->");
    expect(body).toContain(`\`contact-center.prod.yaml\` compared with \`${baseCommit}\`:`);
    // One line per kind of change in this PR, as the summary says them.
    const lines = [
      "- Press 1 on Main menu now leads to queue Support instead of menu Sales menu.",
      "- Queue Support's primary group is now Supervisors instead of Support team.",
      "- Queue Sales: time for an agent to answer 20 s → 30 s.",
      "- Sales team loses agent Sales 3 (sales\\_3).",
      "- Number 84986225113 (Support direct line) now rings IVR Main IVR instead of queue Support.",
    ];
    for (const line of lines) expect(body).toContain(line);
    const summaryAt = body.indexOf(formatSummary(diff, { markdown: true }));
    const graphAt = body.indexOf(`\`\`\`mermaid\n${diff.mermaid}\`\`\``);
    const previewAt = body.indexOf("#### Pulumi preview of `prod`\n\n```text\n");
    expect(summaryAt).toBeGreaterThan(0);
    expect(graphAt).toBeGreaterThan(summaryAt);
    expect(previewAt).toBeGreaterThan(graphAt);
    // The preview is the real one, whole: its plan and its totals.
    const real = readFileSync(join(project.dir, "preview.txt"), "utf8");
    expect(body.slice(previewAt)).toBe(`#### Pulumi preview of \`prod\`\n\n\`\`\`text\n${real}\`\`\`\n`);
    expect(real).toMatch(/Previewing update \(prod\)/);
    expect(real).toMatch(/\+ \d+ to create/);
    expect(real).toMatch(/~ \d+ to update/);
    expect(real).toMatch(/- \d+ to delete/);
    expect(readFileSync(summaryFile, "utf8")).toBe(body);
  }, 300_000);
});
