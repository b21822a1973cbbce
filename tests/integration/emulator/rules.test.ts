// Account rules over HTTP: validation, uniqueness, references, refused deletes, unknown ids,
// malformed bodies, unknown routes, paging, and the IVR tree/node/keypress relationships.
import { useHarness } from "./harness";

describe("account rules over HTTP", () => {
  // The account rules do not depend on the reading; the lenient one answers create ids in their listed form,
  // which these tests then use in paths (readings.test.ts covers the strict answers).
  const h = useHarness({ reading: "lenient" });

  async function tree(name = "Main menu"): Promise<string> {
    return (await h.api("POST", "/v1/ivrtree", { tree_name: name })).body.ivrTreeID;
  }
  async function node(treeId: string, name = "n"): Promise<{ id: string; root: number }> {
    const res = await h.api("POST", "/v1/ivrnode", {
      tree: treeId,
      node_name: name,
      node_play_mode: "talk",
      node_play_content: "Hi",
    });
    expect(res.body.r).toBe(0);
    return { id: res.body.ivrNodeID, root: res.body.is_root_node };
  }
  async function queue(name = "Support"): Promise<string> {
    return (await h.api("POST", "/v1/queue", { name })).body.queueID;
  }

  it("errors come back as HTTP 200 with a non-zero r and a message naming the field", async () => {
    const res = await h.api("POST", "/v1/number", { number: "84900000001", allow_outbound_calls: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ r: 1, project: 246, message: "enable_ivr is required" });
    expect((await h.api("POST", "/v1/agent", { name: "A" })).body.message).toBe(
      "stringee_user_id is required",
    );
    expect(
      (await h.api("POST", "/v1/queue", { name: "Q", wait_agent_answer_timeout: 2 })).body.message,
    ).toMatch(/wait_agent_answer_timeout must be >= 3/);
    expect(
      (await h.api("POST", "/v1/agent", { name: "A", stringee_user_id: "a", routing_type: 2 })).body.message,
    ).toBe("phone_number is required when routing_type is 2");
  });

  it("a number with enable_ivr true needs ivr_menu, on create and on a partial update", async () => {
    const noMenu = await h.api("POST", "/v1/number", {
      number: "84900000001",
      allow_outbound_calls: true,
      enable_ivr: true,
    });
    expect(noMenu.body).toMatchObject({ r: 1, message: "ivr_menu is required when enable_ivr is true" });
    const created = await h.api("POST", "/v1/number", {
      number: "84900000001",
      allow_outbound_calls: true,
      enable_ivr: false,
    });
    const update = await h.api("PUT", `/v1/number/${created.body.numberID}`, { enable_ivr: true });
    expect(update.body.r).toBe(1);
  });

  it("refuses duplicates with r = 2: phone number, stringee_user_id, tree_name, sip username, node+node_key", async () => {
    const number = { number: "84900000001", allow_outbound_calls: true, enable_ivr: false };
    expect((await h.api("POST", "/v1/number", number)).body.r).toBe(0);
    expect((await h.api("POST", "/v1/number", number)).body).toMatchObject({
      r: 2,
      message: expect.stringContaining("84900000001"),
    });
    await h.api("POST", "/v1/agent", { name: "A", stringee_user_id: "u1" });
    expect((await h.api("POST", "/v1/agent", { name: "B", stringee_user_id: "u1" })).body.r).toBe(2);
    const treeId = await tree("Menu");
    expect((await h.api("POST", "/v1/ivrtree", { tree_name: "Menu" })).body.r).toBe(2);
    await h.api("POST", "/v1/sipphone", { username: "100", password: "p" });
    expect((await h.api("POST", "/v1/sipphone", { username: "100", password: "q" })).body).toMatchObject({
      r: 2,
    });
    const n = await node(treeId);
    await h.api("POST", "/v1/ivrkeypress", { node: n.id, node_key: "1", action: 6 });
    expect((await h.api("POST", "/v1/ivrkeypress", { node: n.id, node_key: "1", action: 6 })).body.r).toBe(2);
  });

  it("refuses an update that would create a duplicate", async () => {
    await h.api("POST", "/v1/agent", { name: "A", stringee_user_id: "u1" });
    const b = await h.api("POST", "/v1/agent", { name: "B", stringee_user_id: "u2" });
    expect((await h.api("PUT", `/v1/agent/${b.body.agentID}`, { stringee_user_id: "u1" })).body.r).toBe(2);
  });

  it("refuses references to objects that do not exist with r = 4", async () => {
    const res = await h.api("POST", "/v1/number", {
      number: "8490",
      allow_outbound_calls: true,
      enable_ivr: true,
      ivr_menu: "TR_NOPE",
    });
    expect(res.body).toMatchObject({ r: 4, message: expect.stringContaining("ivr_menu") });
    expect(
      (
        await h.api("POST", "/v1/ivrnode", {
          tree: "TR_NOPE",
          node_name: "n",
          node_play_mode: "talk",
          node_play_content: "x",
        })
      ).body.r,
    ).toBe(4);
    const treeId = await tree();
    const n = await node(treeId);
    expect(
      (await h.api("POST", "/v1/ivrkeypress", { node: n.id, node_key: "2", action: 2, queue_id: "QU_NOPE" }))
        .body.r,
    ).toBe(4);
    expect(
      (await h.api("POST", "/v1/ivrkeypress", { node: n.id, node_key: "2", action: 4, next_node: "NO_NOPE" }))
        .body.r,
    ).toBe(4);
    expect(
      (await h.api("POST", "/v1/ivrkeypress", { node: "NO_NOPE", node_key: "2", action: 6 })).body.r,
    ).toBe(4);
  });

  it("refuses deleting objects that are still referenced with r = 3", async () => {
    const treeId = await tree();
    const n1 = await node(treeId, "root");
    const n2 = await node(treeId, "second");
    const q = await queue();
    const number = await h.api("POST", "/v1/number", {
      number: "8491",
      allow_outbound_calls: true,
      enable_ivr: false,
      queue_id: q,
    });
    const key = await h.api("POST", "/v1/ivrkeypress", {
      node: n1.id,
      node_key: "1",
      action: 4,
      next_node: n2.id,
    });
    expect((await h.api("DELETE", `/v1/ivrtree/${treeId}`)).body).toMatchObject({
      r: 3,
      message: expect.stringContaining("IVR node"),
    });
    expect((await h.api("DELETE", `/v1/queue/${q}`)).body.r).toBe(3);
    expect((await h.api("DELETE", `/v1/ivrnode/${n2.id}`)).body.r).toBe(3);
    expect((await h.api("DELETE", `/v1/ivrnode/${n1.id}`)).body.r).toBe(3);
    // Removing the referrers first makes the deletes go through.
    expect((await h.api("DELETE", `/v1/ivrkeypress/${key.body.ivrNodeKeyID}`)).body.r).toBe(0);
    expect((await h.api("DELETE", `/v1/number/${number.body.numberID}`)).body.r).toBe(0);
    expect((await h.api("DELETE", `/v1/queue/${q}`)).body.r).toBe(0);
    expect((await h.api("DELETE", `/v1/ivrnode/${n2.id}`)).body.r).toBe(0);
    expect((await h.api("DELETE", `/v1/ivrnode/${n1.id}`)).body.r).toBe(0);
    expect((await h.api("DELETE", `/v1/ivrtree/${treeId}`)).body.r).toBe(0);
  });

  it("refuses a keypress queue still used by a keypress", async () => {
    const treeId = await tree();
    const n = await node(treeId);
    const q = await queue();
    await h.api("POST", "/v1/ivrkeypress", { node: n.id, node_key: "0", action: 2, queue_id: q });
    expect((await h.api("DELETE", `/v1/queue/${q}`)).body).toMatchObject({
      r: 3,
      message: expect.stringContaining("queue_id"),
    });
  });

  it("answers r = -1 '... not found' for unknown ids on every collection", async () => {
    const cases: [string, string][] = [
      ["/v1/number/NU_NOPE", "Number not found"],
      ["/v1/agent/AG_NOPE", "Agent not found"],
      ["/v1/ivrkeypress/NO_KE_NOPE", "IVR node key not found"],
      ["/v1/queue/QU_NOPE", "Queue not found"],
      ["/v1/ivrtree/TR_NOPE", "IVR tree not found"],
      ["/v1/ivrnode/NO_NOPE", "IVR node not found"],
    ];
    for (const [path, message] of cases) {
      expect((await h.api("DELETE", path)).body).toEqual({ r: -1, project: 246, message });
      expect((await h.api("PUT", path, { name: "x" })).body).toEqual({ r: -1, project: 246, message });
    }
    expect((await h.api("DELETE", "/v1/sipphone/nobody")).body).toEqual({
      r: -1,
      message: "Sip phone not found",
    });
  });

  it("answers malformed JSON with HTTP 200 and r = 5", async () => {
    const res = await h.api("POST", "/v1/number", undefined, { raw: '{"number": ' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ r: 5, project: 246, message: expect.stringMatching(/malformed json/i) });
    expect((await h.api("PUT", "/v1/agent/AG_X", undefined, { raw: "[1,2]" })).body.r).toBe(5);
  });

  it("answers unknown routes with HTTP 404 JSON and wrong methods with 405", async () => {
    const unknown = await h.api("GET", "/v1/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ r: 7, message: "Unknown route: GET /v1/nothing-here" });
    const wrong = await h.api("PATCH", "/v1/number/NU_X");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("PUT, DELETE");
  });

  it("pages lists with page and limit, totals as strings", async () => {
    for (let i = 0; i < 5; i++) await queue(`q${i}`);
    const res = await h.api("GET", "/v1/queue?page=2&limit=2");
    expect(res.body.data).toMatchObject({ totalCount: "5", totalPages: 3, currentPage: 2, limit: 2 });
    expect(res.body.data.queues.map((q: { name: string }) => q.name)).toEqual(["q2", "q3"]);
    expect((await h.api("GET", "/v1/queue?page=0")).body).toMatchObject({
      r: 1,
      message: "page must be a positive integer",
    });
  });

  it("the first node of a tree becomes its root; the tree lists it as root_node", async () => {
    const treeId = await tree();
    expect((await h.api("GET", "/v1/ivrtree")).body.data.ivrTrees[0].root_node).toBeNull();
    const first = await node(treeId, "first");
    const second = await node(treeId, "second");
    expect([first.root, second.root]).toEqual([1, 0]);
    expect((await h.api("GET", "/v1/ivrtree")).body.data.ivrTrees[0]).toEqual({
      id: treeId,
      account: 408,
      project: 246,
      tree_name: "Main menu",
      root_node: first.id,
    });
    const nodes = (await h.api("GET", `/v1/ivrnode?tree=${treeId}`)).body.data.ivrNodes;
    expect(nodes[0]).toEqual({
      id: first.id,
      account: 408,
      project: 246,
      tree: treeId,
      node_name: "first",
      node_play_mode: "talk",
      node_play_content: "Hi",
      bargeIn: 1,
      loop_count: 1,
      sched: 0,
      voice: "hn_female_thutrang_phrase_48k-hsmm",
      speed: 0,
      keypress_timeout: 5,
      is_root_node: 1,
    });
  });

  it("keypress lists need an existing node; keypress node cannot be changed", async () => {
    expect((await h.api("GET", "/v1/ivrkeypress")).body).toMatchObject({ r: 1, message: "node is required" });
    expect((await h.api("GET", "/v1/ivrkeypress?node=NO_NOPE")).body).toMatchObject({
      r: -1,
      message: "IVR node not found",
    });
    const treeId = await tree();
    const n1 = await node(treeId);
    const n2 = await node(treeId);
    const key = await h.api("POST", "/v1/ivrkeypress", {
      node: n1.id,
      node_key: "*",
      action: 3,
      to_phone_number: "84901",
    });
    const moved = await h.api("PUT", `/v1/ivrkeypress/${key.body.ivrNodeKeyID}`, { node: n2.id });
    expect(moved.body).toMatchObject({ r: 1, message: "node cannot be changed" });
    expect(
      (await h.api("POST", "/v1/ivrkeypress", { node: n1.id, node_key: "10", action: 6 })).body.message,
    ).toMatch(/^node_key must be one of/);
    expect(
      (await h.api("POST", "/v1/ivrkeypress", { node: n1.id, node_key: "2", action: 4 })).body.message,
    ).toBe("next_node is required when action is 4");
  });

  it("sipphone PUT and DELETE accept both the short and the prefixed username; PUT needs password", async () => {
    await h.api("POST", "/v1/sipphone", { username: "200", password: "p1" });
    expect((await h.api("PUT", "/v1/sipphone/200", { extension: 5 })).body).toEqual({
      r: 1,
      message: "password is required",
    });
    expect((await h.api("PUT", "/v1/sipphone/246_200", { password: "p2", extension: 5 })).body).toEqual({
      r: 0,
      message: "Success",
    });
    expect((await h.api("GET", "/v1/sipphone")).body.data.sipphones[0]).toEqual({
      username: "246_200",
      extension: 5,
      email_address: null,
    });
    expect((await h.api("DELETE", "/v1/sipphone/246_200")).body).toEqual({ r: 0, message: "Success" });
  });
});
