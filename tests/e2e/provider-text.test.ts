// A state written by an earlier version holds the provider text Pulumi's closure serializer made (about
// 3.3 kB per resource, in its inputs and outputs); this version stores a compact one-line text instead.
// Through the real CLI: such a state refreshes and previews without changes under this version, an `up`
// rewrites it in the compact form, and a destroy run from the old text still deletes everything.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createGeneratedProject, type GeneratedProject } from "../../bench/project";
import { EmulatorControl } from "../support/emulatorControl";
import { legacyProviderText } from "../support/legacyProvider";
import type { ResourceKind } from "../../provider/kinds/framework";
import { objectCounts } from "./specCounts";

const N = 20;

interface StateResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
interface Deployment {
  deployment: { resources: StateResource[] };
}

const dynamic = (state: Deployment) =>
  state.deployment.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/stringee:"));

describe("states written with the closure serializer's provider text", () => {
  let emu: EmulatorControl;
  let g: GeneratedProject;

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    g = await createGeneratedProject(emu, N);
  }, 120_000);

  afterAll(async () => {
    g?.project.dispose();
    await emu?.close();
  });

  /** Rewrites the stack's state as an earlier version left it: every `__provider` in the old form. */
  async function downgradeState(): Promise<{ compactBytes: number; legacyBytes: number }> {
    const exported = await g.project.exportState();
    const state = JSON.parse(exported) as Deployment;
    const compact = JSON.stringify(state);
    for (const r of dynamic(state)) {
      // The compact text names the kind as `.provider("kind")`, the old one as `kind: "kind"`.
      const text0 = String(r.inputs?.["__provider"]);
      const found = /\.provider\("(\w+)"\)|kind: "(\w+)"/.exec(text0);
      const kind = (found?.[1] ?? found?.[2]) as ResourceKind;
      expect(kind).toBeDefined();
      const text = await legacyProviderText(kind);
      for (const bag of [r.inputs, r.outputs])
        if (bag?.["__provider"] !== undefined) bag["__provider"] = text;
    }
    const legacy = JSON.stringify(state);
    const file = join(g.project.dir, "legacy-state.json");
    writeFileSync(file, legacy);
    await g.project.pulumiOk(["stack", "import", "--file", file]);
    return { compactBytes: compact.length, legacyBytes: legacy.length };
  }

  it("up stores a one-line provider text of under 100 bytes in every resource", async () => {
    await g.project.pulumiOk(["up", "--yes", "--skip-preview"]);
    const state = JSON.parse(await g.project.exportState()) as Deployment;
    const texts = dynamic(state).map((r) => String(r.inputs?.["__provider"]));
    expect(texts).toHaveLength(N);
    for (const t of texts) {
      expect(t).toMatch(
        /^exports\.handler = \(\) => require\("stringee-pulumi\/runtime"\)\.provider\("\w+"\);\n$/,
      );
      expect(t.length).toBeLessThan(100);
    }
  }, 240_000);

  it("an earlier version's state refreshes and previews with no change, and the next up rewrites it compact", async () => {
    const { compactBytes, legacyBytes } = await downgradeState();
    console.log(
      `state of ${N} resources: ${legacyBytes} bytes with the serializer's provider text, ${compactBytes} compact ` +
        `(${((legacyBytes - compactBytes) / N / 1024).toFixed(1)} kB less per resource)`,
    );
    // The old text (about 2.5 to 3.3 kB, by build) twice per resource: in its inputs and its outputs.
    expect(legacyBytes - compactBytes).toBeGreaterThan(N * 2 * 2500);
    // Refresh runs the old text (the engine uses the stored provider), preview the program's new one.
    await g.project.pulumiOk(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    await g.project.pulumiOk(["preview", "--expect-no-changes"]);
    await emu.clearRequests();
    await g.project.pulumiOk(["up", "--yes", "--skip-preview", "--expect-no-changes"]);
    expect((await emu.requests()).filter((r) => r.method !== "GET")).toEqual([]);
    const state = JSON.parse(await g.project.exportState()) as Deployment;
    for (const r of dynamic(state)) expect(String(r.inputs?.["__provider"]).length).toBeLessThan(100);
  }, 240_000);

  it("a destroy run from an earlier version's state deletes every object", async () => {
    await downgradeState();
    await g.project.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(await objectCounts(emu)).toEqual({});
  }, 240_000);
});
