// stringee.GroupMember's lifecycle over real HTTP against the emulator. Agents and groups are created
// out of band first, as other stacks (or the dashboard) would have. A membership has no id on the wire:
// the provider's id is `<group id>/<agent id>` (the emulator's controls key it `<group>:<agent>`).
import { alreadyExistsMessage } from "../../../provider/kinds/framework";
import { groupMemberDefinition } from "../../../provider/kinds/groupMember";
import { checked, rejectionOf, startResourceHarness, type Props, type ResourceHarness } from "./harness";

let h: ResourceHarness;
let alice: string;
let bob: string;
let support: string;
let sales: string;

beforeAll(async () => {
  h = await startResourceHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(async () => {
  await h.reset();
  alice = await h.seed("agent", { name: "Alice", stringee_user_id: "alice" });
  bob = await h.seed("agent", { name: "Bob", stringee_user_id: "bob" });
  support = await h.seed("group", { name: "Support" });
  sales = await h.seed("group", { name: "Sales" });
  await h.clearRequests();
});

const lc = () => h.lifecycle(groupMemberDefinition);
const args = (): Props => ({ group: support, agent: alice });
/** The emulator's control key of a membership. */
const key = (group: string, agent: string) => `${group}:${agent}`;

async function created(): Promise<{ id: string; outs: Props }> {
  const result = await lc().create(checked(lc(), args()));
  await h.clearRequests();
  return { id: result.id, outs: result.outs as Props };
}

describe("GroupMember against the emulator", () => {
  it("create adds the agent to the group once and reports the agent's user id", async () => {
    const result = await lc().create(checked(lc(), args()));
    expect(result).toEqual({
      id: `${support}/${alice}`,
      outs: { ...args(), stringeeId: `${support}/${alice}`, stringeeUserId: "alice" },
    });
    expect(await h.objects("groupagent")).toEqual([
      expect.objectContaining({ agent_id: alice, group_id: support, stringee_user_id: "alice" }),
    ]);
    expect(await h.object("group", support)).toMatchObject({ number_of_agent: 1 });
    expect((await h.counts())["POST /v1/manage-agents-in-group"]).toBe(1);
  });

  it("read returns the outputs and the canonical inputs", async () => {
    const { id, outs } = await created();
    expect(await lc().read(id, outs)).toEqual({ id, props: outs, inputs: args() });
  });

  it("read by <group>/<agent> (as GroupMember.get does) needs no prior state", async () => {
    const { id, outs } = await created();
    expect(await lc().read(id, {})).toEqual({ id, props: outs, inputs: args() });
  });

  it("nothing can change in place: an update with the same inputs sends no write", async () => {
    const { id, outs } = await created();
    const result = await lc().update(id, outs, checked(lc(), args()));
    expect(result.outs).toEqual(outs);
    const counts = await h.counts();
    expect(Object.keys(counts).filter((k) => !k.startsWith("GET "))).toEqual([]);
  });

  it("moving the agent to another group is a replacement: the new membership is added before the old goes", async () => {
    const old = await created();
    expect(lc().diff(old.outs, checked(lc(), { ...args(), group: sales })).replaces).toEqual(["group"]);
    const next = await lc().create(checked(lc(), { ...args(), group: sales }));
    expect((await h.objects("groupagent")).map((m) => m["group_id"])).toEqual([support, sales]);
    await lc().delete(old.id, old.outs);
    expect(await h.objects("groupagent")).toEqual([
      expect.objectContaining({ agent_id: alice, group_id: sales }),
    ]);
    expect(next.id).toBe(`${sales}/${alice}`);
  });

  it("read shows an out-of-band change of the agent's user id in the outputs", async () => {
    const { id, outs } = await created();
    await h.patch("agent", alice, { stringee_user_id: "alice.b" });
    const result = await lc().read(id, outs);
    expect(result).toEqual({ id, props: { ...outs, stringeeUserId: "alice.b" }, inputs: args() });
  });

  it("read returns {} once the membership was moved to another agent out of band (it no longer exists)", async () => {
    const { id, outs } = await created();
    await h.patch("groupagent", key(support, alice), { agent_id: bob });
    await expect(lc().read(id, outs)).resolves.toEqual({});
  });

  it("read returns {} once the membership was deleted out of band, and once the group was", async () => {
    const { id, outs } = await created();
    await h.remove("groupagent", key(support, alice));
    await expect(lc().read(id, outs)).resolves.toEqual({});
    const other = await lc().create(checked(lc(), { group: sales, agent: bob }));
    await h.remove("group", sales);
    await expect(lc().read(other.id, other.outs as Props)).resolves.toEqual({});
  });

  it("delete removes the agent from the group; deleting again is a no-op", async () => {
    const { id, outs } = await created();
    await lc().delete(id, outs);
    expect(await h.objects("groupagent")).toEqual([]);
    await expect(lc().delete(id, outs)).resolves.toBeUndefined();
    const requests = (await h.requests()).requests.filter((r) => r.method === "DELETE");
    expect(requests.map((r) => [r.path, r.r])).toEqual([
      ["/v1/manage-agents-in-group", 0],
      ["/v1/manage-agents-in-group", -1],
    ]);
  });

  it("a create whose answer is lost ends with exactly one membership", async () => {
    await h.fault({ method: "POST", path: "^/v1/manage-agents-in-group$", kind: "drop-response" });
    const result = await lc().create(checked(lc(), args()));
    expect(result.id).toBe(`${support}/${alice}`);
    expect(await h.objects("groupagent")).toEqual([
      expect.objectContaining({ agent_id: alice, group_id: support }),
    ]);
    expect((await h.counts())["POST /v1/manage-agents-in-group"]).toBe(1);
  });

  it("create fails when the agent is already a member (added out of band) and tells how to adopt it", async () => {
    await h.seed("groupagent", { agent_id: alice, group_id: support });
    await h.clearRequests();
    const err = await rejectionOf(lc().create(checked(lc(), args())));
    expect(err.message).toBe(
      alreadyExistsMessage("GroupMember", `agent ${alice} in group ${support}`, `${support}/${alice}`),
    );
    expect(err.message).toContain("already exists in Stringee");
    expect(err.message).toContain(`importId: "${support}/${alice}"`);
    expect((await h.counts())["POST /v1/manage-agents-in-group"]).toBeUndefined();
  });

  it("importId adopts a membership added out of band without adding anything", async () => {
    await h.seed("groupagent", { agent_id: alice, group_id: support });
    await h.clearRequests();
    const id = `${support}/${alice}`;
    const result = await lc().create(checked(lc(), { ...args(), importId: id }));
    expect(result).toEqual({
      id,
      outs: { ...args(), stringeeId: id, stringeeUserId: "alice", importId: id },
    });
    expect(await h.objects("groupagent")).toHaveLength(1);
    const counts = await h.counts();
    expect(Object.keys(counts).filter((k) => !k.startsWith("GET "))).toEqual([]);
  });

  it("importId of another agent's membership is refused: agent cannot change", async () => {
    await h.seed("groupagent", { agent_id: bob, group_id: support });
    const err = await rejectionOf(lc().create(checked(lc(), { ...args(), importId: `${support}/${bob}` })));
    expect(err.message).toContain("cannot be adopted because agent differ");
    expect(await h.objects("groupagent")).toEqual([expect.objectContaining({ agent_id: bob })]);
  });

  it("create with an agent that does not exist surfaces the API's r=4 error", async () => {
    const err = await rejectionOf(lc().create(checked(lc(), { ...args(), agent: "AG_NOPE" })));
    expect(err.message).toMatch(/^POST \/v1\/manage-agents-in-group failed: r=4 /);
    expect(await h.objects("groupagent")).toEqual([]);
  });
});
