// A GitOps project (program/index.ts) deploying a generated spec against an emulator, shared by the
// benchmark and the request-count checks of the test suite.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PulumiProject, REPO_ROOT } from "../tests/e2e/harness";
import type { EmulatorControl } from "../tests/support/emulatorControl";
import { generateSpec, type GeneratedSpec } from "./generate";

/** Stack the generated projects use; the program reads `contact-center.<stack>.yaml`. */
export const STACK = "bench";

/** A project deploying a generated spec. */
export interface GeneratedProject {
  project: PulumiProject;
  spec: GeneratedSpec;
  /** Replaces the spec with the same size and `edits` resources changed in place. */
  edit(edits: number): GeneratedSpec;
}

/** Creates the project, its stack and config (credentials of `emu`, SIP password secrets). */
export async function createGeneratedProject(
  emu: EmulatorControl,
  n: number,
  files: Record<string, string> = {},
): Promise<GeneratedProject> {
  const spec = generateSpec(n);
  const project = await PulumiProject.create(
    {
      name: `stringee-generated-${n}`,
      files: {
        "index.ts": readFileSync(join(REPO_ROOT, "program", "index.ts"), "utf8"),
        [`contact-center.${STACK}.yaml`]: spec.yaml,
        ...files,
      },
    },
    STACK,
  );
  await project.setConfig(
    {
      "stringee:apiKeySid": emu.apiKeySid,
      "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
      "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
    },
    { "stringee:apiKeySecret": emu.apiKeySecret, ...spec.secrets },
  );
  return {
    project,
    spec,
    edit(edits: number) {
      const edited = generateSpec(n, edits);
      project.write(`contact-center.${STACK}.yaml`, edited.yaml);
      return edited;
    },
  };
}

/** Requests of a log by method, every method present (0 when none). */
export function byMethod(requests: readonly { method: string }[]): Record<string, number> {
  const out: Record<string, number> = { GET: 0, POST: 0, PUT: 0, DELETE: 0 };
  for (const r of requests) out[r.method] = (out[r.method] ?? 0) + 1;
  return out;
}
