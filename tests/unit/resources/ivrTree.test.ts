// stringee.IvrTree without sockets: check, diff (never needs the API; a rename is in place), the
// lifecycle over the real client answered in-process by the emulator (rootNode output, refusal to delete
// a tree that has nodes), the serialized provider, and program-side uniqueness of treeName under
// Pulumi's mocks.
import * as pulumi from "@pulumi/pulumi";
import { Lifecycle, UNKNOWN, alreadyExistsMessage } from "../../../provider/kinds/framework";
import { checkIvrTree, ivrTreeDefinition } from "../../../provider/kinds/ivrTree";
import { IvrTree } from "../../../provider/resources/ivrTree";
import { emulatedStringee, type EmulatedStringee } from "./emulatedClient";
import { naturalKeyConflict } from "./naturalKeys";

type Props = Record<string, unknown>;

const ARGS: Props = { treeName: "Main menu" };

describe("IvrTree check", () => {
  it.each([
    { rule: "treeName is required", raw: {}, property: "treeName", mentions: ["IvrTree requires treeName"] },
    {
      rule: "a blank treeName is refused as missing",
      raw: { treeName: null },
      property: "treeName",
      mentions: ["IvrTree requires treeName"],
    },
    {
      rule: "a treeName longer than 100 characters is refused",
      raw: { treeName: "t".repeat(101) },
      property: "treeName",
      mentions: ["at most 100 characters", "got 101"],
    },
    {
      rule: "treeName must be a string",
      raw: { treeName: { name: "Main" } },
      property: "treeName",
      mentions: ["must be a string", "an object"],
    },
    {
      rule: "the API's snake_case name tree_name is refused with a hint",
      raw: { ...ARGS, tree_name: "Main menu" },
      property: "tree_name",
      mentions: ["IvrTree has no property tree_name", "Did you mean treeName?", "camelCase"],
    },
    {
      rule: "the read-only rootNode is not an input",
      raw: { ...ARGS, rootNode: "NO_1" },
      property: "rootNode",
      mentions: ["IvrTree has no property rootNode", "Known properties: treeName"],
    },
    {
      rule: "name (the Group/Queue spelling) is refused with the known properties",
      raw: { name: "Main menu" },
      property: "name",
      mentions: ["IvrTree has no property name", "Known properties: treeName"],
    },
  ])("$rule", (c) => {
    const failures = checkIvrTree(c.raw).failures;
    // A refused spelling also leaves treeName missing: only the expected property is checked here.
    const onProperty = failures.filter((f) => f.property === c.property);
    expect(onProperty).toHaveLength(1);
    expect(onProperty[0]!.reason).toContain(c.property);
    for (const text of c.mentions) expect(onProperty[0]!.reason).toContain(text);
    expect(failures.every((f) => [c.property, "treeName"].includes(f.property))).toBe(true);
  });

  it("canonicalises valid inputs: the name is trimmed; a number is taken as its text", () => {
    expect(checkIvrTree({ treeName: "  Main menu " })).toEqual({ inputs: ARGS, failures: [] });
    expect(checkIvrTree({ treeName: 2024 })).toEqual({ inputs: { treeName: "2024" }, failures: [] });
  });

  it("never judges values unknown at preview", () => {
    expect(checkIvrTree({ treeName: UNKNOWN })).toEqual({ inputs: { treeName: UNKNOWN }, failures: [] });
  });

  it("Lifecycle.check keeps a string importId and drops Pulumi's __provider", () => {
    const lc = new Lifecycle(ivrTreeDefinition, () => {
      throw new Error("check must not need a client");
    });
    expect(lc.check({ ...ARGS, importId: "TR_1", __provider: "text", rootNode: undefined })).toEqual({
      inputs: { ...ARGS, importId: "TR_1" },
      failures: [],
    });
  });
});

// ---- diff ----

const offline = new Lifecycle(ivrTreeDefinition, () => {
  throw new Error("no client in diff");
});
const news = (raw: Props): Props => {
  const result = offline.check(raw);
  expect(result.failures).toEqual([]);
  return result.inputs as Props;
};
const STATE: Props = { treeName: "Main menu", stringeeId: "TR_5DFM9ZXZNBM5EQG9", rootNode: "NO_ROOT" };
const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false, stables: ["stringeeId"] };
const UPDATE = { changes: true, replaces: [], deleteBeforeReplace: false, stables: ["stringeeId"] };

describe("IvrTree diff", () => {
  it("no change when only the rootNode output differs (or is null)", () => {
    expect(offline.diff(STATE, news(ARGS))).toEqual(NO_CHANGE);
    expect(offline.diff({ ...STATE, rootNode: null }, news(ARGS))).toEqual(NO_CHANGE);
    expect(offline.diff(STATE, news({ ...ARGS, importId: "TR_5DFM9ZXZNBM5EQG9" }))).toEqual(NO_CHANGE);
  });

  it("no change for surrounding spaces (check trims them)", () => {
    expect(offline.diff(STATE, news({ treeName: " Main menu  " }))).toEqual(NO_CHANGE);
  });

  it("a rename is an in-place update, never a replacement", () => {
    expect(offline.diff(STATE, news({ treeName: "Main menu v2" }))).toEqual(UPDATE);
  });
});

// ---- lifecycle over the real client and the emulator ----

describe("IvrTree lifecycle", () => {
  let emu: EmulatedStringee;
  beforeEach(() => {
    emu = emulatedStringee();
  });
  const lc = new Lifecycle(ivrTreeDefinition, () => emu.client);
  /** The tree TR_EXISTING; with `root`, its first node NO_ROOT, which Stringee makes its root. */
  const seed = (extra: Props = {}, root = false) => {
    const id = emu.seed("ivrtree", { id: "TR_EXISTING", tree_name: "Main menu", ...extra });
    if (root)
      emu.seed("ivrnode", {
        id: "NO_ROOT",
        tree: id,
        node_name: "Welcome",
        node_play_mode: "talk",
        node_play_content: "Welcome",
      });
    return id;
  };
  const state = (id: string, extra: Props = {}) => ({ ...ARGS, stringeeId: id, rootNode: null, ...extra });
  const rejectionOf = async (p: Promise<unknown>): Promise<Error> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    return err as Error;
  };

  it("create looks the name up, creates once and reports rootNode null (no nodes yet)", async () => {
    const result = await lc.create(news(ARGS));
    const [created] = emu.objects("ivrtree");
    expect(emu.callsOf("ivrTrees.findByNaturalKey")).toEqual([[{ treeName: "Main menu" }]]);
    expect(emu.callsOf("ivrTrees.create")).toEqual([[ARGS]]);
    expect(result).toEqual({ id: created?.["id"], outs: state(String(created?.["id"])) });
    expect(emu.writes()).toEqual(["ivrTrees.create"]);
  });

  it("create refuses a treeName that already exists remotely and tells how to adopt it", async () => {
    const id = seed();
    const err = await rejectionOf(lc.create(news(ARGS)));
    expect(err.message).toBe(alreadyExistsMessage("IvrTree", 'treeName "Main menu"', id));
    expect(err.message).toContain(`add \`importId: "${id}"\``);
    expect(emu.writes()).toEqual([]);
  });

  it("create with importId adopts the tree and renames it only when the name differs", async () => {
    const id = seed({ tree_name: "Legacy menu" }, true);
    const result = await lc.create(news({ ...ARGS, importId: id }));
    expect(emu.callsOf("ivrTrees.create")).toEqual([]);
    expect(emu.callsOf("ivrTrees.findByNaturalKey")).toEqual([]);
    expect(emu.callsOf("ivrTrees.update")).toEqual([[id, { treeName: "Main menu" }]]);
    expect(result).toEqual({ id, outs: { ...state(id), rootNode: "NO_ROOT", importId: id } });
  });

  it("adopting a tree that already matches sends no write", async () => {
    const id = seed();
    await lc.create(news({ ...ARGS, importId: id }));
    expect(emu.writes()).toEqual([]);
  });

  it("an unknown importId fails clearly", async () => {
    const err = await rejectionOf(lc.create(news({ ...ARGS, importId: "TR_NOPE" })));
    expect(err.message).toContain('importId: no IvrTree with id "TR_NOPE" exists in Stringee');
    expect(emu.writes()).toEqual([]);
  });

  it("read reports the current root node and mirrors a rename (drift)", async () => {
    const id = seed({ tree_name: "Renamed" }, true);
    const result = await lc.read(id, state(id));
    expect(result).toEqual({
      id,
      props: { treeName: "Renamed", stringeeId: id, rootNode: "NO_ROOT" },
      inputs: { treeName: "Renamed" },
    });
  });

  it("read returns {} when the tree is gone", async () => {
    await expect(lc.read("TR_GONE", state("TR_GONE"))).resolves.toEqual({});
  });

  it("read keeps importId", async () => {
    const id = seed();
    const result = await lc.read(id, { ...state(id), importId: id });
    expect(result.inputs).toEqual({ ...ARGS, importId: id });
    expect(result.props).toMatchObject({ importId: id });
  });

  it("update renames the tree in place and sends only the name", async () => {
    const id = seed();
    const result = await lc.update(id, state(id), news({ treeName: "Main menu v2" }));
    expect(emu.callsOf("ivrTrees.update")).toEqual([[id, { treeName: "Main menu v2" }]]);
    expect(result).toEqual({ outs: state(id, { treeName: "Main menu v2" }) });
  });

  it("update with nothing changed sends nothing", async () => {
    const id = seed();
    await lc.update(id, state(id), news(ARGS));
    expect(emu.writes()).toEqual([]);
  });

  it("delete removes the tree; a tree already gone is done", async () => {
    const id = seed();
    await lc.delete(id, state(id));
    expect(emu.objects("ivrtree")).toEqual([]);
    await expect(lc.delete(id, state(id))).resolves.toBeUndefined();
  });

  it("delete surfaces the refusal while the tree still has nodes", async () => {
    const id = seed({}, true);
    await expect(lc.delete(id, state(id))).rejects.toThrow(/r=3.*still referenced/);
    expect(emu.objects("ivrtree")).toHaveLength(1);
  });
});

// ---- program-side uniqueness ----

describe("one IvrTree per treeName in a program", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  beforeAll(() =>
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return { id: `${args.name}-id`, state: { ...args.inputs, __provider: undefined } };
        },
        call: (args) => args.inputs,
      },
      "ivrtree-uniqueness",
      "test",
      true,
    ),
  );

  it("refuses a second IvrTree with the same treeName, naming both resources", async () => {
    new IvrTree("main", { treeName: "Main menu" });
    expect(await naturalKeyConflict(new IvrTree("main-copy", { treeName: "Main menu " }))).toContain(
      'IvrTree "main-copy" declares the same treeName (Main menu) as IvrTree "main"; Stringee allows only one.',
    );
  });

  it("accepts other names and read-only lookups", async () => {
    new IvrTree("after-hours", { treeName: "After hours" });
    expect(await naturalKeyConflict(new IvrTree("holidays", { treeName: "Holidays" }))).toBeUndefined();
    expect(await naturalKeyConflict(IvrTree.get("lookup-1", "TR_1"))).toBeUndefined();
    expect(await naturalKeyConflict(IvrTree.get("lookup-2", "TR_1"))).toBeUndefined();
  });

  it("registers the thin provider loading stringee-pulumi/runtime", async () => {
    const tree = new IvrTree("registered-tree", { treeName: "Registered" });
    const urn = await new Promise<string>((resolve) => tree.urn.apply(resolve));
    expect(urn).toContain("pulumi-nodejs:dynamic/stringee:IvrTree");
    const provider = String(registered.find((r) => r.name === "registered-tree")?.inputs["__provider"]);
    expect(provider).toContain('require("stringee-pulumi/runtime")');
    expect(provider).toContain('.provider("ivrTree")');
  });
});
