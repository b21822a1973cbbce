// The consistency self-check, on an account built without HTTP: a healthy account passes, and each
// kind of corruption a forced out-of-band write (or an emulator bug) can cause is named.
import { checkConsistency, CONSISTENCY_PAGE_SIZE } from "../../../provider/emulator/consistency";
import { EmulatorState } from "../../../provider/emulator/emulator";

function state(requestLogCapacity?: number): EmulatorState {
  return new EmulatorState({
    apiKeySid: "SK",
    apiKeySecret: "secret",
    projectId: 246,
    accountId: 408,
    log: () => undefined,
    requestLogCapacity,
  });
}

function must<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** One object of every collection, linked as a contact center links them. */
function contactCenter(s: EmulatorState): Record<string, string> {
  const store = s.store;
  const queue = must(store.create("queue", { name: "Sales" })).id;
  const group = must(store.create("group", { name: "Team" })).id;
  const agent = must(store.create("agent", { name: "A", stringee_user_id: "a_1" })).id;
  must(store.create("groupagent", { agent_id: agent, group_id: group }));
  const routing = must(
    store.create("grouprouting", { queue_id: queue, group_id: group, primary_group: true }),
  ).id;
  const tree = must(store.create("ivrtree", { tree_name: "Main" })).id;
  const node = must(
    store.create("ivrnode", { tree, node_name: "Menu", node_play_mode: "talk", node_play_content: "Hi" }),
  ).id;
  const key = must(store.create("ivrkeypress", { node, node_key: "1", action: 2, queue_id: queue })).id;
  must(
    store.create("number", {
      number: "84986225112",
      allow_outbound_calls: true,
      enable_ivr: true,
      ivr_menu: tree,
    }),
  );
  must(store.create("sipphone", { username: "100", password: "secret-1" }));
  must(store.create("blacklistnumber", { number: "84379361752", ivr_blocked: true, queue_blocked: true }));
  // As an upload stores it (the emulator's own fields are out of band).
  must(store.create("greetingfile", { desc1: "Hold", filename: "ABCDEFGHIJ-1.mp3" }, { outOfBand: true }));
  return { queue, group, agent, routing, tree, node, key };
}

describe("checkConsistency", () => {
  it("passes on an empty account and on a linked contact center, reading every list", () => {
    const s = state();
    expect(checkConsistency(s)).toMatchObject({ ok: true, problems: [] });
    contactCenter(s);
    const report = checkConsistency(s);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(Object.values(report.objects).every((n) => n === 1)).toBe(true);
    // 8 unfiltered lists + keypresses of 1 node, nodes of 1 tree, members of 1 group, routings of 1 queue.
    expect(report.listPagesRead).toBe(12);
    expect(report.requestLog).toEqual({ size: 0, capacity: 10_000, dropped: 0 });
    expect(report.memory.heapUsed).toBeGreaterThan(0);
  });

  it("walks lists longer than one page and finds the totals right", () => {
    const s = state();
    for (let i = 0; i < CONSISTENCY_PAGE_SIZE * 2 + 3; i++) must(s.store.create("queue", { name: `Q${i}` }));
    const report = checkConsistency(s);
    expect(report.problems).toEqual([]);
    // 43 queues on 3 pages, one empty page for each other unfiltered list, and each queue's routings.
    expect(report.listPagesRead).toBe(3 + 7 + 43);
  });

  it("names a dangling reference and the object no list shows any more", () => {
    const s = state();
    const ids = contactCenter(s);
    must(s.store.remove("ivrnode", ids.node!, { outOfBand: true, force: true }));
    const report = checkConsistency(s);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        `IVR node key ${ids.key}: node references IVR node ${ids.node}, which does not exist`,
        `IVR node key ${ids.key} appears in no list`,
      ]),
    );
  });

  it("names routings and memberships left behind by a forced delete of their queue", () => {
    const s = state();
    const ids = contactCenter(s);
    must(s.store.remove("ivrkeypress", ids.key!));
    must(s.store.remove("queue", ids.queue!, { outOfBand: true, force: true }));
    expect(checkConsistency(s).problems).toContain(
      `Group routing ${ids.routing}: queue_id references ${"Queue"} ${ids.queue}, which does not exist`,
    );
  });

  it("names two objects that share a unique key", () => {
    const s = state();
    const first = must(s.store.create("agent", { name: "A", stringee_user_id: "dup" })).id;
    const second = must(
      s.store.create("agent", { name: "B", stringee_user_id: "dup" }, { outOfBand: true, force: true }),
    ).id;
    expect(checkConsistency(s).problems).toEqual([
      `Agent ${second} and ${first} share stringee_user_id ["dup"]`,
    ]);
  });

  it("names a tree whose root node is not one of its nodes", () => {
    const s = state();
    const ids = contactCenter(s);
    const other = must(s.store.create("ivrtree", { tree_name: "Other" })).id;
    s.store.setInternal("ivrtree", other, { root_node: ids.node! });
    expect(checkConsistency(s).problems).toEqual([
      `IVR tree ${other} has no node but its root node is ${ids.node}`,
      `IVR tree ${other}: root node ${ids.node} is not one of its nodes`,
    ]);
  });

  it("reports the request log's size against its capacity, which it never exceeds", () => {
    const s = state(3);
    for (let i = 0; i < 5; i++) {
      const seq = s.requests.nextSequence();
      s.requests.add(
        { seq, method: "GET", path: "/v1/queue", query: {}, status: 200, r: 0 },
        "GET /v1/queue",
      );
    }
    const report = checkConsistency(s);
    expect(report.ok).toBe(true);
    expect(report.requestLog).toEqual({ size: 3, capacity: 3, dropped: 2 });
  });
});
