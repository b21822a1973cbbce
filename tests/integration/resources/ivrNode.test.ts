// stringee.IvrNode's lifecycle over real HTTP against the emulator. The tree is created out of band
// first, as another stack (or the dashboard) would have. Declared playback settings are managed; the
// others keep Stringee's defaults, reported in `apiDefaults` and never diffed.
import { alreadyExistsMessage } from "../../../provider/kinds/framework";
import { ivrNodeDefinition } from "../../../provider/kinds/ivrNode";
import { checked, rejectionOf, startResourceHarness, type Props, type ResourceHarness } from "./harness";

let h: ResourceHarness;
let tree: string;

beforeAll(async () => {
  h = await startResourceHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(async () => {
  await h.reset();
  tree = await h.seed("ivrtree", { tree_name: "Main menu" });
  await h.clearRequests();
});

const lc = () => h.lifecycle(ivrNodeDefinition);
const AUDIO = "https://cdn.example.com/welcome.mp3";
const args = (extra: Props = {}): Props => ({
  tree,
  nodeName: "Welcome",
  nodePlayMode: "talk",
  nodePlayContent: "Welcome to Acme",
  ...extra,
});
/** The emulator's defaults (Stringee's IVR node page). */
const DEFAULTS: Props = {
  bargeIn: true,
  loopCount: 1,
  sched: 0,
  voice: "hn_female_thutrang_phrase_48k-hsmm",
  speed: 0,
  keypressTimeout: 5,
};
const defaultsWithout = (...fields: string[]): Props =>
  Object.fromEntries(Object.entries(DEFAULTS).filter(([k]) => !fields.includes(k)));

async function created(extra: Props = {}): Promise<{ id: string; outs: Props }> {
  const result = await lc().create(checked(lc(), args(extra)));
  await h.clearRequests();
  return { id: result.id, outs: result.outs as Props };
}

describe("IvrNode against the emulator", () => {
  it("create makes one node, the tree's root, with the defaults of the settings left out", async () => {
    const result = await lc().create(checked(lc(), args({ speed: -2 })));
    expect(result.id).toMatch(/^NO_[A-Z0-9]{16}$/);
    expect(result.outs).toEqual({
      ...args({ speed: -2 }),
      stringeeId: result.id,
      isRootNode: true,
      apiDefaults: defaultsWithout("speed"),
    });
    expect(await h.objects("ivrnode")).toEqual([
      expect.objectContaining({
        id: result.id,
        tree,
        node_name: "Welcome",
        node_play_mode: "talk",
        speed: -2,
        keypress_timeout: 5,
        is_root_node: 1,
      }),
    ]);
    expect(await h.object("ivrtree", tree)).toMatchObject({ root_node: result.id });
  });

  it("a second node is not the root", async () => {
    await created();
    const second = await lc().create(checked(lc(), args({ nodeName: "Sales" })));
    expect(second.outs).toMatchObject({ nodeName: "Sales", isRootNode: false });
  });

  it("read returns the outputs and only the declared inputs", async () => {
    const { id, outs } = await created({ keypressTimeout: 8 });
    expect(await lc().read(id, outs)).toEqual({ id, props: outs, inputs: args({ keypressTimeout: 8 }) });
  });

  it("read by <tree>/<id> (as IvrNode.get does) finds the node without prior state", async () => {
    const { id, outs } = await created();
    await expect(lc().read(`${tree}/${id}`, {})).resolves.toEqual({ id, props: outs, inputs: args() });
  });

  it("update changes the name and a setting in place with one PUT", async () => {
    const { id, outs } = await created();
    const news = checked(lc(), args({ nodeName: "Greeting", loopCount: 3 }));
    const result = await lc().update(id, outs, news);
    expect(result.outs).toEqual({
      ...news,
      stringeeId: id,
      isRootNode: true,
      apiDefaults: defaultsWithout("loopCount"),
    });
    expect(await h.object("ivrnode", id)).toMatchObject({ node_name: "Greeting", loop_count: 3, tree });
    const counts = await h.counts();
    expect(counts["PUT /v1/ivrnode/:id"]).toBe(1);
    expect(counts["POST /v1/ivrnode"]).toBeUndefined();
  });

  it("update switches to play with an audio URL", async () => {
    const { id, outs } = await created();
    await lc().update(id, outs, checked(lc(), args({ nodePlayMode: "play", nodePlayContent: AUDIO })));
    expect(await h.object("ivrnode", id)).toMatchObject({ node_play_mode: "play", node_play_content: AUDIO });
  });

  it("read shows out-of-band changes of declared fields as drift; undeclared ones only in apiDefaults", async () => {
    const { id, outs } = await created({ speed: 1 });
    await h.patch("ivrnode", id, { node_name: "Renamed", speed: 3, voice: "en_us_female" });
    const result = await lc().read(id, outs);
    expect(result.inputs).toEqual(args({ nodeName: "Renamed", speed: 3 }));
    expect(result.props).toEqual({
      ...args({ nodeName: "Renamed", speed: 3 }),
      stringeeId: id,
      isRootNode: true,
      apiDefaults: { ...defaultsWithout("speed"), voice: "en_us_female" },
    });
    await lc().update(id, result.props as Props, checked(lc(), args({ speed: 1 })));
    expect(await h.object("ivrnode", id)).toMatchObject({
      node_name: "Welcome",
      speed: 1,
      voice: "en_us_female",
    });
  });

  it("read returns {} once the node was deleted out of band, and once its tree was", async () => {
    const { id, outs } = await created();
    await h.remove("ivrnode", id);
    await expect(lc().read(id, outs)).resolves.toEqual({});
    const other = await created({ nodeName: "Other" });
    await h.control("DELETE", `/objects/ivrtree/${tree}?force=true`);
    await expect(lc().read(other.id, other.outs)).resolves.toEqual({});
  });

  it("delete removes the node; deleting again is a no-op", async () => {
    const { id, outs } = await created();
    await lc().delete(id, outs);
    expect(await h.objects("ivrnode")).toEqual([]);
    expect(await h.object("ivrtree", tree)).toMatchObject({ root_node: null });
    await expect(lc().delete(id, outs)).resolves.toBeUndefined();
    expect((await h.counts())["DELETE /v1/ivrnode/:id"]).toBe(2);
  });

  it("a create whose answer is lost ends with exactly one node, under the right id", async () => {
    await h.fault({ method: "POST", path: "^/v1/ivrnode$", kind: "drop-response" });
    const result = await lc().create(checked(lc(), args()));
    const all = await h.objects("ivrnode");
    expect(all).toHaveLength(1);
    expect(all[0]?.["id"]).toBe(result.id);
    expect(result.outs).toMatchObject({ stringeeId: result.id, isRootNode: true });
    expect((await h.counts())["POST /v1/ivrnode"]).toBe(1);
  });

  it("create refuses a node created out of band with the same name in the tree and tells how to adopt it", async () => {
    const id = await h.seed("ivrnode", {
      tree,
      node_name: "Welcome",
      node_play_mode: "talk",
      node_play_content: "Hi",
    });
    const err = await rejectionOf(lc().create(checked(lc(), args())));
    expect(err.message).toBe(alreadyExistsMessage("IvrNode", `nodeName "Welcome" in tree ${tree}`, id));
    expect(err.message).toContain(`importId: "${id}"`);
    expect(await h.objects("ivrnode")).toHaveLength(1);
  });

  it("importId (<tree>/<id>) adopts a node created out of band and sends only the differing declared fields", async () => {
    const id = await h.seed("ivrnode", {
      tree,
      node_name: "Welcome",
      node_play_mode: "talk",
      node_play_content: "Old prompt",
      keypress_timeout: 9,
    });
    await h.clearRequests();
    const result = await lc().create(checked(lc(), { ...args(), importId: `${tree}/${id}` }));
    expect(result).toEqual({
      id,
      outs: {
        ...args(),
        stringeeId: id,
        isRootNode: true,
        importId: `${tree}/${id}`,
        apiDefaults: { ...DEFAULTS, keypressTimeout: 9 },
      },
    });
    expect(await h.object("ivrnode", id)).toMatchObject({
      node_play_content: "Welcome to Acme",
      keypress_timeout: 9,
    });
    const counts = await h.counts();
    expect(counts["POST /v1/ivrnode"]).toBeUndefined();
    expect(counts["PUT /v1/ivrnode/:id"]).toBe(1);
  });

  it("importId of a node in another tree is refused: tree cannot change", async () => {
    const other = await h.seed("ivrtree", { tree_name: "Other" });
    const id = await h.seed("ivrnode", {
      tree: other,
      node_name: "Welcome",
      node_play_mode: "talk",
      node_play_content: "Hi",
    });
    const err = await rejectionOf(lc().create(checked(lc(), { ...args(), importId: `${other}/${id}` })));
    expect(err.message).toContain("cannot be adopted because tree differ");
    expect(await h.object("ivrnode", id)).toMatchObject({ tree: other, node_play_content: "Hi" });
  });
});
