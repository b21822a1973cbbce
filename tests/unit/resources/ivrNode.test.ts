// stringee.IvrNode without sockets: check (table-driven rules, play needs an http(s) URL, canonical
// inputs, unknown and snake_case properties, the preview marker), diff (never needs the API; a new tree
// replaces the node; playback settings left undeclared are not managed and never diff), the lifecycle
// over the real client answered in-process by the emulator in both readings (root flag, `<tree>/<id>`
// ids), the serialized provider, and program-side uniqueness of tree + nodeName under Pulumi's mocks.
import * as pulumi from "@pulumi/pulumi";
import { Lifecycle, UNKNOWN, alreadyExistsMessage } from "../../../provider/kinds/framework";
import {
  IVR_NODE_DEFAULTS as DOCUMENTED,
  checkIvrNode,
  ivrNodeDefinition,
} from "../../../provider/kinds/ivrNode";
import { IvrNode } from "../../../provider/resources/ivrNode";
import { emulatedStringee, emulatorDefaults, type EmulatedStringee } from "./emulatedClient";
import { naturalKeyConflict } from "./naturalKeys";

type Props = Record<string, unknown>;

/** What Stringee fills in for the playback settings a node leaves out (its documented defaults, the emulator's). */
const IVR_NODE_DEFAULTS = emulatorDefaults("ivrnode");

interface RuleCase {
  rule: string;
  raw: Props;
  property: string;
  mentions: string[];
}

const ARGS: Props = {
  tree: "TR_MAIN",
  nodeName: "Welcome",
  nodePlayMode: "talk",
  nodePlayContent: "Welcome to Acme. Press 1 for sales.",
};
const AUDIO = "https://cdn.example.com/welcome.mp3";
const PLAY: Props = { ...ARGS, nodePlayMode: "play", nodePlayContent: AUDIO };
const PLAY_HINT =
  'with nodePlayMode "play" it must name an uploaded WAV or MP3 file (a GreetingFile\'s fileName) or be the http(s) URL of one';

describe("IvrNode check", () => {
  const rules: RuleCase[] = [
    {
      rule: "tree is required",
      raw: { ...ARGS, tree: undefined },
      property: "tree",
      mentions: ["IvrNode requires tree", "the IVR tree id"],
    },
    {
      rule: "a tree id longer than 64 characters is refused",
      raw: { ...ARGS, tree: "T".repeat(65) },
      property: "tree",
      mentions: ["at most 64 characters"],
    },
    {
      rule: "nodeName is required",
      raw: { ...ARGS, nodeName: "" },
      property: "nodeName",
      mentions: ["IvrNode requires nodeName"],
    },
    {
      rule: "a nodeName longer than 100 characters is refused",
      raw: { ...ARGS, nodeName: "n".repeat(101) },
      property: "nodeName",
      mentions: ["at most 100 characters", "got 101"],
    },
    {
      rule: "nodePlayMode is required",
      raw: { ...ARGS, nodePlayMode: undefined },
      property: "nodePlayMode",
      mentions: ["IvrNode requires nodePlayMode", '"talk"', '"play"'],
    },
    ...["sing", "TALK", 1].map((mode) => ({
      rule: `nodePlayMode ${JSON.stringify(mode)} is refused`,
      raw: { ...ARGS, nodePlayMode: mode },
      property: "nodePlayMode",
      mentions: ['must be one of "talk", "play"', `got ${typeof mode === "string" ? `"${mode}"` : mode}`],
    })),
    {
      rule: "nodePlayContent is required for talk",
      raw: { ...ARGS, nodePlayContent: undefined },
      property: "nodePlayContent",
      mentions: ["IvrNode requires nodePlayContent"],
    },
    {
      rule: "talk text longer than 4000 characters is refused",
      raw: { ...ARGS, nodePlayContent: "w".repeat(4001) },
      property: "nodePlayContent",
      mentions: ["at most 4000 characters", "got 4001"],
    },
    {
      rule: "nodePlayContent is required for play, and the reason says it names an uploaded file",
      raw: { ...PLAY, nodePlayContent: undefined },
      property: "nodePlayContent",
      mentions: ["IvrNode requires nodePlayContent", PLAY_HINT],
    },
    ...["Welcome to Acme", "ftp://cdn.example.com/a.mp3", "cdn.example.com/a.mp3", "https://x y.mp3"].map(
      (content) => ({
        rule: `play refuses the content ${JSON.stringify(content)}: neither a file name nor an http(s) URL`,
        raw: { ...PLAY, nodePlayContent: content },
        property: "nodePlayContent",
        mentions: [JSON.stringify(content), "is not valid", PLAY_HINT, 'use nodePlayMode "talk" for text'],
      }),
    ),
    {
      rule: "a play URL longer than 1000 characters is refused",
      raw: { ...PLAY, nodePlayContent: `https://cdn.example.com/${"a".repeat(1000)}.mp3` },
      property: "nodePlayContent",
      mentions: ["at most 1000 characters"],
    },
    {
      rule: "bargeIn must be a boolean",
      raw: { ...ARGS, bargeIn: "yes" },
      property: "bargeIn",
      mentions: ["must be true or false", '"yes"'],
    },
    ...(
      [
        ["loopCount", 0, "1", "10"],
        ["loopCount", 11, "1", "10"],
        ["sched", -1, "0", "∞"],
        ["speed", -4, "-3", "3"],
        ["speed", 4, "-3", "3"],
        ["keypressTimeout", 0, "1", "60"],
        ["keypressTimeout", 61, "1", "60"],
      ] as const
    ).map(([property, value, min, max]) => ({
      rule: `${property} ${value} is out of range`,
      raw: { ...ARGS, [property]: value },
      property,
      mentions: [`must be between ${min} and ${max}`, `got ${value}`],
    })),
    ...(["loopCount", "sched", "speed", "keypressTimeout"] as const).map((property) => ({
      rule: `${property} must be an integer`,
      raw: { ...ARGS, [property]: 1.5 },
      property,
      mentions: ["must be an integer", "got 1.5"],
    })),
    {
      rule: "a voice longer than 100 characters is refused",
      raw: { ...ARGS, voice: "v".repeat(101) },
      property: "voice",
      mentions: ["at most 100 characters"],
    },
    ...(
      [
        ["node_name", "nodeName"],
        ["node_play_mode", "nodePlayMode"],
        ["node_play_content", "nodePlayContent"],
        ["loop_count", "loopCount"],
        ["keypress_timeout", "keypressTimeout"],
        ["barge_in", "bargeIn"],
      ] as const
    ).map(([snake, camel]) => ({
      rule: `the API's snake_case name ${snake} is refused with a hint`,
      raw: { ...ARGS, [snake]: 1 },
      property: snake,
      mentions: [`IvrNode has no property ${snake}`, `Did you mean ${camel}?`, "camelCase"],
    })),
    {
      rule: "the read-only isRootNode is not an input",
      raw: { ...ARGS, isRootNode: true },
      property: "isRootNode",
      mentions: ["IvrNode has no property isRootNode", "Known properties:", "keypressTimeout"],
    },
  ];
  it.each(rules)("$rule", (c) => {
    const failures = checkIvrNode(c.raw).failures;
    expect(failures.map((f) => f.property)).toEqual([c.property]);
    expect(failures[0]!.reason).toContain(c.property);
    for (const text of c.mentions) expect(failures[0]!.reason).toContain(text);
  });

  it("canonicalises valid inputs: trimmed strings, digit text as integers, nothing undeclared filled in", () => {
    expect(
      checkIvrNode({
        tree: " TR_MAIN ",
        nodeName: " Welcome ",
        nodePlayMode: "play",
        nodePlayContent: ` ${AUDIO} `,
        speed: "-2",
        keypressTimeout: "10",
        bargeIn: false,
      }),
    ).toEqual({
      inputs: { ...PLAY, speed: -2, keypressTimeout: 10, bargeIn: false },
      failures: [],
    });
    const { inputs } = checkIvrNode(ARGS);
    expect(Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined))).toEqual(ARGS);
  });

  it("talk accepts any text, including a URL; http and https URLs are accepted by play", () => {
    expect(checkIvrNode({ ...ARGS, nodePlayContent: AUDIO }).failures).toEqual([]);
    expect(checkIvrNode({ ...PLAY, nodePlayContent: "http://cdn.example.com/a.wav" }).failures).toEqual([]);
  });

  it("play takes the name Stringee gave an uploaded file (a GreetingFile's fileName), as its page documents", () => {
    for (const name of ["VYWKDLWVXL-1531544847245.mp3", "HOLDMUSICX-1700000000000.WAV"])
      expect(checkIvrNode({ ...PLAY, nodePlayContent: name }).failures).toEqual([]);
    expect(checkIvrNode({ ...PLAY, nodePlayContent: "hold.ogg" }).failures[0]?.property).toBe(
      "nodePlayContent",
    );
  });

  it("accepts the bounds of every range", () => {
    const low = { loopCount: 1, sched: 0, speed: -3, keypressTimeout: 1 };
    const high = { loopCount: 10, sched: 99, speed: 3, keypressTimeout: 60 };
    expect(checkIvrNode({ ...ARGS, ...low }).failures).toEqual([]);
    expect(checkIvrNode({ ...ARGS, ...high }).failures).toEqual([]);
  });

  it("never judges values unknown at preview", () => {
    const raw: Props = {};
    for (const f of ivrNodeDefinition.diffed) raw[f] = UNKNOWN;
    expect(checkIvrNode(raw).failures).toEqual([]);
    // play with content unknown at preview, and text with a mode unknown at preview.
    expect(checkIvrNode({ ...PLAY, nodePlayContent: UNKNOWN }).failures).toEqual([]);
    expect(checkIvrNode({ ...ARGS, nodePlayMode: UNKNOWN }).failures).toEqual([]);
  });

  it("Lifecycle.check keeps a string importId (bare or <tree>/<id>)", () => {
    const lc = new Lifecycle(ivrNodeDefinition, () => {
      throw new Error("check must not need a client");
    });
    expect(lc.check({ ...ARGS, importId: "TR_MAIN/NO_1", __provider: "text" })).toEqual({
      inputs: { ...ARGS, importId: "TR_MAIN/NO_1" },
      failures: [],
    });
  });
});

// ---- diff ----

const offline = new Lifecycle(ivrNodeDefinition, () => {
  throw new Error("no client in diff");
});
const news = (raw: Props): Props => {
  const result = offline.check(raw);
  expect(result.failures).toEqual([]);
  return result.inputs as Props;
};
const defaultsWithout = (...fields: string[]): Props =>
  Object.fromEntries(Object.entries(IVR_NODE_DEFAULTS).filter(([k]) => !fields.includes(k)));
/** State after creating `ARGS` with `extra` declared. */
const stateOf = (id: string, extra: Props = {}, isRootNode = true): Props => ({
  ...ARGS,
  ...extra,
  stringeeId: id,
  isRootNode,
  apiDefaults: defaultsWithout(...Object.keys(extra)),
});
const STATE = stateOf("NO_294UFJIAVSI91WID");
/** The API's defaults next to the declared fields, as an older provider stored them. */
const FLAT_STATE: Props = {
  ...ARGS,
  ...IVR_NODE_DEFAULTS,
  stringeeId: "NO_294UFJIAVSI91WID",
  isRootNode: true,
};
const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false, stables: ["stringeeId"] };
const UPDATE = { changes: true, replaces: [], deleteBeforeReplace: false, stables: ["stringeeId"] };
const REPLACE_TREE = {
  changes: true,
  replaces: ["tree"],
  deleteBeforeReplace: false,
  stables: ["stringeeId"],
};

describe("IvrNode diff", () => {
  it.each([
    ["reported apart", STATE],
    ["next to the declared fields", FLAT_STATE],
  ])("no change when state holds the API's defaults %s for settings left undeclared", (_how, state) => {
    expect(offline.diff(state, news(ARGS))).toEqual(NO_CHANGE);
    expect(offline.diff(state, news({ ...ARGS, importId: "TR_MAIN/NO_294UFJIAVSI91WID" }))).toEqual(
      NO_CHANGE,
    );
  });

  it("no change when the root flag changed or an undeclared setting drifted in Stringee", () => {
    const drifted = { ...FLAT_STATE, isRootNode: false, voice: "other-voice", speed: 2, loopCount: 3 };
    expect(offline.diff(drifted, news(ARGS))).toEqual(NO_CHANGE);
  });

  it("no change for equivalent spellings: trimmed strings, digit text for integers", () => {
    const state = stateOf("NO_1", { speed: -1 });
    expect(offline.diff(state, news({ ...ARGS, nodeName: " Welcome ", speed: "-1" }))).toEqual(NO_CHANGE);
  });

  it("no change when a setting was never declared, whatever state holds for it (it is not managed)", () => {
    expect(offline.diff(stateOf("NO_1", { speed: 2, voice: "x" }), news(ARGS))).toEqual(NO_CHANGE);
    expect(offline.check(ARGS, ARGS).inputs).toEqual(ARGS);
  });

  it("a setting that stops being declared goes back to Stringee's default: check fills it in, diff sees an update", () => {
    const declared = {
      ...ARGS,
      bargeIn: false,
      loopCount: 3,
      voice: "en_female",
      speed: 2,
      keypressTimeout: 9,
    };
    const cleared = offline.check(ARGS, declared);
    expect(cleared).toEqual({
      inputs: {
        ...ARGS,
        bargeIn: true,
        loopCount: 1,
        voice: DOCUMENTED.voice,
        speed: 0,
        keypressTimeout: 5,
        resetToDefaults: ["bargeIn", "loopCount", "voice", "speed", "keypressTimeout"],
      },
      failures: [],
    });
    expect(offline.diff(stateOf("NO_1", declared), cleared.inputs)).toEqual(UPDATE);
    // Already at the default when it stops being declared: nothing to send, no longer managed.
    expect(offline.check(ARGS, { ...ARGS, sched: 0, speed: 0 }).inputs).toEqual(ARGS);
  });

  it("the documented defaults are the IVR node page's (the emulator's, written independently)", () => {
    expect(DOCUMENTED).toEqual(IVR_NODE_DEFAULTS);
  });

  it("a new tree replaces the node, creating the replacement first", () => {
    expect(offline.diff(STATE, news({ ...ARGS, tree: "TR_OTHER" }))).toEqual(REPLACE_TREE);
  });

  it("a new tree replaces even when other fields change too, and only tree is listed", () => {
    const diff = offline.diff(STATE, news({ ...ARGS, tree: "TR_OTHER", nodeName: "Hello", speed: 1 }));
    expect(diff).toEqual(REPLACE_TREE);
  });

  it.each([
    ["nodeName", { nodeName: "Greeting" }],
    ["nodePlayContent", { nodePlayContent: "Hello" }],
    ["switching to play", { nodePlayMode: "play", nodePlayContent: AUDIO }],
    ["bargeIn", { bargeIn: false }],
    ["loopCount", { loopCount: 2 }],
    ["sched", { sched: 3 }],
    ["voice", { voice: "en_female" }],
    ["speed", { speed: -3 }],
    ["keypressTimeout", { keypressTimeout: 9 }],
  ])("a %s change is an in-place update", (_what, extra) => {
    expect(offline.diff(FLAT_STATE, news({ ...ARGS, ...extra }))).toEqual(UPDATE);
  });
});

// ---- lifecycle over the real client and the emulator ----

// Only the lenient node list shows the root flag; in the strict reading it is read from the tree's root_node.
describe.each(["strict", "lenient"] as const)("IvrNode lifecycle (%s reading)", (reading) => {
  let emu: EmulatedStringee;
  beforeEach(() => {
    emu = emulatedStringee({ reading });
    emu.seed("ivrtree", { id: "TR_MAIN", tree_name: "Main menu" });
    emu.seed("ivrtree", { id: "TR_OTHER", tree_name: "Other" });
  });
  const lc = new Lifecycle(ivrNodeDefinition, () => emu.client);
  /** ARGS in wire form. */
  const NODE_WIRE = {
    tree: ARGS["tree"],
    node_name: ARGS["nodeName"],
    node_play_mode: ARGS["nodePlayMode"],
    node_play_content: ARGS["nodePlayContent"],
  };
  // The emulator fills in the defaults a seed leaves out, and makes a tree's first node its root.
  const seed = (extra: Props = {}) => emu.seed("ivrnode", { id: "NO_EXISTING", ...NODE_WIRE, ...extra });
  const rejectionOf = async (p: Promise<unknown>): Promise<Error> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    return err as Error;
  };
  const defined = (o: unknown) =>
    Object.fromEntries(Object.entries(o as Props).filter(([, v]) => v !== undefined));

  it("create sends only the declared fields; the first node is the root, the API's defaults are reported", async () => {
    const result = await lc.create(news(ARGS));
    const [created] = emu.objects("ivrnode");
    expect(emu.callsOf("ivrNodes.findByNaturalKey")).toEqual([[{ tree: "TR_MAIN", nodeName: "Welcome" }]]);
    expect(emu.callsOf("ivrNodes.create").map(([input]) => defined(input))).toEqual([ARGS]);
    expect(result).toEqual({ id: created?.["id"], outs: stateOf(String(created?.["id"])) });
    expect(emu.writes()).toEqual(["ivrNodes.create"]);
  });

  it("a second node of the tree is not the root", async () => {
    await lc.create(news(ARGS));
    const second = await lc.create(news({ ...ARGS, nodeName: "Sales" }));
    expect(second.outs).toMatchObject({ nodeName: "Sales", isRootNode: false });
  });

  it("create sends the declared playback settings and reports defaults for the others only", async () => {
    const result = await lc.create(news({ ...PLAY, speed: -2, keypressTimeout: 10 }));
    expect(emu.callsOf("ivrNodes.create").map(([input]) => defined(input))).toEqual([
      { ...PLAY, speed: -2, keypressTimeout: 10 },
    ]);
    expect(result.outs).toEqual({
      ...PLAY,
      speed: -2,
      keypressTimeout: 10,
      stringeeId: result.id,
      isRootNode: true,
      apiDefaults: defaultsWithout("speed", "keypressTimeout"),
    });
  });

  it("create refuses a nodeName that already exists in the tree and tells how to adopt it", async () => {
    const id = seed();
    const err = await rejectionOf(lc.create(news(ARGS)));
    expect(err.message).toBe(alreadyExistsMessage("IvrNode", 'nodeName "Welcome" in tree TR_MAIN', id));
    expect(err.message).toContain(`add \`importId: "${id}"\``);
    expect(emu.writes()).toEqual([]);
  });

  it("the same nodeName in another tree is not a conflict", async () => {
    seed({ tree: "TR_OTHER" });
    const result = await lc.create(news(ARGS));
    const inMain = emu.objects("ivrnode").filter((n) => n["tree"] === "TR_MAIN");
    expect(inMain.map((n) => n["id"])).toEqual([result.id]);
  });

  it("create with importId <tree>/<id> adopts the node; only differing declared fields are sent", async () => {
    const id = seed({ node_play_content: "Old prompt", keypress_timeout: 30 });
    const result = await lc.create(news({ ...ARGS, loopCount: 2, importId: `TR_MAIN/${id}` }));
    expect(emu.callsOf("ivrNodes.create")).toEqual([]);
    expect(emu.callsOf("ivrNodes.findByNaturalKey")).toEqual([]);
    // keypressTimeout is not declared: it is not managed, so the adopted value stays.
    expect(emu.callsOf("ivrNodes.update")).toEqual([
      [id, { nodePlayContent: ARGS["nodePlayContent"], loopCount: 2 }],
    ]);
    expect(result).toEqual({
      id,
      outs: {
        ...ARGS,
        loopCount: 2,
        stringeeId: id,
        isRootNode: true,
        importId: `TR_MAIN/${id}`,
        apiDefaults: { ...defaultsWithout("loopCount"), keypressTimeout: 30 },
      },
    });
  });

  it("create with a bare importId looks the node up in the declared tree", async () => {
    const id = seed();
    const result = await lc.create(news({ ...ARGS, importId: id }));
    expect(result.id).toBe(id);
    expect(emu.callsOf("ivrNodes.findById")).toEqual([["TR_MAIN", id]]);
    expect(emu.writes()).toEqual([]);
  });

  it("create with importId refuses a node of another tree: tree cannot be changed", async () => {
    const id = seed({ tree: "TR_OTHER" });
    const err = await rejectionOf(lc.create(news({ ...ARGS, importId: `TR_OTHER/${id}` })));
    expect(err.message).toContain(`importId: IvrNode ${id} cannot be adopted because tree differ`);
    expect(err.message).toContain('declared "TR_MAIN"');
    expect(err.message).toContain('Stringee has "TR_OTHER"');
    expect(emu.writes()).toEqual([]);
  });

  it("an unknown importId fails clearly", async () => {
    const err = await rejectionOf(lc.create(news({ ...ARGS, importId: "TR_MAIN/NO_NOPE" })));
    expect(err.message).toContain('importId: no IvrNode with id "TR_MAIN/NO_NOPE" exists in Stringee');
    expect(emu.writes()).toEqual([]);
  });

  it("read mirrors an out-of-band rename and a changed declared setting, and reports the root flag", async () => {
    const id = seed({ node_name: "Renamed", speed: 3 });
    emu.seed("ivrnode", { ...NODE_WIRE, id: "NO_SOMETHING_ELSE", node_name: "Other" });
    emu.patch("ivrtree", "TR_MAIN", { root_node: "NO_SOMETHING_ELSE" });
    const result = await lc.read(id, stateOf(id, { speed: 1 }));
    expect(result).toEqual({
      id,
      props: { ...stateOf(id, { speed: 3 }, false), nodeName: "Renamed" },
      inputs: { ...ARGS, nodeName: "Renamed", speed: 3 },
    });
  });

  it("read keeps the settings left undeclared out of the inputs", async () => {
    const created = await lc.create(news(ARGS));
    emu.patch("ivrnode", created.id, { voice: "changed-in-dashboard" });
    const result = await lc.read(created.id, created.outs as Props);
    expect(result.inputs).toEqual(ARGS);
    expect((result.props as Props)["apiDefaults"]).toEqual({
      ...IVR_NODE_DEFAULTS,
      voice: "changed-in-dashboard",
    });
    expect(offline.diff(result.props as Props, news(ARGS))).toEqual(NO_CHANGE);
  });

  it("read (as IvrNode.get does) takes the tree from a <tree>/<id> id", async () => {
    const id = seed();
    const result = await lc.read(`TR_MAIN/${id}`, {});
    expect(result).toEqual({ id, props: stateOf(id), inputs: ARGS });
    expect(emu.callsOf("ivrNodes.findById")).toEqual([["TR_MAIN", id]]);
  });

  it("read of a bare id without any known tree explains the <tree>/<id> form", async () => {
    await expect(lc.read("NO_X", {})).rejects.toThrow(
      'IvrNode id "NO_X" needs its tree: use "<tree id>/<node id>".',
    );
  });

  it("read returns {} when the node is gone, and when its whole tree is gone", async () => {
    await expect(lc.read("NO_GONE", stateOf("NO_GONE"))).resolves.toEqual({});
    const id = seed({ tree: "TR_OTHER" });
    // The emulator refuses to delete a tree that has nodes: forced out of band, it leaves the node behind.
    emu.remove("ivrtree", "TR_OTHER", { force: true });
    await expect(lc.read(id, stateOf(id, { tree: "TR_OTHER" }))).resolves.toEqual({});
  });

  it("update sends only the changed fields and never the tree", async () => {
    const id = seed();
    const result = await lc.update(id, stateOf(id), news({ ...ARGS, nodeName: "Greeting", speed: 1 }));
    expect(emu.callsOf("ivrNodes.update")).toEqual([[id, { nodeName: "Greeting", speed: 1 }]]);
    expect(result).toEqual({ outs: { ...stateOf(id, { speed: 1 }), nodeName: "Greeting" } });
  });

  it("switching to play sends the mode and the URL", async () => {
    const id = seed();
    await lc.update(id, stateOf(id), news(PLAY));
    expect(emu.callsOf("ivrNodes.update")).toEqual([[id, { nodePlayMode: "play", nodePlayContent: AUDIO }]]);
  });

  it("a setting that was never declared is not sent (it is left as it is)", async () => {
    const id = seed({ speed: 2 });
    const result = await lc.update(id, stateOf(id), news(ARGS));
    expect(emu.writes()).toEqual([]);
    expect((result.outs as Props)["apiDefaults"]).toEqual({ ...IVR_NODE_DEFAULTS, speed: 2 });
  });

  it("a setting that stops being declared is set back to Stringee's default", async () => {
    const id = seed({ speed: 2, voice: "en_female" });
    const olds = { ...ARGS, speed: 2, voice: "en_female" };
    const result = await lc.update(
      id,
      stateOf(id, { speed: 2, voice: "en_female" }),
      offline.check(ARGS, olds).inputs,
    );
    expect(emu.callsOf("ivrNodes.update")).toEqual([[id, { voice: DOCUMENTED.voice, speed: 0 }]]);
    expect(emu.objects("ivrnode")[0]).toMatchObject({ speed: 0, voice: DOCUMENTED.voice });
    expect(result.outs).toEqual(stateOf(id));
    expect(offline.diff(result.outs as Props, news(ARGS))).toEqual(NO_CHANGE);
  });

  it("update with nothing changed sends nothing", async () => {
    const id = seed();
    await lc.update(id, stateOf(id), news(ARGS));
    expect(emu.writes()).toEqual([]);
  });

  it("delete strips the tree from a <tree>/<id> id; a node already gone is done", async () => {
    const id = seed();
    await lc.delete(`TR_MAIN/${id}`, stateOf(id));
    expect(emu.callsOf("ivrNodes.delete")).toEqual([[id]]);
    expect(emu.objects("ivrnode")).toEqual([]);
    await expect(lc.delete(id, stateOf(id))).resolves.toBeUndefined();
  });
});

// ---- program-side uniqueness ----

describe("one IvrNode per tree and nodeName in a program", () => {
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
      "ivrnode-uniqueness",
      "test",
      true,
    ),
  );
  const node = (tree: string, nodeName: string) => ({
    tree,
    nodeName,
    nodePlayMode: "talk" as const,
    nodePlayContent: `${nodeName} prompt`,
  });

  it("refuses a second IvrNode with the same tree and nodeName, naming both resources", async () => {
    new IvrNode("welcome", node("TR_MAIN", "Welcome"));
    expect(await naturalKeyConflict(new IvrNode("welcome-again", node(" TR_MAIN", "Welcome ")))).toContain(
      'IvrNode "welcome-again" declares the same tree and nodeName (TR_MAIN / Welcome) as IvrNode "welcome"; ' +
        "Stringee allows only one. Remove one of the two declarations or change its tree and nodeName.",
    );
  });

  it("accepts the same nodeName in another tree, another nodeName in the same tree, and lookups", async () => {
    new IvrNode("sales-a", node("TR_A", "Sales"));
    expect(await naturalKeyConflict(new IvrNode("sales-b", node("TR_B", "Sales")))).toBeUndefined();
    expect(await naturalKeyConflict(new IvrNode("support-a", node("TR_A", "Support")))).toBeUndefined();
    expect(await naturalKeyConflict(IvrNode.get("lookup-1", "TR_A/NO_1"))).toBeUndefined();
    expect(await naturalKeyConflict(IvrNode.get("lookup-2", "TR_A/NO_1"))).toBeUndefined();
  });

  it("registers the thin provider loading stringee-pulumi/runtime", async () => {
    const n = new IvrNode("registered-node", node("TR_REG", "Registered"));
    const urn = await new Promise<string>((resolve) => n.urn.apply(resolve));
    expect(urn).toContain("pulumi-nodejs:dynamic/stringee:IvrNode");
    const provider = String(registered.find((r) => r.name === "registered-node")?.inputs["__provider"]);
    expect(provider).toContain('require("stringee-pulumi/runtime")');
    expect(provider).toContain('.provider("ivrNode")');
  });
});
