// Request counts of a whole lifecycle through the real CLI (N = 20, a mix of every resource type): a
// cheap regression check that fails when a change adds API calls. Counts only; timing lives in `npm run bench`.
import { generateSpec } from "../../bench/generate";
import { byMethod, createGeneratedProject, type GeneratedProject } from "../../bench/project";
import { EmulatorControl } from "../support/emulatorControl";

const N = 20;

describe(`API requests of a ${N}-resource contact center through the real Pulumi CLI`, () => {
  let emu: EmulatorControl;
  let g: GeneratedProject;
  const figures: Record<string, Record<string, number>> = {};

  // Runs `pulumi ARGS` and returns the API requests it made, by method.
  const measure = async (step: string, args: string[]) => {
    await emu.clearRequests();
    await emu.control("DELETE", "/auth");
    await emu.control("DELETE", "/connections");
    await g.project.pulumiOk(args);
    const connections = await emu.control<{ opened: number }>("GET", "/connections");
    const requests = await emu.requests();
    expect(requests.filter((r) => r.status !== 200)).toEqual([]);
    const auth = await emu.control<{ distinctTokens: number }>("GET", "/auth");
    figures[step] = { ...byMethod(requests), tokens: auth.distinctTokens, connections: connections.opened };
    return figures[step];
  };

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    g = await createGeneratedProject(emu, N);
    expect(g.spec.resources).toBe(N);
  }, 120_000);

  afterAll(async () => {
    console.log(`requests by step (N = ${N}):\n${JSON.stringify(figures, null, 1)}`);
    g?.project.dispose();
    await emu?.close();
  });

  // Every listing an operation could need, each fetched once: the 6 collections without a parent (numbers,
  // agents, queues, groups, IVR trees, SIP phones) plus one per parent for the nested ones (nodes per
  // tree, keys per node, routings per queue, members per group).
  const kinds = generateSpec(N).byKind;
  const listings = 6 + kinds.ivrTree + kinds.ivrNode + kinds.queue + kinds.group;

  it("up: one POST per resource, one PUT per SIP phone extension, and a bounded number of listings", async () => {
    const counts = await measure("up", ["up", "--yes", "--skip-preview"]);
    // The SIP phone API takes only username and password on create: the extension needs a PUT.
    expect(counts).toMatchObject({ POST: N, PUT: kinds.sipPhone, DELETE: 0 });
    // Each listing at most three times: before the creates, and twice while read-backs follow writes.
    expect(counts["GET"]).toBeLessThanOrEqual(3 * listings);
    // One provider process, one client: one signed token for the whole run and one keep-alive pool of at
    // most 16 sockets (plus, possibly, the control request that reads the count).
    expect(counts["tokens"]).toBe(1);
    expect(counts["connections"]).toBeLessThanOrEqual(17);
  }, 240_000);

  it("a preview without changes makes no API request at all", async () => {
    const counts = await measure("preview", ["preview", "--expect-no-changes"]);
    expect(counts).toMatchObject({ GET: 0, POST: 0, PUT: 0, DELETE: 0, tokens: 0 });
  }, 120_000);

  it("refresh lists each collection once, instead of once per resource", async () => {
    const counts = await measure("refresh", ["refresh", "--yes", "--skip-preview"]);
    expect(counts).toMatchObject({ POST: 0, PUT: 0, DELETE: 0 });
    expect(counts["GET"]).toBeLessThanOrEqual(listings);
  }, 120_000);

  it("updating 2 resources sends 2 PUTs and re-reads only what they touch", async () => {
    expect(g.edit(2).edited).toBe(2);
    const counts = await measure("update", ["up", "--yes", "--skip-preview"]);
    expect(counts).toMatchObject({ POST: 0, PUT: 2, DELETE: 0 });
    expect(counts["GET"]).toBeLessThanOrEqual(2);
  }, 120_000);

  it("destroy sends exactly one DELETE per resource and lists nothing twice", async () => {
    const counts = await measure("destroy", ["destroy", "--yes", "--skip-preview"]);
    expect(counts).toMatchObject({ POST: 0, PUT: 0, DELETE: N });
    expect(counts["GET"]).toBeLessThanOrEqual(listings);
    const left = await emu.control<Record<string, unknown[]>>("GET", "/objects");
    expect(Object.values(left).flat()).toEqual([]);
  }, 240_000);
});
