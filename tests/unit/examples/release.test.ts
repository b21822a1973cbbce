// The example release workflow publishes to npm only from a version tag, only after .ci/run passed, the
// very tarball CI packed, with provenance; its guard step refuses a tag that does not match the package.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadWorkflow, runStep, stepNamed, ROOT } from "./workflows";

const { text, workflow } = loadWorkflow("release.yml");
const ci = workflow.jobs["ci"]!;
const publish = workflow.jobs["publish"]!;
const guard = stepNamed(ci, /^The tag names package\.json's version/);
const indexOf = (steps: typeof ci.steps, match: (s: (typeof ci.steps)[number]) => boolean) => {
  const i = steps.findIndex(match);
  if (i < 0) throw new Error("step not found");
  return i;
};

describe("the example release workflow", () => {
  it("runs on version tags only", () => {
    expect(Object.keys(workflow.on)).toEqual(["push"]);
    expect(workflow.on.push).toEqual({ tags: ["v[0-9]+.[0-9]+.[0-9]+*"] });
  });

  it("runs .ci/run with Node 22 and the Go of tools/pulumi-cli/go.mod, then packs and keeps the tarball", () => {
    const steps = ci.steps;
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node@"))?.with?.["node-version"]).toBe(22);
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-go@"))?.with).toEqual({
      "go-version-file": "tools/pulumi-cli/go.mod",
    });
    const guardAt = steps.indexOf(guard);
    const ciRun = indexOf(steps, (s) => s.run === "bash .ci/run");
    const pack = indexOf(steps, (s) => s.run === "npm pack");
    const upload = indexOf(steps, (s) => s.uses?.startsWith("actions/upload-artifact@") === true);
    expect(guardAt).toBeLessThan(ciRun);
    expect(ciRun).toBeLessThan(pack);
    expect(pack).toBeLessThan(upload);
    expect(steps[upload]?.with).toMatchObject({ name: "package", path: "stringee-pulumi-*.tgz" });
  });

  it("publishes after CI, from the npm environment, the downloaded tarball with provenance", () => {
    expect(publish.needs).toBe("ci");
    expect(publish.environment).toBe("npm");
    // Only the publishing job may mint an OIDC token; nothing may write to the repository.
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(ci.permissions).toBeUndefined();
    expect(publish.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(publish.steps.some((s) => s.uses?.startsWith("actions/checkout@"))).toBe(false);
    const node = publish.steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    expect(node?.with).toMatchObject({ "node-version": 22, "registry-url": "https://registry.npmjs.org" });
    const download = indexOf(publish.steps, (s) => s.uses?.startsWith("actions/download-artifact@") === true);
    const step = stepNamed(publish, "Publish the tarball CI tested");
    expect(publish.steps.indexOf(step)).toBeGreaterThan(download);
    expect(publish.steps[download]?.with).toEqual({ name: "package" });
    expect(step.run).toContain("npm publish ./stringee-pulumi-*.tgz --provenance --access public");
    expect(step.env).toEqual({ NODE_AUTH_TOKEN: "${{ secrets.NPM_TOKEN }}" });
    expect(text).not.toMatch(/npm_[A-Za-z0-9]{20,}/);
  });

  describe("publishing", () => {
    const dir = mkdtempSync(join(tmpdir(), "release-publish-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** Runs the publish step with a fake npm that records its arguments; returns them. */
    const publishArgs = async (ref: string): Promise<string> => {
      writeFileSync(join(dir, "npm"), '#!/bin/sh\necho "$@" > "$(dirname "$0")/npm-args"\n');
      chmodSync(join(dir, "npm"), 0o755);
      writeFileSync(join(dir, "stringee-pulumi-1.2.0.tgz"), "");
      const result = await runStep(stepNamed(publish, "Publish the tarball CI tested"), dir, {
        PATH: `${dir}:${process.env["PATH"] ?? ""}`,
        GITHUB_REF_NAME: ref,
      });
      expect(result.code).toBe(0);
      return readFileSync(join(dir, "npm-args"), "utf8").trim();
    };

    it("a release tag publishes under `latest`", async () => {
      expect(await publishArgs("v1.2.0")).toBe(
        "publish ./stringee-pulumi-1.2.0.tgz --provenance --access public --tag latest",
      );
    });

    it("a pre-release tag publishes under `next`", async () => {
      expect(await publishArgs("v1.2.0-rc.1")).toMatch(/--tag next$/);
    });
  });

  describe("the guard step before CI", () => {
    const dir = mkdtempSync(join(tmpdir(), "release-guard-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const check = (
      ref: string,
      changelog: string,
      repository = "git+https://github.com/acme/stringee-pulumi.git",
    ) => {
      writeFileSync(
        join(dir, "package.json"),
        JSON.stringify({
          name: "stringee-pulumi",
          version: "1.2.0",
          repository: { type: "git", url: repository },
        }),
      );
      writeFileSync(join(dir, "CHANGELOG.md"), changelog);
      return runStep(guard, dir, { GITHUB_REF_NAME: ref, GITHUB_REPOSITORY: "acme/stringee-pulumi" });
    };
    const dated = "# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2027-01-15\n\n- Fixed.\n";

    it("passes for the tag of package.json's version with a dated CHANGELOG section", async () => {
      expect(await check("v1.2.0", dated)).toEqual({ code: 0, output: "" });
    });

    it("refuses a tag that names another version", async () => {
      const result = await check("v1.2.1", dated);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain("::error::tag v1.2.1 does not name package.json's version 1.2.0");
    });

    it("refuses a version without a section, or with an undated one, in CHANGELOG.md", async () => {
      for (const changelog of ["# Changelog\n\n## [1.1.0] - 2026-12-01\n", "## [1.2.0] - unreleased\n"]) {
        const result = await check("v1.2.0", changelog);
        expect(result.code).not.toBe(0);
        expect(result.output).toContain("CHANGELOG.md has no section '## [1.2.0] - YYYY-MM-DD'");
      }
    });

    it("refuses a package.json whose repository is not the workflow's (npm would refuse provenance)", async () => {
      const result = await check("v1.2.0", dated, "git+https://github.com/someone-else/stringee-pulumi.git");
      expect(result.code).not.toBe(0);
      expect(result.output).toContain(
        "repository.url is git+https://github.com/someone-else/stringee-pulumi.git",
      );
    });

    it("accepts this repository's package.json and CHANGELOG.md once the version's section is dated", async () => {
      const own = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
        version: string;
        repository: { url: string };
      };
      const repository = /github\.com\/(.+?)(\.git)?$/.exec(own.repository.url)?.[1] ?? "";
      const changelog = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8").replace(
        new RegExp(`^## \\[${own.version.replace(/\./g, "\\.")}\\] - .*$`, "m"),
        `## [${own.version}] - 2027-01-15`,
      );
      writeFileSync(join(dir, "package.json"), JSON.stringify(own));
      writeFileSync(join(dir, "CHANGELOG.md"), changelog);
      expect(
        await runStep(guard, dir, { GITHUB_REF_NAME: `v${own.version}`, GITHUB_REPOSITORY: repository }),
      ).toEqual({ code: 0, output: "" });
    });
  });
});
