// stringee.IvrTree's lifecycle over real HTTP against the emulator, including the root node Stringee
// picks and the refusal to delete a tree that still has nodes (delete the nodes first).
import { alreadyExistsMessage } from "../../../provider/kinds/framework";
import { ivrNodeDefinition } from "../../../provider/kinds/ivrNode";
import { ivrTreeDefinition } from "../../../provider/kinds/ivrTree";
import { checked, rejectionOf, startResourceHarness, type Props, type ResourceHarness } from "./harness";

let h: ResourceHarness;

beforeAll(async () => {
  h = await startResourceHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(async () => {
  await h.reset();
});

const lc = () => h.lifecycle(ivrTreeDefinition);
const nodes = () => h.lifecycle(ivrNodeDefinition);
const ARGS: Props = { treeName: "Main menu" };

async function created(): Promise<{ id: string; outs: Props }> {
  const result = await lc().create(checked(lc(), ARGS));
  await h.clearRequests();
  return { id: result.id, outs: result.outs as Props };
}

const nodeArgs = (tree: string, nodeName: string): Props => ({
  tree,
  nodeName,
  nodePlayMode: "talk",
  nodePlayContent: `${nodeName} prompt`,
});

describe("IvrTree against the emulator", () => {
  it("create makes one tree; it has no root node until its first node exists", async () => {
    const result = await lc().create(checked(lc(), ARGS));
    expect(result.id).toMatch(/^TR_[A-Z0-9]{16}$/);
    expect(result.outs).toEqual({ ...ARGS, stringeeId: result.id, rootNode: null });
    expect(await h.objects("ivrtree")).toEqual([
      expect.objectContaining({ id: result.id, tree_name: "Main menu", root_node: null }),
    ]);
  });

  it("read returns the outputs and the canonical inputs, and reports the root once a node exists", async () => {
    const { id, outs } = await created();
    expect(await lc().read(id, outs)).toEqual({ id, props: outs, inputs: ARGS });
    const node = await nodes().create(checked(nodes(), nodeArgs(id, "Welcome")));
    expect(await lc().read(id, outs)).toEqual({ id, props: { ...outs, rootNode: node.id }, inputs: ARGS });
  });

  it("update renames the tree in place with one PUT", async () => {
    const { id, outs } = await created();
    const result = await lc().update(id, outs, checked(lc(), { treeName: "Main menu v2" }));
    expect(result.outs).toEqual({ treeName: "Main menu v2", stringeeId: id, rootNode: null });
    expect(await h.object("ivrtree", id)).toMatchObject({ tree_name: "Main menu v2" });
    const counts = await h.counts();
    expect(counts["PUT /v1/ivrtree/:id"]).toBe(1);
    expect(counts["POST /v1/ivrtree"]).toBeUndefined();
  });

  it("read shows an out-of-band rename (drift), which the next update reverts", async () => {
    const { id, outs } = await created();
    await h.patch("ivrtree", id, { tree_name: "Renamed" });
    const result = await lc().read(id, outs);
    expect(result.inputs).toEqual({ treeName: "Renamed" });
    expect(lc().diff(result.props as Props, checked(lc(), ARGS)).changes).toBe(true);
    await lc().update(id, result.props as Props, checked(lc(), ARGS));
    expect(await h.object("ivrtree", id)).toMatchObject({ tree_name: "Main menu" });
  });

  it("read returns {} once the tree was deleted out of band", async () => {
    const { id, outs } = await created();
    await h.remove("ivrtree", id);
    await expect(lc().read(id, outs)).resolves.toEqual({});
  });

  it("delete removes the tree; deleting again is a no-op", async () => {
    const { id, outs } = await created();
    await lc().delete(id, outs);
    expect(await h.objects("ivrtree")).toEqual([]);
    await expect(lc().delete(id, outs)).resolves.toBeUndefined();
    expect((await h.counts())["DELETE /v1/ivrtree/:id"]).toBe(2);
  });

  it("a create whose answer is lost ends with exactly one tree, under the right id", async () => {
    await h.fault({ method: "POST", path: "^/v1/ivrtree$", kind: "drop-response" });
    const result = await lc().create(checked(lc(), ARGS));
    const trees = await h.objects("ivrtree");
    expect(trees).toHaveLength(1);
    expect(trees[0]?.["id"]).toBe(result.id);
    expect((await h.counts())["POST /v1/ivrtree"]).toBe(1);
  });

  it("create refuses a tree created out of band with the same name and tells how to adopt it", async () => {
    const id = await h.seed("ivrtree", { tree_name: "Main menu" });
    const err = await rejectionOf(lc().create(checked(lc(), ARGS)));
    expect(err.message).toBe(alreadyExistsMessage("IvrTree", 'treeName "Main menu"', id));
    expect(err.message).toContain(`importId: "${id}"`);
  });

  it("importId adopts a tree created out of band (with its nodes) and renames it", async () => {
    const id = await h.seed("ivrtree", { tree_name: "Legacy menu" });
    const root = await h.seed("ivrnode", {
      tree: id,
      node_name: "Welcome",
      node_play_mode: "talk",
      node_play_content: "Hi",
    });
    await h.clearRequests();
    const result = await lc().create(checked(lc(), { ...ARGS, importId: id }));
    expect(result).toEqual({ id, outs: { ...ARGS, stringeeId: id, rootNode: root, importId: id } });
    expect(await h.objects("ivrtree")).toEqual([expect.objectContaining({ id, tree_name: "Main menu" })]);
    const counts = await h.counts();
    expect(counts["POST /v1/ivrtree"]).toBeUndefined();
    expect(counts["PUT /v1/ivrtree/:id"]).toBe(1);
  });

  it("deleting a tree that still has nodes fails with the API's r=3 message; nodes first, then the tree, succeeds", async () => {
    const { id, outs } = await created();
    const welcome = await nodes().create(checked(nodes(), nodeArgs(id, "Welcome")));
    const sales = await nodes().create(checked(nodes(), nodeArgs(id, "Sales")));
    const err = await rejectionOf(lc().delete(id, outs));
    expect(err.message).toMatch(
      new RegExp(
        `^DELETE /v1/ivrtree/${id} failed: r=3 "IVR tree ${id} is still referenced by IVR node (${welcome.id}|${sales.id}) \\(tree\\)"`,
      ),
    );
    expect(await h.object("ivrtree", id)).toBeDefined();
    await nodes().delete(sales.id, sales.outs as Props);
    await nodes().delete(welcome.id, welcome.outs as Props);
    await expect(lc().delete(id, outs)).resolves.toBeUndefined();
    expect(await h.objects("ivrtree")).toEqual([]);
    expect(await h.objects("ivrnode")).toEqual([]);
  });
});
