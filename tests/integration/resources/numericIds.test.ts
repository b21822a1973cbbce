// The IVR resources against an emulator that gives IVR trees, nodes and keypresses numeric ids (the
// keypress doc's second list sample: `"id": 17, "tree": 7, "node": 10, "queue_id": 0`): the state keeps
// the ids as the list shows them, refresh sees no change, and updates, adoption and deletes find them.
import { ivrKeypressDefinition } from "../../../provider/kinds/ivrKeypress";
import { ivrNodeDefinition } from "../../../provider/kinds/ivrNode";
import { ivrTreeDefinition } from "../../../provider/kinds/ivrTree";
import { queueDefinition } from "../../../provider/kinds/queue";
import { checked, startClientHarnessWith, type Props, type ResourceHarness } from "./harness";

let h: ResourceHarness;

beforeAll(async () => {
  h = await startClientHarnessWith({ numericIds: true });
});

afterAll(async () => {
  await h.close();
});

it("trees, nodes and keypresses with numeric ids go through create, refresh, update, adoption and delete", async () => {
  const tree = await h
    .lifecycle(ivrTreeDefinition)
    .create(checked(h.lifecycle(ivrTreeDefinition), { treeName: "Main" }));
  expect(tree.id).toMatch(/^\d+$/);
  const node = await h.lifecycle(ivrNodeDefinition).create(
    checked(h.lifecycle(ivrNodeDefinition), {
      tree: tree.id,
      nodeName: "Menu",
      nodePlayMode: "talk",
      nodePlayContent: "Hi",
    }),
  );
  expect(node.id).toMatch(/^\d+$/);
  expect(node.outs).toMatchObject({ tree: tree.id, isRootNode: true });
  const queue = await h
    .lifecycle(queueDefinition)
    .create(checked(h.lifecycle(queueDefinition), { name: "Sales" }));
  const keyArgs: Props = { node: node.id, nodeKey: "1", action: "routeToQueue", queueId: queue.id };
  const keys = h.lifecycle(ivrKeypressDefinition);
  const key = await keys.create(checked(keys, keyArgs));
  expect(key.id).toMatch(/^\d+$/);
  expect(key.outs).toMatchObject({ ...keyArgs, tree: tree.id });

  // Refresh: the list shows numbers; the state holds the same ids as text, and nothing differs.
  const read = await keys.read(key.id, key.outs as Props);
  expect(read.id).toBe(key.id);
  expect(keys.diff(read.props as Props, checked(keys, keyArgs)).changes).toBe(false);
  const treeRead = await h.lifecycle(ivrTreeDefinition).read(tree.id, tree.outs as Props);
  expect(treeRead.props).toMatchObject({ stringeeId: tree.id, rootNode: node.id });

  // Update in place: the PUT path carries the numeric id.
  const news = checked(keys, { node: node.id, nodeKey: "1", action: "stopCall" });
  await keys.update(key.id, key.outs as Props, news);
  expect((await h.object("ivrkeypress", key.id))?.["action"]).toBe(6);

  // Adoption by a numeric importId.
  const adopted = await keys.create(
    checked(keys, { node: node.id, nodeKey: "1", action: "stopCall", importId: key.id }),
  );
  expect(adopted.id).toBe(key.id);

  await keys.delete(key.id, {});
  await h.lifecycle(ivrNodeDefinition).delete(node.id, node.outs as Props);
  await h.lifecycle(ivrTreeDefinition).delete(tree.id, tree.outs as Props);
  expect(await h.objects("ivrkeypress")).toEqual([]);
  expect(await h.objects("ivrnode")).toEqual([]);
  expect(await h.objects("ivrtree")).toEqual([]);
});
