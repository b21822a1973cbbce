// stringee.Group's lifecycle over real HTTP against the emulator, including the live member count and
// the refusal to delete a group that a queue still routes calls to.
import { alreadyExistsMessage } from "../../../provider/kinds/framework";
import { groupDefinition } from "../../../provider/kinds/group";
import { checked, rejectionOf, startResourceHarness, type Props, type ResourceHarness } from "./harness";

let h: ResourceHarness;

beforeAll(async () => {
  h = await startResourceHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(async () => {
  await h.reset();
});

const lc = () => h.lifecycle(groupDefinition);
const ARGS: Props = { name: "Support" };

async function created(): Promise<{ id: string; outs: Props }> {
  const result = await lc().create(checked(lc(), ARGS));
  await h.clearRequests();
  return { id: result.id, outs: result.outs as Props };
}

describe("Group against the emulator", () => {
  it("create makes one group and reports that it has no agents", async () => {
    const result = await lc().create(checked(lc(), ARGS));
    expect(result.id).toMatch(/^GR_[A-Z0-9]{16}$/);
    expect(result.outs).toEqual({ ...ARGS, stringeeId: result.id, numberOfAgents: 0 });
    expect(await h.objects("group")).toEqual([
      expect.objectContaining({ id: result.id, name: "Support", number_of_agent: 0 }),
    ]);
  });

  it("read returns the outputs and the canonical inputs, with the live member count", async () => {
    const { id, outs } = await created();
    expect(await lc().read(id, outs)).toEqual({ id, props: outs, inputs: ARGS });
    const agent = await h.seed("agent", { name: "Alice", stringee_user_id: "alice" });
    await h.seed("groupagent", { agent_id: agent, group_id: id });
    expect(await lc().read(id, outs)).toEqual({ id, props: { ...outs, numberOfAgents: 1 }, inputs: ARGS });
  });

  it("update renames the group in place with one PUT", async () => {
    const { id, outs } = await created();
    const result = await lc().update(id, outs, checked(lc(), { name: "Tier 1" }));
    expect(result.outs).toEqual({ name: "Tier 1", stringeeId: id, numberOfAgents: 0 });
    expect(await h.object("group", id)).toMatchObject({ name: "Tier 1" });
    const counts = await h.counts();
    expect(counts["PUT /v1/group/:id"]).toBe(1);
    expect(counts["POST /v1/group"]).toBeUndefined();
  });

  it("read shows an out-of-band rename (drift), which the next update reverts", async () => {
    const { id, outs } = await created();
    await h.patch("group", id, { name: "Renamed" });
    const result = await lc().read(id, outs);
    expect(result.inputs).toEqual({ name: "Renamed" });
    expect(lc().diff(result.props as Props, checked(lc(), ARGS)).changes).toBe(true);
    await lc().update(id, result.props as Props, checked(lc(), ARGS));
    expect(await h.object("group", id)).toMatchObject({ name: "Support" });
  });

  it("read returns {} once the group was deleted out of band", async () => {
    const { id, outs } = await created();
    await h.remove("group", id);
    await expect(lc().read(id, outs)).resolves.toEqual({});
  });

  it("delete removes the group (and its memberships); deleting again is a no-op", async () => {
    const { id, outs } = await created();
    const agent = await h.seed("agent", { name: "Alice", stringee_user_id: "alice" });
    await h.seed("groupagent", { agent_id: agent, group_id: id });
    await lc().delete(id, outs);
    expect(await h.objects("group")).toEqual([]);
    expect(await h.objects("groupagent")).toEqual([]);
    await expect(lc().delete(id, outs)).resolves.toBeUndefined();
    expect((await h.counts())["DELETE /v1/group/:id"]).toBe(2);
  });

  it("a create whose answer is lost ends with exactly one group, under the right id", async () => {
    await h.fault({ method: "POST", path: "^/v1/group$", kind: "drop-response" });
    const result = await lc().create(checked(lc(), ARGS));
    const groups = await h.objects("group");
    expect(groups).toHaveLength(1);
    expect(groups[0]?.["id"]).toBe(result.id);
    expect((await h.counts())["POST /v1/group"]).toBe(1);
  });

  it("create refuses a group created out of band with the same name and tells how to adopt it", async () => {
    // Stringee itself accepts duplicate group names: the provider refuses them.
    const id = await h.seed("group", { name: "Support" });
    const err = await rejectionOf(lc().create(checked(lc(), ARGS)));
    expect(err.message).toBe(alreadyExistsMessage("Group", 'name "Support"', id));
    expect(err.message).toContain(`importId: "${id}"`);
    expect(await h.objects("group")).toHaveLength(1);
  });

  it("importId adopts a group created out of band and renames it", async () => {
    const id = await h.seed("group", { name: "Support (legacy)" });
    await h.clearRequests();
    const result = await lc().create(checked(lc(), { ...ARGS, importId: id }));
    expect(result).toEqual({ id, outs: { ...ARGS, stringeeId: id, numberOfAgents: 0, importId: id } });
    expect(await h.objects("group")).toEqual([expect.objectContaining({ id, name: "Support" })]);
    const counts = await h.counts();
    expect(counts["POST /v1/group"]).toBeUndefined();
    expect(counts["PUT /v1/group/:id"]).toBe(1);
  });

  it("deleting a group that a queue still routes to is refused with the API's r=3 message", async () => {
    const { id, outs } = await created();
    const queue = await h.seed("queue", { name: "Sales" });
    const routing = await h.seed("grouprouting", { queue_id: queue, group_id: id, primary_group: 0 });
    const err = await rejectionOf(lc().delete(id, outs));
    expect(err.message).toBe(
      `DELETE /v1/group/${id} failed: r=3 "Group ${id} is still referenced by Group routing ${routing} (group_id)" (HTTP 200)`,
    );
    expect(await h.object("group", id)).toBeDefined();
  });
});
