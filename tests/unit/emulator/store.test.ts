// The account's rules without HTTP: uniqueness, references, refused deletes, IVR roots,
// keypress actions, write-only passwords, forced out-of-band writes, snapshots.
import { Store } from "../../../provider/emulator/store";

function account(): Store {
  return new Store(246, 408);
}

function must<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function ivr(store: Store): { tree: string; root: string; other: string } {
  const tree = must(store.create("ivrtree", { tree_name: "Menu" })).id;
  const node = { tree, node_play_mode: "talk", node_play_content: "Hi" };
  const root = must(store.create("ivrnode", { ...node, node_name: "root" })).id;
  const other = must(store.create("ivrnode", { ...node, node_name: "other" })).id;
  return { tree, root, other };
}

describe("Store uniqueness", () => {
  it("allows one number per phone number, on create and on update", () => {
    const store = account();
    const base = { allow_outbound_calls: true, enable_ivr: false };
    must(store.create("number", { ...base, number: "8490" }));
    const second = must(store.create("number", { ...base, number: "8491" }));
    expect(store.create("number", { ...base, number: "8490" })).toMatchObject({ ok: false, r: 2 });
    expect(store.update("number", second.id, { number: "8490" })).toMatchObject({ ok: false, r: 2 });
    expect(store.update("number", second.id, { number: "8491", nickname: "same number is fine" }).ok).toBe(
      true,
    );
  });

  it("allows one agent per stringee_user_id and one tree per tree_name", () => {
    const store = account();
    must(store.create("agent", { name: "A", stringee_user_id: "u" }));
    expect(store.create("agent", { name: "B", stringee_user_id: "u" })).toMatchObject({
      ok: false,
      r: 2,
      message: expect.stringContaining("stringee_user_id=u"),
    });
    must(store.create("ivrtree", { tree_name: "T" }));
    expect(store.create("ivrtree", { tree_name: "T" })).toMatchObject({ ok: false, r: 2 });
  });

  it("allows one keypress per node and key, but the same key on another node", () => {
    const store = account();
    const { root, other } = ivr(store);
    must(store.create("ivrkeypress", { node: root, node_key: "1", action: 6 }));
    expect(store.create("ivrkeypress", { node: root, node_key: "1", action: 6 })).toMatchObject({
      ok: false,
      r: 2,
    });
    expect(store.create("ivrkeypress", { node: other, node_key: "1", action: 6 }).ok).toBe(true);
  });

  it("allows one sipphone per username and finds it by short or prefixed name", () => {
    const store = account();
    must(store.create("sipphone", { username: "100", password: "p" }));
    expect(store.create("sipphone", { username: "100", password: "q" })).toMatchObject({ ok: false, r: 2 });
    expect(store.resolveId("sipphone", "100")).toBe("100");
    expect(store.resolveId("sipphone", "246_100")).toBe("100");
    expect(store.resolveId("sipphone", "247_100")).toBeUndefined();
    expect(store.resolveId("number", "246_100")).toBeUndefined();
  });
});

describe("Store references", () => {
  it("refuses references to missing objects with r = 4 naming the field", () => {
    const store = account();
    expect(
      store.create("number", { number: "8490", allow_outbound_calls: 1, enable_ivr: 1, ivr_menu: "TR_X" }),
    ).toMatchObject({
      ok: false,
      r: 4,
      message: expect.stringMatching(/^ivr_menu references/),
    });
    expect(
      store.create("number", { number: "8490", allow_outbound_calls: 1, enable_ivr: 0, queue_id: "QU_X" }),
    ).toMatchObject({ r: 4 });
    expect(
      store.create("ivrnode", {
        tree: "TR_X",
        node_name: "n",
        node_play_mode: "play",
        node_play_content: "a.mp3",
      }),
    ).toMatchObject({
      r: 4,
    });
  });

  it("refuses deleting a tree with nodes, a node used by a keypress, a queue used by a number or keypress", () => {
    const store = account();
    const { tree, root, other } = ivr(store);
    const queue = must(store.create("queue", { name: "Q" })).id;
    must(store.create("ivrkeypress", { node: root, node_key: "1", action: 4, next_node: other }));
    must(store.create("ivrkeypress", { node: root, node_key: "2", action: 2, queue_id: queue }));
    must(store.create("number", { number: "8490", allow_outbound_calls: 1, enable_ivr: 1, ivr_menu: tree }));
    expect(store.remove("ivrtree", tree)).toMatchObject({ ok: false, r: 3 });
    expect(store.remove("ivrnode", other)).toMatchObject({
      ok: false,
      r: 3,
      message: expect.stringContaining("next_node"),
    });
    expect(store.remove("ivrnode", root)).toMatchObject({ ok: false, r: 3 });
    expect(store.remove("queue", queue)).toMatchObject({
      ok: false,
      r: 3,
      message: expect.stringContaining("queue_id"),
    });
  });

  it("answers r = -1 with the collection's not-found message for unknown ids", () => {
    const store = account();
    expect(store.remove("agent", "AG_X")).toEqual({ ok: false, r: -1, message: "Agent not found" });
    expect(store.update("ivrkeypress", "NO_KE_X", {})).toEqual({
      ok: false,
      r: -1,
      message: "IVR node key not found",
    });
  });

  it("forced deletes leave dangling references that later edits tolerate", () => {
    const store = account();
    const queue = must(store.create("queue", { name: "Q" })).id;
    const number = must(
      store.create("number", { number: "8490", allow_outbound_calls: 1, enable_ivr: 0, queue_id: queue }),
    ).id;
    expect(store.remove("queue", queue, { force: true }).ok).toBe(true);
    expect(store.get("number", number)?.queue_id).toBe(queue);
    expect(store.update("number", number, { nickname: "still editable" }).ok).toBe(true);
  });
});

describe("Store IVR roots", () => {
  it("makes the first node of a tree its root, and hands the root to the oldest remaining node", () => {
    const store = account();
    const { tree, root, other } = ivr(store);
    expect(store.get("ivrtree", tree)?.root_node).toBe(root);
    expect(
      store.toWire(
        "ivrnode",
        must(
          store.create("ivrnode", { tree, node_name: "x", node_play_mode: "talk", node_play_content: "c" }),
        ),
      ),
    ).toMatchObject({
      is_root_node: 0,
    });
    must(store.remove("ivrnode", root));
    expect(store.get("ivrtree", tree)?.root_node).toBe(other);
    for (const node of store.list("ivrnode")) must(store.remove("ivrnode", node.id));
    expect(store.get("ivrtree", tree)?.root_node).toBeNull();
  });

  it("refuses moving a node to another tree through the API", () => {
    const store = account();
    const { root } = ivr(store);
    const tree2 = must(store.create("ivrtree", { tree_name: "Other" })).id;
    expect(store.update("ivrnode", root, { tree: tree2 })).toMatchObject({
      ok: false,
      message: "tree cannot be changed",
    });
  });
});

describe("Store keypress actions", () => {
  it("requires the target of each action and clears the targets of other actions", () => {
    const store = account();
    const { root, other } = ivr(store);
    const queue = must(store.create("queue", { name: "Q" })).id;
    expect(store.create("ivrkeypress", { node: root, node_key: "1", action: 2 })).toMatchObject({
      message: "queue_id is required when action is 2",
    });
    expect(store.create("ivrkeypress", { node: root, node_key: "1", action: 3 })).toMatchObject({
      message: "to_phone_number is required when action is 3",
    });
    expect(store.create("ivrkeypress", { node: root, node_key: "1", action: 5 })).toMatchObject({
      message: "sms is required when action is 5",
    });
    const key = must(
      store.create("ivrkeypress", {
        node: root,
        node_key: "1",
        action: 4,
        next_node: other,
        queue_id: queue,
      }),
    );
    expect(key.queue_id).toBeNull();
    const changed = must(store.update("ivrkeypress", key.id, { action: 2, queue_id: queue }));
    expect([changed.next_node, changed.queue_id]).toEqual([null, queue]);
  });

  it("refuses a next_node in another tree", () => {
    const store = account();
    const { root } = ivr(store);
    const tree2 = must(store.create("ivrtree", { tree_name: "Other" })).id;
    const foreign = must(
      store.create("ivrnode", {
        tree: tree2,
        node_name: "f",
        node_play_mode: "talk",
        node_play_content: "c",
      }),
    ).id;
    expect(
      store.create("ivrkeypress", { node: root, node_key: "1", action: 4, next_node: foreign }),
    ).toMatchObject({
      message: "next_node must belong to the same IVR tree as node",
    });
  });

  it("accepts the documented keys only", () => {
    const store = account();
    const { root } = ivr(store);
    for (const key of ["0", "9", "*", "#", "EMPTY_KEY", "INVALID_KEY"]) {
      expect(store.create("ivrkeypress", { node: root, node_key: key, action: 6 }).ok).toBe(true);
    }
    expect(store.create("ivrkeypress", { node: root, node_key: "DTMF_KEY", action: 6 })).toMatchObject({
      r: 1,
    });
  });
});

describe("Store passwords and snapshots", () => {
  it("keeps only a hash of SIP passwords, never the password itself", () => {
    const store = account();
    const phone = must(store.create("sipphone", { username: "100", password: "secret" }));
    expect(phone).not.toHaveProperty("password");
    expect(phone.password_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(store.snapshot())).not.toContain("secret");
    const before = phone.password_sha256;
    expect(
      must(store.update("sipphone", "246_100", { password: "other", extension: 7 })).password_sha256,
    ).not.toBe(before);
    expect(store.toWire("sipphone", must(store.update("sipphone", "100", { password: "x" })))).toEqual({
      username: "246_100",
      extension: 7,
      email_address: null,
    });
  });

  it("restores exactly what it snapshotted", () => {
    const store = account();
    const { tree } = ivr(store);
    must(store.create("agent", { name: "A", stringee_user_id: "u" }));
    const copy = new Store(246, 408);
    copy.restore(JSON.parse(JSON.stringify(store.snapshot())));
    expect(copy.snapshot()).toEqual(store.snapshot());
    expect(copy.get("ivrtree", tree)?.root_node).toBe(store.get("ivrtree", tree)?.root_node);
  });

  it("out-of-band creates may pick the id but not reuse one", () => {
    const store = account();
    expect(must(store.create("queue", { name: "Q" }, { outOfBand: true, id: "QU_SAMPLE" })).id).toBe(
      "QU_SAMPLE",
    );
    expect(store.create("queue", { name: "Q2" }, { outOfBand: true, id: "QU_SAMPLE" })).toMatchObject({
      ok: false,
      r: 2,
    });
  });
});
