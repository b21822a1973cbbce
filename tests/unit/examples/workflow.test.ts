// The example GitHub Actions workflow parses and wires pulumi/actions the way the README promises:
// a preview per stack on pull requests posted as a PR comment, `up` on merges to main, secrets from
// GitHub environment secrets only.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  environment?: string;
  strategy?: { matrix?: { stack?: string[] }; "max-parallel"?: number };
  concurrency?: { group?: string; "cancel-in-progress"?: boolean };
  steps: Step[];
}
interface Workflow {
  on: { pull_request?: unknown; push?: { branches?: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const text = readFileSync(
  join(__dirname, "..", "..", "..", "examples", "github-actions", "contact-center.yml"),
  "utf8",
);
const workflow = parse(text) as Workflow;
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
});
