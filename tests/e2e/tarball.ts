// The package as users get it: `npm pack` of this checkout, installed with npm into a project of its own
// (its own package.json and lockfile, no link to the checkout). Shared by the tarball and template e2e tests.
import { execFile } from "node:child_process";
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./harness";

/** What `npm pack --json` reports about one tarball. */
export interface PackedTarball {
  /** Absolute path of the .tgz. */
  file: string;
  /** Compressed size, bytes. */
  size: number;
  /** Size of the unpacked files, bytes. */
  unpackedSize: number;
  /** Paths inside the package, relative to its root. */
  files: string[];
  /** Removes the tarball and its temp folder. */
  dispose(): void;
}

/** What a command printed and how it exited. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `command ARGS` in `cwd`; never throws on a non-zero exit. */
export function run(command: string, args: string[], cwd: string): Promise<CommandResult> {
  return new Promise((resolvePromise) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 127) : 0;
      resolvePromise({
        code,
        stdout,
        stderr: error && code === 127 ? `${stderr}\n${error.message}` : stderr,
      });
    });
  });
}

/** Runs `command ARGS` in `cwd` and fails with its output when it exits non-zero. */
export async function runOk(command: string, args: string[], cwd: string): Promise<CommandResult> {
  const result = await run(command, args, cwd);
  if (result.code !== 0)
    throw new Error(`${command} ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}

/**
 * `npm pack` of the checkout into a new temp folder, lifecycle scripts included (`prepack` builds dist/), as
 * `npm publish` does.
 */
export async function packTarball(): Promise<PackedTarball> {
  const dest = mkdtempSync(join(tmpdir(), "stringee-pack-"));
  const { stdout } = await runOk("npm", ["pack", "--json", "--pack-destination", dest], REPO_ROOT);
  // Lifecycle scripts print to stdout before the JSON (npm 10+ sends them to stderr, older ones do not).
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf("["))) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  if (!packed) throw new Error(`npm pack printed no tarball: ${stdout}`);
  return {
    file: join(dest, packed.filename),
    size: packed.size,
    unpackedSize: packed.unpackedSize,
    files: packed.files.map((f) => f.path).sort(),
    dispose: () => rmSync(dest, { recursive: true, force: true }),
  };
}

/** The package's own package.json. */
export function packageManifest(): {
  version: string;
  dependencies: Record<string, string>;
  engines: { node: string };
} {
  return JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as ReturnType<
    typeof packageManifest
  >;
}

/** The oldest @pulumi/pulumi the package declares support for: the floor of its caret range. */
export function oldestSupportedPulumi(): string {
  const range = packageManifest().dependencies["@pulumi/pulumi"] ?? "";
  const match = /^\^(\d+\.\d+\.\d+)$/.exec(range);
  if (!match?.[1]) throw new Error(`package.json declares @pulumi/pulumi as "${range}", expected ^x.y.z`);
  return match[1];
}

/** The newest @pulumi/pulumi the npm registry serves (its `latest` tag), asked now. */
export async function newestPulumi(): Promise<string> {
  return (await runOk("npm", ["view", "@pulumi/pulumi@latest", "version"], tmpdir())).stdout.trim();
}

/** The newest release of @pulumi/pulumi older than `version` that the registry serves. */
export async function newestPulumiBefore(version: string): Promise<string> {
  const key = (v: string) =>
    v
      .split(".")
      .map((n) => Number(n).toString().padStart(6, "0"))
      .join(".");
  const { stdout } = await runOk("npm", ["view", "@pulumi/pulumi", "versions", "--json"], tmpdir());
  const older = (JSON.parse(stdout) as string[])
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v) && key(v) < key(version))
    .sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const newest = older.at(-1);
  if (!newest) throw new Error(`the registry serves no @pulumi/pulumi older than ${version}`);
  return newest;
}

/**
 * `npm install` in `dir` (which holds the project's package.json): writes the project's own lockfile and
 * node_modules. The npm cache is used when it has the packages (`--prefer-offline`), the registry otherwise.
 */
export async function npmInstall(dir: string): Promise<CommandResult> {
  return runOk("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], dir);
}

/** One installed copy of a package. */
export interface InstalledCopy {
  /** Folder of the copy, relative to the project. */
  path: string;
  version: string;
}

/**
 * Every copy of package `name` under `dir`/node_modules, however deeply nested (npm nests a second copy
 * under the package that needs a version the top-level copy does not satisfy).
 */
export function installedCopies(dir: string, name: string): InstalledCopy[] {
  const copies: InstalledCopy[] = [];
  const visit = (modules: string) => {
    if (!existsSync(modules)) return;
    const candidate = join(modules, name, "package.json");
    if (existsSync(candidate)) {
      const version = (JSON.parse(readFileSync(candidate, "utf8")) as { version: string }).version;
      copies.push({ path: join(modules, name).slice(dir.length + 1), version });
    }
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith(".")) continue;
      const packages = entry.startsWith("@")
        ? readdirSync(join(modules, entry)).map((p) => join(modules, entry, p))
        : [join(modules, entry)];
      for (const pkg of packages) {
        // Links (npm workspaces, `npm link`) point outside the project: not a copy the project installed.
        if (lstatSync(pkg).isSymbolicLink()) continue;
        visit(join(pkg, "node_modules"));
      }
    }
  };
  visit(join(dir, "node_modules"));
  return copies;
}

/**
 * A package.json for a user's Pulumi TypeScript project, as `pulumi new typescript` writes one, depending on
 * the packed tarball and on `pulumiVersion` of @pulumi/pulumi.
 */
export function userPackageJson(name: string, tarball: string, pulumiVersion: string): string {
  return JSON.stringify(
    {
      name,
      main: "index.ts",
      devDependencies: { "@types/node": "^22", typescript: "^5" },
      dependencies: { "@pulumi/pulumi": pulumiVersion, "stringee-pulumi": `file:${tarball}` },
    },
    null,
    2,
  );
}

/**
 * The tsconfig.json of Pulumi's TypeScript template: strict, and without `skipLibCheck`, so the package's
 * declaration files are type-checked with the user's program (ts-node does so at every `pulumi up`).
 */
export const USER_TSCONFIG = JSON.stringify(
  {
    compilerOptions: {
      strict: true,
      outDir: "bin",
      target: "es2020",
      module: "commonjs",
      moduleResolution: "node",
      sourceMap: true,
      experimentalDecorators: true,
      pretty: true,
      noFallthroughCasesInSwitch: true,
      noImplicitReturns: true,
      forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
  },
  null,
  2,
);
