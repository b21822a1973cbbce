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

/** How a run used a limit of `limit` requests per clock-aligned block of `blockMs`. */
export interface BlockUse {
  /** Blocks strictly between the first and the last block with an answered request. */
  interior: number;
  /** Answered requests per interior block, on average, as a share of the limit (0 without interior blocks). */
  share: number;
  /** The least used interior block, as a share of the limit. */
  least: number;
}

/**
 * The share of the limit a run used in the blocks it spanned entirely: the first and the last block are
 * left out, since a run starts and ends wherever it does within them. `answeredAt` are the times (ms since
 * the epoch) at which the server counted the requests it accepted.
 */
export function blockUse(answeredAt: readonly number[], blockMs: number, limit: number): BlockUse {
  if (answeredAt.length === 0) return { interior: 0, share: 0, least: 0 };
  const blocks = new Map<number, number>();
  for (const t of answeredAt)
    blocks.set(Math.floor(t / blockMs), (blocks.get(Math.floor(t / blockMs)) ?? 0) + 1);
  const first = Math.min(...blocks.keys());
  const last = Math.max(...blocks.keys());
  const interior: number[] = [];
  for (let b = first + 1; b < last; b++) interior.push((blocks.get(b) ?? 0) / limit);
  if (interior.length === 0) return { interior: 0, share: 0, least: 0 };
  return {
    interior: interior.length,
    share: interior.reduce((a, x) => a + x, 0) / interior.length,
    least: Math.min(...interior),
  };
}
