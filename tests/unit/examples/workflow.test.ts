// The example GitHub Actions workflow parses and wires the steps the way the README promises: a preview per
// stack on pull requests, posted in one PR comment per stack below what changes for callers (call-flow-comment.sh:
// `graph --diff` against the PR's base), `up` on merges to main, secrets from GitHub environment secrets only.
// tests/e2e/pr-comment.test.ts runs the same two steps with the real Pulumi CLI.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffCallFlow, formatSummary } from "../../../provider/graph/diff";
import { loadContactCenterSpec } from "../../../provider/spec/parse";
import { loadWorkflow, ROOT, type Job, type Step } from "./workflows";

const { text, workflow } = loadWorkflow("contact-center.yml");
const pulumiStep = (job: Job): Step => {
  const step = job.steps.find(
    (s) => s.uses?.startsWith("pulumi/actions@") && s.with?.["command"] !== undefined,
  );
  if (!step) throw new Error("job has no pulumi/actions step");
  return step;
};
/** The preview job's `pulumi preview` step (run in a shell, so that its output can go into the comment). */
const previewStep = (): Step => {
  const step = workflow.jobs["preview"]!.steps.find((s) => s.run?.includes("pulumi preview ") === true);
  if (!step) throw new Error("the preview job runs no pulumi preview");
  return step;
};
/** The step that runs `pulumi` against the stack: the preview or the up. */
const stackStep = (name: string): Step =>
  name === "preview" ? previewStep() : pulumiStep(workflow.jobs[name]!);

describe("the example GitHub Actions workflow", () => {
  it("runs on pull requests and on pushes to main", () => {
    expect(workflow.on.pull_request).toBeDefined();
    expect(workflow.on.push?.branches).toEqual(["main"]);
  });

  it("may write PR comments and nothing else beyond reading the repository", () => {
    expect(workflow.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  });

  it("previews every stack on pull requests with --diff, keeping the output and exit code for the comment", () => {
    const job = workflow.jobs["preview"]!;
    expect(job.if).toContain("pull_request");
    expect(job.strategy?.matrix?.stack).toEqual(["dev", "prod"]);
    const step = previewStep();
    expect(step.id).toBe("preview");
    expect(step.env?.["STACK"]).toBe("${{ matrix.stack }}");
    expect(step.run).toContain('pulumi preview --stack "$STACK" --diff --non-interactive');
    expect(step.run).toContain("| tee preview.txt");
    expect(step.run).toContain('echo "exit-code=${PIPESTATUS[0]}" >> "$GITHUB_OUTPUT"');
  });

  it("records a failed preview's exit code instead of stopping, then fails the job after the comment", () => {
    const dir = mkdtempSync(join(tmpdir(), "workflow-preview-"));
    try {
      // A `pulumi` that fails like a preview of a bad spec; GitHub runs `run:` with `bash -e -o pipefail`.
      writeFileSync(join(dir, "pulumi"), '#!/bin/sh\necho "error: invalid contact-center spec"\nexit 255\n');
      chmodSync(join(dir, "pulumi"), 0o755);
      const output = join(dir, "output");
      const run = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", previewStep().run!], {
        cwd: dir,
        env: {
          ...process.env,
          PATH: `${dir}:${process.env["PATH"] ?? ""}`,
          STACK: "prod",
          GITHUB_OUTPUT: output,
        },
        encoding: "utf8",
      });
      expect(run.status).toBe(0);
      expect(readFileSync(output, "utf8")).toBe("exit-code=255\n");
      expect(readFileSync(join(dir, "preview.txt"), "utf8")).toBe("error: invalid contact-center spec\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const steps = workflow.jobs["preview"]!.steps;
    const fail = steps.findIndex((st) => st.if === "steps.preview.outputs.exit-code != '0'");
    expect(fail).toBe(steps.length - 1);
    expect(steps[fail]!.run).toContain("exit 1");
  });

  it("runs up on merges to main, one stack at a time, dev before prod, never cancelling a running update", () => {
    const job = workflow.jobs["up"]!;
    expect(job.if).toContain("refs/heads/main");
    expect(job.strategy?.matrix?.stack).toEqual(["dev", "prod"]);
    expect(job.strategy?.["max-parallel"]).toBe(1);
    expect(job.concurrency).toEqual({
      group: "contact-center-${{ matrix.stack }}",
      "cancel-in-progress": false,
    });
    expect(pulumiStep(job).with).toMatchObject({ command: "up", "stack-name": "${{ matrix.stack }}" });
  });

  it("takes every credential from GitHub environment secrets", () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect(job.environment).toBe("${{ matrix.stack }}");
      const env = stackStep(name).env ?? {};
      for (const name of ["STRINGEE_API_KEY_SID", "STRINGEE_API_KEY_SECRET", "PULUMI_CONFIG_PASSPHRASE"]) {
        expect(env[name]).toBe(`\${{ secrets.${name} }}`);
      }
    }
    expect(text).not.toMatch(/SK[A-Za-z0-9]{10,}/);
  });

  it("installs the Pulumi CLI before any step runs pulumi", () => {
    for (const job of Object.values(workflow.jobs)) {
      const install = job.steps.findIndex(
        (s) => s.uses?.startsWith("pulumi/actions@") && s.with === undefined,
      );
      const firstCli = job.steps.findIndex((s) => s.run?.includes("pulumi ") === true);
      expect(install).toBeGreaterThanOrEqual(0);
      expect(install).toBeLessThan(firstCli);
    }
  });

  it("uses Node 22 and installs exactly the locked dependencies", () => {
    for (const job of Object.values(workflow.jobs)) {
      expect(job.steps.find((s) => s.uses?.startsWith("actions/setup-node@"))?.with?.["node-version"]).toBe(
        22,
      );
      expect(job.steps.some((s) => s.run === "npm ci")).toBe(true);
    }
  });

  describe("what changes for callers, above the preview", () => {
    const job = () => workflow.jobs["preview"]!;
    const commentIndex = () =>
      job().steps.findIndex((st) => st.run?.includes(".github/scripts/call-flow-comment.sh") === true);
    const postIndex = () =>
      job().steps.findIndex((st) => st.uses?.startsWith("actions/github-script@") === true);
    const SCRIPT = join(ROOT, "examples", "github-actions", "call-flow-comment.sh");
    const PROD = join(ROOT, "contact-center.prod.yaml");
    const CHANGED = join(ROOT, "docs", "diff-example", "contact-center.prod.yaml");

    it("runs call-flow-comment.sh after the preview with the stack, the PR's base commit and the preview, then posts", () => {
      const preview = job().steps.indexOf(previewStep());
      expect(commentIndex()).toBeGreaterThan(preview);
      expect(postIndex()).toBeGreaterThan(commentIndex());
      expect(job().steps[commentIndex()]!.env).toEqual({
        STACK: "${{ matrix.stack }}",
        BASE_REF: "${{ github.event.pull_request.base.sha }}",
        PREVIEW_FILE: "preview.txt",
        PREVIEW_EXIT: "${{ steps.preview.outputs.exit-code }}",
      });
      expect(job().steps[postIndex()]!.with?.["github-token"]).toBe("${{ secrets.GITHUB_TOKEN }}");
      expect(job().steps[postIndex()]!.with?.["script"]).toContain('readFileSync("call-flow.md"');
    });

    it("checks out the whole history, so the base commit is there to compare with", () => {
      const checkout = job().steps.find((st) => st.uses?.startsWith("actions/checkout@"));
      expect(checkout?.with?.["fetch-depth"]).toBe(0);
    });

    it("only on pull requests: merges to main run no graph and post no comment", () => {
      for (const st of workflow.jobs["up"]!.steps) {
        expect(st.run ?? "").not.toContain("call-flow-comment");
        expect(st.uses ?? "").not.toMatch(/^actions\/github-script@/);
      }
    });

    /** A git repository with two commits of contact-center.prod.yaml (`base`, then `head`), the script where the workflow expects it and `npx stringee-pulumi` running this checkout's CLI. */
    function repository(base: string, head: string): string {
      const dir = mkdtempSync(join(tmpdir(), "workflow-comment-"));
      const git = (...args: string[]) =>
        execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
          cwd: dir,
          stdio: "pipe",
        });
      git("init", "-q");
      writeFileSync(join(dir, "contact-center.prod.yaml"), readFileSync(base));
      git("add", ".");
      git("commit", "-qm", "base");
      writeFileSync(join(dir, "contact-center.prod.yaml"), readFileSync(head));
      git("commit", "-qam", "head");
      mkdirSync(join(dir, ".github", "scripts"), { recursive: true });
      writeFileSync(join(dir, ".github", "scripts", "call-flow-comment.sh"), readFileSync(SCRIPT));
      mkdirSync(join(dir, "bin"));
      writeFileSync(
        join(dir, "bin", "npx"),
        '#!/bin/sh\n[ "$1" = stringee-pulumi ] || exit 99\nshift\nexec "$NODE" "$TS_NODE" --transpile-only "$MAIN" "$@"\n',
      );
      chmodSync(join(dir, "bin", "npx"), 0o755);
      return dir;
    }

    /** Runs the workflow's comment step as GitHub would (`bash -e -o pipefail`), with the step's env filled in. */
    function runStep(dir: string, env: Record<string, string>) {
      return spawnSync(
        "bash",
        ["--noprofile", "--norc", "-eo", "pipefail", "-c", job().steps[commentIndex()]!.run!],
        {
          cwd: dir,
          encoding: "utf8",
          env: {
            ...process.env,
            PATH: `${join(dir, "bin")}:${process.env["PATH"] ?? ""}`,
            NODE: process.execPath,
            TS_NODE: require.resolve("ts-node/dist/bin.js"),
            MAIN: join(ROOT, "provider", "cli", "main.ts"),
            STACK: "prod",
            BASE_REF: "HEAD~1",
            ...env,
          },
        },
      );
    }

    it("writes the marker, the change lines, the diff graph, then the preview, byte for byte", () => {
      const dir = repository(PROD, CHANGED);
      try {
        const preview = "Previewing update (prod):\n    ~ 1 to update\n";
        writeFileSync(join(dir, "preview.txt"), preview);
        const summary = join(dir, "summary.md");
        const run = runStep(dir, {
          PREVIEW_FILE: "preview.txt",
          PREVIEW_EXIT: "0",
          GITHUB_STEP_SUMMARY: summary,
        });
        expect(run.stderr).toContain("call-flow-comment: wrote call-flow.md");
        expect(run.status).toBe(0);
        const diff = diffCallFlow(loadContactCenterSpec(PROD), loadContactCenterSpec(CHANGED));
        const comment = readFileSync(join(dir, "call-flow.md"), "utf8");
        expect(comment).toBe(
          [
            "<!-- stringee-pulumi graph: prod -->",
            "### `prod`: what changes for callers",
            "",
            "`contact-center.prod.yaml` compared with `HEAD~1`:",
            "",
            formatSummary(diff, { markdown: true }),
            "<details open><summary>Call flow of <code>contact-center.prod.yaml</code>: + added, - removed, ~ changed</summary>",
            "",
            `\`\`\`mermaid\n${diff.mermaid}\`\`\``,
            "",
            "</details>",
            "",
            "#### Pulumi preview of `prod`",
            "",
            "```text",
            `${preview}\`\`\``,
            "",
          ].join("\n"),
        );
        expect(readFileSync(summary, "utf8")).toBe(comment);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("says when the preview failed, and fences output that holds backticks", () => {
      const dir = repository(PROD, CHANGED);
      try {
        writeFileSync(join(dir, "preview.txt"), "error: see ```yaml``` above\n");
        expect(runStep(dir, { PREVIEW_FILE: "preview.txt", PREVIEW_EXIT: "255" }).status).toBe(0);
        const comment = readFileSync(join(dir, "call-flow.md"), "utf8");
        expect(comment).toContain(
          "#### Pulumi preview of `prod`: failed (exit code 255)\n\n````text\nerror: see ```yaml``` above\n````\n",
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("fits GitHub's comment size: the preview is cut at a line, then the graph left out, the marker kept", () => {
      const dir = repository(PROD, CHANGED);
      try {
        const lines = Array.from({ length: 3000 }, (_, i) => `    + stringee:index:Agent agent-${i} create`);
        writeFileSync(join(dir, "preview.txt"), lines.join("\n") + "\n");
        const summary = join(dir, "summary.md");
        expect(runStep(dir, { PREVIEW_FILE: "preview.txt", GITHUB_STEP_SUMMARY: summary }).status).toBe(0);
        const comment = readFileSync(join(dir, "call-flow.md"), "utf8");
        expect(Buffer.byteLength(comment)).toBeLessThanOrEqual(65000);
        expect(comment.split("\n")[0]).toBe("<!-- stringee-pulumi graph: prod -->");
        expect(comment).toContain("```mermaid\n");
        const kept = comment.split("\n").filter((l) => l.startsWith("    + stringee:index:Agent"));
        expect(kept.length).toBeGreaterThan(100);
        expect(kept).toEqual(lines.slice(0, kept.length));
        expect(comment).toMatch(
          /```\n\(cut to fit a comment: the whole of it is in the job summary of this run\)\n$/,
        );
        expect(readFileSync(summary, "utf8")).toContain(lines[2999]);

        expect(runStep(dir, { PREVIEW_FILE: "preview.txt", COMMENT_LIMIT: "3000" }).status).toBe(0);
        const small = readFileSync(join(dir, "call-flow.md"), "utf8");
        expect(Buffer.byteLength(small)).toBeLessThanOrEqual(3000);
        expect(small).toContain(
          "Press 1 on Main menu now leads to queue Support instead of menu Sales menu.",
        );
        expect(small).not.toContain("```mermaid");
        expect(small).toContain("The call-flow graph is too big for a comment");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("reports a comparison that fails in the comment, and still exits 0 so it is posted", () => {
      const dir = repository(PROD, CHANGED);
      try {
        const run = runStep(dir, { BASE_REF: "no-such-revision" });
        expect(run.status).toBe(0);
        const comment = readFileSync(join(dir, "call-flow.md"), "utf8");
        expect(comment).toContain(
          "The call flow of `contact-center.prod.yaml` could not be compared with `no-such-revision`:",
        );
        expect(comment).toContain("no-such-revision:./contact-center.prod.yaml: no such spec file");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("refuses to run without the stack or the base revision", () => {
      const dir = repository(PROD, CHANGED);
      try {
        expect(runStep(dir, { BASE_REF: "" }).stderr).toContain("BASE_REF");
        expect(runStep(dir, { STACK: "" }).status).not.toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    /** Runs the github-script step against a fake GitHub holding `existing` comments; returns the calls. */
    async function post(existing: { id: number; body?: string }[], body: string) {
      const calls: [string, Record<string, unknown>][] = [];
      const github = {
        paginate: async (_list: unknown, params: Record<string, unknown>) => {
          calls.push(["list", params]);
          return existing;
        },
        rest: {
          issues: {
            listComments: "listComments",
            createComment: async (p: Record<string, unknown>) => void calls.push(["create", p]),
            updateComment: async (p: Record<string, unknown>) => void calls.push(["update", p]),
          },
        },
      };
      const context = { repo: { owner: "acme", repo: "cc" }, issue: { number: 7 } };
      const fakeRequire = (m: string) => {
        if (m !== "fs") throw new Error(`unexpected require(${m})`);
        return { readFileSync: (f: string) => (f === "call-flow.md" ? body : "") };
      };
      const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
        ...args: string[]
      ) => (...values: unknown[]) => Promise<void>;
      const script = job().steps[postIndex()]!.with!["script"] as string;
      await new AsyncFunction("require", "github", "context", script)(fakeRequire, github, context);
      return calls;
    }

    const body = "<!-- stringee-pulumi graph: prod -->\n```mermaid\nflowchart LR\n```\n";

    it("creates the stack's comment on the first push", async () => {
      const calls = await post(
        [{ id: 1, body: "<!-- stringee-pulumi graph: dev -->\nold" }, { id: 2 }],
        body,
      );
      expect(calls).toEqual([
        ["list", { owner: "acme", repo: "cc", issue_number: 7 }],
        ["create", { owner: "acme", repo: "cc", issue_number: 7, body }],
      ]);
    });

    it("edits the stack's own comment on later pushes instead of adding one", async () => {
      const calls = await post(
        [
          { id: 1, body: "<!-- stringee-pulumi graph: dev -->\nold dev" },
          { id: 3, body: "<!-- stringee-pulumi graph: prod -->\nold prod" },
        ],
        body,
      );
      expect(calls[1]).toEqual(["update", { owner: "acme", repo: "cc", comment_id: 3, body }]);
      expect(calls).toHaveLength(2);
    });
  });
});
