// Every sample request of the four Stringee documents (shared/stringee-api), replayed through the
// client against the emulator: the client must send the documented method and path and read the
// documented answers (prefixed or numeric ids, 0/1 booleans, string totals, r = -1 on delete).
import { startClientHarness, type ClientHarness } from "./harness";

let h: ClientHarness;

beforeAll(async () => {
  h = await startClientHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(async () => {
  await h.reset();
});

async function sent(): Promise<string[]> {
  return (await h.requests()).requests.map((r) => `${r.method} ${r.path}`);
}

describe("number.txt", () => {
  beforeEach(async () => {
    await h.seed("ivrtree", { id: "TR_5DFM9ZXZNBM5EQG9", tree_name: "Sample tree" });
    await h.seed("queue", { id: "QU_H7CFNKKKUGYG5N2R", name: "Sample queue" });
    await h.clearRequests();
  });

  it("POST /v1/number: creates the sample number and returns its listed id", async () => {
    const created = await h.client.numbers.create({
      number: "84986225112",
      nickname: "Number 112",
      allowOutboundCalls: true,
      enableIvr: true,
      ivrMenu: "TR_5DFM9ZXZNBM5EQG9",
      queueId: "QU_H7CFNKKKUGYG5N2R",
    });
    expect(created.recovered).toBe(false);
    expect(created.id).toMatch(/^NU_/);
    expect((await sent())[0]).toBe("POST /v1/number");
    const listed = await h.objects<{ id: string; number: string }>("number");
    expect(listed).toEqual([expect.objectContaining({ id: created.id, number: "84986225112" })]);
  });

  it("GET /v1/number: reads the sample list into domain types", async () => {
    await h.seed("number", {
      id: "NU_S53F60KUWL19L663",
      number: "84986225112",
      nickname: "Number 112",
      allow_outbound_calls: 1,
      enable_ivr: 0,
      ivr_menu: "TR_5DFM9ZXZNBM5EQG9",
      queue_id: "QU_H7CFNKKKUGYG5N2R",
    });
    await h.clearRequests();
    expect(await h.client.numbers.list()).toEqual([
      {
        id: "NU_S53F60KUWL19L663",
        number: "84986225112",
        nickname: "Number 112",
        allowOutboundCalls: true,
        enableIvr: false,
        ivrMenu: "TR_5DFM9ZXZNBM5EQG9",
        queueId: "QU_H7CFNKKKUGYG5N2R",
        // The number list sample has no record_outbound_calls: absent, not false.
        unseen: ["recordOutboundCalls"],
      },
    ]);
    const [request] = (await h.requests()).requests;
    expect(request).toMatchObject({ method: "GET", path: "/v1/number", query: { page: "1", limit: "100" } });
  });

  it("PUT /v1/number/NU_S53F60KUWL19L663: sends only the sample's fields", async () => {
    await h.seed("number", {
      id: "NU_S53F60KUWL19L663",
      number: "84986225112",
      nickname: "Number 112",
      allow_outbound_calls: false,
      enable_ivr: false,
      queue_id: "QU_H7CFNKKKUGYG5N2R",
    });
    await h.clearRequests();
    await h.client.numbers.update("NU_S53F60KUWL19L663", {
      number: "333333",
      nickname: "new nick name",
      allowOutboundCalls: true,
    });
    expect(await sent()).toEqual(["PUT /v1/number/NU_S53F60KUWL19L663"]);
    expect(await h.client.numbers.findById("NU_S53F60KUWL19L663")).toMatchObject({
      number: "333333",
      nickname: "new nick name",
      allowOutboundCalls: true,
      queueId: "QU_H7CFNKKKUGYG5N2R",
    });
  });

  it("DELETE /v1/number/NU_S53F60KUWL19L663: deletes the sample number", async () => {
    await h.seed("number", {
      id: "NU_S53F60KUWL19L663",
      number: "84986225112",
      allow_outbound_calls: true,
      enable_ivr: false,
    });
    await h.clearRequests();
    await expect(h.client.numbers.delete("NU_S53F60KUWL19L663")).resolves.toEqual({ deleted: true });
    expect(await sent()).toEqual(["DELETE /v1/number/NU_S53F60KUWL19L663"]);
    expect(await h.objects("number")).toEqual([]);
  });
});

describe("agent.txt", () => {
  it("POST /v1/agent: creates the sample agent", async () => {
    const created = await h.client.agents.create({
      name: "Agent 1",
      stringeeUserId: "agent_1",
      manualStatus: "NOT AVAILABLE",
    });
    expect(created.id).toMatch(/^AG_/);
    // The answer's id has no prefix (as in the sample): one listing finds the listed form.
    expect(await sent()).toEqual(["POST /v1/agent", "GET /v1/agent"]);
    expect(await h.client.agents.findByStringeeUserId("agent_1")).toMatchObject({
      id: created.id,
      name: "Agent 1",
      manualStatus: "NOT AVAILABLE",
    });
  });

  it("GET /v1/agent: reads the sample list (manual_status null, string totalAgents)", async () => {
    await h.seed("agent", { id: "AG_XPHOV0V7X71EFH98", name: "Agent 2", stringee_user_id: "agent_2" });
    await h.clearRequests();
    expect(await h.client.agents.list()).toEqual([
      {
        id: "AG_XPHOV0V7X71EFH98",
        name: "Agent 2",
        stringeeUserId: "agent_2",
        unseen: ["routingType", "phoneNumber"],
        systemStatus: 0,
        deviceStatus: 0,
      },
    ]);
    expect(await sent()).toEqual(["GET /v1/agent"]);
  });

  it("DELETE /v1/agent/AG_XPHOV0V7X71EFH98: the sample's r = -1 'Agent not found' resolves as deleted: false", async () => {
    await expect(h.client.agents.delete("AG_XPHOV0V7X71EFH98")).resolves.toEqual({ deleted: false });
    const { requests } = await h.requests();
    expect(requests).toEqual([
      expect.objectContaining({ method: "DELETE", path: "/v1/agent/AG_XPHOV0V7X71EFH98", r: -1 }),
    ]);
  });

  it("PUT /v1/agent/AG_7JWOEAV2Q1LTRIF9: renames the agent and sets its manual status", async () => {
    await h.seed("agent", { id: "AG_7JWOEAV2Q1LTRIF9", name: "Agent 7", stringee_user_id: "agent_7" });
    await h.clearRequests();
    await h.client.agents.update("AG_7JWOEAV2Q1LTRIF9", {
      name: "Agent new name1",
      manualStatus: "AVAILABLE",
    });
    expect(await sent()).toEqual(["PUT /v1/agent/AG_7JWOEAV2Q1LTRIF9"]);
    expect(await h.client.agents.findById("AG_7JWOEAV2Q1LTRIF9")).toMatchObject({
      name: "Agent new name1",
      manualStatus: "AVAILABLE",
      stringeeUserId: "agent_7",
    });
  });
});

describe("ivrkeypress.txt", () => {
  beforeEach(async () => {
    await h.seed("ivrtree", { id: "TR_3L00Y4W0COG0S3NW", tree_name: "Sample tree" });
    const node = { tree: "TR_3L00Y4W0COG0S3NW", node_play_mode: "talk", node_play_content: "Hello" };
    await h.seed("ivrnode", { ...node, id: "99OL694QXB2PJJLW", node_name: "Sample node" });
    await h.seed("ivrnode", { ...node, id: "G4Z7KTUI3L8MFXA6", node_name: "Next node" });
    await h.seed("ivrnode", { ...node, id: "NO_294UFJIAVSI91WID", node_name: "Listed node" });
    await h.seed("queue", { id: "QU_JFYXLG3RXZBFCTZY", name: "Sample queue" });
    await h.clearRequests();
  });

  it("POST /v1/ivrkeypress: creates the sample keypress (unprefixed node ids as in the sample)", async () => {
    const created = await h.client.ivrKeypresses.create({
      node: "99OL694QXB2PJJLW",
      nodeKey: "1",
      action: 4,
      nextNode: "G4Z7KTUI3L8MFXA6",
    });
    expect(created).toEqual({ id: expect.stringMatching(/^NO_KE_/), recovered: false });
    // The answer's id has no prefix (as in the sample): one listing finds the listed form.
    expect(await sent()).toEqual(["POST /v1/ivrkeypress", "GET /v1/ivrkeypress"]);
    expect(
      await h.client.ivrKeypresses.findByNaturalKey({ node: "99OL694QXB2PJJLW", nodeKey: "1" }),
    ).toMatchObject({
      id: created.id,
      action: 4,
      nextNode: "G4Z7KTUI3L8MFXA6",
    });
  });

  it("GET /v1/ivrkeypress?node=NO_294UFJIAVSI91WID: lists the node's keys", async () => {
    await h.seed("ivrkeypress", {
      id: "NO_KE_F0BSI4Q82DDWS9RM",
      node: "NO_294UFJIAVSI91WID",
      node_key: "1",
      action: 4,
      next_node: "NO_294UFJIAVSI91WID",
    });
    await h.clearRequests();
    expect(await h.client.ivrKeypresses.list("NO_294UFJIAVSI91WID")).toEqual([
      {
        id: "NO_KE_F0BSI4Q82DDWS9RM",
        tree: "TR_3L00Y4W0COG0S3NW",
        node: "NO_294UFJIAVSI91WID",
        nodeKey: "1",
        action: 4,
        nextNode: "NO_294UFJIAVSI91WID",
        unseen: ["fromNumberCalloutToAgent"],
      },
    ]);
    const [request] = (await h.requests()).requests;
    expect(request).toMatchObject({
      method: "GET",
      path: "/v1/ivrkeypress",
      query: { node: "NO_294UFJIAVSI91WID" },
    });
  });

  it("DELETE /v1/ivrkeypress/NO_294UFJIAVSI91WID: deletes by the id in the URL", async () => {
    // The sample deletes an id shaped like a node id; give a keypress that id so the sample succeeds.
    await h.seed("ivrkeypress", {
      id: "NO_294UFJIAVSI91WID",
      node: "G4Z7KTUI3L8MFXA6",
      node_key: "#",
      action: 6,
    });
    await h.clearRequests();
    await expect(h.client.ivrKeypresses.delete("NO_294UFJIAVSI91WID")).resolves.toEqual({ deleted: true });
    expect(await sent()).toEqual(["DELETE /v1/ivrkeypress/NO_294UFJIAVSI91WID"]);
    expect(await h.objects("ivrkeypress")).toEqual([]);
  });

  it("PUT /v1/ivrkeypress/NO_KE_5I4IWGSO7L5CXGR5: switches the key to route to a queue", async () => {
    await h.seed("ivrkeypress", {
      id: "NO_KE_5I4IWGSO7L5CXGR5",
      node: "99OL694QXB2PJJLW",
      node_key: "3",
      action: 4,
      next_node: "G4Z7KTUI3L8MFXA6",
    });
    await h.clearRequests();
    await h.client.ivrKeypresses.update("NO_KE_5I4IWGSO7L5CXGR5", {
      nodeKey: "5",
      action: 2,
      queueId: "QU_JFYXLG3RXZBFCTZY",
    });
    expect(await sent()).toEqual(["PUT /v1/ivrkeypress/NO_KE_5I4IWGSO7L5CXGR5"]);
    const updated = await h.client.ivrKeypresses.findById("99OL694QXB2PJJLW", "NO_KE_5I4IWGSO7L5CXGR5");
    expect(updated).toMatchObject({ nodeKey: "5", action: 2, queueId: "QU_JFYXLG3RXZBFCTZY" });
    expect(updated?.nextNode).toBeUndefined();
  });
});

describe("sipphone.txt", () => {
  it("POST /v1/sipphone: creates '100' and returns the prefixed sipusername", async () => {
    const created = await h.client.sipPhones.create({ username: "100", password: "password123456" });
    expect(created).toEqual({ id: "246_100", shortUsername: "100", recovered: false });
    expect(await sent()).toEqual(["POST /v1/sipphone"]);
  });

  it("GET /v1/sipphone: lists prefixed usernames (not paged)", async () => {
    await h.seed("sipphone", { username: "test", password: "x-password" });
    await h.clearRequests();
    expect(await h.client.sipPhones.list()).toEqual([
      { username: "246_test", shortUsername: "test", unseen: ["extension"] },
    ]);
    const [request] = (await h.requests()).requests;
    expect(request).toMatchObject({ method: "GET", path: "/v1/sipphone", query: {} });
  });

  it("PUT /v1/sipphone/test: changes the password by short username", async () => {
    await h.seed("sipphone", { username: "test", password: "old-password" });
    await h.clearRequests();
    await h.client.sipPhones.update("test", { password: "testpasswd122" });
    expect(await sent()).toEqual(["PUT /v1/sipphone/test"]);
  });

  it("DELETE /v1/sipphone/test: deletes by short username", async () => {
    await h.seed("sipphone", { username: "test", password: "old-password" });
    await h.clearRequests();
    await expect(h.client.sipPhones.delete("test")).resolves.toEqual({ deleted: true });
    expect(await sent()).toEqual(["DELETE /v1/sipphone/test"]);
    expect(await h.objects("sipphone")).toEqual([]);
  });
});
