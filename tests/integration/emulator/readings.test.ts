// The two readings of the documents side by side: what the strict default leaves out or answers
// differently, and what the lenient reading adds. doc-samples.test.ts replays the samples themselves.
import type { Reading } from "../../../provider/emulator/collections";
import { startHarness, type Harness } from "./harness";

const both: Reading[] = ["strict", "lenient"];

describe.each(both)("list items and create answers (%s reading)", (reading) => {
  let h: Harness;
  const strict = reading === "strict";
  beforeAll(async () => {
    h = await startHarness({ reading });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.control("POST", "/reset");
  });

  const itemOf = async (path: string, key: string) => (await h.api("GET", path)).body.data[key][0];

  it("create answers the id without its prefix (strict) or as listed (lenient); paths take the listed form", async () => {
    const created = await h.api("POST", "/v1/queue", { name: "Sales" });
    const listed = (await itemOf("/v1/queue", "queues")).id as string;
    expect(listed).toMatch(/^QU_[A-Z0-9]{16}$/);
    expect(created.body.queueID).toBe(strict ? listed.slice(3) : listed);
    expect((await h.api("PUT", `/v1/queue/${listed}`, { name: "Sales EU" })).body.r).toBe(0);
    // Only the listed form is a path the samples show: an unprefixed id is not found.
    expect((await h.api("PUT", `/v1/queue/${listed.slice(3)}`, { name: "x" })).body.r).toBe(-1);
  });

  it("a body may name an object by its unprefixed id; the list shows the prefixed one", async () => {
    const tree = (await h.api("POST", "/v1/ivrtree", { tree_name: "Main" })).body.ivrTreeID as string;
    const bare = tree.replace(/^TR_/, "");
    const node = await h.api("POST", "/v1/ivrnode", {
      tree: bare,
      node_name: "Menu",
      node_play_mode: "talk",
      node_play_content: "Hi",
    });
    expect(node.body.r).toBe(0);
    const listed = await itemOf(`/v1/ivrnode?tree=TR_${bare}`, "ivrNodes");
    expect(listed.tree).toBe(`TR_${bare}`);
  });

  it("the group routing create answers its prefixed id in both readings, as its sample does", async () => {
    const queue = (await h.api("POST", "/v1/queue", { name: "Q" })).body.queueID;
    const group = (await h.api("POST", "/v1/group", { name: "G" })).body.groupID;
    const routing = await h.api("POST", "/v1/routing-call-to-groups", {
      queue_id: queue,
      group_id: group,
      primary_group: 1,
    });
    expect(routing.body.groupRoutingID).toMatch(/^GR_RO_[A-Z0-9]{16}$/);
  });

  it.each([
    [
      "/v1/agent",
      "agents",
      { name: "A", stringee_user_id: "a", routing_type: 2, phone_number: "84900000001" },
      ["routing_type", "phone_number"],
    ],
    [
      "/v1/number",
      "numbers",
      { number: "84900000002", allow_outbound_calls: true, enable_ivr: false, record_outbound_calls: true },
      ["record_outbound_calls"],
    ],
    [
      "/v1/queue",
      "queues",
      { name: "Q", cond_routing: 2, maximum_queue_size: 9 },
      [
        "maximum_queue_size",
        "maximum_queue_wait_time",
        "from_number_callout_to_agent",
        "get_list_agents_url",
        "cond_routing",
      ],
    ],
  ])("%s: the strict list leaves out what the sample does not show", async (path, key, body, strictOmits) => {
    expect((await h.api("POST", path, body)).body.r).toBe(0);
    const item = await itemOf(path, key);
    for (const field of strictOmits) expect(field in item).toBe(!strict);
  });

  it("the membership list is { account, project, agent_id, group_id } (strict) or adds the agent's name and user id", async () => {
    const agent = (await h.api("POST", "/v1/agent", { name: "Alice", stringee_user_id: "alice" })).body
      .agentID;
    const group = (await h.api("POST", "/v1/group", { name: "Team" })).body.groupID;
    expect(
      (await h.api("POST", "/v1/manage-agents-in-group", { agent_id: agent, group_id: group })).body.r,
    ).toBe(0);
    const groupId = strict ? `GR_${group}` : group;
    const item = await itemOf(`/v1/manage-agents-in-group?group=${groupId}`, "groupAgents");
    expect(Object.keys(item).sort()).toEqual(
      strict
        ? ["account", "agent_id", "group_id", "project"]
        : ["account", "agent_id", "agent_name", "group_id", "project", "stringee_user_id"],
    );
  });

  it("a membership answer echoes the ids as sent, and a DELETE body may name them unprefixed too", async () => {
    const agent = (await h.api("POST", "/v1/agent", { name: "Bob", stringee_user_id: "bob" })).body.agentID;
    const group = (await h.api("POST", "/v1/group", { name: "Team B" })).body.groupID;
    const bare = { agent_id: agent.replace(/^AG_/, ""), group_id: group.replace(/^GR_/, "") };
    const added = await h.api("POST", "/v1/manage-agents-in-group", bare);
    expect([added.body.agentID, added.body.groupID]).toEqual([bare.agent_id, bare.group_id]);
    expect((await h.api("DELETE", "/v1/manage-agents-in-group", bare)).body.r).toBe(0);
    expect((await h.control("GET", "/objects/groupagent")).body.groupagent).toEqual([]);
  });

  it('a tree without nodes lists root_node as "" (strict, the page\'s sample) or null; nodes list no root flag (strict)', async () => {
    const tree = (await h.api("POST", "/v1/ivrtree", { tree_name: "Main" })).body.ivrTreeID;
    const treeId = strict ? `TR_${tree}` : tree;
    expect((await itemOf("/v1/ivrtree", "ivrTrees")).root_node).toBe(strict ? "" : null);
    const node = await h.api("POST", "/v1/ivrnode", {
      tree,
      node_name: "Menu",
      node_play_mode: "talk",
      node_play_content: "Hi",
    });
    expect(node.body.isRootNode).toBe(strict ? true : 1);
    expect("is_root_node" in node.body).toBe(!strict);
    const listed = await itemOf(`/v1/ivrnode?tree=${treeId}`, "ivrNodes");
    expect("is_root_node" in listed).toBe(!strict);
    expect((await itemOf("/v1/ivrtree", "ivrTrees")).root_node).toBe(listed.id);
  });

  it('SIP phones list as the doc\'s Sample response (strict: no extension, email "") or its Response block', async () => {
    await h.api("POST", "/v1/sipphone", { username: "100", password: "pw-123456" });
    const item = await itemOf("/v1/sipphone", "sipphones");
    expect(item).toEqual(
      strict
        ? { username: "246_100", email_address: "" }
        : { username: "246_100", extension: null, email_address: null },
    );
  });

  it("a page is never larger than 100 in the strict reading, whatever limit asks", async () => {
    for (let i = 0; i < 120; i++)
      await h.control("POST", "/objects/agent", { name: `A${i}`, stringee_user_id: `a${i}` });
    const page = (await h.api("GET", "/v1/agent?page=1&limit=500")).body.data;
    expect([page.agents.length, page.limit, page.totalPages]).toEqual(strict ? [100, 100, 2] : [120, 500, 1]);
  });
});

describe("numeric ids (the keypress doc's second list sample)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ numericIds: true });
  });
  afterAll(async () => {
    await h.close();
  });

  it("IVR trees, nodes and keypresses get numbers; unset references list as 0; paths take the number", async () => {
    const queue = (await h.api("POST", "/v1/queue", { name: "Q" })).body.queueID;
    const tree = (await h.api("POST", "/v1/ivrtree", { tree_name: "Main" })).body.ivrTreeID;
    expect(typeof tree).toBe("number");
    const node = (
      await h.api("POST", "/v1/ivrnode", {
        tree: String(tree),
        node_name: "Menu",
        node_play_mode: "talk",
        node_play_content: "Hi",
      })
    ).body.ivrNodeID;
    const key = await h.api("POST", "/v1/ivrkeypress", {
      node: String(node),
      node_key: "1",
      action: 2,
      queue_id: queue,
    });
    expect(typeof key.body.ivrNodeKeyID).toBe("number");
    const listed = (await h.api("GET", `/v1/ivrkeypress?node=${node}`)).body.data.ivrNodeKeys[0];
    expect(listed).toMatchObject({
      id: key.body.ivrNodeKeyID,
      tree,
      node,
      next_node: 0,
      queue_id: `QU_${queue}`,
    });
    expect((await h.api("PUT", `/v1/ivrkeypress/${listed.id}`, { action: 6 })).body.r).toBe(0);
    expect((await h.api("GET", `/v1/ivrkeypress?node=${node}`)).body.data.ivrNodeKeys[0]).toMatchObject({
      queue_id: 0,
    });
    expect((await h.api("DELETE", `/v1/ivrkeypress/${listed.id}`)).body.r).toBe(0);
  });
});
