// Groups, agents in groups and queue-to-group routings through the client against the emulator:
// CRUD round trips, duplicate-safe creates whose answer is dropped, idempotent add/remove.
import { isNotFound } from "../../../provider/client";
import { startClientHarness, type ClientHarness } from "./harness";

let h: ClientHarness;

beforeAll(async () => {
  // Round trips of every field need a list that shows them all: the lenient reading (samples.test.ts
  // covers the strict one, whose lists carry fewer fields).
  h = await startClientHarness({}, { reading: "lenient" });
});

afterAll(async () => {
  await h.close();
});

beforeEach(async () => {
  await h.reset();
});

async function counts(): Promise<Record<string, number>> {
  return (await h.requests()).counts;
}

describe("groups", () => {
  it("create, find by name and id, update, delete, then delete again is a no-op", async () => {
    const { id, recovered } = await h.client.groups.create({ name: "Support" });
    expect(id).toMatch(/^GR_/);
    expect(recovered).toBe(false);
    expect(await h.client.groups.findByName("Support")).toEqual({ id, name: "Support", numberOfAgents: 0 });
    expect(await h.client.groups.findByNaturalKey({ name: "Support" })).toMatchObject({ id });
    await h.client.groups.update(id, { name: "Tier 1" });
    expect(await h.client.groups.findById(id)).toMatchObject({ name: "Tier 1" });
    await h.clearRequests();
    await h.client.groups.update(id, {});
    expect((await h.requests()).requests).toEqual([]);
    await expect(h.client.groups.delete(id)).resolves.toEqual({ deleted: true });
    await expect(h.client.groups.findById(id)).resolves.toBeUndefined();
    await expect(h.client.groups.delete(id)).resolves.toEqual({ deleted: false });
  });

  it("lists every page", async () => {
    const paged = h.makeClient({ pageSize: 2 });
    for (const name of ["a", "b", "c", "d", "e"]) await paged.groups.create({ name });
    expect((await paged.groups.list()).map((g) => g.name)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("a dropped create is recovered by name and sent once", async () => {
    await h.fault({ method: "POST", path: "^/v1/group$", kind: "drop-response", count: 1 });
    const created = await h.client.groups.create({ name: "Dropped" });
    expect(created).toEqual({ id: expect.stringMatching(/^GR_/), recovered: true });
    expect(await h.objects("group")).toEqual([expect.objectContaining({ id: created.id, name: "Dropped" })]);
    expect((await counts())["POST /v1/group"]).toBe(1);
  });
});

describe("group members", () => {
  it("add, list, find, remove; adding twice and removing twice are successes", async () => {
    const alice = await h.client.agents.create({ name: "Alice", stringeeUserId: "alice" });
    const bob = await h.client.agents.create({ name: "Bob", stringeeUserId: "bob" });
    const group = await h.client.groups.create({ name: "Support" });

    await expect(h.client.groupMembers.add(alice.id, group.id)).resolves.toEqual({
      added: true,
      recovered: false,
    });
    await expect(h.client.groupMembers.add(alice.id, group.id)).resolves.toEqual({
      added: false,
      recovered: false,
    });
    await h.client.groupMembers.add(bob.id, group.id);
    expect(await h.client.groupMembers.list(group.id)).toEqual([
      { groupId: group.id, agentId: alice.id, agentName: "Alice", stringeeUserId: "alice" },
      { groupId: group.id, agentId: bob.id, agentName: "Bob", stringeeUserId: "bob" },
    ]);
    expect(await h.client.groupMembers.find(group.id, bob.id)).toMatchObject({ stringeeUserId: "bob" });
    expect((await h.client.groups.findById(group.id))?.numberOfAgents).toBe(2);

    await expect(h.client.groupMembers.remove(alice.id, group.id)).resolves.toEqual({ deleted: true });
    await expect(h.client.groupMembers.remove(alice.id, group.id)).resolves.toEqual({ deleted: false });
    expect(await h.client.groupMembers.find(group.id, alice.id)).toBeUndefined();
    expect((await h.client.groupMembers.list(group.id)).map((m) => m.agentId)).toEqual([bob.id]);
  });

  it("unknown agents or groups reject add; a missing group reads as no membership and removes as a no-op", async () => {
    const alice = await h.client.agents.create({ name: "Alice", stringeeUserId: "alice" });
    const group = await h.client.groups.create({ name: "Support" });
    await expect(h.client.groupMembers.add("AG_NOPE", group.id)).rejects.toMatchObject({ r: 4 });
    await expect(h.client.groupMembers.add(alice.id, "GR_NOPE")).rejects.toMatchObject({ r: 4 });
    await expect(h.client.groupMembers.find("GR_NOPE", alice.id)).resolves.toBeUndefined();
    await expect(h.client.groupMembers.remove(alice.id, "GR_NOPE")).resolves.toEqual({ deleted: false });
    const listed = h.client.groupMembers.list("GR_NOPE");
    await expect(listed).rejects.toMatchObject({ r: -1 });
    expect(isNotFound(await listed.catch((e: unknown) => e))).toBe(true);
  });

  it("a dropped add is recovered by lookup and sent once", async () => {
    const alice = await h.client.agents.create({ name: "Alice", stringeeUserId: "alice" });
    const group = await h.client.groups.create({ name: "Support" });
    await h.clearRequests();
    await h.fault({ method: "POST", path: "^/v1/manage-agents-in-group$", kind: "drop-response", count: 1 });
    await expect(h.client.groupMembers.add(alice.id, group.id)).resolves.toEqual({
      added: true,
      recovered: true,
    });
    expect(await h.objects("groupagent")).toHaveLength(1);
    expect((await counts())["POST /v1/manage-agents-in-group"]).toBe(1);
  });

  it("an add reset before it was applied is re-sent after the lookup finds nothing", async () => {
    const alice = await h.client.agents.create({ name: "Alice", stringeeUserId: "alice" });
    const group = await h.client.groups.create({ name: "Support" });
    await h.clearRequests();
    await h.fault({ method: "POST", path: "^/v1/manage-agents-in-group$", kind: "reset", count: 1 });
    await expect(h.client.groupMembers.add(alice.id, group.id)).resolves.toEqual({
      added: true,
      recovered: false,
    });
    expect(await h.objects("groupagent")).toHaveLength(1);
    expect((await counts())["POST /v1/manage-agents-in-group"]).toBe(2);
  });

  it("a remove whose answer is dropped still resolves, with the membership gone", async () => {
    const alice = await h.client.agents.create({ name: "Alice", stringeeUserId: "alice" });
    const group = await h.client.groups.create({ name: "Support" });
    await h.client.groupMembers.add(alice.id, group.id);
    await h.fault({
      method: "DELETE",
      path: "^/v1/manage-agents-in-group$",
      kind: "drop-response",
      count: 1,
    });
    await expect(h.client.groupMembers.remove(alice.id, group.id)).resolves.toEqual({ deleted: false });
    expect(await h.objects("groupagent")).toEqual([]);
  });

  it("deleting the agent or the group removes the membership", async () => {
    const alice = await h.client.agents.create({ name: "Alice", stringeeUserId: "alice" });
    const group = await h.client.groups.create({ name: "Support" });
    await h.client.groupMembers.add(alice.id, group.id);
    await h.client.agents.delete(alice.id);
    expect(await h.client.groupMembers.list(group.id)).toEqual([]);
    await expect(h.client.groups.delete(group.id)).resolves.toEqual({ deleted: true });
  });
});

describe("queue group routings", () => {
  it("create, list, find by id and natural key, update the primary flag, delete", async () => {
    const queue = await h.client.queues.create({ name: "Hotline" });
    const support = await h.client.groups.create({ name: "Support" });
    const overflow = await h.client.groups.create({ name: "Overflow" });

    const primary = await h.client.queueGroupRoutings.create({
      queueId: queue.id,
      groupId: support.id,
      primaryGroup: true,
    });
    expect(primary).toEqual({ id: expect.stringMatching(/^GR_RO_/), recovered: false });
    const secondary = await h.client.queueGroupRoutings.create({
      queueId: queue.id,
      groupId: overflow.id,
      primaryGroup: false,
    });
    expect(await h.client.queueGroupRoutings.list(queue.id)).toEqual([
      { id: primary.id, queueId: queue.id, groupId: support.id, primaryGroup: true },
      { id: secondary.id, queueId: queue.id, groupId: overflow.id, primaryGroup: false },
    ]);
    expect(
      await h.client.queueGroupRoutings.findByNaturalKey({ queueId: queue.id, groupId: overflow.id }),
    ).toMatchObject({ id: secondary.id });

    await h.client.queueGroupRoutings.update(secondary.id, { primaryGroup: true });
    expect(await h.client.queueGroupRoutings.findById(queue.id, secondary.id)).toMatchObject({
      primaryGroup: true,
    });
    await h.clearRequests();
    await h.client.queueGroupRoutings.update(secondary.id, {});
    expect((await h.requests()).requests).toEqual([]);

    await expect(
      h.client.queueGroupRoutings.create({ queueId: queue.id, groupId: support.id, primaryGroup: false }),
    ).rejects.toMatchObject({ r: 2 });

    // The routed group and the queue cannot go while routed.
    await expect(h.client.groups.delete(support.id)).rejects.toMatchObject({ r: 3 });
    await expect(h.client.queues.delete(queue.id)).rejects.toMatchObject({ r: 3 });

    await expect(h.client.queueGroupRoutings.delete(primary.id)).resolves.toEqual({ deleted: true });
    await expect(h.client.queueGroupRoutings.delete(primary.id)).resolves.toEqual({ deleted: false });
    await expect(h.client.queueGroupRoutings.findById(queue.id, primary.id)).resolves.toBeUndefined();
    await expect(h.client.groups.delete(support.id)).resolves.toEqual({ deleted: true });
  });

  it("a dropped create is recovered by queue and group and sent once", async () => {
    const queue = await h.client.queues.create({ name: "Hotline" });
    const group = await h.client.groups.create({ name: "Support" });
    await h.clearRequests();
    await h.fault({ method: "POST", path: "^/v1/routing-call-to-groups$", kind: "drop-response", count: 1 });
    const created = await h.client.queueGroupRoutings.create({
      queueId: queue.id,
      groupId: group.id,
      primaryGroup: true,
    });
    expect(created).toEqual({ id: expect.stringMatching(/^GR_RO_/), recovered: true });
    expect(await h.objects("grouprouting")).toEqual([
      expect.objectContaining({ id: created.id, primary_group: 1 }),
    ]);
    expect((await counts())["POST /v1/routing-call-to-groups"]).toBe(1);
  });
});
