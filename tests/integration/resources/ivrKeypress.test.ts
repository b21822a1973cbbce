// stringee.IvrKeypress's lifecycle over real HTTP against the emulator. The tree, its nodes and a queue
// are created out of band first, as another stack (or the dashboard) would have.
import { alreadyExistsMessage } from "../../../provider/kinds/framework";
import { ivrKeypressDefinition } from "../../../provider/kinds/ivrKeypress";
import { checked, rejectionOf, startResourceHarness, type Props, type ResourceHarness } from "./harness";

let h: ResourceHarness;
let tree: string;
let root: string;
let sales: string;
let queue: string;

beforeAll(async () => {
  h = await startResourceHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(async () => {
  await h.reset();
  tree = await h.seed("ivrtree", { tree_name: "Main menu" });
  const node = (name: string) =>
    h.seed("ivrnode", { tree, node_name: name, node_play_mode: "talk", node_play_content: `${name} prompt` });
  root = await node("Welcome");
  sales = await node("Sales");
  queue = await h.seed("queue", { name: "Sales" });
  await h.clearRequests();
});

const lc = () => h.lifecycle(ivrKeypressDefinition);
const args = (): Props => ({ node: root, nodeKey: "1", action: "routeToQueue", queueId: queue });

async function created(): Promise<{ id: string; outs: Props }> {
  const result = await lc().create(checked(lc(), args()));
  await h.clearRequests();
  return { id: result.id, outs: result.outs as Props };
}

describe("IvrKeypress against the emulator", () => {
  it("create makes one keypress with the action code and reports its tree", async () => {
    const result = await lc().create(checked(lc(), args()));
    expect(result.id).toMatch(/^NO_KE_[A-Z0-9]{16}$/);
    expect(result.outs).toEqual({ ...args(), stringeeId: result.id, tree });
    expect(await h.objects("ivrkeypress")).toEqual([
      expect.objectContaining({
        id: result.id,
        node: root,
        node_key: "1",
        action: 2,
        queue_id: queue,
        next_node: null,
      }),
    ]);
  });

  it("read returns the outputs and the canonical inputs", async () => {
    const { id, outs } = await created();
    expect(await lc().read(id, outs)).toEqual({ id, props: outs, inputs: args() });
  });

  it("read by <node>/<id> (as IvrKeypress.get does) finds the keypress without prior state", async () => {
    const { id } = await created();
    const result = await lc().read(`${root}/${id}`, {});
    expect(result).toMatchObject({ id, inputs: args() });
  });

  it("update changes the action in place and the API drops the old target", async () => {
    const { id, outs } = await created();
    const news = checked(lc(), { node: root, nodeKey: "1", action: "nextNode", nextNode: sales });
    const result = await lc().update(id, outs, news);
    expect(result.outs).toEqual({ ...news, stringeeId: id, tree });
    expect(await h.object("ivrkeypress", id)).toMatchObject({ action: 4, next_node: sales, queue_id: null });
    const counts = await h.counts();
    expect(counts["PUT /v1/ivrkeypress/:id"]).toBe(1);
    expect(counts["POST /v1/ivrkeypress"]).toBeUndefined();
  });

  it("update to forwardToPhone sends both phone numbers", async () => {
    const { id, outs } = await created();
    const news = checked(lc(), {
      node: root,
      nodeKey: "1",
      action: "forwardToPhone",
      toPhoneNumber: "84986225112",
      fromNumberCalloutToAgent: "842873000111",
    });
    await lc().update(id, outs, news);
    expect(await h.object("ivrkeypress", id)).toMatchObject({
      action: 3,
      to_phone_number: "84986225112",
      from_number_callout_to_agent: "842873000111",
      queue_id: null,
    });
    expect((await lc().read(id, { ...news, stringeeId: id })).inputs).toEqual(news);
  });

  it("update changes the key in place", async () => {
    const { id, outs } = await created();
    await lc().update(id, outs, checked(lc(), { ...args(), nodeKey: "EMPTY_KEY" }));
    expect(await h.object("ivrkeypress", id)).toMatchObject({
      node_key: "EMPTY_KEY",
      action: 2,
      queue_id: queue,
    });
  });

  it("read shows an action changed out of band (drift)", async () => {
    const { id, outs } = await created();
    await h.patch("ivrkeypress", id, { action: 6 });
    const result = await lc().read(id, outs);
    expect(result.inputs).toEqual({ node: root, nodeKey: "1", action: "stopCall" });
    expect(lc().diff(result.props as Props, checked(lc(), args())).changes).toBe(true);
  });

  it("read returns {} once the keypress was deleted out of band", async () => {
    const { id, outs } = await created();
    await h.remove("ivrkeypress", id);
    await expect(lc().read(id, outs)).resolves.toEqual({});
  });

  it("delete removes the keypress; deleting again is a no-op", async () => {
    const { id, outs } = await created();
    await lc().delete(id, outs);
    expect(await h.objects("ivrkeypress")).toEqual([]);
    await expect(lc().delete(id, outs)).resolves.toBeUndefined();
    expect((await h.counts())["DELETE /v1/ivrkeypress/:id"]).toBe(2);
  });

  it("a create whose answer is lost ends with exactly one keypress, under the right id", async () => {
    await h.fault({ method: "POST", path: "^/v1/ivrkeypress$", kind: "drop-response" });
    const result = await lc().create(checked(lc(), args()));
    const keys = await h.objects("ivrkeypress");
    expect(keys).toHaveLength(1);
    expect(keys[0]?.["id"]).toBe(result.id);
    expect((await h.counts())["POST /v1/ivrkeypress"]).toBe(1);
  });

  it("create refuses a key created out of band and tells how to adopt it", async () => {
    const id = await h.seed("ivrkeypress", { node: root, node_key: "1", action: 6 });
    const err = await rejectionOf(lc().create(checked(lc(), args())));
    expect(err.message).toBe(alreadyExistsMessage("IvrKeypress", `key 1 of node ${root}`, id));
  });

  it("importId adopts a keypress created out of band and sends the declared action", async () => {
    const id = await h.seed("ivrkeypress", { node: root, node_key: "1", action: 4, next_node: sales });
    await h.clearRequests();
    const result = await lc().create(checked(lc(), { ...args(), importId: `${root}/${id}` }));
    expect(result.id).toBe(id);
    expect(result.outs).toMatchObject({ ...args(), stringeeId: id, importId: `${root}/${id}` });
    expect(await h.objects("ivrkeypress")).toEqual([
      expect.objectContaining({ id, action: 2, queue_id: queue, next_node: null }),
    ]);
    expect((await h.counts())["POST /v1/ivrkeypress"]).toBeUndefined();
  });

  it("importId of a keypress on another node is refused: node cannot change", async () => {
    const id = await h.seed("ivrkeypress", { node: sales, node_key: "1", action: 6 });
    const err = await rejectionOf(lc().create(checked(lc(), { ...args(), importId: `${sales}/${id}` })));
    expect(err.message).toContain("cannot be adopted because node differ");
    expect(await h.object("ivrkeypress", id)).toMatchObject({ node: sales, action: 6 });
  });
});
