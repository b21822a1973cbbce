// `stringee-pulumi export` without sockets: spec names (slugs, collisions, fallbacks), references by name,
// importId everywhere, SIP password placeholders, Stringee defaults left out, objects the spec cannot hold
// left out with a warning, deterministic output whatever order the API lists things in, and the command's
// arguments, credentials and error lines (through a fake client).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { StringeeApiError } from "../../../provider/client";
import type {
  Agent,
  BlacklistNumber,
  CallSettings,
  GreetingFile,
  Group,
  GroupMember,
  IvrKeypress,
  IvrNode,
  IvrTree,
  Queue,
  QueueGroupRouting,
  SipPhone,
  StringeeNumber,
} from "../../../provider/client";
import {
  UsageError,
  parseExportArgs,
  parseTypes,
  runExport,
  withDependencies,
  type ExportIo,
} from "../../../provider/cli/export";
import { EXPORT_TYPES, readAccount, type AccountReader } from "../../../provider/export/account";
import { assignNames, passwordConfigKey, slugify } from "../../../provider/export/names";
import { SCHEMA_LINE, buildSpec } from "../../../provider/export/spec";
import { parseContactCenterSpec } from "../../../provider/spec/parse";

// ---- a fake account ----

interface FakeAccount {
  queues: Queue[];
  routings: QueueGroupRouting[];
  groups: Group[];
  members: GroupMember[];
  agents: Agent[];
  trees: IvrTree[];
  nodes: IvrNode[];
  keys: IvrKeypress[];
  numbers: StringeeNumber[];
  phones: SipPhone[];
  blacklist: BlacklistNumber[];
  greetings: GreetingFile[];
  settings: CallSettings;
}

const HASH = "ab".repeat(32);

/** A realistic small account: two queues (one with settings), routings, groups, agents, a two-node IVR, numbers, phones. */
function account(): FakeAccount {
  return {
    queues: [
      {
        id: "QU_B",
        name: "Sales",
        recordCalls: false,
        waitAgentAnswerTimeout: 20,
        wrapUpTimeLimit: 10,
        // One of the account's greeting files, and a file name the account does not list.
        waitGreeting: "HOLDMUSICX-1700000000000.wav",
        holdGreeting: "GONEGONEGO-1600000000000.mp3",
      },
      // Every setting at Stringee's default: nothing but the name is written.
      {
        id: "QU_A",
        name: "Hỗ trợ khách hàng",
        recordCalls: true,
        agentWrapUpAfterCalls: true,
        wrapUpTimeLimit: 10,
        schedule: 1,
        waitAgentAnswerTimeout: 15,
        maximumQueueSize: 5,
        maximumQueueWaitTime: 60,
        condRouting: 1,
      },
    ],
    routings: [
      { id: "GR_RO_2", queueId: "QU_B", groupId: "GR_2", primaryGroup: false },
      { id: "GR_RO_1", queueId: "QU_B", groupId: "GR_1", primaryGroup: true },
      { id: "GR_RO_3", queueId: "QU_A", groupId: "GR_3", primaryGroup: true },
    ],
    groups: [
      // "Sales team" and "Sales Team!" slug alike: the smaller id keeps the plain name.
      { id: "GR_2", name: "Sales Team!" },
      { id: "GR_1", name: "Sales team" },
      { id: "GR_3", name: "Support" },
    ],
    members: [
      { groupId: "GR_1", agentId: "AG_1" },
      { groupId: "GR_2", agentId: "AG_1" },
      { groupId: "GR_3", agentId: "AG_2" },
    ],
    agents: [
      {
        id: "AG_2",
        name: "Trần Thị Bích",
        stringeeUserId: "bich",
        manualStatus: "AVAILABLE",
        routingType: 1,
      },
      {
        id: "AG_1",
        name: "Nguyễn Văn Đức",
        stringeeUserId: "duc",
        routingType: 2,
        phoneNumber: "84900000009",
      },
    ],
    trees: [{ id: "TR_1", treeName: "Main IVR", rootNode: "NO_Z" }],
    nodes: [
      // The root has the larger id: it must still be listed first.
      {
        id: "NO_A",
        tree: "TR_1",
        nodeName: "2",
        nodePlayMode: "play",
        nodePlayContent: "https://x.example/a.mp3",
      },
      {
        id: "NO_Z",
        tree: "TR_1",
        nodeName: "Main menu",
        nodePlayMode: "talk",
        nodePlayContent: "Press 1 for sales, # for more.",
        isRootNode: true,
        bargeIn: true,
        loopCount: 3,
        keypressTimeout: 5,
      },
    ],
    keys: [
      { id: "NO_KE_4", node: "NO_A", nodeKey: "EMPTY_KEY", action: 6 },
      { id: "NO_KE_3", node: "NO_Z", nodeKey: "#", action: 4, nextNode: "NO_A" },
      {
        id: "NO_KE_2",
        node: "NO_Z",
        nodeKey: "9",
        action: 3,
        toPhoneNumber: "84900000001",
        fromNumberCalloutToAgent: "84986225112",
      },
      { id: "NO_KE_1", node: "NO_Z", nodeKey: "1", action: 2, queueId: "QU_B" },
    ],
    numbers: [
      {
        id: "NU_2",
        number: "84986225113",
        allowOutboundCalls: false,
        enableIvr: false,
        queueId: "QU_A",
        recordOutboundCalls: true,
      },
      {
        id: "NU_1",
        number: "84986225112",
        nickname: "Hotline",
        allowOutboundCalls: true,
        enableIvr: true,
        ivrMenu: "TR_1",
        queueId: "QU_B",
      },
    ],
    phones: [
      { username: "246_101", shortUsername: "101" },
      { username: "246_100", shortUsername: "100", extension: 100 },
    ],
    blacklist: [
      { id: "BNXJ3OWK", number: "84379361752", ivrBlocked: true, queueBlocked: true },
      { id: "BN000002", number: "84379361753", ivrBlocked: true, queueBlocked: false },
    ],
    greetings: [
      // Uploaded by stringee-pulumi (the description carries the content's hash) and in the dashboard.
      { sid: "SID2", fileName: "HOLDMUSICX-1700000000000.wav", description: `Hold music (sha256:${HASH})` },
      { sid: "SID1", fileName: "VYWKDLWVXL-1531544847245.mp3", description: "File_for_IVR_1", created: 1 },
    ],
    settings: { eventUrl: "https://cc.example/events", getCustomerInfoTimeout: 2000 },
  };
}

/** A reader over `a`; `shuffle` reverses every list to show the API's order does not matter. */
function reader(a: FakeAccount, shuffle = false): AccountReader & { calls: string[] } {
  const order = <T>(items: T[]) => (shuffle ? [...items].reverse() : [...items]);
  const calls: string[] = [];
  const list =
    <T>(name: string, items: () => T[]) =>
    async (parent?: string) => {
      calls.push(parent === undefined ? name : `${name}?${parent}`);
      return order(items());
    };
  return {
    calls,
    queues: { list: list("queues", () => a.queues) },
    groups: { list: list("groups", () => a.groups) },
    agents: { list: list("agents", () => a.agents) },
    ivrTrees: { list: list("ivrTrees", () => a.trees) },
    numbers: { list: list("numbers", () => a.numbers) },
    sipPhones: { list: list("sipPhones", () => a.phones) },
    ivrNodes: { list: (tree) => list("ivrNodes", () => a.nodes.filter((n) => n.tree === tree))(tree) },
    ivrKeypresses: {
      list: (node) => list("ivrKeypresses", () => a.keys.filter((k) => k.node === node))(node),
    },
    groupMembers: { list: (g) => list("groupMembers", () => a.members.filter((m) => m.groupId === g))(g) },
    queueGroupRoutings: {
      list: (q) => list("queueGroupRoutings", () => a.routings.filter((r) => r.queueId === q))(q),
    },
    blacklistNumbers: { list: list("blacklistNumbers", () => a.blacklist) },
    greetingFiles: { list: list("greetingFiles", () => a.greetings) },
    callSettings: {
      get: async () => {
        calls.push("callSettings");
        return { ...a.settings };
      },
    },
  };
}

const ALL = new Set(EXPORT_TYPES);

async function exportText(a: FakeAccount, shuffle = false) {
  const snapshot = await readAccount(reader(a, shuffle), { types: ALL });
  return buildSpec(snapshot, { types: ALL });
}

// ---- names ----

describe("spec names", () => {
  it("are slugs of the display name, with Vietnamese letters read without their marks", () => {
    expect(slugify("Sales Team!")).toBe("sales-team");
    expect(slugify("Hỗ trợ khách hàng")).toBe("ho-tro-khach-hang");
    expect(slugify("Nguyễn Văn Đức")).toBe("nguyen-van-duc");
    expect(slugify("  --Main   IVR (dev)-- ")).toBe("main-ivr-dev");
    expect(slugify("dev_sales_1")).toBe("dev_sales_1");
    expect(slugify("客服")).toBe("");
    expect(slugify("x".repeat(200))).toHaveLength(56);
  });

  it("give the plain name to the smallest id and numbered suffixes to the others, whatever the input order", () => {
    const candidates = [
      { id: "ID_C", texts: ["Sales"] },
      { id: "ID_A", texts: ["sales!"] },
      { id: "ID_B", texts: ["SALES"] },
    ];
    const forward = assignNames(candidates, { fallbackPrefix: "queue" });
    const backward = assignNames([...candidates].reverse(), { fallbackPrefix: "queue" });
    expect(Object.fromEntries(forward)).toEqual({ ID_A: "sales", ID_B: "sales-2", ID_C: "sales-3" });
    expect(Object.fromEntries(backward)).toEqual(Object.fromEntries(forward));
  });

  it("never give a collision suffix that another object has as its own name", () => {
    const names = assignNames(
      [
        { id: "ID_1", texts: ["Sales"] },
        { id: "ID_2", texts: ["Sales"] },
        { id: "ID_0", texts: ["Sales 2"] },
      ],
      { fallbackPrefix: "queue" },
    );
    expect(Object.fromEntries(names)).toEqual({ ID_0: "sales-2", ID_1: "sales", ID_2: "sales-3" });
  });

  it("fall back to the next text, then to the kind and id, and keep node names from being all digits", () => {
    const agents = assignNames(
      [
        { id: "AG_1", texts: [undefined, "dev_sales_1"] },
        { id: "AG_2", texts: ["客服", ""] },
      ],
      { fallbackPrefix: "agent" },
    );
    expect(Object.fromEntries(agents)).toEqual({ AG_1: "dev_sales_1", AG_2: "agent-ag_2" });
    const nodes = assignNames([{ id: "NO_1", texts: ["2"] }], {
      fallbackPrefix: "node",
      digitsPrefix: "node",
    });
    expect(nodes.get("NO_1")).toBe("node-2");
  });

  it("name each SIP password config key after its phone", () => {
    expect(passwordConfigKey("desk-100")).toBe("sipPassword-desk-100");
  });
});

// ---- the spec ----

describe("the exported spec", () => {
  it("parses with the project's parser and starts with the schema line", async () => {
    const { text } = await exportText(account());
    expect(text.split("\n")[0]).toBe(SCHEMA_LINE);
    expect(() => parseContactCenterSpec(text, "contact-center.dev.yaml")).not.toThrow();
  });

  it("is the same bytes whatever order the API lists objects in", async () => {
    const a = await exportText(account());
    const b = await exportText(account(), true);
    expect(b.text).toBe(a.text);
    expect(b.warnings).toEqual(a.warnings);
  });

  it("carries every object's id as importId", async () => {
    const spec = parseContactCenterSpec((await exportText(account())).text, "x.yaml");
    expect(spec.queues?.["sales"]?.importId).toBe("QU_B");
    expect(spec.groups?.["sales-team"]?.importId).toBe("GR_1");
    expect(spec.groups?.["sales-team-2"]?.importId).toBe("GR_2");
    expect(spec.agents?.["nguyen-van-duc"]?.importId).toBe("AG_1");
    expect(spec.ivrTrees?.["main-ivr"]?.importId).toBe("TR_1");
    expect(spec.ivrTrees?.["main-ivr"]?.nodes["main-menu"]?.importId).toBe("NO_Z");
    expect(spec.ivrTrees?.["main-ivr"]?.nodes["main-menu"]?.keys?.["1"]?.importId).toBe("NO_KE_1");
    expect(spec.numbers?.["hotline"]?.importId).toBe("NU_1");
    expect(spec.sipPhones?.["100"]?.importId).toBe("246_100");
  });

  it("refers to objects by spec name: keys to queues and nodes, numbers to trees and queues, routings and agents to groups", async () => {
    const spec = parseContactCenterSpec((await exportText(account())).text, "x.yaml");
    const menu = spec.ivrTrees?.["main-ivr"]?.nodes["main-menu"];
    expect(menu?.keys).toEqual({
      "1": { action: "routeToQueue", queue: "sales", importId: "NO_KE_1" },
      "9": {
        action: "forwardToPhone",
        toPhoneNumber: "84900000001",
        fromNumberCalloutToAgent: "84986225112",
        importId: "NO_KE_2",
      },
      "#": { action: "nextNode", nextNode: "node-2", importId: "NO_KE_3" },
    });
    expect(spec.numbers?.["hotline"]).toMatchObject({ ivrMenu: "main-ivr" });
    // The stale queue id of an IVR number is not a reference.
    expect(spec.numbers?.["hotline"]?.queue).toBeUndefined();
    expect(spec.numbers?.["84986225113"]).toMatchObject({
      queue: "ho-tro-khach-hang",
      recordOutboundCalls: true,
    });
    expect(spec.queues?.["sales"]?.groups).toEqual([
      { group: "sales-team", primary: true, importId: "GR_RO_1" },
      { group: "sales-team-2", importId: "GR_RO_2" },
    ]);
    expect(spec.agents?.["nguyen-van-duc"]?.groups).toEqual(["sales-team", "sales-team-2"]);
    expect(spec.agents?.["nguyen-van-duc"]?.groupImportIds).toEqual({
      "sales-team": "GR_1/AG_1",
      "sales-team-2": "GR_2/AG_1",
    });
    expect(spec.agents?.["tran-thi-bich"]?.groups).toEqual(["support"]);
  });

  it("lists the tree's root node first, whatever its id", async () => {
    const spec = parseContactCenterSpec((await exportText(account())).text, "x.yaml");
    expect(Object.keys(spec.ivrTrees?.["main-ivr"]?.nodes ?? {})).toEqual(["main-menu", "node-2"]);
  });

  it("leaves out settings at Stringee's default and the agents' own manualStatus, and keeps the others", async () => {
    const spec = parseContactCenterSpec((await exportText(account())).text, "x.yaml");
    expect(spec.queues?.["ho-tro-khach-hang"]).toEqual({
      name: "Hỗ trợ khách hàng",
      importId: "QU_A",
      groups: [{ group: "support", primary: true, importId: "GR_RO_3" }],
    });
    expect(spec.queues?.["sales"]).toMatchObject({ recordCalls: false, waitAgentAnswerTimeout: 20 });
    expect(spec.queues?.["sales"]?.wrapUpTimeLimit).toBeUndefined();
    const menu = spec.ivrTrees?.["main-ivr"]?.nodes["main-menu"];
    expect(menu).toMatchObject({ loopCount: 3 });
    expect(menu?.bargeIn).toBeUndefined();
    expect(menu?.keypressTimeout).toBeUndefined();
    expect(spec.agents?.["tran-thi-bich"]).toEqual({
      name: "Trần Thị Bích",
      stringeeUserId: "bich",
      importId: "AG_2",
      groups: ["support"],
      groupImportIds: { support: "GR_3/AG_2" },
    });
    expect(spec.agents?.["nguyen-van-duc"]).toMatchObject({ routingType: 2, phoneNumber: "84900000009" });
  });

  it("names a secret config key for each SIP phone instead of its password, and lists them", async () => {
    const built = await exportText(account());
    const spec = parseContactCenterSpec(built.text, "x.yaml");
    expect(spec.sipPhones).toEqual({
      "100": { username: "100", importId: "246_100", extension: 100, passwordConfig: "sipPassword-100" },
      "101": { username: "101", importId: "246_101", passwordConfig: "sipPassword-101" },
    });
    expect(built.passwords).toEqual([
      { phone: "100", username: "100", configKey: "sipPassword-100" },
      { phone: "101", username: "101", configKey: "sipPassword-101" },
    ]);
  });

  it("quotes strings that YAML 1.1 tools would read as numbers", async () => {
    const { text } = await exportText(account());
    expect(text).toContain('importId: "246_100"');
    expect(text).toContain('number: "84986225112"');
    expect(text).toContain('"1":');
  });

  it("counts what it wrote", async () => {
    expect((await exportText(account())).counts).toEqual([
      ["queues", 2],
      ["queue routings", 3],
      ["groups", 3],
      ["agents", 2],
      ["group memberships", 3],
      ["IVR trees", 1],
      ["IVR nodes", 2],
      ["IVR keypresses", 4],
      ["numbers", 2],
      ["SIP phones", 2],
      ["blacklist numbers", 2],
      ["greeting files", 2],
      ["call settings", 1],
    ]);
  });

  it("writes blocked callers with only the refusals that are off, adopted by their ids", async () => {
    const spec = parseContactCenterSpec((await exportText(account())).text, "x.yaml");
    expect(spec.blacklist).toEqual({
      "caller-84379361752": { number: "84379361752", importId: "BNXJ3OWK" },
      "caller-84379361753": { number: "84379361753", importId: "BN000002", queueBlocked: false },
    });
  });

  it("writes greeting files without file (uploads cannot be downloaded), with a warning, and plays them by name", async () => {
    const built = await exportText(account());
    const spec = parseContactCenterSpec(built.text, "x.yaml");
    expect(spec.greetings).toEqual({
      "hold-music": { description: "Hold music", importId: "SID2" },
      file_for_ivr_1: { description: "File_for_IVR_1", importId: "SID1" },
    });
    expect(spec.queues?.["sales"]?.waitGreeting).toEqual({ greeting: "hold-music" });
    // A file name the account does not list stays a string.
    expect(spec.queues?.["sales"]?.holdGreeting).toBe("GONEGONEGO-1600000000000.mp3");
    expect(built.warnings.join("\n")).toContain(
      "the 2 greetings are written without `file` and adopted as they are",
    );
  });

  it("an IVR node in play mode plays a greeting of the spec when it names an exported file", async () => {
    const a = account();
    a.nodes[0]!.nodePlayContent = "VYWKDLWVXL-1531544847245.mp3";
    const spec = parseContactCenterSpec((await exportText(a)).text, "x.yaml");
    expect(spec.ivrTrees?.["main-ivr"]?.nodes["node-2"]?.content).toEqual({ greeting: "file_for_ivr_1" });
  });

  it("writes the call settings that differ from Stringee's defaults, adopted as callsettings, and none when all are default", async () => {
    const spec = parseContactCenterSpec((await exportText(account())).text, "x.yaml");
    expect(spec.callSettings).toEqual({ eventUrl: "https://cc.example/events", importId: "callsettings" });
    const a = account();
    a.settings = { getCustomerInfoTimeout: 2000 };
    expect(parseContactCenterSpec((await exportText(a)).text, "x.yaml").callSettings).toBeUndefined();
  });

  it("leaves out, with a warning, what the spec cannot hold, and everything that refers to it", async () => {
    const a = account();
    // Stringee lets two queues share a name; the spec cannot (the later id is left out)...
    a.queues.push({ id: "QU_C", name: "Sales" });
    // ...so a key routing to it, and a number answering with it, go too.
    a.keys.push({ id: "NO_KE_5", node: "NO_Z", nodeKey: "5", action: 2, queueId: "QU_C" });
    a.numbers.push({
      id: "NU_3",
      number: "84986225114",
      allowOutboundCalls: true,
      enableIvr: false,
      queueId: "QU_C",
    });
    // A tree without nodes cannot be a spec tree; a number using it goes with it.
    a.trees.push({ id: "TR_2", treeName: "Empty" });
    a.numbers.push({
      id: "NU_4",
      number: "84986225115",
      allowOutboundCalls: true,
      enableIvr: true,
      ivrMenu: "TR_2",
    });
    // A key going to a node of another tree, and an action the spec does not know.
    a.trees.push({ id: "TR_3", treeName: "Other" });
    a.nodes.push({
      id: "NO_O",
      tree: "TR_3",
      nodeName: "Other menu",
      nodePlayMode: "talk",
      nodePlayContent: "Hi",
    });
    a.keys.push({ id: "NO_KE_6", node: "NO_Z", nodeKey: "6", action: 4, nextNode: "NO_O" });
    a.keys.push({ id: "NO_KE_7", node: "NO_Z", nodeKey: "7", action: 9 });
    const built = await exportText(a);
    const spec = parseContactCenterSpec(built.text, "x.yaml");
    expect(Object.keys(spec.queues ?? {}).sort()).toEqual(["ho-tro-khach-hang", "sales"]);
    expect(Object.keys(spec.ivrTrees?.["main-ivr"]?.nodes["main-menu"]?.keys ?? {})).toEqual(["1", "9", "#"]);
    expect(Object.keys(spec.ivrTrees ?? {}).sort()).toEqual(["main-ivr", "other"]);
    expect(
      Object.values(spec.numbers ?? {})
        .map((n) => n.number)
        .sort(),
    ).toEqual(["84986225112", "84986225113"]);
    const text = built.warnings.join("\n");
    expect(text).toMatch(/queue QU_C is left out: name "Sales" is also used by QU_B/);
    expect(text).toMatch(/NO_KE_5 .* left out: its queue QU_C is not exported/);
    expect(text).toMatch(/number NU_3 .* left out: its queue QU_C/);
    expect(text).toMatch(/IVR tree TR_2 .* left out: it has no node/);
    expect(text).toMatch(/number NU_4 .* left out: its IVR tree TR_2/);
    expect(text).toMatch(/NO_KE_6 .* next node NO_O is not an exported node of the same tree/);
    expect(text).toMatch(/NO_KE_7 .* action 9 is not one the spec knows/);
  });

  it("leaves out a setting the resource refuses and keeps the object (the setting stays unmanaged)", async () => {
    const a = account();
    a.queues[0] = { id: "QU_B", name: "Sales", waitAgentAnswerTimeout: 1, maximumQueueSize: 7 };
    const built = await exportText(a);
    const spec = parseContactCenterSpec(built.text, "x.yaml");
    expect(spec.queues?.["sales"]).toMatchObject({ maximumQueueSize: 7, importId: "QU_B" });
    expect(spec.queues?.["sales"]?.waitAgentAnswerTimeout).toBeUndefined();
    expect(built.warnings.join("\n")).toMatch(/queue QU_B \("Sales"\): waitAgentAnswerTimeout is left out/);
  });

  it("marks one primary group per queue and says what the first up will change when the account has none", async () => {
    const a = account();
    for (const r of a.routings) r.primaryGroup = false;
    const built = await exportText(a);
    const spec = parseContactCenterSpec(built.text, "x.yaml");
    expect(spec.queues?.["sales"]?.groups).toEqual([
      { group: "sales-team", importId: "GR_RO_1" },
      { group: "sales-team-2", importId: "GR_RO_2" },
    ]);
    expect(built.warnings.join("\n")).toMatch(
      /queue QU_B \("Sales"\) has no primary group; .*\(sales-team\) primary/,
    );
  });

  it("writes only the sections asked for", async () => {
    const types = withDependencies(["sipPhones"]);
    const built = buildSpec(await readAccount(reader(account()), { types }), { types });
    expect(built.text).not.toMatch(/^queues:/m);
    expect(parseContactCenterSpec(built.text, "x.yaml")).toEqual({
      sipPhones: expect.objectContaining({ "100": expect.anything() }),
    });
  });

  it("of an empty account is the header only and parses", async () => {
    const empty: FakeAccount = {
      queues: [],
      routings: [],
      groups: [],
      members: [],
      agents: [],
      trees: [],
      nodes: [],
      keys: [],
      numbers: [],
      phones: [],
      blacklist: [],
      greetings: [],
      settings: { getCustomerInfoTimeout: 2000 },
    };
    const built = await exportText(empty);
    expect(built.text.split("\n").filter((l) => l !== "" && !l.startsWith("#"))).toEqual([]);
    expect(parseContactCenterSpec(built.text, "x.yaml")).toEqual({});
  });
});

// ---- reading ----

describe("reading the account", () => {
  it("reports one progress line per collection, with counts", async () => {
    const lines: string[] = [];
    await readAccount(reader(account()), { types: ALL, progress: (l) => lines.push(l) });
    expect(lines).toEqual([
      "queues: 2 queues",
      "queue routings: 3 routings in 2 queues",
      "groups: 3 groups",
      "agents: 2 agents",
      "group members: 3 memberships in 3 groups",
      "IVR trees: 1 tree",
      "IVR nodes: 2 nodes in 1 tree",
      "IVR keypresses: 4 keypresses in 2 nodes",
      "numbers: 2 numbers",
      "SIP phones: 2 phones",
      "blacklist: 2 numbers",
      "greeting files: 2 files",
      "call settings: read",
    ]);
  });

  it("reads only the selected collections", async () => {
    const r = reader(account());
    await readAccount(r, { types: new Set(["sipPhones"] as const) });
    expect(r.calls).toEqual(["sipPhones"]);
  });
});

// ---- the command ----

describe("export's arguments", () => {
  it("default to stack dev, every section and the current folder", () => {
    expect(parseExportArgs([])).toEqual({ stack: "dev", out: ".", force: false, help: false });
    expect(parseExportArgs(["--stack=prod", "--out", "specs", "--types", "numbers,SIPPHONES"])).toMatchObject(
      {
        stack: "prod",
        out: "specs",
        types: ["numbers", "sipPhones"],
      },
    );
  });

  it("refuse unknown sections, unknown flags, missing values and a secret on the command line", () => {
    expect(() => parseTypes("queues,phones")).toThrow(
      new UsageError(
        '--types: unknown section "phones"; use queues, groups, agents, ivrTrees, numbers, sipPhones, blacklist, greetings, callSettings.',
      ),
    );
    expect(() => parseExportArgs(["--bogus"])).toThrow(/unknown argument "--bogus"/);
    expect(() => parseExportArgs(["--stack"])).toThrow(/--stack needs a value/);
    expect(() => parseExportArgs(["--stack", "a/b"])).toThrow(/is not a stack name/);
    expect(() => parseExportArgs(["--api-key-secret", "s3cr3t"])).toThrow(/--api-key-secret is not accepted/);
  });

  it("add the sections the asked ones refer to", () => {
    expect([...withDependencies(["numbers"])]).toEqual(["queues", "groups", "ivrTrees", "numbers"]);
    expect([...withDependencies(["agents"])]).toEqual(["groups", "agents"]);
    expect([...withDependencies(undefined)]).toEqual([...EXPORT_TYPES]);
  });
});

describe("the export command", () => {
  const SECRET = "unit-secret-value-123";
  const ENV = { STRINGEE_API_KEY_SID: "SK_UNIT", STRINGEE_API_KEY_SECRET: SECRET };
  let dir: string;
  let err: string;
  let out: string;
  const io = (extra: Partial<ExportIo> = {}): ExportIo => ({
    stderr: (t) => (err += t),
    stdout: (t) => (out += t),
    env: ENV,
    client: () => reader(account()),
    now: () => 0,
    ...extra,
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-unit-"));
    err = "";
    out = "";
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes contact-center.<stack>.yaml, prints its path, progress and the config commands for SIP passwords", async () => {
    const result = await runExport(["--stack", "staging", "--out", dir], io());
    const file = path.join(dir, "contact-center.staging.yaml");
    expect(result.code).toBe(0);
    expect(out).toBe(`${file}\n`);
    expect(fs.readFileSync(file, "utf8")).toBe(result.built?.text);
    expect(err).toContain("  queues: 2 queues\n");
    expect(err).toContain(`Wrote ${file}: 29 objects (2 queues, 3 queue routings,`);
    expect(err).toContain(
      "  pulumi config set --stack staging --secret sipPassword-100 <password>   # SIP user 100\n",
    );
    expect(err).toContain(
      "  pulumi config set --stack staging --secret sipPassword-101 <password>   # SIP user 101\n",
    );
    expect(err).not.toContain("STRINGEE_ADOPT_EXISTING");
    expect(err + out).not.toContain(SECRET);
  });

  it("refuses to overwrite a spec unless --force", async () => {
    const file = path.join(dir, "contact-center.dev.yaml");
    fs.writeFileSync(file, "# mine\n");
    const refused = await runExport(["--out", dir], io());
    expect(refused.code).toBe(2);
    expect(err).toMatch(/contact-center\.dev\.yaml already exists; pass --force/);
    expect(fs.readFileSync(file, "utf8")).toBe("# mine\n");
    expect((await runExport(["--out", dir, "--force"], io())).code).toBe(0);
    expect(fs.readFileSync(file, "utf8")).not.toBe("# mine\n");
  });

  it("fails with one line naming both ways to set credentials when they are missing", async () => {
    const result = await runExport(["--out", dir], io({ env: { STRINGEE_API_KEY_SID: "SK_UNIT" } }));
    expect(result.code).toBe(2);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toMatch(/missing: API key secret/);
    expect(err).toMatch(/STRINGEE_API_KEY_SID and STRINGEE_API_KEY_SECRET/);
    expect(err).toMatch(/--api-key-sid SID and --api-key-secret-file FILE/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("reads the secret from --api-key-secret-file", async () => {
    const secretFile = path.join(dir, "secret");
    fs.writeFileSync(secretFile, `${SECRET}\n`);
    let seen: string | undefined;
    const result = await runExport(
      ["--out", dir, "--api-key-sid", "SK_FLAG", "--api-key-secret-file", secretFile],
      io({
        env: {},
        client: (s) => {
          seen = `${s.apiKeySid}:${s.apiKeySecret}`;
          return reader(account());
        },
      }),
    );
    expect(result.code).toBe(0);
    expect(seen).toBe(`SK_FLAG:${SECRET}`);
  });

  it("fails with one line on a refused API key, without the secret", async () => {
    const refusing = reader(account());
    refusing.queues.list = async () => {
      throw new StringeeApiError({
        method: "GET",
        path: "/v1/queue",
        httpStatus: 401,
        r: 6,
        apiMessage: "invalid token",
        outcome: "failed",
      });
    };
    const result = await runExport(["--out", dir], io({ client: () => refusing }));
    expect(result.code).toBe(1);
    const lines = err.trim().split("\n");
    expect(lines[lines.length - 1]).toMatch(
      /^stringee-pulumi export: Stringee refused the API key \(GET \/v1\/queue: HTTP 401, r=6 "invalid token"\); check STRINGEE_API_KEY_SID and STRINGEE_API_KEY_SECRET/,
    );
    expect(err).not.toContain(SECRET);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("says which sections it adds to --types", async () => {
    const result = await runExport(["--out", dir, "--types", "numbers"], io());
    expect(result.code).toBe(0);
    expect(err).toContain(
      "also exporting queues, groups, ivrTrees: the sections asked for refer to them by name.",
    );
  });

  it("documents its options in --help", async () => {
    const result = await runExport(["--help"], io());
    expect(result.code).toBe(0);
    for (const flag of ["--stack", "--types", "--out", "--force", "--api-key-sid", "--api-key-secret-file"])
      expect(out).toContain(flag);
  });
});
