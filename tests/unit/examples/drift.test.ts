// The example nightly drift workflow: a scheduled `pulumi preview --refresh --expect-no-changes` per stack,
// never while the stack is being updated, and one GitHub issue per stack opened, updated and closed from
// what the preview found. The preview step itself runs through the real CLI in tests/e2e/drift-workflow.test.ts.
import { loadWorkflow, runGithubScript, stepNamed, type Step } from "./workflows";

const { text, workflow } = loadWorkflow("drift.yml");
const contactCenter = loadWorkflow("contact-center.yml").workflow;
const job = workflow.jobs["drift"]!;
const preview = stepNamed(job, "Preview with refresh, expecting no changes");
const issueStep = stepNamed(job, "Open, update or close the stack's drift issue");

interface Issue {
  number: number;
  body?: string;
  pull_request?: unknown;
}

/** Runs the issue step against a fake GitHub holding `open` issues; returns the calls it made. */
async function runIssueStep(open: Issue[], drift: boolean, stack = "prod") {
  const calls: [string, Record<string, unknown>][] = [];
  const record = (name: string) => async (params: Record<string, unknown>) => void calls.push([name, params]);
  const github = {
    paginate: async (list: unknown, params: Record<string, unknown>) => {
      calls.push([String(list), params]);
      return open;
    },
    rest: {
      issues: {
        listForRepo: "listForRepo",
        create: record("create"),
        update: record("update"),
        createComment: record("createComment"),
      },
    },
  };
  const context = { repo: { owner: "acme", repo: "cc" }, serverUrl: "https://github.com", runId: 42 };
  const report = `<!-- stringee-pulumi drift: ${stack} -->\nthe diff`;
  const fakeRequire = (m: string) => {
    if (m !== "fs") throw new Error(`unexpected require(${m})`);
    return { readFileSync: (f: string) => (f === "drift.md" ? report : "") };
  };
  await runGithubScript(
    issueStep,
    { github, context, require: fakeRequire },
    { STACK: stack, DRIFT: drift ? "true" : "false" },
  );
  return { calls, report };
}

describe("the example drift workflow", () => {
  it("runs every night and on demand", () => {
    expect(workflow.on.schedule).toEqual([{ cron: "23 3 * * *" }]);
    expect(workflow.on.workflow_dispatch).toBeDefined();
    expect(workflow.on.push).toBeUndefined();
    expect(workflow.on.pull_request).toBeUndefined();
  });

  it("may read the repository and write issues, nothing else", () => {
    expect(workflow.permissions).toEqual({ contents: "read", issues: "write" });
  });

  it("checks every stack in its own GitHub environment, never while contact-center.yml updates it", () => {
    expect(job.strategy?.matrix?.stack).toEqual(["dev", "prod"]);
    expect(job.strategy?.["fail-fast"]).toBe(false);
    expect(job.environment).toBe("${{ matrix.stack }}");
    expect(job.concurrency).toEqual(contactCenter.jobs["up"]?.concurrency);
    expect(job.concurrency?.["cancel-in-progress"]).toBe(false);
  });

  it("previews with refresh, expecting no changes, with credentials from environment secrets", () => {
    expect(preview.id).toBe("drift");
    expect(preview.run).toMatch(/pulumi preview --stack "\$STACK" --refresh --expect-no-changes --diff/);
    expect(preview.env).toEqual({
      STACK: "${{ matrix.stack }}",
      PULUMI_CONFIG_PASSPHRASE: "${{ secrets.PULUMI_CONFIG_PASSPHRASE }}",
      STRINGEE_API_KEY_SID: "${{ secrets.STRINGEE_API_KEY_SID }}",
      STRINGEE_API_KEY_SECRET: "${{ secrets.STRINGEE_API_KEY_SECRET }}",
    });
    expect(text).not.toMatch(/SK[A-Za-z0-9]{10,}/);
  });

  it("installs the locked dependencies and the CLI, and sets the SIP passwords, before the preview", () => {
    const at = (match: (s: Step) => boolean) => job.steps.findIndex(match);
    const previewAt = job.steps.indexOf(preview);
    expect(at((s) => s.run === "npm ci")).toBeLessThan(previewAt);
    expect(at((s) => s.uses?.startsWith("pulumi/actions@") === true && s.with === undefined)).toBeLessThan(
      previewAt,
    );
    expect(at((s) => s.name === "SIP passwords into the stack config (encrypted)")).toBeLessThan(previewAt);
    // The same step as in contact-center.yml, so that one secret serves both workflows.
    const sip = (jobSteps: Step[]) =>
      jobSteps.find((s) => s.name === "SIP passwords into the stack config (encrypted)");
    expect(sip(job.steps)).toEqual(sip(contactCenter.jobs["up"]!.steps));
  });

  it("handles the issue after the preview, from the preview's drift output", () => {
    expect(job.steps.indexOf(issueStep)).toBe(job.steps.indexOf(preview) + 1);
    expect(issueStep.uses).toMatch(/^actions\/github-script@/);
    // Only when the preview step succeeded (the default): a failed preview leaves the issue as it is.
    expect(issueStep.if).toBeUndefined();
    expect(issueStep.env).toEqual({
      STACK: "${{ matrix.stack }}",
      DRIFT: "${{ steps.drift.outputs.drift }}",
    });
    expect(issueStep.with?.["github-token"]).toBe("${{ secrets.GITHUB_TOKEN }}");
  });

  describe("the issue step", () => {
    const devIssue = { number: 3, body: "<!-- stringee-pulumi drift: dev -->\nold dev" };
    const pullRequest = { number: 4, body: "<!-- stringee-pulumi drift: prod -->\n", pull_request: {} };

    it("opens an issue for the stack when it finds drift and none is open", async () => {
      const { calls, report } = await runIssueStep([devIssue, pullRequest, { number: 5 }], true);
      expect(calls).toEqual([
        ["listForRepo", { owner: "acme", repo: "cc", state: "open" }],
        [
          "create",
          { owner: "acme", repo: "cc", title: "Drift in stack prod", body: report, labels: ["drift"] },
        ],
      ]);
    });

    it("updates the stack's open issue instead of opening another", async () => {
      const prodIssue = { number: 9, body: "<!-- stringee-pulumi drift: prod -->\nold prod" };
      const { calls, report } = await runIssueStep([devIssue, prodIssue], true);
      expect(calls.slice(1)).toEqual([
        ["update", { owner: "acme", repo: "cc", issue_number: 9, body: report }],
      ]);
    });

    it("closes the stack's issue with a comment once the stack is clean", async () => {
      const prodIssue = { number: 9, body: "<!-- stringee-pulumi drift: prod -->\nold prod" };
      const { calls } = await runIssueStep([devIssue, prodIssue], false);
      expect(calls.slice(1)).toEqual([
        [
          "createComment",
          {
            owner: "acme",
            repo: "cc",
            issue_number: 9,
            body: "No drift in stack `prod` any more ([run](https://github.com/acme/cc/actions/runs/42)): closing.",
          },
        ],
        [
          "update",
          { owner: "acme", repo: "cc", issue_number: 9, state: "closed", state_reason: "completed" },
        ],
      ]);
    });

    it("does nothing when the stack is clean and has no open issue (another stack's stays open)", async () => {
      const { calls } = await runIssueStep([devIssue, pullRequest], false);
      expect(calls).toHaveLength(1);
    });
  });
});
