// Parsing a valid spec: the full fixture comes back typed, with display names defaulted to the map keys,
// null entries as empty objects and IVR nodes in file order. Plus what every problem report shares: all
// problems in one pass, file order, the `file:line:col: path: message` format, unreadable files.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  SpecError,
  formatProblem,
  loadContactCenterSpec,
  parseContactCenterSpec,
} from "../../../provider/spec/parse";
import { queueRoutings, type ContactCenterSpec } from "../../../provider/spec/schema";

const VALID = path.join(__dirname, "fixtures", "valid.yaml");

function errorOf(run: () => unknown): SpecError {
  try {
    run();
  } catch (err) {
    if (err instanceof SpecError) return err;
    throw err;
  }
  throw new Error("expected a SpecError");
}

describe("the valid fixture", () => {
  let spec: ContactCenterSpec;
  beforeAll(() => {
    spec = loadContactCenterSpec(VALID);
  });

  it("points editors at the committed JSON Schema", () => {
    const first = fs.readFileSync(VALID, "utf8").split("\n")[0]!;
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(match).not.toBeNull();
    expect(fs.existsSync(path.resolve(path.dirname(VALID), match![1]!))).toBe(true);
  });

  it("has every section and object", () => {
    expect(Object.keys(spec.queues ?? {})).toEqual(["sales", "support"]);
    expect(Object.keys(spec.groups ?? {})).toEqual(["sales-team", "supervisors"]);
    expect(Object.keys(spec.agents ?? {})).toEqual(["sales-1", "boss"]);
    expect(Object.keys(spec.ivrTrees ?? {})).toEqual(["main"]);
    expect(Object.keys(spec.numbers ?? {})).toEqual(["hotline", "support-line"]);
    expect(Object.keys(spec.sipPhones ?? {})).toEqual(["desk-100"]);
    expect(Object.keys(spec.blacklist ?? {})).toEqual(["spammer", "ivr-only"]);
    expect(Object.keys(spec.greetings ?? {})).toEqual(["hold-music", "sales-intro"]);
    expect(spec.callSettings).toMatchObject({
      eventUrl: "https://example.com/events",
      importId: "callsettings",
    });
  });

  it("keeps greetings as references by name where queues and nodes play them, and file names as strings", () => {
    expect(spec.queues?.["sales"]?.holdGreeting).toEqual({ greeting: "hold-music" });
    expect(spec.queues?.["sales"]?.waitGreeting).toBe("VYWKDLWVXL-1531544847245.mp3");
    expect(spec.ivrTrees?.["main"]?.nodes["sales-menu"]?.content).toEqual({ greeting: "sales-intro" });
    expect(spec.greetings?.["hold-music"]).toEqual({
      file: "audio/hold-music.wav",
      description: "Hold music",
    });
  });

  it("defaults display names to the map keys and keeps declared ones", () => {
    expect(spec.queues?.["sales"]?.name).toBe("Sales");
    expect(spec.queues?.["support"]?.name).toBe("support");
    expect(spec.groups?.["supervisors"]).toEqual({ name: "supervisors" });
    expect(spec.agents?.["boss"]?.name).toBe("boss");
    expect(spec.ivrTrees?.["main"]?.treeName).toBe("Main IVR");
    expect(spec.ivrTrees?.["main"]?.nodes["sales-menu"]?.nodeName).toBe("sales-menu");
  });

  it("keeps IVR nodes in file order (the first is the root) and keys as written", () => {
    const main = spec.ivrTrees!["main"]!;
    expect(Object.keys(main.nodes)).toEqual(["main-menu", "sales-menu"]);
    const keys = main.nodes["main-menu"]!.keys!;
    expect(keys["1"]).toEqual({ action: "nextNode", nextNode: "sales-menu" });
    expect(keys["0"]).toEqual({
      action: "forwardToPhone",
      toPhoneNumber: "84912345678",
      fromNumberCalloutToAgent: "84986225112",
    });
    expect(keys["*"]?.action).toBe("sms");
  });

  it("keeps references as names and the other fields as typed values", () => {
    expect(spec.numbers?.["hotline"]).toEqual({
      number: "84986225112",
      nickname: "Hotline",
      allowOutboundCalls: true,
      ivrMenu: "main",
      recordOutboundCalls: false,
    });
    expect(spec.numbers?.["support-line"]?.queue).toBe("support");
    expect(spec.sipPhones?.["desk-100"]).toEqual({
      username: "100",
      passwordConfig: "deskPassword100",
      extension: 100,
    });
    expect(spec.agents?.["sales-1"]?.routingType).toBe(2);
    expect(spec.queues?.["support"]?.importId).toBe("QU_existing");
  });

  it("decides the primary group of each queue: primary: true, else the first", () => {
    expect(queueRoutings(spec.queues!["sales"]!)).toEqual([
      { group: "sales-team", primary: true },
      { group: "supervisors", primary: false },
    ]);
    expect(queueRoutings({ name: "q", groups: [{ group: "a" }, { group: "b", primary: true }] })).toEqual([
      { group: "a", primary: false },
      { group: "b", primary: true },
    ]);
    expect(queueRoutings({ name: "q", groups: [{ group: "a" }, { group: "b" }] })[0]?.primary).toBe(true);
  });

  it("accepts an empty spec, empty sections and a $schema key", () => {
    expect(parseContactCenterSpec("", "empty.yaml")).toEqual({});
    const empty = parseContactCenterSpec("queues:\n# sales: {}\nnumbers:\n", "sections.yaml");
    expect(empty.queues).toBeUndefined();
    expect(empty.numbers).toBeUndefined();
    expect(parseContactCenterSpec("$schema: ./x.json\n", "s.yaml")).toEqual({ $schema: "./x.json" });
  });
});

describe("problem reports", () => {
  const text = [
    "numbers:", // 1
    '  hotline: { number: "84986225112", allowOutboundCalls: true, ivrMenu: nope }', // 2
    "queues:", // 3
    "  sales:", // 4
    "    record_calls: true", // 5
    "    waitAgentAnswerTimeout: 1", // 6
    "sipPhones:", // 7
    "  desk: { username: 100, passwordConfig: desk }", // 8
  ].join("\n");

  it("lists every problem of the spec in one pass, in file order", () => {
    const err = errorOf(() => parseContactCenterSpec(text, "cc.yaml"));
    expect(err.problems.map((p) => [p.line, p.path])).toEqual([
      [2, "numbers.hotline.ivrMenu"],
      [5, "queues.sales.record_calls"],
      [6, "queues.sales.waitAgentAnswerTimeout"],
      [8, "sipPhones.desk.username"],
    ]);
  });

  it("formats each problem as file:line:col: path: message", () => {
    const err = errorOf(() => parseContactCenterSpec(text, "cc.yaml"));
    expect(err.name).toBe("SpecError");
    const lines = err.message.split("\n");
    expect(lines[0]).toBe("invalid contact-center spec (4 problems):");
    expect(lines[1]).toMatch(/^cc\.yaml:2:\d+: numbers\.hotline\.ivrMenu: ivrMenu refers to IVR tree "nope"/);
    expect(lines.slice(1)).toEqual(err.problems.map(formatProblem));
    expect(formatProblem({ file: "f.yaml", path: "", message: "m" })).toBe("f.yaml: m");
  });

  it("reports the column of the offending key", () => {
    const err = errorOf(() => parseContactCenterSpec(text, "cc.yaml"));
    expect(err.problems[1]).toMatchObject({ line: 5, column: 5 });
  });

  it("reports a misspelt field once, not also as missing", () => {
    const err = errorOf(() =>
      parseContactCenterSpec(
        "numbers:\n  a: { number: '84986225112', allow_outbound_calls: true }\n",
        "n.yaml",
      ),
    );
    expect(err.problems.map((p) => p.path)).toEqual(["numbers.a.allow_outbound_calls"]);
    expect(err.problems[0]!.message).toContain("Did you mean allowOutboundCalls?");
  });

  it("reports an unreadable file as a SpecError", () => {
    const err = errorOf(() => loadContactCenterSpec(path.join(__dirname, "fixtures", "missing.yaml")));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]!.message).toContain("cannot read the spec");
    expect(err.problems[0]!.file).toContain("missing.yaml");
  });

  it("can be built from problems found elsewhere (the program's config checks)", () => {
    const err = new SpecError([{ file: "a.yaml", path: "sipPhones.d.passwordConfig", message: "not set" }]);
    expect(err.message).toBe(
      "invalid contact-center spec (1 problem):\na.yaml: sipPhones.d.passwordConfig: not set",
    );
  });
});
