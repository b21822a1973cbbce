// The toolchain smoke test: the real Pulumi CLI and Node.js language host run a one-resource dynamic-provider
// stack through up, a no-change preview, an update, refresh and destroy against a file backend.
import { PulumiProject } from "./harness";

const program = (greeting: string) => `
import * as pulumi from "@pulumi/pulumi";

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: "greeting-1", outs: { ...inputs, length: inputs.greeting.length } };
  },
  async diff(_id, olds, news) {
    return { changes: olds.greeting !== news.greeting };
  },
  async update(_id, _olds, news) {
    return { outs: { ...news, length: news.greeting.length } };
  },
};

class Greeting extends pulumi.dynamic.Resource {
  declare readonly length: pulumi.Output<number>;
  constructor(name: string, args: { greeting: string }) {
    super(provider, name, { ...args, length: undefined }, {});
  }
}

const greeting = new Greeting("hello", { greeting: ${JSON.stringify(greeting)} });
export const length = greeting.length;
`;

describe("Pulumi CLI smoke test (real engine, file backend)", () => {
  let project: PulumiProject;

  beforeAll(async () => {
    project = await PulumiProject.create({ name: "smoke", files: { "index.ts": program("hello") } });
  }, 120_000);

  afterAll(() => project?.dispose());

  it("up creates the dynamic resource and exports its output", async () => {
    const up = await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(up.stdout).toMatch(/\+ 2 created|2 created/);
    const outputs = JSON.parse((await project.pulumiOk(["stack", "output", "--json"])).stdout);
    expect(outputs).toEqual({ length: 5 });
  }, 180_000);

  it("a second preview reports no changes", async () => {
    const preview = await project.pulumi(["preview", "--expect-no-changes"]);
    expect(preview.stderr + preview.stdout).not.toMatch(/error/i);
    expect(preview.code).toBe(0);
  }, 180_000);

  it("an edited input is an update in place, not a replacement", async () => {
    project.write("index.ts", program("hello, world"));
    const preview = await project.pulumiOk(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/~ 1 to update|1 to update/);
    expect(preview.stdout).not.toMatch(/replace/);
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    const outputs = JSON.parse((await project.pulumiOk(["stack", "output", "--json"])).stdout);
    expect(outputs).toEqual({ length: 12 });
  }, 180_000);

  it("refresh and destroy complete and leave an empty stack", async () => {
    await project.pulumiOk(["refresh", "--yes", "--skip-preview"]);
    await project.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    const state = JSON.parse(await project.exportState());
    expect(state.deployment.resources ?? []).toHaveLength(0);
  }, 180_000);
});
