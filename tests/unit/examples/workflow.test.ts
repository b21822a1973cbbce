// The example GitHub Actions workflow parses and wires pulumi/actions the way the README promises:
// a preview per stack on pull requests posted as a PR comment, with the spec's call-flow graph in a comment
// beside it, `up` on merges to main, secrets from GitHub environment secrets only.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderMermaid } from "../../../provider/graph/mermaid";
import { loadContactCenterSpec } from "../../../provider/spec/parse";
import { loadWorkflow, runGithubScript, ROOT, type Job, type Step } from "./workflows";

const { text, workflow } = loadWorkflow("contact-center.yml");
const pulumiStep = (job: Job): Step => {
  const step = job.steps.find(
    (s) => s.uses?.startsWith("pulumi/actions@") && s.with?.["command"] !== undefined,
  );
  if (!step) throw new Error("job has no pulumi/actions step");
  return step;
};

describe("the example GitHub Actions workflow", () => {
  it("runs on pull requests and on pushes to main", () => {
    expect(workflow.on.pull_request).toBeDefined();
    expect(workflow.on.push?.branches).toEqual(["main"]);
  });

  it("may write PR comments and nothing else beyond reading the repository", () => {
    expect(workflow.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  });

  it("previews every stack on pull requests and posts the diff as a PR comment", () => {
    const job = workflow.jobs["preview"]!;
    expect(job.if).toContain("pull_request");
    expect(job.strategy?.matrix?.stack).toEqual(["dev", "prod"]);
    const step = pulumiStep(job);
    expect(step.with).toMatchObject({
      command: "preview",
      "stack-name": "${{ matrix.stack }}",
      "comment-on-pr": true,
      "github-token": "${{ secrets.GITHUB_TOKEN }}",
    });
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
    for (const job of Object.values(workflow.jobs)) {
      expect(job.environment).toBe("${{ matrix.stack }}");
      const env = pulumiStep(job).env ?? {};
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

  describe("call-flow graph", () => {
    const job = () => workflow.jobs["preview"]!;
    const graphIndex = () =>
      job().steps.findIndex((st) => st.run?.includes("npx stringee-pulumi graph") === true);
    const postIndex = () =>
      job().steps.findIndex((st) => st.uses?.startsWith("actions/github-script@") === true);

    it("draws the stack's spec with `npx stringee-pulumi graph` after the preview, then posts it", () => {
      const preview = job().steps.indexOf(pulumiStep(job()));
      expect(graphIndex()).toBeGreaterThan(preview);
      expect(postIndex()).toBeGreaterThan(graphIndex());
      const step = job().steps[graphIndex()]!;
      expect(step.env).toEqual({ STACK: "${{ matrix.stack }}" });
      expect(step.run).toContain('npx stringee-pulumi graph "contact-center.$STACK.yaml"');
      expect(job().steps[postIndex()]!.with?.["github-token"]).toBe("${{ secrets.GITHUB_TOKEN }}");
    });

    it("only on pull requests: merges to main run no graph and post no comment", () => {
      for (const st of workflow.jobs["up"]!.steps) {
        expect(st.run ?? "").not.toContain("stringee-pulumi graph");
        expect(st.uses ?? "").not.toMatch(/^actions\/github-script@/);
      }
    });

    it("writes the graph, byte for byte, in a ```mermaid block under a marker naming the stack", () => {
      const dir = mkdtempSync(join(tmpdir(), "workflow-graph-"));
      try {
        copyFileSync(join(ROOT, "contact-center.prod.yaml"), join(dir, "contact-center.prod.yaml"));
        // `npx stringee-pulumi` as a user's repository has it: this checkout's CLI entry point.
        const npx = join(dir, "npx");
        writeFileSync(
          npx,
          '#!/bin/sh\n[ "$1" = stringee-pulumi ] || exit 99\nshift\nexec "$NODE" "$TS_NODE" --transpile-only "$MAIN" "$@"\n',
        );
        chmodSync(npx, 0o755);
        const summary = join(dir, "summary.md");
        // GitHub runs `run:` with `bash -e`.
        execFileSync("bash", ["-e", "-c", job().steps[graphIndex()]!.run!], {
          cwd: dir,
          env: {
            ...process.env,
            PATH: `${dir}:${process.env["PATH"] ?? ""}`,
            STACK: "prod",
            GITHUB_STEP_SUMMARY: summary,
            NODE: process.execPath,
            TS_NODE: require.resolve("ts-node/dist/bin.js"),
            MAIN: join(ROOT, "provider", "cli", "main.ts"),
          },
        });
        const comment = readFileSync(join(dir, "call-flow.md"), "utf8");
        const graph = renderMermaid(loadContactCenterSpec(join(ROOT, "contact-center.prod.yaml")));
        expect(comment).toBe(
          `<!-- stringee-pulumi graph: prod -->\n#### Call flow of \`contact-center.prod.yaml\`\n\n\`\`\`mermaid\n${graph}\`\`\`\n`,
        );
        expect(readFileSync(summary, "utf8")).toBe(comment);
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
      await runGithubScript(job().steps[postIndex()]!, { github, context, require: fakeRequire });
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
