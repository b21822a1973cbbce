// Create / read / update / delete round trips for every collection, against the emulator.
import { StringeeApiError, isAlreadyExists } from "../../../provider/client";
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

describe("queues", () => {
  it("create, find by name and id, update, delete, then delete again is a no-op", async () => {
    const { id } = await h.client.queues.create({ name: "Sales", recordCalls: false, wrapUpTimeLimit: 20 });
    expect(id).toMatch(/^QU_/);
    expect(await h.client.queues.findByName("Sales")).toMatchObject({
      id,
      name: "Sales",
      recordCalls: false,
      wrapUpTimeLimit: 20,
    });
    await h.client.queues.update(id, { name: "Sales EU", condRouting: 2, waitGreeting: "Please wait" });
    expect(await h.client.queues.findById(id)).toMatchObject({
      name: "Sales EU",
      condRouting: 2,
      waitGreeting: "Please wait",
      wrapUpTimeLimit: 20,
    });
    await h.client.queues.update(id, { waitGreeting: null });
    expect((await h.client.queues.findById(id))?.waitGreeting).toBeUndefined();
    await expect(h.client.queues.delete(id)).resolves.toEqual({ deleted: true });
    await expect(h.client.queues.findById(id)).resolves.toBeUndefined();
    await expect(h.client.queues.delete(id)).resolves.toEqual({ deleted: false });
  });
});

describe("IVR trees, nodes and keypresses", () => {
  it("build a tree with a root node and keys, change them, and tear it down", async () => {
    const tree = await h.client.ivrTrees.create({ treeName: "Main menu" });
    expect(tree.id).toMatch(/^TR_/);
    const queue = await h.client.queues.create({ name: "Support" });

    const welcome = await h.client.ivrNodes.create({
      tree: tree.id,
      nodeName: "Welcome",
      nodePlayMode: "talk",
      nodePlayContent: "Welcome to Stringee",
      bargeIn: true,
      loopCount: 2,
    });
    expect(welcome).toMatchObject({ id: expect.stringMatching(/^NO_/), isRootNode: true, recovered: false });
    const sales = await h.client.ivrNodes.create({
      tree: tree.id,
      nodeName: "Sales",
      nodePlayMode: "play",
      nodePlayContent: "https://example.com/sales.mp3",
    });
    expect(sales.isRootNode).toBe(false);
    expect(await h.client.ivrTrees.findByName("Main menu")).toEqual({
      id: tree.id,
      treeName: "Main menu",
      rootNode: welcome.id,
    });
    expect((await h.client.ivrNodes.list(tree.id)).map((n) => n.nodeName)).toEqual(["Welcome", "Sales"]);

    const key = await h.client.ivrKeypresses.create({
      node: welcome.id,
      nodeKey: "1",
      action: 4,
      nextNode: sales.id,
    });
    expect(key.id).toMatch(/^NO_KE_/);
    await h.client.ivrKeypresses.update(key.id, { action: 2, queueId: queue.id });
    expect(await h.client.ivrKeypresses.findByNaturalKey({ node: welcome.id, nodeKey: "1" })).toMatchObject({
      id: key.id,
      tree: tree.id,
      action: 2,
      queueId: queue.id,
    });

    await h.client.ivrNodes.update(sales.id, { nodeName: "Sales team", loopCount: 3, speed: 1 });
    expect(await h.client.ivrNodes.findByNaturalKey({ tree: tree.id, nodeName: "Sales team" })).toMatchObject(
      {
        id: sales.id,
        loopCount: 3,
        speed: 1,
        isRootNode: false,
      },
    );
    await h.client.ivrTrees.update(tree.id, { treeName: "Main menu v2" });
    expect((await h.client.ivrTrees.findById(tree.id))?.treeName).toBe("Main menu v2");

    // The queue is referenced by the key: the API refuses (r=3) and the client surfaces it.
    await expect(h.client.queues.delete(queue.id)).rejects.toMatchObject({ name: "StringeeApiError", r: 3 });

    expect(await h.client.ivrKeypresses.delete(key.id)).toEqual({ deleted: true });
    expect(await h.client.ivrNodes.delete(sales.id)).toEqual({ deleted: true });
    expect(await h.client.ivrNodes.delete(welcome.id)).toEqual({ deleted: true });
    expect(await h.client.ivrTrees.delete(tree.id)).toEqual({ deleted: true });
    expect(await h.client.queues.delete(queue.id)).toEqual({ deleted: true });
    const objects = await h.control("GET", "/objects");
    expect(Object.values(objects.body as Record<string, unknown[]>).flat()).toEqual([]);
  });
});

describe("numbers", () => {
  it("create, find by number, update, clear a reference, delete", async () => {
    const queue = await h.client.queues.create({ name: "Inbound" });
    const { id } = await h.client.numbers.create({
      number: "842873000111",
      nickname: "Hotline",
      allowOutboundCalls: false,
      enableIvr: false,
      queueId: queue.id,
      recordOutboundCalls: true,
    });
    expect(await h.client.numbers.findByNumber("842873000111")).toEqual({
      id,
      number: "842873000111",
      nickname: "Hotline",
      allowOutboundCalls: false,
      enableIvr: false,
      queueId: queue.id,
      recordOutboundCalls: true,
    });
    await h.client.numbers.update(id, { allowOutboundCalls: true, queueId: null, nickname: null });
    const updated = await h.client.numbers.findById(id.replace(/^NU_/, ""));
    expect(updated).toMatchObject({ id, allowOutboundCalls: true });
    expect(updated?.queueId).toBeUndefined();
    expect(updated?.nickname).toBeUndefined();
    expect(await h.client.numbers.delete(id)).toEqual({ deleted: true });
    expect(await h.client.numbers.list()).toEqual([]);
  });

  it("a second number with the same phone number is refused as already existing", async () => {
    await h.client.numbers.create({ number: "842873000112", allowOutboundCalls: true, enableIvr: false });
    const err = await h.client.numbers
      .create({ number: "842873000112", allowOutboundCalls: true, enableIvr: false })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StringeeApiError);
    expect(isAlreadyExists(err)).toBe(true);
    expect((err as StringeeApiError).message).toMatch(/^POST \/v1\/number failed: r=2 ".*" \(HTTP 200\)$/);
  });
});

describe("agents", () => {
  it("create, find by stringee user id, update routing, delete", async () => {
    const { id } = await h.client.agents.create({
      name: "Lan",
      stringeeUserId: "lan",
      manualStatus: "AVAILABLE",
    });
    expect(await h.client.agents.findByNaturalKey({ stringeeUserId: "lan" })).toMatchObject({
      id,
      name: "Lan",
      routingType: 1,
      systemStatus: 0,
    });
    await h.client.agents.update(id, { routingType: 2, phoneNumber: "84901234567" });
    expect(await h.client.agents.findById(id)).toMatchObject({ routingType: 2, phoneNumber: "84901234567" });
    expect(await h.client.agents.delete(id)).toEqual({ deleted: true });
    expect(await h.client.agents.findByStringeeUserId("lan")).toBeUndefined();
  });
});

describe("SIP phones", () => {
  it("create with an extension, find by short or prefixed name, update, delete by prefixed name", async () => {
    const created = await h.client.sipPhones.create({
      username: "201",
      password: "pw-201-secret",
      extension: 201,
    });
    expect(created).toEqual({ id: "246_201", shortUsername: "201", recovered: false });
    expect(await h.client.sipPhones.findByUsername("201")).toEqual({
      username: "246_201",
      shortUsername: "201",
      extension: 201,
    });
    expect((await h.client.sipPhones.findByNaturalKey({ username: "246_201" }))?.shortUsername).toBe("201");
    await h.client.sipPhones.update("246_201", { password: "pw-201-new", extension: 202 });
    expect((await h.client.sipPhones.findByUsername("201"))?.extension).toBe(202);
    expect(await h.client.sipPhones.delete("246_201")).toEqual({ deleted: true });
    expect(await h.client.sipPhones.list()).toEqual([]);
    expect(await h.client.sipPhones.delete("201")).toEqual({ deleted: false });
  });

  it("a short username that looks prefixed is not mangled", async () => {
    const created = await h.client.sipPhones.create({ username: "7_front", password: "pw-7-front" });
    expect(created.id).toBe("246_7_front");
    await h.clearRequests();
    expect(await h.client.sipPhones.delete("7_front")).toEqual({ deleted: true });
    const { requests } = await h.requests();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toContain("DELETE /v1/sipphone/7_front");
  });
});
