// Collection behaviour without sockets: wire mapping per collection, duplicate-safe create and
// not-found-tolerant delete, over the in-memory transport.
import { StringeeClient } from "../../../provider/client";
import { createWithRecovery, deleteTolerant } from "../../../provider/client/recovery";
import { StringeeApiError } from "../../../provider/client/errors";
import { agentFromWire, agentToWire } from "../../../provider/client/agents";
import { ivrKeypressFromWire, ivrKeypressToWire } from "../../../provider/client/ivrKeypresses";
import { ivrNodeFromWire, ivrNodeToWire } from "../../../provider/client/ivrNodes";
import { ivrTreeFromWire } from "../../../provider/client/ivrTrees";
import { numberFromWire, numberToWire } from "../../../provider/client/numbers";
import { queueFromWire, queueToWire } from "../../../provider/client/queues";
import { sipPhoneFromWire } from "../../../provider/client/sipPhones";
import { fakeTransport, type FakeHandler } from "./fakeTransport";

const unknown = () =>
  new StringeeApiError({ method: "POST", path: "/v1/x", networkCode: "ECONNRESET", outcome: "unknown" });

describe("wire mapping", () => {
  it("maps the number list sample (booleans as 0/1), marks record_outbound_calls unseen, sends JSON booleans", () => {
    expect(
      numberFromWire({
        id: "NU_S53F60KUWL19L663",
        account: 408,
        project: 246,
        number: "84986225112",
        nickname: "Number 112",
        allow_outbound_calls: 1,
        enable_ivr: 0,
        ivr_menu: "TR_5DFM9ZXZNBM5EQG9",
        queue_id: "QU_H7CFNKKKUGYG5N2R",
      }),
    ).toEqual({
      id: "NU_S53F60KUWL19L663",
      number: "84986225112",
      nickname: "Number 112",
      allowOutboundCalls: true,
      enableIvr: false,
      ivrMenu: "TR_5DFM9ZXZNBM5EQG9",
      queueId: "QU_H7CFNKKKUGYG5N2R",
      // The sample has no record_outbound_calls: absent, not false.
      unseen: ["recordOutboundCalls"],
    });
    expect(numberToWire({ number: "333333", nickname: "new nick name", allowOutboundCalls: true })).toEqual({
      number: "333333",
      nickname: "new nick name",
      allow_outbound_calls: true,
    });
    expect(numberToWire({ queueId: null })).toEqual({ queue_id: null });
  });

  it("maps the agent list sample (manual_status null is unset; system status read-only)", () => {
    expect(
      agentFromWire({
        id: "AG_XPHOV0V7X71EFH98",
        name: "Agent 2",
        stringee_user_id: "agent_2",
        manual_status: null,
        system_status: 0,
        device_status: 0,
      }),
    ).toEqual({
      id: "AG_XPHOV0V7X71EFH98",
      name: "Agent 2",
      stringeeUserId: "agent_2",
      systemStatus: 0,
      deviceStatus: 0,
      // The sample lists neither routing_type nor phone_number; manual_status null is carried (unset).
      unseen: ["routingType", "phoneNumber"],
    });
    expect(agentToWire({ name: "Agent new name1", manualStatus: "AVAILABLE" })).toEqual({
      name: "Agent new name1",
      manual_status: "AVAILABLE",
    });
  });

  it("maps the keypress sample whose ids are numbers and whose queue_id 0 means unset", () => {
    expect(
      ivrKeypressFromWire({
        id: 17,
        account: 408,
        project: 246,
        tree: 7,
        node: 10,
        node_key: "1",
        action: 4,
        next_node: 10,
        queue_id: 0,
        to_phone_number: null,
        sms: null,
      }),
    ).toEqual({
      id: "17",
      tree: "7",
      node: "10",
      nodeKey: "1",
      action: 4,
      nextNode: "10",
      unseen: ["fromNumberCalloutToAgent"],
    });
    expect(
      ivrKeypressToWire({ node: "99OL694QXB2PJJLW", nodeKey: "1", action: 4, nextNode: "G4Z7KTUI3L8MFXA6" }),
    ).toEqual({ node: "99OL694QXB2PJJLW", node_key: "1", action: 4, next_node: "G4Z7KTUI3L8MFXA6" });
  });

  it("maps SIP phones, keeping the prefixed username canonical", () => {
    expect(sipPhoneFromWire({ username: "1_test", email_address: "" })).toEqual({
      username: "1_test",
      shortUsername: "test",
      unseen: ["extension"],
    });
    expect(sipPhoneFromWire({ username: "246_100", extension: 100, email_address: null }, "246")).toEqual({
      username: "246_100",
      shortUsername: "100",
      extension: 100,
    });
  });

  it("maps queues, IVR trees and IVR nodes", () => {
    expect(
      queueFromWire({ id: "QU_1", name: "Sales", record_calls: 1, cond_routing: 2, schedule: 1 }),
    ).toEqual({
      id: "QU_1",
      name: "Sales",
      recordCalls: true,
      condRouting: 2,
      schedule: 1,
      unseen: [
        "agentWrapUpAfterCalls",
        "wrapUpTimeLimit",
        "waitAgentAnswerTimeout",
        "waitGreeting",
        "holdGreeting",
        "maximumQueueSize",
        "maximumQueueWaitTime",
        "fromNumberCalloutToAgent",
        "getListAgentsUrl",
      ],
    });
    // An older boolean form is not guessed at.
    expect(queueFromWire({ id: "QU_1", name: "Sales", cond_routing: 0 })?.condRouting).toBeUndefined();
    expect(queueToWire({ name: "Sales", recordCalls: false, waitGreeting: null })).toEqual({
      name: "Sales",
      record_calls: false,
      wait_greeting: null,
    });
    expect(ivrTreeFromWire({ id: "TR_1", tree_name: "Main", root_node: null })).toEqual({
      id: "TR_1",
      treeName: "Main",
    });
    expect(
      ivrNodeFromWire({
        id: "NO_1",
        tree: "TR_1",
        node_name: "Welcome",
        node_play_mode: "talk",
        bargeIn: 1,
        is_root_node: 1,
      }),
    ).toMatchObject({
      id: "NO_1",
      tree: "TR_1",
      nodeName: "Welcome",
      nodePlayMode: "talk",
      bargeIn: true,
      isRootNode: true,
    });
    expect(
      ivrNodeToWire({
        tree: "TR_1",
        nodeName: "W",
        nodePlayMode: "play",
        nodePlayContent: "u",
        bargeIn: false,
      }),
    ).toEqual({
      tree: "TR_1",
      node_name: "W",
      node_play_mode: "play",
      node_play_content: "u",
      bargeIn: false,
    });
  });

  it("skips list items without an id", () => {
    expect(numberFromWire({ number: "1" })).toBeUndefined();
    expect(agentFromWire({ id: 0, stringee_user_id: "a" })).toBeUndefined();
  });
});

describe("createWithRecovery", () => {
  it("returns the answer's prefixed id without a lookup", async () => {
    const findExisting = jest.fn();
    const result = await createWithRecovery({
      send: async () => ({ r: 0, numberID: "NU_ABC" }),
      idFromAnswer: (a) => String(a["numberID"]),
      findExisting,
    });
    expect(result).toEqual({ id: "NU_ABC", recovered: false });
    expect(findExisting).not.toHaveBeenCalled();
  });

  it("resolves an unprefixed answer id to the listed form", async () => {
    const result = await createWithRecovery({
      send: async () => ({ r: 0, numberID: "Z1SQMO3W5UIHUGHC" }),
      idFromAnswer: (a) => String(a["numberID"]),
      findExisting: async () => undefined,
      listedId: async (raw) => ["NU_OTHER", "NU_Z1SQMO3W5UIHUGHC"].find((id) => id.endsWith(raw)),
    });
    expect(result).toEqual({ id: "NU_Z1SQMO3W5UIHUGHC", recovered: false });
  });

  it("falls back to the natural key when the unprefixed id is not listed", async () => {
    const result = await createWithRecovery({
      send: async () => ({ r: 0, numberID: "Z1SQMO3W5UIHUGHC" }),
      idFromAnswer: (a) => String(a["numberID"]),
      findExisting: async () => "NU_S53F60KUWL19L663",
      listedId: async (raw) => ["NU_S53F60KUWL19L663"].find((id) => id.endsWith(raw)),
    });
    expect(result.id).toBe("NU_S53F60KUWL19L663");
  });

  it("after an unknown outcome, returns the object found by natural key without re-sending", async () => {
    const send = jest.fn().mockRejectedValueOnce(unknown());
    const result = await createWithRecovery({
      send,
      idFromAnswer: () => undefined,
      findExisting: async () => "AG_FOUND",
    });
    expect(result).toEqual({ id: "AG_FOUND", recovered: true });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("after an unknown outcome with nothing found, re-sends the POST", async () => {
    const send = jest
      .fn()
      .mockRejectedValueOnce(unknown())
      .mockResolvedValueOnce({ r: 0, agentID: "AG_NEW" });
    const result = await createWithRecovery({
      send,
      idFromAnswer: (a) => a["agentID"] as string,
      findExisting: async () => undefined,
    });
    expect(result).toEqual({ id: "AG_NEW", recovered: false });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it("re-sends a bounded number of times, then throws the ambiguous error", async () => {
    const send = jest.fn().mockRejectedValue(unknown());
    await expect(
      createWithRecovery({
        send,
        idFromAnswer: () => undefined,
        findExisting: async () => undefined,
        maxResends: 2,
      }),
    ).rejects.toMatchObject({ outcome: "unknown" });
    expect(send).toHaveBeenCalledTimes(3);
  });

  it("does not look up or re-send after a definitive failure", async () => {
    const findExisting = jest.fn();
    const send = jest
      .fn()
      .mockRejectedValue(
        new StringeeApiError({ method: "POST", path: "/v1/agent", r: 2, outcome: "failed" }),
      );
    await expect(
      createWithRecovery({ send, idFromAnswer: () => undefined, findExisting }),
    ).rejects.toMatchObject({
      r: 2,
    });
    expect(findExisting).not.toHaveBeenCalled();
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("keeps the ambiguous error when the lookup itself fails", async () => {
    const original = unknown();
    await expect(
      createWithRecovery({
        send: async () => Promise.reject(original),
        idFromAnswer: () => undefined,
        findExisting: async () => Promise.reject(new Error("lookup down")),
      }),
    ).rejects.toBe(original);
  });
});

describe("deleteTolerant", () => {
  it("reports deleted: true on success and deleted: false on not-found", async () => {
    await expect(deleteTolerant(async () => ({ r: 0 }))).resolves.toEqual({ deleted: true });
    const notFound = new StringeeApiError({
      method: "DELETE",
      path: "/v1/agent/AG_X",
      r: -1,
      outcome: "failed",
    });
    await expect(deleteTolerant(async () => Promise.reject(notFound))).resolves.toEqual({ deleted: false });
  });

  it("rethrows other failures", async () => {
    const referenced = new StringeeApiError({
      method: "DELETE",
      path: "/v1/queue/QU_1",
      r: 3,
      outcome: "failed",
    });
    await expect(deleteTolerant(async () => Promise.reject(referenced))).rejects.toBe(referenced);
  });
});

describe("collections over the in-memory transport", () => {
  function clientWith(handler: FakeHandler) {
    const fake = fakeTransport(handler);
    const client = new StringeeClient({
      apiKeySid: "SK",
      apiKeySecret: "secret",
      request: fake.request,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    return { client, seen: fake.seen };
  }

  it("a number create whose answer is lost finds the number instead of creating it twice", async () => {
    const { client, seen } = clientWith((req) =>
      req.method === "POST"
        ? { kind: "reset-after-send" }
        : { body: { r: 0, data: { totalPages: 1, numbers: [{ id: "NU_1", number: "84901" }] } } },
    );
    await expect(
      client.numbers.create({ number: "84901", allowOutboundCalls: true, enableIvr: false }),
    ).resolves.toEqual({ id: "NU_1", recovered: true });
    expect(seen.map((r) => r.method)).toEqual(["POST", "GET"]);
  });

  it("update sends only the given fields with PUT, and nothing for an empty patch", async () => {
    const { client, seen } = clientWith(() => ({ body: { r: 0 } }));
    await client.agents.update("AG_7JWOEAV2Q1LTRIF9", { name: "Agent new name1", manualStatus: "AVAILABLE" });
    await client.agents.update("AG_7JWOEAV2Q1LTRIF9", {});
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "PUT", path: "/v1/agent/AG_7JWOEAV2Q1LTRIF9" });
    expect(seen[0]?.json).toEqual({ name: "Agent new name1", manual_status: "AVAILABLE" });
  });

  it("SIP phones are addressed by the short username even when given the prefixed one", async () => {
    const { client, seen } = clientWith((req) =>
      req.method === "GET"
        ? { body: { r: 0, data: { sipphones: [{ username: "246_100" }], total: "1" } } }
        : { body: { r: 0, message: "Success" } },
    );
    await client.sipPhones.delete("246_100");
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/sipphone", "DELETE /v1/sipphone/100"]);
  });

  // A tree list with T1, node lists of one node per tree, and no-content POST/PUT answers.
  const treesAndNodes: FakeHandler = (req) => {
    if (req.method === "POST") return { body: { r: 0, ivrTreeID: "T2" } };
    if (req.method !== "GET") return { body: { r: 0 } };
    if (req.path === "/v1/ivrtree") {
      const ivrTrees = [
        { id: "TR_T1", tree_name: "Main" },
        { id: "TR_T2", tree_name: "New" },
      ];
      return { body: { r: 0, data: { totalCount: "2", totalPages: 1, ivrTrees } } };
    }
    const tree = req.query.get("tree");
    const ivrNodes = [{ id: `NO_${tree}`, tree, node_name: "Menu" }];
    return { body: { r: 0, data: { totalCount: "1", totalPages: 1, ivrNodes } } };
  };
  const settle = () => new Promise((r) => setTimeout(r, 20));

  it("reading a parent it has not written lists the parent's children in the background, once", async () => {
    const { client, seen } = clientWith(treesAndNodes);
    await client.ivrTrees.findById("TR_T1");
    await settle();
    expect(seen.map((r) => `${r.path}?${r.query.get("tree") ?? ""}`)).toEqual([
      "/v1/ivrtree?",
      "/v1/ivrnode?TR_T1",
    ]);
    // The read of the child that follows uses that listing.
    await expect(client.ivrNodes.findById("TR_T1", "NO_TR_T1")).resolves.toMatchObject({ nodeName: "Menu" });
    expect(seen).toHaveLength(2);
  });

  it("the read-back of a parent it has just created or updated lists no children", async () => {
    const { client, seen } = clientWith(treesAndNodes);
    const { id } = await client.ivrTrees.create({ treeName: "New" });
    await client.ivrTrees.findById(id);
    await client.ivrTrees.update("TR_T1", { treeName: "Renamed" });
    await client.ivrTrees.findById("TR_T1");
    await settle();
    expect(seen.filter((r) => r.path === "/v1/ivrnode")).toEqual([]);
  });

  it("asks for as many pages as the previous walk of the same listing found, at once", async () => {
    const agents = Array.from({ length: 5 }, (_, i) => ({ id: `AG_${i}`, stringee_user_id: `u${i}` }));
    let waiting = 0;
    let most = 0;
    const fake = fakeTransport((req) => {
      const page = Number(req.query.get("page"));
      waiting++;
      most = Math.max(most, waiting);
      queueMicrotask(() => waiting--);
      const items = agents.slice((page - 1) * 2, page * 2);
      return { body: { r: 0, data: { totalAgents: "5", agents: items } } };
    });
    const client = new StringeeClient({
      apiKeySid: "SK",
      apiKeySecret: "secret",
      request: fake.request,
      pageSize: 2,
      listingTtlMs: 0,
    });
    expect(await client.agents.list()).toHaveLength(5);
    most = 0;
    expect(await client.agents.list()).toHaveLength(5);
    expect(fake.seen.map((r) => r.query.get("page"))).toEqual(["1", "2", "3", "1", "2", "3"]);
    // The second walk asked for its three pages before any was answered.
    expect(most).toBe(3);
  });

  // An agent list the API pages by 2 and appends to; creates answer the id without its prefix.
  function pagedAgents(count: number) {
    const agents = Array.from({ length: count }, (_, i) => ({
      id: `AG_${i}`,
      stringee_user_id: `u${i}`,
      name: "A",
    }));
    const fake = fakeTransport((req) => {
      if (req.method === "POST") {
        const n = agents.length;
        agents.push({ id: `AG_${n}`, stringee_user_id: `u${n}`, name: "A" });
        return { body: { r: 0, agentID: String(n) } };
      }
      if (req.method === "PUT") return { body: { r: 0 } };
      const page = Number(req.query.get("page"));
      const items = agents.slice((page - 1) * 2, page * 2);
      return { body: { r: 0, data: { totalAgents: String(agents.length), agents: items } } };
    });
    const client = new StringeeClient({
      apiKeySid: "SK",
      apiKeySecret: "secret",
      request: fake.request,
      pageSize: 2,
    });
    const pages = () => fake.seen.filter((r) => r.method === "GET").map((r) => r.query.get("page"));
    return { client, seen: fake.seen, pages };
  }

  it("reads a new object back from the last page once a read-back has shown that new objects go there", async () => {
    const { client, pages } = pagedAgents(5);
    // Two creates walk the whole list: the second shows where the API puts new objects.
    await expect(client.agents.create({ name: "A", stringeeUserId: "u5" })).resolves.toEqual({
      id: "AG_5",
      recovered: false,
    });
    await client.agents.create({ name: "A", stringeeUserId: "u6" });
    const walked = pages().length;
    // The third create and the read-back after it read the last page only, once.
    await expect(client.agents.create({ name: "A", stringeeUserId: "u7" })).resolves.toMatchObject({
      id: "AG_7",
    });
    await expect(client.agents.findById("AG_7")).resolves.toMatchObject({ stringeeUserId: "u7" });
    expect(pages().slice(walked)).toEqual(["4"]);
  });

  it("reads an updated object back from the page the last whole listing showed it on", async () => {
    const { client, pages } = pagedAgents(7);
    await client.agents.findById("AG_1");
    const walked = pages().length;
    await client.agents.update("AG_4", { name: "B" });
    await client.agents.findById("AG_4");
    expect(pages().slice(walked)).toEqual(["3"]);
  });

  it("keypress lists always carry the node", async () => {
    const { client, seen } = clientWith(() => ({
      body: {
        r: 0,
        data: {
          totalCount: "1",
          totalPages: 1,
          ivrNodeKeys: [{ id: 17, node: 10, node_key: "1", action: 4 }],
        },
      },
    }));
    await expect(client.ivrKeypresses.findByNaturalKey({ node: "10", nodeKey: "1" })).resolves.toMatchObject({
      id: "17",
    });
    expect(seen[0]?.query.get("node")).toBe("10");
  });
});
