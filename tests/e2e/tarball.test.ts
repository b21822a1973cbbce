// The package installed the way users install it: `npm pack` of the checkout, `npm install` of the tarball
// into a fresh project with its own package.json and lockfile (no link to the checkout), next to the oldest
// @pulumi/pulumi the package supports and next to the newest the registry serves; then the real CLI runs
// up, a no-change preview, refresh and destroy against the emulator. Also the GitOps layout of the root
// program (Pulumi.yaml + program/ + contact-center.<stack>.yaml), copied as a user would.
import { lstatSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { EmulatorControl } from "../support/emulatorControl";
import { PulumiProject, REPO_ROOT } from "./harness";
import { DEV_COUNTS, objectCounts } from "./specCounts";
import {
  USER_TSCONFIG,
  installedCopies,
  newestPulumi,
  newestPulumiBefore,
  npmInstall,
  oldestSupportedPulumi,
  packTarball,
  runOk,
  userPackageJson,
  type PackedTarball,
} from "./tarball";

/** The most the tarball may weigh, compressed (measured 193 kB at 0.1.0). */
const TARBALL_BUDGET_BYTES = 300 * 1024;

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as stringee from "stringee-pulumi";

const cfg = new pulumi.Config();
const queue = new stringee.Queue("sales", { name: "Sales" });
const team = new stringee.Group("sales-team", { name: "Sales team" });
const agent = new stringee.Agent("sales-1", { name: "Sales 1", stringeeUserId: "sales_1", routingType: 1 });
new stringee.GroupMember("sales-1-in-team", { group: team.stringeeId, agent: agent.stringeeId });
new stringee.QueueGroupRouting("sales-to-team", {
  queueId: queue.stringeeId,
  groupId: team.stringeeId,
  primaryGroup: true,
});
new stringee.SipPhone("desk-100", { username: "100", password: cfg.requireSecret("deskPassword"), extension: 100 });

export const queueId = queue.stringeeId;
// Resources of the package are instances of the program's own SDK classes only when both share one copy.
export const oneSdk = queue instanceof pulumi.CustomResource;
`;
const PROGRAM_COUNTS = { queue: 1, group: 1, agent: 1, groupagent: 1, grouprouting: 1, sipphone: 1 };
const DESK_PASSWORD = "tarball-desk-100-password";

describe("the npm tarball installed into a user's project, through the real Pulumi CLI", () => {
  let tarball: PackedTarball;
  const projects: PulumiProject[] = [];
  const emulators: EmulatorControl[] = [];
  /** Installed projects by @pulumi/pulumi version. */
  const installed = new Map<string, PulumiProject>();

  /**
   * A Pulumi project in a temp folder holding `files`, with the tarball and `pulumiVersion` npm-installed,
   * configured for an emulator of its own.
   */
  const userProject = async (
    name: string,
    pulumiVersion: string,
    files: Record<string, string>,
  ): Promise<{ project: PulumiProject; emu: EmulatorControl }> => {
    const emu = await EmulatorControl.start();
    emulators.push(emu);
    const project = await PulumiProject.create({
      name,
      linkNodeModules: false,
      files: { "package.json": userPackageJson(name, tarball.file, pulumiVersion), ...files },
    });
    projects.push(project);
    await npmInstall(project.dir);
    installed.set(pulumiVersion, project);
    await project.useEmulator(emu);
    return { project, emu };
  };

  beforeAll(async () => {
    tarball = await packTarball();
  }, 120_000);

  afterAll(async () => {
    for (const project of projects) project.dispose();
    for (const emu of emulators) await emu.close();
    tarball?.dispose();
  });

  describe("the tarball", () => {
    it("holds the build, the JSON schema, README and CHANGELOG; no tests, sources or source maps", () => {
      const outside = tarball.files.filter(
        (f) => !f.startsWith("dist/provider/") || !/\.(js|d\.ts)$/.test(f),
      );
      expect(outside).toEqual([
        "CHANGELOG.md",
        "LICENSE",
        "README.md",
        "package.json",
        "schema/contact-center.schema.json",
      ]);
      expect(tarball.files.filter((f) => /\.map$|\.tsbuildinfo$|(^|\/)tests?\//.test(f))).toEqual([]);
    });

    it("has a compiled module for every TypeScript source it ships, and nothing left over from old builds", () => {
      for (const file of tarball.files.filter((f) => f.startsWith("dist/provider/"))) {
        const source = file.replace(/^dist\//, "").replace(/\.(d\.ts|js)$/, ".ts");
        expect(lstatSync(join(REPO_ROOT, source)).isFile()).toBe(true);
      }
      const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
        main: string;
        types: string;
        bin: Record<string, string>;
        exports: Record<string, string | Record<string, string>>;
      };
      const entryPoints = [
        manifest.main,
        manifest.types,
        ...Object.values(manifest.bin),
        ...Object.values(manifest.exports).flatMap((e) => (typeof e === "string" ? [e] : Object.values(e))),
      ].map((p) => p.replace(/^\.\//, ""));
      for (const entry of entryPoints) expect(tarball.files).toContain(entry);
    });

    it(`weighs less than its budget of ${TARBALL_BUDGET_BYTES / 1024} kB`, () => {
      expect(tarball.size).toBeLessThan(TARBALL_BUDGET_BYTES);
      // Printed for the record (bench-style figure, not a timing assertion).
      console.log(
        `tarball: ${tarball.files.length} files, ${tarball.size} bytes packed, ${tarball.unpackedSize} unpacked`,
      );
    });
  });

  describe.each([
    ["the oldest supported @pulumi/pulumi", () => Promise.resolve(oldestSupportedPulumi())],
    ["the newest @pulumi/pulumi on the registry", newestPulumi],
  ])("next to %s", (_label, version) => {
    let project: PulumiProject;
    let emu: EmulatorControl;
    let pulumiVersion: string;

    beforeAll(async () => {
      pulumiVersion = await version();
      ({ project, emu } = await userProject("stringee-tarball-e2e", pulumiVersion, {
        "index.ts": PROGRAM,
        "tsconfig.json": USER_TSCONFIG,
      }));
      await project.setConfig({}, { deskPassword: DESK_PASSWORD });
    }, 300_000);

    it("npm installs one copy of @pulumi/pulumi, the project's, and the package from the tarball", async () => {
      expect(installedCopies(project.dir, "@pulumi/pulumi")).toEqual([
        { path: "node_modules/@pulumi/pulumi", version: pulumiVersion },
      ]);
      const pkg = join(project.dir, "node_modules", "stringee-pulumi");
      expect(lstatSync(pkg).isSymbolicLink()).toBe(false);
      const lock = JSON.parse(readFileSync(join(project.dir, "package-lock.json"), "utf8")) as {
        packages: Record<string, { resolved?: string; version?: string }>;
      };
      expect(lock.packages["node_modules/stringee-pulumi"]?.resolved).toBe(
        `file:${relative(project.dir, tarball.file)}`,
      );
      // Node resolves both packages inside the project, never through the checkout.
      const resolved = (
        await runOk(
          "node",
          ["-p", 'require.resolve("stringee-pulumi") + "\\n" + require.resolve("@pulumi/pulumi")'],
          project.dir,
        )
      ).stdout;
      for (const line of resolved.trim().split("\n")) expect(line.startsWith(`${project.dir}/`)).toBe(true);
    });

    it("the user's own tsc type-checks the program with the package's declarations (no skipLibCheck)", async () => {
      await runOk(join(project.dir, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "."], project.dir);
    }, 120_000);

    it("up creates the program's objects, resources are instances of the user's SDK", async () => {
      await project.pulumiOk(["up", "--yes", "--skip-preview"]);
      expect(await objectCounts(emu)).toEqual(PROGRAM_COUNTS);
      const outputs = await project.outputs();
      expect(outputs["oneSdk"]).toBe(true);
      expect(outputs["queueId"]).toEqual(expect.any(String));
    }, 240_000);

    it("preview after up reports no changes", async () => {
      await project.pulumiOk(["preview", "--expect-no-changes"]);
    }, 180_000);

    it("refresh finds no drift", async () => {
      await project.pulumiOk(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    }, 180_000);

    it("a rename made outside Pulumi shows on refresh, and up restores the declared name", async () => {
      const [queue] = await emu.objects("queue");
      await emu.patch("queue", String(queue?.["id"]), { name: "Renamed outside" });
      const refresh = await project.pulumiOk(["refresh", "--yes", "--skip-preview", "--diff"]);
      expect(refresh.stdout).toMatch(/name\s*:\s*"Sales" => "Renamed outside"/);
      await project.pulumiOk(["up", "--yes", "--skip-preview"]);
      expect((await emu.objects("queue")).map((q) => q["name"])).toEqual(["Sales"]);
      await project.pulumiOk(["preview", "--expect-no-changes"]);
    }, 240_000);

    it("the state holds no secret in plain text", async () => {
      const state = await project.exportState();
      for (const secret of [emu.apiKeySecret, DESK_PASSWORD]) expect(state).not.toContain(secret);
    }, 60_000);

    it("destroy removes every object", async () => {
      await project.pulumiOk(["destroy", "--yes", "--skip-preview"]);
      expect(await objectCounts(emu)).toEqual({});
    }, 240_000);
  });

  describe("the GitOps layout of the root program, copied into a user's repository", () => {
    let project: PulumiProject;
    let emu: EmulatorControl;
    const read = (file: string) => readFileSync(join(REPO_ROOT, file), "utf8");

    beforeAll(async () => {
      // What a user copies: Pulumi.yaml, program/ and a spec per stack; their package.json depends on the
      // package (the tarball) and on the newest @pulumi/pulumi.
      ({ project, emu } = await userProject("stringee-gitops-copy", await newestPulumi(), {
        "Pulumi.yaml": read("Pulumi.yaml"),
        "program/index.ts": read("program/index.ts"),
        "program/package.json": read("program/package.json"),
        "contact-center.dev.yaml": read("contact-center.dev.yaml"),
      }));
      await project.setConfig({}, { deskPassword900: "gitops-copy-desk-900-password" });
    }, 300_000);

    it("up deploys contact-center.dev.yaml, then preview and refresh report no changes", async () => {
      await project.pulumiOk(["up", "--yes", "--skip-preview"]);
      // objectCounts leaves out the collections that hold nothing (the dev spec blocks no caller, plays no file).
      expect(await objectCounts(emu)).toEqual(
        Object.fromEntries(Object.entries(DEV_COUNTS).filter(([, n]) => n !== 0)),
      );
      await project.pulumiOk(["preview", "--expect-no-changes"]);
      await project.pulumiOk(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    }, 300_000);

    it("destroy removes every object", async () => {
      await project.pulumiOk(["destroy", "--yes", "--skip-preview"]);
      expect(await objectCounts(emu)).toEqual({});
    }, 240_000);
  });

  // What the one-copy assertions above would catch: the same count finds a nested copy when there is one.
  it("a program pinned below the supported range gets a second copy, nested under the package", async () => {
    const below = await newestPulumiBefore(oldestSupportedPulumi());
    const project = await PulumiProject.create({
      name: "stringee-below-range",
      linkNodeModules: false,
      files: { "package.json": userPackageJson("below-range", tarball.file, below) },
    });
    projects.push(project);
    await npmInstall(project.dir);
    const copies = installedCopies(project.dir, "@pulumi/pulumi");
    expect(copies).toHaveLength(2);
    expect(copies).toContainEqual({ path: "node_modules/@pulumi/pulumi", version: below });
    expect(copies.map((c) => c.path)).toContain("node_modules/stringee-pulumi/node_modules/@pulumi/pulumi");
  }, 300_000);

  it("the package's sources type-check against the oldest supported @pulumi/pulumi", async () => {
    // The project installed next to the oldest version above.
    const project = installed.get(oldestSupportedPulumi());
    if (!project) throw new Error("no project was installed with the oldest supported @pulumi/pulumi");
    const sdk = join(project.dir, "node_modules", "@pulumi", "pulumi");
    // The checkout's compiler settings and dependencies, with @pulumi/pulumi swapped for the oldest one.
    const config = join(project.dir, "tsconfig.oldest-sdk.json");
    writeFileSync(
      config,
      JSON.stringify({
        extends: join(REPO_ROOT, "tsconfig.json"),
        compilerOptions: {
          noEmit: true,
          types: ["node"],
          paths: { "@pulumi/pulumi": [sdk], "@pulumi/pulumi/*": [`${sdk}/*`] },
        },
        include: [join(REPO_ROOT, "provider", "**", "*.ts")],
        exclude: [],
      }),
    );
    const tsc = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
    const listed = await runOk("node", [tsc, "-p", config, "--listFiles"], project.dir);
    expect(listed.stdout).toContain(`${sdk}/index.d.ts`);
  }, 300_000);
});
