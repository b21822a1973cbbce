// Group, membership and group-routing rules of the account, without HTTP: references, uniqueness,
// cascading memberships, refused deletes while routed, immutable fields, wire shapes.
import { Store } from "../../../provider/emulator/store";

function account(): Store {
  return new Store(246, 408);
}

function must<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function setup(store: Store): { agent: string; group: string; queue: string } {
  const agent = must(store.create("agent", { name: "Alice", stringee_user_id: "alice" })).id;
  const group = must(store.create("group", { name: "Support" })).id;
  const queue = must(store.create("queue", { name: "Hotline" })).id;
  return { agent, group, queue };
}

describe("groups", () => {
  it("need a name, get GR_ ids, and may share names", () => {
    const store = account();
    expect(store.create("group", {})).toMatchObject({ ok: false, r: 1, message: "name is required" });
    const a = must(store.create("group", { name: "Sales" }));
    const b = must(store.create("group", { name: "Sales" }));
    expect(a.id).toMatch(/^GR_[A-Z0-9]{16}$/);
    expect(b.id).not.toBe(a.id);
    expect(store.update("group", a.id, { name: "Sales EU" }).ok).toBe(true);
    expect(store.update("group", a.id, { name: "" })).toMatchObject({ ok: false, r: 1 });
  });

  it("show their member count on the wire", () => {
    const store = account();
    const { agent, group } = setup(store);
    const other = must(store.create("agent", { name: "Bob", stringee_user_id: "bob" })).id;
    must(store.create("groupagent", { agent_id: agent, group_id: group }));
    must(store.create("groupagent", { agent_id: other, group_id: group }));
    const record = store.get("group", group);
    if (!record) throw new Error("group missing");
    expect(store.toWire("group", record)).toEqual({
      id: group,
      account: 408,
      project: 246,
      name: "Support",
      number_of_agent: 2,
    });
  });
});

describe("group memberships", () => {
  it("are keyed <group_id>:<agent_id>, unique per pair, and show the agent's name and user id", () => {
    const store = account();
    const { agent, group } = setup(store);
    const member = must(store.create("groupagent", { agent_id: agent, group_id: group }));
    expect(member.id).toBe(`${group}:${agent}`);
    expect(store.create("groupagent", { agent_id: agent, group_id: group })).toMatchObject({
      ok: false,
      r: 2,
    });
    expect(store.toWire("groupagent", member)).toEqual({
      account: 408,
      project: 246,
      agent_id: agent,
      group_id: group,
      agent_name: "Alice",
      stringee_user_id: "alice",
    });
  });

  it("refuse unknown agents and groups with r = 4 and missing fields with r = 1", () => {
    const store = account();
    const { agent, group } = setup(store);
    expect(store.create("groupagent", { agent_id: "AG_NOPE", group_id: group })).toMatchObject({
      ok: false,
      r: 4,
      message: expect.stringContaining("agent_id"),
    });
    expect(store.create("groupagent", { agent_id: agent, group_id: "GR_NOPE" })).toMatchObject({
      ok: false,
      r: 4,
    });
    expect(store.create("groupagent", { agent_id: agent })).toMatchObject({
      ok: false,
      r: 1,
      message: "group_id is required",
    });
  });

  it("go away with their agent or their group (cascade), leaving other memberships alone", () => {
    const store = account();
    const { agent, group } = setup(store);
    const bob = must(store.create("agent", { name: "Bob", stringee_user_id: "bob" })).id;
    const sales = must(store.create("group", { name: "Sales" })).id;
    must(store.create("groupagent", { agent_id: agent, group_id: group }));
    must(store.create("groupagent", { agent_id: agent, group_id: sales }));
    must(store.create("groupagent", { agent_id: bob, group_id: group }));

    expect(store.remove("agent", agent).ok).toBe(true);
    expect(store.list("groupagent").map((m) => m.id)).toEqual([`${group}:${bob}`]);
    expect(store.remove("group", group).ok).toBe(true);
    expect(store.list("groupagent")).toEqual([]);
    expect(store.get("agent", bob)).toBeDefined();
  });

  it("keep agent and group fixed through the API, but not out of band", () => {
    const store = account();
    const { agent, group } = setup(store);
    const bob = must(store.create("agent", { name: "Bob", stringee_user_id: "bob" })).id;
    const member = must(store.create("groupagent", { agent_id: agent, group_id: group }));
    expect(store.update("groupagent", member.id, { agent_id: bob })).toMatchObject({ ok: false, r: 1 });
    expect(store.update("groupagent", member.id, { agent_id: bob }, { outOfBand: true }).ok).toBe(true);
  });
});

describe("group routings", () => {
  it("need queue, group and primary_group; get GR_RO_ ids; one per queue and group", () => {
    const store = account();
    const { group, queue } = setup(store);
    expect(store.create("grouprouting", { queue_id: queue, group_id: group })).toMatchObject({
      ok: false,
      r: 1,
      message: "primary_group is required",
    });
    const routing = must(
      store.create("grouprouting", { queue_id: queue, group_id: group, primary_group: 1 }),
    );
    expect(routing.id).toMatch(/^GR_RO_[A-Z0-9]{16}$/);
    expect(routing.primary_group).toBe(true);
    expect(
      store.create("grouprouting", { queue_id: queue, group_id: group, primary_group: false }),
    ).toMatchObject({ ok: false, r: 2 });
    const other = must(store.create("group", { name: "Overflow" })).id;
    expect(store.create("grouprouting", { queue_id: queue, group_id: other, primary_group: false }).ok).toBe(
      true,
    );
    expect(store.toWire("grouprouting", routing)).toEqual({
      id: routing.id,
      account: 408,
      project: 246,
      queue_id: queue,
      group_id: group,
      primary_group: 1,
    });
  });

  it("refuse unknown queues and groups with r = 4", () => {
    const store = account();
    const { group, queue } = setup(store);
    expect(
      store.create("grouprouting", { queue_id: "QU_NOPE", group_id: group, primary_group: 1 }),
    ).toMatchObject({ ok: false, r: 4 });
    expect(
      store.create("grouprouting", { queue_id: queue, group_id: "GR_NOPE", primary_group: 1 }),
    ).toMatchObject({ ok: false, r: 4 });
  });

  it("change primary_group only; queue and group are fixed (resending the same value is fine)", () => {
    const store = account();
    const { group, queue } = setup(store);
    const routing = must(
      store.create("grouprouting", { queue_id: queue, group_id: group, primary_group: true }),
    );
    expect(must(store.update("grouprouting", routing.id, { primary_group: 0 })).primary_group).toBe(false);
    const other = must(store.create("queue", { name: "Other" })).id;
    expect(store.update("grouprouting", routing.id, { queue_id: other })).toMatchObject({
      ok: false,
      r: 1,
      message: "queue_id cannot be changed",
    });
    expect(store.update("grouprouting", routing.id, { queue_id: queue, group_id: group }).ok).toBe(true);
  });

  it("block deleting the routed group and the routing queue (r = 3) until removed", () => {
    const store = account();
    const { agent, group, queue } = setup(store);
    must(store.create("groupagent", { agent_id: agent, group_id: group }));
    const routing = must(
      store.create("grouprouting", { queue_id: queue, group_id: group, primary_group: 1 }),
    );
    expect(store.remove("group", group)).toMatchObject({
      ok: false,
      r: 3,
      message: expect.stringContaining(routing.id),
    });
    // A refused delete cascades nothing.
    expect(store.list("groupagent")).toHaveLength(1);
    expect(store.remove("queue", queue)).toMatchObject({ ok: false, r: 3 });
    expect(store.remove("grouprouting", routing.id).ok).toBe(true);
    expect(store.remove("group", group).ok).toBe(true);
    expect(store.list("groupagent")).toEqual([]);
    expect(store.remove("queue", queue).ok).toBe(true);
  });

  it("a forced delete of a routed group leaves the routing dangling but still cascades memberships", () => {
    const store = account();
    const { agent, group, queue } = setup(store);
    must(store.create("groupagent", { agent_id: agent, group_id: group }));
    const routing = must(
      store.create("grouprouting", { queue_id: queue, group_id: group, primary_group: 1 }),
    );
    expect(store.remove("group", group, { outOfBand: true, force: true }).ok).toBe(true);
    expect(store.list("groupagent")).toEqual([]);
    expect(store.get("grouprouting", routing.id)).toBeDefined();
    // The dangling routing stays editable: only changed references are checked.
    expect(store.update("grouprouting", routing.id, { primary_group: false }).ok).toBe(true);
  });

  it("survive a snapshot and restore", () => {
    const store = account();
    const { agent, group, queue } = setup(store);
    must(store.create("groupagent", { agent_id: agent, group_id: group }));
    must(store.create("grouprouting", { queue_id: queue, group_id: group, primary_group: 1 }));
    const copy = account();
    copy.restore(JSON.parse(JSON.stringify(store.snapshot())));
    expect(copy.list("groupagent")).toEqual(store.list("groupagent"));
    expect(copy.list("grouprouting")).toEqual(store.list("grouprouting"));
  });
});
