// `pulumi new` from templates/contact-center through the real Pulumi CLI, the way a user starts a contact
// center: once as CI does (--yes, values with -c, the secret with `config set --secret`), once in a terminal
// answering the template's prompts. The template's `stringee-pulumi` dependency is pointed at the npm tarball
// of this checkout, since the package is not on the registry before its first release; everything else is
// the template as committed, installed by `pulumi new` itself.
import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { EmulatorControl } from "../support/emulatorControl";
import { PulumiProject, REPO_ROOT } from "./harness";
import { objectCounts } from "./specCounts";
import { installedCopies, packTarball, packageManifest, type PackedTarball } from "./tarball";

const TEMPLATE = join(REPO_ROOT, "templates", "contact-center");
/** What the template's contact-center.yaml declares, per emulator collection. */
const STARTER_COUNTS = {
  queue: 1,
  group: 1,
  agent: 1,
  groupagent: 1,
  grouprouting: 1,
  ivrtree: 1,
  ivrnode: 1,
  ivrkeypress: 2,
};

interface TemplateProject {
  name: string;
  runtime: { name: string; options: Record<string, unknown> };
  template: { config: Record<string, { description?: string; default?: string; secret?: boolean }> };
}
interface PackageJson {
  name: string;
  dependencies: Record<string, string>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

describe("pulumi new from templates/contact-center, through the real Pulumi CLI", () => {
  let tarball: PackedTarball;
  let copy: string;
  let emu: EmulatorControl;
  const projects: PulumiProject[] = [];
  const endpoints = () => [
    "-c",
    `stringee:iccBaseUrl=${emu.emulator.iccBaseUrl}`,
    "-c",
    `stringee:apiBaseUrl=${emu.emulator.apiBaseUrl}`,
  ];

  beforeAll(async () => {
    tarball = await packTarball();
    copy = mkdtempSync(join(tmpdir(), "stringee-template-"));
    cpSync(TEMPLATE, copy, { recursive: true });
    const pkg = readJson<PackageJson>(join(copy, "package.json"));
    pkg.dependencies["stringee-pulumi"] = `file:${tarball.file}`;
    writeFileSync(join(copy, "package.json"), JSON.stringify(pkg, null, 2));
    emu = await EmulatorControl.start();
  }, 120_000);

  afterAll(async () => {
    for (const project of projects) project.dispose();
    if (copy) rmSync(copy, { recursive: true, force: true });
    tarball?.dispose();
    await emu?.close();
  });

  it("asks for the API key SID, the API key secret as a secret, and the spec file (default given)", () => {
    const project = parse(readFileSync(join(TEMPLATE, "Pulumi.yaml"), "utf8")) as TemplateProject;
    expect(project.name).toBe("${PROJECT}");
    const config = project.template.config;
    expect(Object.keys(config).sort()).toEqual(["specFile", "stringee:apiKeySecret", "stringee:apiKeySid"]);
    expect(config["stringee:apiKeySid"]).toEqual({ description: expect.stringContaining("API key SID") });
    expect(config["stringee:apiKeySecret"]).toEqual({
      description: expect.stringContaining("API key secret"),
      secret: true,
    });
    expect(config["specFile"]?.default).toBe("contact-center.yaml");
    expect(existsSync(join(TEMPLATE, "contact-center.yaml"))).toBe(true);
    // The official language host asks for a package manager when none is named; ours never does.
    expect(project.runtime).toEqual({ name: "nodejs", options: { typescript: true, packagemanager: "npm" } });
  });

  it("depends on the package's own @pulumi/pulumi range and on this version of the package", () => {
    const pkg = readJson<PackageJson>(join(TEMPLATE, "package.json"));
    const own = packageManifest();
    expect(pkg.dependencies).toEqual({
      "@pulumi/pulumi": own.dependencies["@pulumi/pulumi"],
      "stringee-pulumi": `^${own.version}`,
    });
  });

  describe("pulumi new --yes -c …, then config set --secret (as in CI)", () => {
    let project: PulumiProject;

    beforeAll(async () => {
      ({ project } = await PulumiProject.fromTemplate(copy, [
        "--yes",
        "--stack",
        "dev",
        "--name",
        "contact-center-e2e",
        "-c",
        `stringee:apiKeySid=${emu.apiKeySid}`,
        ...endpoints(),
      ]));
      projects.push(project);
    }, 300_000);

    it("writes the project from the template and installs one copy of @pulumi/pulumi", () => {
      const pulumiYaml = readFileSync(join(project.dir, "Pulumi.yaml"), "utf8");
      expect(parse(pulumiYaml)).toMatchObject({ name: "contact-center-e2e", runtime: { name: "nodejs" } });
      expect(pulumiYaml).not.toMatch(/^template:/m);
      expect(readJson<PackageJson>(join(project.dir, "package.json")).name).toBe("contact-center-e2e");
      expect(installedCopies(project.dir, "@pulumi/pulumi")).toHaveLength(1);
      expect(lstatSync(join(project.dir, "node_modules", "stringee-pulumi")).isSymbolicLink()).toBe(false);
      const stack = parse(readFileSync(join(project.dir, "Pulumi.dev.yaml"), "utf8")) as {
        config: Record<string, unknown>;
      };
      expect(stack.config["stringee:apiKeySid"]).toBe(emu.apiKeySid);
      expect(stack.config["contact-center-e2e:specFile"]).toBe("contact-center.yaml");
      // --yes takes defaults, and the secret has none: it is not invented.
      expect(stack.config["stringee:apiKeySecret"]).toBeUndefined();
    });

    it("preview without the API key secret fails naming both ways to set it, with no API call", async () => {
      await emu.clearRequests();
      const preview = await project.pulumi(["preview"]);
      expect(preview.code).not.toBe(0);
      expect(preview.stdout + preview.stderr).toMatch(/stringee:apiKeySecret/);
      expect(preview.stdout + preview.stderr).toMatch(/STRINGEE_API_KEY_SECRET/);
      expect(await emu.requests()).toEqual([]);
    }, 180_000);

    it("with the secret set, up creates the starter contact center, preview shows no changes, destroy empties", async () => {
      await project.setConfig({}, { "stringee:apiKeySecret": emu.apiKeySecret });
      await project.pulumiOk(["up", "--yes", "--skip-preview"]);
      expect(await objectCounts(emu)).toEqual(STARTER_COUNTS);
      const ids = (await project.outputs())["ids"] as Record<string, Record<string, string>>;
      expect(Object.keys(ids["queues"] ?? {})).toEqual(["sales"]);
      await project.pulumiOk(["preview", "--expect-no-changes"]);
      expect(await project.exportState()).not.toContain(emu.apiKeySecret);
      await project.pulumiOk(["destroy", "--yes", "--skip-preview"]);
      expect(await objectCounts(emu)).toEqual({});
    }, 300_000);
  });

  describe("pulumi new in a terminal, answering the template's prompts", () => {
    it("stores the typed API key secret encrypted, the SID as typed, and the stack previews", async () => {
      const { project, created } = await PulumiProject.fromTemplate(
        copy,
        [
          "--stack",
          "dev",
          "--name",
          "contact-center-tty",
          "--description",
          "From the template",
          ...endpoints(),
        ],
        {
          // Pulumi asks in the order of the full keys: <project>:specFile, stringee:apiKeySecret, …Sid.
          answers: [
            { prompt: /\(specFile\) \(contact-center\.yaml\):/, answer: "" },
            { prompt: /\(stringee:apiKeySecret\):/, answer: emu.apiKeySecret },
            { prompt: /\(stringee:apiKeySid\):/, answer: emu.apiKeySid },
          ],
        },
      );
      projects.push(project);
      // The secret is never echoed to the terminal.
      expect(created.stdout).not.toContain(emu.apiKeySecret);
      const stackFile = readFileSync(join(project.dir, "Pulumi.dev.yaml"), "utf8");
      expect(stackFile).not.toContain(emu.apiKeySecret);
      const stack = parse(stackFile) as { config: Record<string, unknown> };
      expect(stack.config["stringee:apiKeySecret"]).toEqual({ secure: expect.stringMatching(/^v1:/) });
      expect(stack.config["stringee:apiKeySid"]).toBe(emu.apiKeySid);
      expect(stack.config["contact-center-tty:specFile"]).toBe("contact-center.yaml");
      const secret = await project.pulumiOk(["config", "get", "stringee:apiKeySecret"]);
      expect(secret.stdout.trim()).toBe(emu.apiKeySecret);
      await project.pulumiOk(["preview"]);
    }, 300_000);
  });
});
