// Bad input fails at preview naming the field and the fix, with 0 API calls. One emulator and one Pulumi
// project (the GitOps program) serve every case: each case writes a bad contact-center.dev.yaml (or a bad
// TypeScript program using the resource classes), runs `pulumi preview` and checks that it fails, that the
// output names the spec path (or property) and says how to fix it, and that the emulator saw no request at
// all. The credentials are valid, so a failure can only come from validation.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EmulatorControl } from "../support/emulatorControl";
import { PulumiProject, REPO_ROOT } from "./harness";

const PROGRAM = readFileSync(join(REPO_ROOT, "program/index.ts"), "utf8");
const DEV_SPEC = readFileSync(join(REPO_ROOT, "contact-center.dev.yaml"), "utf8");
const FILE = "contact-center.dev.yaml";
const DIGITS = "digits only with the country code";
const long = (n: number) => "x".repeat(n);

/** A bad spec: the problem expected at `path` (and `line`), with texts the message must contain. */
interface SpecCase {
  /** What is wrong, used as the test name. */
  name: string;
  /** The whole spec file. */
  spec: string;
  /** Expected spec path ("" for the whole file). */
  path: string;
  /** Expected 1-based line: a number, or a text whose first occurrence marks the line. */
  line: number | string;
  /** Texts the output must contain: the field and the fix. */
  mentions: string[];
}

/** A bad TypeScript program using the resource classes directly. */
interface ProgramCase {
  name: string;
  program: string;
  /** Texts the output must contain: the resource, the property and the fix. */
  mentions: string[];
}

/** The real dev spec with `edits` applied (each must match, so a spec change cannot silently void a case). */
function dev(...edits: [from: string, to: string][]): string {
  let spec = DEV_SPEC;
  for (const [from, to] of edits) {
    if (!spec.includes(from))
      throw new Error(`contact-center.dev.yaml no longer contains ${JSON.stringify(from)}`);
    spec = spec.replace(from, to);
  }
  return spec;
}

const lines = (...l: string[]) => l.join("\n") + "\n";

// A tree valid on its own, for cases about keys (lines 1-6; the bad key goes on line 11).
const TREE = [
  "queues:",
  "  sales:",
  "ivrTrees:",
  "  main:",
  "    nodes:",
  "      menu: { playMode: talk, content: Press 1, keys: { EMPTY_KEY: { action: stopCall } } }",
  "      other:",
  "        playMode: talk",
  "        content: Hi",
  "        keys:",
];
const keyCase = (keyLine: string) => lines(...TREE, keyLine);

const specCases: SpecCase[] = [
  // ---- YAML ----
  {
    name: "YAML syntax error (unclosed flow map in the dev spec)",
    spec: dev(["sales-team: { name: Sales team (dev) }", "sales-team: { name: Sales team (dev)"]),
    path: "",
    line: "support-team: { name",
    mentions: ["YAML syntax error", "fix the YAML"],
  },
  {
    name: "YAML duplicate key (a group declared twice)",
    spec: lines("groups:", "  team:", "  team:"),
    path: "groups.team",
    line: 3,
    mentions: ["duplicate key team", "already defined in this map (line 2)", "remove or rename one"],
  },
  {
    name: "the spec is a list instead of a map of sections",
    spec: lines("- queues", "- groups"),
    path: "",
    line: 1,
    mentions: ["map of sections", "got a list"],
  },
  // ---- unknown keys, snake_case, names ----
  {
    name: "unknown top-level section with the wrong case (sipphones)",
    spec: dev(["sipPhones:", "sipphones:"]),
    path: "sipphones",
    line: "sipphones:",
    mentions: ["unknown key sipphones", "Did you mean sipPhones?"],
  },
  {
    name: "snake_case key on a queue (wait_agent_answer_timeout)",
    spec: dev(["waitAgentAnswerTimeout: 20", "wait_agent_answer_timeout: 20"]),
    path: "queues.sales.wait_agent_answer_timeout",
    line: "wait_agent_answer_timeout",
    mentions: ["unknown key wait_agent_answer_timeout", "Did you mean waitAgentAnswerTimeout?", "camelCase"],
  },
  {
    name: "snake_case key on an IVR key (next_node)",
    spec: keyCase('          "1": { action: nextNode, next_node: menu }'),
    path: "ivrTrees.main.nodes.other.keys.1.next_node",
    line: 11,
    mentions: ["unknown key next_node", "Did you mean nextNode?"],
  },
  {
    name: "key with the wrong case (stringeeUserID)",
    spec: lines("agents:", "  alice:", "    stringeeUserID: alice", "    stringeeUserId: alice"),
    path: "agents.alice.stringeeUserID",
    line: 3,
    mentions: ["unknown key stringeeUserID", "Did you mean stringeeUserId?", "Rename or remove it"],
  },
  {
    name: "unknown key in a queue routing (prio)",
    spec: dev(["- group: sales-team\n        primary: true", "- group: sales-team\n        prio: 1"]),
    path: "queues.sales.groups[0].prio",
    line: "prio: 1",
    mentions: ["unknown key prio", "known keys: group, primary"],
  },
  {
    name: "a name that is not a valid map key (sales team)",
    spec: lines("groups:", "  sales team:"),
    path: "groups.sales team",
    line: 2,
    mentions: ['name "sales team" is not valid', "Rename it"],
  },
  {
    name: "an all-digit IVR node name",
    spec: lines("ivrTrees:", "  main:", "    nodes:", '      "100": { playMode: talk, content: Hi }'),
    path: "ivrTrees.main.nodes.100",
    line: 4,
    mentions: ['node name "100" must not be all digits', "rename it"],
  },
  // ---- wrong types ----
  {
    name: "wrong type: recordCalls: yes is a string, not a boolean",
    spec: dev(["recordCalls: true", "recordCalls: yes"]),
    path: "queues.sales.recordCalls",
    line: "recordCalls: yes",
    mentions: ["recordCalls must be true or false", '"yes"'],
  },
  {
    name: "wrong type: unquoted phone number",
    spec: dev(['number: "84986225190"', "number: 84986225190"]),
    path: "numbers.hotline.number",
    line: "number: 84986225190",
    mentions: ["number must be a string", 'Quote it: number: "84986225190"'],
  },
  {
    name: "wrong type: a group name written as a number",
    spec: lines("groups:", "  a: { name: 2024 }"),
    path: "groups.a.name",
    line: 2,
    mentions: ["name must be a string", 'Quote it: name: "2024"'],
  },
  {
    name: "wrong type: queue routings given as a string instead of a list",
    spec: lines("groups:", "  team:", "queues:", "  sales:", "    groups: team"),
    path: "queues.sales.groups",
    line: 5,
    mentions: ["groups must be a list", '"team"'],
  },
  {
    name: "wrong type: importId given as a list",
    spec: lines("numbers:", '  a: { number: "84986225112", allowOutboundCalls: true, importId: [NU_1] }'),
    path: "numbers.a.importId",
    line: 2,
    mentions: ["importId must be a string", "got a list"],
  },
  {
    name: "wrong type: unquoted SIP username",
    spec: dev(["username: dev900", "username: 900"]),
    path: "sipPhones.desk-900.username",
    line: "username: 900",
    mentions: ["username must be a string", 'Quote it: username: "900"'],
  },
  // ---- missing required fields ----
  {
    name: "missing required: allowOutboundCalls of a number",
    spec: dev([", allowOutboundCalls: true", ""]),
    path: "numbers.hotline.allowOutboundCalls",
    line: "hotline:",
    mentions: ["allowOutboundCalls is required: add it"],
  },
  {
    name: "missing required: stringeeUserId of an agent",
    spec: dev([", stringeeUserId: dev_sales_1", ""]),
    path: "agents.dev-sales-1.stringeeUserId",
    line: "dev-sales-1:",
    mentions: ["stringeeUserId is required: add it"],
  },
  {
    name: "missing required: playMode of an IVR node",
    spec: dev(["        playMode: talk\n", ""]),
    path: "ivrTrees.main.nodes.main-menu.playMode",
    line: "main-menu:",
    mentions: ["playMode is required: add it", "talk", "play"],
  },
  {
    name: "missing required: passwordConfig of a SIP phone",
    spec: dev([", passwordConfig: deskPassword900", ""]),
    path: "sipPhones.desk-900.passwordConfig",
    line: "desk-900:",
    mentions: ["passwordConfig is required: add it", "pulumi config set --secret"],
  },
  {
    name: "missing required: the group of a queue routing",
    spec: lines("queues:", "  sales:", "    groups:", "      - primary: true"),
    path: "queues.sales.groups[0].group",
    line: 4,
    mentions: ["group is required: add it"],
  },
  {
    name: "an IVR tree with no nodes",
    spec: lines("ivrTrees:", "  main:", "    nodes: {}"),
    path: "ivrTrees.main.nodes",
    line: 3,
    mentions: ['IVR tree "main" has no nodes', "add at least one under nodes"],
  },
  {
    name: "the SIP password's stack config key is not set",
    spec: dev(["passwordConfig: deskPassword900", "passwordConfig: deskPassword901"]),
    path: "sipPhones.desk-900.passwordConfig",
    line: "desk-900:",
    mentions: ['stack config key "deskPassword901" is not set', "pulumi config set --secret deskPassword901"],
  },
  // ---- invalid enum values and ranges ----
  {
    name: "invalid enum: playMode speak",
    spec: dev(["playMode: talk", "playMode: speak"]),
    path: "ivrTrees.main.nodes.main-menu.playMode",
    line: "playMode: speak",
    mentions: ['playMode must be one of "talk", "play"', '"speak"'],
  },
  {
    name: "invalid enum: keypress action jump",
    spec: dev(['"2": { action: routeToQueue, queue: support }', '"2": { action: jump, queue: support }']),
    path: "ivrTrees.main.nodes.main-menu.keys.2.action",
    line: '"2": { action: jump',
    mentions: ['action must be one of "voicemail", "routeToQueue"', '"jump"'],
  },
  {
    name: "invalid enum: a key that is not a DTMF key (EMPTY)",
    spec: dev(["EMPTY_KEY: { action: stopCall }", "EMPTY: { action: stopCall }"]),
    path: "ivrTrees.main.nodes.main-menu.keys.EMPTY",
    line: "EMPTY: {",
    mentions: ["key must be one of", '"EMPTY_KEY", "INVALID_KEY"', 'got "EMPTY"'],
  },
  {
    name: "invalid enum: routingType 3",
    spec: lines("agents:", "  alice:", "    stringeeUserId: alice", "    routingType: 3"),
    path: "agents.alice.routingType",
    line: 4,
    mentions: ["routingType must be one of 1, 2", "got 3"],
  },
  {
    name: "out of range: waitAgentAnswerTimeout 2",
    spec: dev(["waitAgentAnswerTimeout: 20", "waitAgentAnswerTimeout: 2"]),
    path: "queues.sales.waitAgentAnswerTimeout",
    line: "waitAgentAnswerTimeout: 2",
    mentions: ["waitAgentAnswerTimeout must be between 3 and 600", "got 2"],
  },
  {
    name: "out of range: SIP extension 0",
    spec: dev(["extension: 900", "extension: 0"]),
    path: "sipPhones.desk-900.extension",
    line: "extension: 0",
    mentions: ["extension must be between 1 and 99999999", "got 0"],
  },
  // ---- cross-field rules ----
  {
    name: "cross-field: a number with both ivrMenu and queue",
    spec: dev(["ivrMenu: main }", "ivrMenu: main, queue: sales }"]),
    path: "numbers.hotline.queue",
    line: "main, queue: sales }",
    mentions: ["queue must not be set when ivrMenu is set", "remove it"],
  },
  {
    name: "cross-field: routingType 2 without phoneNumber",
    spec: dev(["stringeeUserId: dev_sales_1,", "stringeeUserId: dev_sales_1, routingType: 2,"]),
    path: "agents.dev-sales-1.phoneNumber",
    line: "dev-sales-1:",
    mentions: ["phoneNumber is required when routingType is 2", "set it, or use routingType 1"],
  },
  {
    name: "cross-field: action stopCall with a queue",
    spec: dev(['"1": { action: routeToQueue, queue: sales }', '"1": { action: stopCall, queue: sales }']),
    path: "ivrTrees.main.nodes.main-menu.keys.1.queue",
    line: '"1": { action: stopCall',
    mentions: ['queue must not be set for action "stopCall"', 'only used by "routeToQueue"', "remove it"],
  },
  {
    name: "cross-field: action routeToQueue without a queue",
    spec: keyCase('          "1": { action: routeToQueue }'),
    path: "ivrTrees.main.nodes.other.keys.1.queue",
    line: 11,
    mentions: ['action "routeToQueue" requires queue'],
  },
  {
    name: "cross-field: action forwardToPhone without fromNumberCalloutToAgent",
    spec: keyCase('          "0": { action: forwardToPhone, toPhoneNumber: "84912345678" }'),
    path: "ivrTrees.main.nodes.other.keys.0.fromNumberCalloutToAgent",
    line: 11,
    mentions: ['action "forwardToPhone" requires fromNumberCalloutToAgent'],
  },
  {
    name: "condRouting as the old boolean",
    spec: lines("queues:", "  sales:", "    condRouting: true"),
    path: "queues.sales.condRouting",
    line: 3,
    mentions: ["condRouting", '"app"', '"appOrSipPhone"'],
  },
  {
    name: "cross-field: playMode play with spoken text instead of an audio URL",
    spec: dev(["playMode: talk", "playMode: play"]),
    path: "ivrTrees.main.nodes.main-menu.content",
    line: "content:",
    mentions: [
      'with playMode "play" it must name an uploaded WAV or MP3 file',
      "(a GreetingFile's fileName)",
      'use playMode "talk"',
    ],
  },
  {
    name: "cross-field: two primary groups on one queue",
    spec: dev([
      "      - group: sales-team\n        primary: true\n",
      "      - group: sales-team\n        primary: true\n      - { group: support-team, primary: true }\n",
    ]),
    path: "queues.sales.groups[1].primary",
    line: "- { group: support-team, primary: true }",
    mentions: ["queues.sales.groups[0].primary (line 10) already is", "keep `primary: true` on one entry"],
  },
  // ---- unknown names (references) ----
  {
    name: "unknown name: a key routes to a queue that does not exist (supprt)",
    spec: dev(["queue: support }", "queue: supprt }"]),
    path: "ivrTrees.main.nodes.main-menu.keys.2.queue",
    line: "queue: supprt",
    mentions: ['queue "supprt", which does not exist', "Did you mean support?"],
  },
  {
    name: "unknown name: an agent in a group that does not exist",
    spec: dev(["groups: [support-team] }", "groups: [support-teem] }"]),
    path: "agents.dev-support-1.groups[0]",
    line: "support-teem",
    mentions: ['group "support-teem", which does not exist', "Did you mean support-team?"],
  },
  {
    name: "unknown name: ivrMenu names an IVR tree that does not exist",
    spec: dev(["ivrMenu: main }", "ivrMenu: mian }"]),
    path: "numbers.hotline.ivrMenu",
    line: "ivrMenu: mian",
    mentions: ['IVR tree "mian", which does not exist', "Did you mean main?"],
  },
  {
    name: "unknown name: nextNode names a node that does not exist",
    spec: dev(["EMPTY_KEY: { action: stopCall }", "EMPTY_KEY: { action: nextNode, nextNode: main-menuu }"]),
    path: "ivrTrees.main.nodes.main-menu.keys.EMPTY_KEY.nextNode",
    line: "main-menuu",
    mentions: ['node "main-menuu", which does not exist', "Did you mean main-menu?"],
  },
  // ---- duplicates ----
  {
    name: "duplicate: two numbers with one phone number",
    spec: dev([
      "allowOutboundCalls: true, ivrMenu: main }\n",
      'allowOutboundCalls: true, ivrMenu: main }\n  fax: { number: "84986225190", allowOutboundCalls: false }\n',
    ]),
    path: "numbers.fax.number",
    line: "fax:",
    mentions: [
      'number "84986225190" is already used by numbers.hotline.number (line 39)',
      "one Number per phone number",
    ],
  },
  {
    name: "duplicate: two agents with one stringeeUserId",
    spec: dev(["stringeeUserId: dev_support_1", "stringeeUserId: dev_sales_1"]),
    path: "agents.dev-support-1.stringeeUserId",
    line: "dev-support-1:",
    mentions: ['stringeeUserId "dev_sales_1" is already used by agents.dev-sales-1.stringeeUserId (line 22)'],
  },
  {
    name: "duplicate: two SIP phones with one username",
    spec: dev([
      "extension: 900 }\n",
      "extension: 900 }\n  desk-901: { username: dev900, passwordConfig: deskPassword900, extension: 901 }\n",
    ]),
    path: "sipPhones.desk-901.username",
    line: "desk-901:",
    mentions: [
      'username "dev900" is already used by sipPhones.desk-900.username (line 42)',
      "change its username",
    ],
  },
  {
    name: "duplicate: two queues with one display name",
    spec: dev(["name: Support (dev)", "name: Sales (dev)"]),
    path: "queues.support.name",
    line: "    name: Sales (dev)\n    groups:\n      - group: support",
    mentions: [
      'queue name "Sales (dev)" is already used by queues.sales.name (line 5)',
      "set a different name",
    ],
  },
  // ---- bad phone numbers ----
  {
    name: "bad phone number: national format without the country code",
    spec: dev(['number: "84986225190"', 'number: "0986225190"']),
    path: "numbers.hotline.number",
    line: "0986225190",
    mentions: ['number "0986225190" is not valid', DIGITS],
  },
  {
    name: "bad phone number: forwardToPhone to a short code",
    spec: keyCase(
      '          "0": { action: forwardToPhone, toPhoneNumber: "112", fromNumberCalloutToAgent: "84986225112" }',
    ),
    path: "ivrTrees.main.nodes.other.keys.0.toPhoneNumber",
    line: 11,
    mentions: ['toPhoneNumber "112" is not valid', DIGITS],
  },
  // ---- oversized strings ----
  {
    name: "oversized: queue name of 101 characters",
    spec: dev(["name: Sales (dev)", `name: ${long(101)}`]),
    path: "queues.sales.name",
    line: long(101),
    mentions: ["name must be at most 100 characters", "got 101"],
  },
  {
    name: "oversized: IVR content of 4001 characters",
    spec: dev(['content: "Dev hotline. Press 1 for sales, 2 for support."', `content: ${long(4001)}`]),
    path: "ivrTrees.main.nodes.main-menu.content",
    line: long(4001),
    mentions: ["content must be at most 4000 characters"],
  },
  // ---- other value formats ----
  {
    name: "passwordConfig holds a password instead of a config key",
    spec: dev(["passwordConfig: deskPassword900", 'passwordConfig: "s3cret pass!"']),
    path: "sipPhones.desk-900.passwordConfig",
    line: "s3cret pass!",
    mentions: ["is not a stack config key name", "not the password itself"],
  },
];

const HEADER = `import * as pulumi from "@pulumi/pulumi";\nimport * as stringee from "stringee-pulumi";\n`;

const programCases: ProgramCase[] = [
  {
    name: "program: a Number with a 2-digit phone number",
    program: `${HEADER}new stringee.Number("n", { number: "12", allowOutboundCalls: true, enableIvr: false });\n`,
    mentions: ["stringee:Number resource 'n'", "property number", 'number "12" is not valid', DIGITS],
  },
  {
    name: "program: an IvrKeypress with a field its action does not use",
    program:
      `${HEADER}new stringee.IvrKeypress("press-1", ` +
      `{ node: "NO_X", nodeKey: "1", action: "stopCall", queueId: "QU_1" });\n`,
    mentions: [
      "stringee:IvrKeypress resource 'press-1'",
      "property queueId",
      'queueId must not be set for action "stopCall"',
      "remove it",
    ],
  },
  {
    name: "program: two SipPhones with one username",
    program:
      `${HEADER}const cfg = new pulumi.Config();\n` +
      `new stringee.SipPhone("desk-a", { username: "100", password: cfg.requireSecret("deskPassword900") });\n` +
      `new stringee.SipPhone("desk-b", { username: "100", password: cfg.requireSecret("deskPassword900") });\n`,
    mentions: [
      'SipPhone "desk-b" declares the same username (100) as SipPhone "desk-a"',
      "Remove one of the two declarations or change its username",
    ],
  },
  {
    name: "program: a Number with enableIvr true and no ivrMenu",
    program: `${HEADER}new stringee.Number("hotline", { number: "84986225112", allowOutboundCalls: true, enableIvr: true });\n`,
    mentions: [
      "stringee:Number resource 'hotline'",
      "property ivrMenu",
      "ivrMenu is required when enableIvr is true",
      "set enableIvr to false",
    ],
  },
  {
    name: "program: an Agent with routingType 2 and no phoneNumber",
    program: `${HEADER}new stringee.Agent("a", { name: "A", stringeeUserId: "a_1", routingType: 2 });\n`,
    mentions: [
      "stringee:Agent resource 'a'",
      "property phoneNumber",
      "phoneNumber is required when routingType is 2",
    ],
  },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function expectedLine(spec: string, line: number | string): number {
  if (typeof line === "number") return line;
  const at = spec.indexOf(line);
  if (at < 0) throw new Error(`case marker ${JSON.stringify(line)} is not in its spec`);
  return spec.slice(0, at).split("\n").length + (line.startsWith("\n") ? 1 : 0);
}

describe("bad input fails at preview naming the field and the fix, with 0 API calls", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;
  let program = PROGRAM;
  const started = Date.now();
  let ran = 0;

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    project = await PulumiProject.create({
      name: "stringee-bad-input-e2e",
      files: { "index.ts": PROGRAM, [FILE]: DEV_SPEC },
    });
    await project.setConfig(
      {
        "stringee:apiKeySid": emu.apiKeySid,
        "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
        "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
      },
      { "stringee:apiKeySecret": emu.apiKeySecret, deskPassword900: "dev-desk-900-password" },
    );
  }, 120_000);

  afterAll(async () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `bad-input summary: ${ran} cases (${specCases.length} specs, ${programCases.length} programs) in ${seconds} s`,
    );
    project?.dispose();
    await emu?.close();
  });

  /** Runs `pulumi preview`, expecting a failure with 0 API calls; returns everything it printed. */
  const failingPreview = async (): Promise<string> => {
    await emu.clearRequests();
    const preview = await project.pulumi(["preview"]);
    ran++;
    const text = `${preview.stdout}\n${preview.stderr}`;
    if (preview.code === 0) throw new Error(`preview succeeded:\n${text}`);
    expect(await emu.requests()).toEqual([]);
    return text;
  };

  it("has at least 40 distinct bad specs and 3 bad programs", () => {
    expect(specCases.length).toBeGreaterThanOrEqual(40);
    expect(programCases.length).toBeGreaterThanOrEqual(3);
    const names = [...specCases, ...programCases].map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(specCases.map((c) => c.spec)).size).toBe(specCases.length);
  });

  it.each(specCases.map((c) => [c.name, c] as const))(
    "spec: %s",
    async (_name, c) => {
      if (program !== PROGRAM) project.write("index.ts", (program = PROGRAM));
      project.write(FILE, c.spec);
      const text = await failingPreview();
      // Exactly one problem, at the expected file:line and spec path, reported without a stack trace.
      expect(text).toContain("invalid contact-center spec (1 problem):");
      const where = `${escape(FILE)}:${expectedLine(c.spec, c.line)}:\\d+: ${c.path === "" ? "" : `${escape(c.path)}: `}`;
      expect(text).toMatch(new RegExp(where));
      expect(text).not.toMatch(/unhandled exception|\bat .*\.(ts|js):\d+:\d+\)?$/m);
      for (const m of c.mentions) expect(text).toContain(m);
    },
    60_000,
  );

  it.each(programCases.map((c) => [c.name, c] as const))(
    "%s",
    async (_name, c) => {
      project.write("index.ts", (program = c.program));
      project.write(FILE, DEV_SPEC);
      const text = await failingPreview();
      for (const m of c.mentions) expect(text).toContain(m);
    },
    60_000,
  );
});
