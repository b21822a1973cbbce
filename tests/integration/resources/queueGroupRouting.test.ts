// stringee.QueueGroupRouting's lifecycle over real HTTP against the emulator. The queue and the groups
// are created out of band first. Only primaryGroup changes in place; the list is per queue, so a bare
// routing id needs its queue (`<queue>/<id>`) when there is no prior state.
import { alreadyExistsMessage } from "../../../provider/kinds/framework";
import { queueGroupRoutingDefinition } from "../../../provider/kinds/queueGroupRouting";
import { checked, rejectionOf, startResourceHarness, type Props, type ResourceHarness } from "./harness";

let h: ResourceHarness;
let queue: string;
let support: string;
let overflow: string;

beforeAll(async () => {
  h = await startResourceHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(async () => {
  await h.reset();
  queue = await h.seed("queue", { name: "Sales" });
  support = await h.seed("group", { name: "Support" });
  overflow = await h.seed("group", { name: "Overflow" });
  await h.clearRequests();
});

const lc = () => h.lifecycle(queueGroupRoutingDefinition);
const args = (extra: Props = {}): Props => ({
  queueId: queue,
  groupId: support,
  primaryGroup: true,
  ...extra,
});

async function created(): Promise<{ id: string; outs: Props }> {
  const result = await lc().create(checked(lc(), args()));
  await h.clearRequests();
  return { id: result.id, outs: result.outs as Props };
}

describe("QueueGroupRouting against the emulator", () => {
  it("create makes one routing with the primary flag as 1", async () => {
    const result = await lc().create(checked(lc(), args()));
    expect(result.id).toMatch(/^GR_RO_[A-Z0-9]{16}$/);
    expect(result.outs).toEqual({ ...args(), stringeeId: result.id });
    expect(await h.objects("grouprouting")).toEqual([
      expect.objectContaining({ id: result.id, queue_id: queue, group_id: support, primary_group: 1 }),
    ]);
  });

  it("create without primaryGroup sends 0", async () => {
    await lc().create(checked(lc(), { queueId: queue, groupId: overflow }));
    expect(await h.objects("grouprouting")).toEqual([
      expect.objectContaining({ group_id: overflow, primary_group: 0 }),
    ]);
  });

  it("read returns the outputs and the canonical inputs", async () => {
    const { id, outs } = await created();
    expect(await lc().read(id, outs)).toEqual({ id, props: outs, inputs: args() });
  });

  it("read by <queue>/<id> (as QueueGroupRouting.get does) finds the routing without prior state", async () => {
    const { id, outs } = await created();
    expect(await lc().read(`${queue}/${id}`, {})).toEqual({ id, props: outs, inputs: args() });
  });

  it("update changes primaryGroup in place with one PUT", async () => {
    const { id, outs } = await created();
    const result = await lc().update(id, outs, checked(lc(), args({ primaryGroup: false })));
    expect(result.outs).toEqual({ ...args({ primaryGroup: false }), stringeeId: id });
    expect(await h.object("grouprouting", id)).toMatchObject({ primary_group: 0, queue_id: queue });
    const counts = await h.counts();
    expect(counts["PUT /v1/routing-call-to-groups/:id"]).toBe(1);
    expect(counts["POST /v1/routing-call-to-groups"]).toBeUndefined();
  });

  it("another group is a replacement: the new routing is created before the old one is deleted", async () => {
    const old = await created();
    expect(lc().diff(old.outs, checked(lc(), args({ groupId: overflow }))).replaces).toEqual(["groupId"]);
    const next = await lc().create(checked(lc(), args({ groupId: overflow })));
    expect(await h.objects("grouprouting")).toHaveLength(2);
    await lc().delete(old.id, old.outs);
    expect(await h.objects("grouprouting")).toEqual([
      expect.objectContaining({ id: next.id, group_id: overflow }),
    ]);
  });

  it("read shows primaryGroup changed out of band (drift), which the next update reverts", async () => {
    const { id, outs } = await created();
    await h.patch("grouprouting", id, { primary_group: 0 });
    const result = await lc().read(id, outs);
    expect(result.inputs).toEqual(args({ primaryGroup: false }));
    expect(lc().diff(result.props as Props, checked(lc(), args()))).toMatchObject({
      changes: true,
      replaces: [],
    });
    await lc().update(id, result.props as Props, checked(lc(), args()));
    expect(await h.object("grouprouting", id)).toMatchObject({ primary_group: 1 });
  });

  it("read returns {} once the routing was deleted out of band, and once its queue was", async () => {
    const { id, outs } = await created();
    await h.remove("grouprouting", id);
    await expect(lc().read(id, outs)).resolves.toEqual({});
    const other = await lc().create(checked(lc(), args({ groupId: overflow })));
    await h.control("DELETE", `/objects/queue/${queue}?force=true`);
    await expect(lc().read(other.id, other.outs as Props)).resolves.toEqual({});
  });

  it("delete removes the routing; deleting again is a no-op", async () => {
    const { id, outs } = await created();
    await lc().delete(id, outs);
    expect(await h.objects("grouprouting")).toEqual([]);
    await expect(lc().delete(id, outs)).resolves.toBeUndefined();
    expect((await h.counts())["DELETE /v1/routing-call-to-groups/:id"]).toBe(2);
  });

  it("a create whose answer is lost ends with exactly one routing, under the right id", async () => {
    await h.fault({ method: "POST", path: "^/v1/routing-call-to-groups$", kind: "drop-response" });
    const result = await lc().create(checked(lc(), args()));
    const routings = await h.objects("grouprouting");
    expect(routings).toHaveLength(1);
    expect(routings[0]?.["id"]).toBe(result.id);
    expect((await h.counts())["POST /v1/routing-call-to-groups"]).toBe(1);
  });

  it("create refuses a routing created out of band for the same queue and group and tells how to adopt it", async () => {
    const id = await h.seed("grouprouting", { queue_id: queue, group_id: support, primary_group: 0 });
    const err = await rejectionOf(lc().create(checked(lc(), args())));
    expect(err.message).toBe(
      alreadyExistsMessage("QueueGroupRouting", `group ${support} of queue ${queue}`, id),
    );
    expect(err.message).toContain(`importId: "${id}"`);
  });

  it("importId (<queue>/<id>) adopts a routing created out of band and updates primaryGroup", async () => {
    const id = await h.seed("grouprouting", { queue_id: queue, group_id: support, primary_group: 0 });
    await h.clearRequests();
    const result = await lc().create(checked(lc(), { ...args(), importId: `${queue}/${id}` }));
    expect(result).toEqual({ id, outs: { ...args(), stringeeId: id, importId: `${queue}/${id}` } });
    expect(await h.objects("grouprouting")).toEqual([expect.objectContaining({ id, primary_group: 1 })]);
    const counts = await h.counts();
    expect(counts["POST /v1/routing-call-to-groups"]).toBeUndefined();
    expect(counts["PUT /v1/routing-call-to-groups/:id"]).toBe(1);
  });

  it("importId of a routing to another group is refused: groupId cannot change", async () => {
    const id = await h.seed("grouprouting", { queue_id: queue, group_id: overflow, primary_group: 0 });
    const err = await rejectionOf(lc().create(checked(lc(), { ...args(), importId: `${queue}/${id}` })));
    expect(err.message).toContain("cannot be adopted because groupId differ");
    expect(await h.object("grouprouting", id)).toMatchObject({ group_id: overflow, primary_group: 0 });
  });
});
