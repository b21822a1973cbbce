// Invalid specs, table-driven: each breaks one rule and must be reported exactly once, at the right spec path
// and line, with a message that names the field and says how to fix it. Specs are written as lists of lines,
// so the expected line is the 1-based index of the offending line.
import { SpecError, parseContactCenterSpec, type SpecProblem } from "../../../provider/spec/parse";

interface InvalidCase {
  /** The rule being broken. */
  rule: string;
  /** The spec, one entry per line. */
  lines: string[];
  /** Expected spec path of the problem. */
  path: string;
  /** Expected 1-based line. */
  line: number;
  /** Texts the message must contain: the field, and how to fix it. */
  mentions: string[];
}

const FILE = "contact-center.dev.yaml";
const DIGITS = "digits only with the country code";
const long = (n: number) => "x".repeat(n);

function problemsOf(lines: string[]): SpecProblem[] {
  try {
    parseContactCenterSpec(lines.join("\n") + "\n", FILE);
  } catch (err) {
    if (err instanceof SpecError) return err.problems;
    throw err;
  }
  return [];
}

// A tree that is valid on its own, for cases about keys (lines 1-6; the key goes on line 7).
const TREE = [
  "queues:",
  "  sales:",
  "ivrTrees:",
  "  main:",
  "    nodes:",
  "      menu: { playMode: talk, content: Press 1, keys: { EMPTY_KEY: { action: stopCall } } }",
];
const node = (...keyLines: string[]) => [
  ...TREE,
  "      other:",
  "        playMode: talk",
  "        content: Hi",
  "        keys:",
  ...keyLines,
];

const cases: InvalidCase[] = [
  // ---- YAML ----
  {
    rule: "YAML syntax errors are reported with the parser's position",
    lines: ["queues:", "  sales: { recordCalls: true", "groups:"],
    path: "",
    line: 3,
    mentions: ["YAML syntax error", "Flow map", "end with a }", "fix the YAML"],
  },
  {
    rule: "duplicate YAML keys are refused",
    lines: ["groups:", "  team:", "  team:"],
    path: "groups.team",
    line: 3,
    mentions: ["duplicate key team", "already defined in this map (line 2)", "remove or rename one"],
  },
  {
    rule: "the spec must be a map",
    lines: ["- queues", "- groups"],
    path: "",
    line: 1,
    mentions: ["map of sections", "queues", "got a list"],
  },
  // ---- unknown keys and names ----
  {
    rule: "unknown top-level sections are refused with a suggestion",
    lines: ["queue:", "  sales:"],
    path: "queue",
    line: 1,
    mentions: ["unknown key queue", "known keys: $schema, queues, groups", "Did you mean queues?"],
  },
  {
    rule: "snake_case keys suggest their camelCase spelling",
    lines: ["queues:", "  sales:", "    record_calls: true"],
    path: "queues.sales.record_calls",
    line: 3,
    mentions: [
      "unknown key record_calls",
      "known keys: name, recordCalls",
      "Did you mean recordCalls?",
      "camelCase",
    ],
  },
  {
    rule: "keys with the wrong case suggest the right one",
    lines: ["agents:", "  alice:", "    stringeeUserID: alice", "    stringeeUserId: alice"],
    path: "agents.alice.stringeeUserID",
    line: 3,
    mentions: ["unknown key stringeeUserID", "Did you mean stringeeUserId?", "Rename or remove it"],
  },
  {
    rule: "unknown keys of a queue routing are refused",
    lines: ["groups:", "  team:", "queues:", "  sales:", "    groups:", "      - { group: team, prio: 1 }"],
    path: "queues.sales.groups[0].prio",
    line: 6,
    mentions: ["unknown key prio", "known keys: group, primary"],
  },
  {
    rule: "names must be valid map keys",
    lines: ["groups:", "  sales team:"],
    path: "groups.sales team",
    line: 2,
    mentions: ['name "sales team" is not valid', "letters, digits, '-' or '_'", "Rename it"],
  },
  {
    rule: "node names must not be all digits (node order matters)",
    lines: ["ivrTrees:", "  main:", "    nodes:", '      "100": { playMode: talk, content: Hi }'],
    path: "ivrTrees.main.nodes.100",
    line: 4,
    mentions: ['node name "100" must not be all digits', "rename it", "menu-100"],
  },
  // ---- queues ----
  {
    rule: "queue booleans must be true or false",
    lines: ["queues:", "  sales:", '    recordCalls: "yes"'],
    path: "queues.sales.recordCalls",
    line: 3,
    mentions: ["recordCalls must be true or false", '"yes"'],
  },
  {
    rule: "wrapUpTimeLimit must not be negative",
    lines: ["queues:", "  sales:", "    wrapUpTimeLimit: -1"],
    path: "queues.sales.wrapUpTimeLimit",
    line: 3,
    mentions: ["wrapUpTimeLimit must be between 0 and 3600", "got -1"],
  },
  {
    rule: "wrapUpTimeLimit must be a whole number",
    lines: ["queues:", "  sales:", "    wrapUpTimeLimit: 1.5"],
    path: "queues.sales.wrapUpTimeLimit",
    line: 3,
    mentions: ["wrapUpTimeLimit must be an integer", "1.5"],
  },
  {
    rule: "waitAgentAnswerTimeout is at least 3",
    lines: ["queues:", "  sales:", "    name: Sales", "    waitAgentAnswerTimeout: 2"],
    path: "queues.sales.waitAgentAnswerTimeout",
    line: 4,
    mentions: ["waitAgentAnswerTimeout must be between 3 and 600", "got 2"],
  },
  {
    rule: "schedule is 1 or 2",
    lines: ["queues:", "  sales:", "    schedule: 3"],
    path: "queues.sales.schedule",
    line: 3,
    mentions: ["schedule must be one of 1, 2", "got 3"],
  },
  {
    rule: "fromNumberCalloutToAgent must be a phone number",
    lines: ["queues:", "  sales:", '    fromNumberCalloutToAgent: "+84986225112"'],
    path: "queues.sales.fromNumberCalloutToAgent",
    line: 3,
    mentions: ["fromNumberCalloutToAgent", "is not valid", DIGITS],
  },
  {
    rule: "getListAgentsUrl must be an http(s) URL",
    lines: ["queues:", "  sales:", "    getListAgentsUrl: ftp://example.com/agents"],
    path: "queues.sales.getListAgentsUrl",
    line: 3,
    mentions: ["getListAgentsUrl", "is not valid", "http(s) URL"],
  },
  {
    rule: "condRouting is one of its named values",
    lines: ["queues:", "  sales:", "    condRouting: true"],
    path: "queues.sales.condRouting",
    line: 3,
    mentions: ["condRouting", '"app"', '"appOrSipPhone"'],
  },
  {
    rule: "queue names are at most 100 characters",
    lines: ["queues:", "  sales:", `    name: ${long(101)}`],
    path: "queues.sales.name",
    line: 3,
    mentions: ["name must be at most 100 characters", "got 101"],
  },
  {
    rule: "greetings are at most 1000 characters",
    lines: ["queues:", "  sales:", `    waitGreeting: ${long(1001)}`],
    path: "queues.sales.waitGreeting",
    line: 3,
    mentions: ["waitGreeting must be at most 1000 characters"],
  },
  {
    rule: "two queues with the same resolved name are refused",
    lines: ["queues:", "  sales:", "  sales-2:", "    name: sales"],
    path: "queues.sales-2.name",
    line: 4,
    mentions: ['queue name "sales" is already used by queues.sales.name (line 2)', "set a different name"],
  },
  {
    rule: "queue routings name existing groups",
    lines: ["groups:", "  team:", "queues:", "  sales:", "    groups:", "      - group: teem"],
    path: "queues.sales.groups[0].group",
    line: 6,
    mentions: ['group "teem", which does not exist', "existing groups in groups: team", "Did you mean team?"],
  },
  {
    rule: "a queue routes to a group once",
    lines: [
      "groups:",
      "  team:",
      "queues:",
      "  sales:",
      "    groups:",
      "      - group: team",
      "      - group: team",
    ],
    path: "queues.sales.groups[1].group",
    line: 7,
    mentions: [
      'group "team" is already used by queues.sales.groups[0].group (line 6)',
      "remove the duplicate",
    ],
  },
  {
    rule: "a queue has at most one primary group",
    lines: [
      "groups:",
      "  a:",
      "  b:",
      "queues:",
      "  sales:",
      "    groups:",
      "      - { group: a, primary: true }",
      "      - { group: b, primary: true }",
    ],
    path: "queues.sales.groups[1].primary",
    line: 8,
    mentions: [
      "primary",
      "queues.sales.groups[0].primary (line 7) already is",
      "keep `primary: true` on one entry",
    ],
  },
  {
    rule: "a queue routing needs its group",
    lines: ["queues:", "  sales:", "    groups:", "      - primary: true"],
    path: "queues.sales.groups[0].group",
    line: 4,
    mentions: ["group is required: add it", "Name of a group under `groups`"],
  },
  {
    rule: "queue routings are a list",
    lines: ["groups:", "  team:", "queues:", "  sales:", "    groups: team"],
    path: "queues.sales.groups",
    line: 5,
    mentions: ["groups must be a list", '"team"'],
  },
  // ---- groups ----
  {
    rule: "two groups with the same name are refused",
    lines: ["groups:", "  a: { name: Team }", "  b: { name: Team }"],
    path: "groups.b.name",
    line: 3,
    mentions: ['group name "Team" is already used by groups.a.name (line 2)', "set a different name"],
  },
  {
    rule: "string fields written as numbers must be quoted",
    lines: ["groups:", "  a: { name: 2024 }"],
    path: "groups.a.name",
    line: 2,
    mentions: ["name must be a string", "got 2024", 'Quote it: name: "2024"'],
  },
  // ---- agents ----
  {
    rule: "agents need a stringeeUserId",
    lines: ["agents:", "  alice:", "    name: Alice"],
    path: "agents.alice.stringeeUserId",
    line: 2,
    mentions: ["stringeeUserId is required: add it", "Stringee user id"],
  },
  {
    rule: "stringeeUserId has the Stringee user id format",
    lines: ["agents:", "  alice:", "    stringeeUserId: alice smith"],
    path: "agents.alice.stringeeUserId",
    line: 3,
    mentions: ['stringeeUserId "alice smith" is not valid', "letters, digits"],
  },
  {
    rule: "routingType 2 needs a phoneNumber",
    lines: ["agents:", "  alice:", "    stringeeUserId: alice", "    routingType: 2"],
    path: "agents.alice.phoneNumber",
    line: 2,
    mentions: ["phoneNumber is required when routingType is 2", "set it, or use routingType 1"],
  },
  {
    rule: "an agent without routingType 2 refuses a phoneNumber",
    lines: ["agents:", "  alice:", "    stringeeUserId: alice", '    phoneNumber: "84912345678"'],
    path: "agents.alice.phoneNumber",
    line: 4,
    mentions: [
      "phoneNumber must not be set when routingType is not set",
      "set routingType to 2",
      "remove it",
    ],
  },
  {
    rule: "routingType is 1 or 2",
    lines: ["agents:", "  alice:", "    stringeeUserId: alice", "    routingType: 3"],
    path: "agents.alice.routingType",
    line: 4,
    mentions: ["routingType must be one of 1, 2", "got 3"],
  },
  {
    rule: "two agents with the same stringeeUserId are refused",
    lines: ["agents:", "  alice: { stringeeUserId: alice }", "  alice-2: { stringeeUserId: alice }"],
    path: "agents.alice-2.stringeeUserId",
    line: 3,
    mentions: [
      'stringeeUserId "alice" is already used by agents.alice.stringeeUserId (line 2)',
      "change its stringeeUserId",
    ],
  },
  {
    rule: "agents belong to existing groups",
    lines: ["agents:", "  alice: { stringeeUserId: alice, groups: [support] }"],
    path: "agents.alice.groups[0]",
    line: 2,
    mentions: ['group "support", which does not exist', "no groups are declared in groups", 'add "support"'],
  },
  {
    rule: "an agent is listed in a group once",
    lines: [
      "groups:",
      "  team:",
      "agents:",
      "  alice:",
      "    stringeeUserId: alice",
      "    groups:",
      "      - team",
      "      - team",
    ],
    path: "agents.alice.groups[1]",
    line: 8,
    mentions: ['group "team" is already used by agents.alice.groups[0] (line 7)', "remove the duplicate"],
  },
  // ---- numbers ----
  {
    rule: "ivrMenu names an existing IVR tree",
    lines: [
      "numbers:",
      "  hotline:",
      '    number: "84986225112"',
      "    allowOutboundCalls: true",
      "    ivrMenu: mian",
    ],
    path: "numbers.hotline.ivrMenu",
    line: 5,
    mentions: ['IVR tree "mian", which does not exist', "no IVR trees are declared in ivrTrees"],
  },
  {
    rule: "queue of a number names an existing queue",
    lines: [
      "queues:",
      "  sales:",
      "numbers:",
      "  hotline:",
      '    number: "84986225112"',
      "    allowOutboundCalls: true",
      "    queue: support",
    ],
    path: "numbers.hotline.queue",
    line: 7,
    mentions: [
      'queue "support", which does not exist',
      "existing queues in queues: sales",
      'add "support" to queues',
    ],
  },
  {
    rule: "a number routes to an IVR menu or a queue, not both",
    lines: [
      "queues:",
      "  sales:",
      "ivrTrees:",
      "  main: { nodes: { menu: { playMode: talk, content: Hi } } }",
      "numbers:",
      "  hotline:",
      '    number: "84986225112"',
      "    allowOutboundCalls: true",
      "    ivrMenu: main",
      "    queue: sales",
    ],
    path: "numbers.hotline.queue",
    line: 10,
    mentions: ["queue must not be set when ivrMenu is set", "remove it"],
  },
  {
    rule: "numbers are phone numbers",
    lines: ["numbers:", "  hotline:", '    number: "0986225112"', "    allowOutboundCalls: true"],
    path: "numbers.hotline.number",
    line: 3,
    mentions: ['number "0986225112" is not valid', DIGITS],
  },
  {
    rule: "unquoted phone numbers must be quoted",
    lines: ["numbers:", "  hotline:", "    number: 84986225112", "    allowOutboundCalls: true"],
    path: "numbers.hotline.number",
    line: 3,
    mentions: ["number must be a string", 'Quote it: number: "84986225112"'],
  },
  {
    rule: "allowOutboundCalls is required",
    lines: ["numbers:", "  hotline:", '    number: "84986225112"'],
    path: "numbers.hotline.allowOutboundCalls",
    line: 2,
    mentions: ["allowOutboundCalls is required: add it", "outbound calls"],
  },
  {
    rule: "two numbers with the same phone number are refused",
    lines: [
      "numbers:",
      '  a: { number: "84986225112", allowOutboundCalls: true }',
      '  b: { number: " 84986225112", allowOutboundCalls: true }',
    ],
    path: "numbers.b.number",
    line: 3,
    mentions: [
      'number "84986225112" is already used by numbers.a.number (line 2)',
      "one Number per phone number",
    ],
  },
  {
    rule: "nicknames are at most 100 characters",
    lines: ["numbers:", `  a: { number: "84986225112", allowOutboundCalls: true, nickname: ${long(101)} }`],
    path: "numbers.a.nickname",
    line: 2,
    mentions: ["nickname must be at most 100 characters"],
  },
  {
    rule: "importId is a string",
    lines: ["numbers:", '  a: { number: "84986225112", allowOutboundCalls: true, importId: [NU_1] }'],
    path: "numbers.a.importId",
    line: 2,
    mentions: ["importId must be a string", "got a list", "adopt"],
  },
  // ---- IVR trees and nodes ----
  {
    rule: "an IVR tree needs nodes",
    lines: ["ivrTrees:", "  main:", "    treeName: Main"],
    path: "ivrTrees.main.nodes",
    line: 2,
    mentions: ["nodes is required: add it", "the first node is created first and becomes the root"],
  },
  {
    rule: "an IVR tree needs at least one node",
    lines: ["ivrTrees:", "  main:", "    nodes: {}"],
    path: "ivrTrees.main.nodes",
    line: 3,
    mentions: ['IVR tree "main" has no nodes', "add at least one under nodes"],
  },
  {
    rule: "two IVR trees with the same treeName are refused",
    lines: [
      "ivrTrees:",
      "  main: { nodes: { a: { playMode: talk, content: Hi } } }",
      "  main-2: { treeName: main, nodes: { a: { playMode: talk, content: Hi } } }",
    ],
    path: "ivrTrees.main-2.treeName",
    line: 3,
    mentions: [
      'treeName "main" is already used by ivrTrees.main.treeName (line 2)',
      "set a different treeName",
    ],
  },
  {
    rule: "two nodes of a tree with the same nodeName are refused",
    lines: [
      "ivrTrees:",
      "  main:",
      "    nodes:",
      "      a: { playMode: talk, content: Hi }",
      "      b: { nodeName: a, playMode: talk, content: Hi }",
    ],
    path: "ivrTrees.main.nodes.b.nodeName",
    line: 5,
    mentions: [
      'nodeName "a" is already used by ivrTrees.main.nodes.a.nodeName (line 4)',
      "unique within a tree",
    ],
  },
  {
    rule: "nodes need a playMode",
    lines: ["ivrTrees:", "  main:", "    nodes:", "      menu:", "        content: Hi"],
    path: "ivrTrees.main.nodes.menu.playMode",
    line: 4,
    mentions: ["playMode is required: add it", "talk", "play"],
  },
  {
    rule: "playMode is talk or play",
    lines: [
      "ivrTrees:",
      "  main:",
      "    nodes:",
      "      menu:",
      "        playMode: say",
      "        content: Hi",
    ],
    path: "ivrTrees.main.nodes.menu.playMode",
    line: 5,
    mentions: ['playMode must be one of "talk", "play"', '"say"'],
  },
  {
    rule: "playMode play needs an uploaded file's name or an audio URL",
    lines: [
      "ivrTrees:",
      "  main:",
      "    nodes:",
      "      menu:",
      "        playMode: play",
      "        content: Hello",
    ],
    path: "ivrTrees.main.nodes.menu.content",
    line: 6,
    mentions: [
      'content "Hello" is not valid',
      'with playMode "play" it must name an uploaded WAV or MP3 file',
      'use playMode "talk"',
    ],
  },
  {
    rule: "speed is between -3 and 3",
    lines: ["ivrTrees:", "  main:", "    nodes:", "      menu: { playMode: talk, content: Hi, speed: 5 }"],
    path: "ivrTrees.main.nodes.menu.speed",
    line: 4,
    mentions: ["speed must be between -3 and 3", "got 5"],
  },
  {
    rule: "loopCount is at least 1",
    lines: [
      "ivrTrees:",
      "  main:",
      "    nodes:",
      "      menu:",
      "        playMode: talk",
      "        content: Hi",
      "        loopCount: 0",
    ],
    path: "ivrTrees.main.nodes.menu.loopCount",
    line: 7,
    mentions: ["loopCount must be between 1 and 10", "got 0"],
  },
  {
    rule: "spoken content is at most 4000 characters",
    lines: [
      "ivrTrees:",
      "  main:",
      "    nodes:",
      "      menu:",
      "        playMode: talk",
      `        content: ${long(4001)}`,
    ],
    path: "ivrTrees.main.nodes.menu.content",
    line: 6,
    mentions: ["content must be at most 4000 characters"],
  },
  // ---- IVR keys ----
  {
    rule: "keys are DTMF keys, EMPTY_KEY or INVALID_KEY",
    lines: node("          A: { action: stopCall }"),
    path: "ivrTrees.main.nodes.other.keys.A",
    line: 11,
    mentions: ["key must be one of", '"EMPTY_KEY", "INVALID_KEY"', 'got "A"'],
  },
  {
    rule: "actions are the keypress actions",
    lines: node('          "1": { action: jump }'),
    path: "ivrTrees.main.nodes.other.keys.1.action",
    line: 11,
    mentions: ['action must be one of "voicemail", "routeToQueue"', '"jump"'],
  },
  {
    rule: "routeToQueue needs a queue",
    lines: node('          "1": { action: routeToQueue }'),
    path: "ivrTrees.main.nodes.other.keys.1.queue",
    line: 11,
    mentions: ['action "routeToQueue" requires queue', "Name of a queue under `queues`"],
  },
  {
    rule: "forwardToPhone needs fromNumberCalloutToAgent",
    lines: node('          "0": { action: forwardToPhone, toPhoneNumber: "84912345678" }'),
    path: "ivrTrees.main.nodes.other.keys.0.fromNumberCalloutToAgent",
    line: 11,
    mentions: [
      'action "forwardToPhone" requires fromNumberCalloutToAgent',
      "needs toPhoneNumber and fromNumberCalloutToAgent",
    ],
  },
  {
    rule: "fields of other actions are refused",
    lines: node('          "1": { action: stopCall, queue: sales }'),
    path: "ivrTrees.main.nodes.other.keys.1.queue",
    line: 11,
    mentions: ['queue must not be set for action "stopCall"', 'only used by "routeToQueue"', "remove it"],
  },
  {
    rule: "routeToQueue names an existing queue",
    lines: node('          "1": { action: routeToQueue, queue: sale }'),
    path: "ivrTrees.main.nodes.other.keys.1.queue",
    line: 11,
    mentions: [
      'queue "sale", which does not exist',
      "existing queues in queues: sales",
      "Did you mean sales?",
    ],
  },
  {
    rule: "nextNode names a node of the same tree",
    lines: node('          "1": { action: nextNode, nextNode: menuu }'),
    path: "ivrTrees.main.nodes.other.keys.1.nextNode",
    line: 11,
    mentions: [
      'node "menuu", which does not exist',
      "existing nodes in ivrTrees.main.nodes: menu, other",
      "Did you mean menu?",
    ],
  },
  {
    rule: "nextNode cannot point into another tree",
    lines: [
      ...node('          "1": { action: nextNode, nextNode: welcome }'),
      "  second:",
      "    nodes:",
      "      welcome: { playMode: talk, content: Hi }",
    ],
    path: "ivrTrees.main.nodes.other.keys.1.nextNode",
    line: 11,
    mentions: [
      'nextNode "welcome" is a node of IVR tree "second"',
      'only go to a node of its own tree ("main")',
      'nodes of "main": menu, other',
    ],
  },
  {
    rule: "sms texts are at most 500 characters",
    lines: node(`          "5": { action: sms, sms: ${long(501)} }`),
    path: "ivrTrees.main.nodes.other.keys.5.sms",
    line: 11,
    mentions: ["sms must be at most 500 characters"],
  },
  {
    rule: "key fields are camelCase",
    lines: node('          "1": { action: nextNode, next_node: menu }'),
    path: "ivrTrees.main.nodes.other.keys.1.next_node",
    line: 11,
    mentions: ["unknown key next_node", "Did you mean nextNode?"],
  },
  {
    rule: "forwardToPhone targets are phone numbers",
    lines: node(
      '          "0": { action: forwardToPhone, toPhoneNumber: "112", fromNumberCalloutToAgent: "84986225112" }',
    ),
    path: "ivrTrees.main.nodes.other.keys.0.toPhoneNumber",
    line: 11,
    mentions: ['toPhoneNumber "112" is not valid', DIGITS],
  },
  // ---- SIP phones ----
  {
    rule: "SIP usernames written as numbers must be quoted",
    lines: ["sipPhones:", "  desk:", "    username: 100", "    passwordConfig: deskPassword"],
    path: "sipPhones.desk.username",
    line: 3,
    mentions: ["username must be a string", 'Quote it: username: "100"'],
  },
  {
    rule: "SIP usernames have the SIP format",
    lines: ["sipPhones:", "  desk:", '    username: "_100"', "    passwordConfig: deskPassword"],
    path: "sipPhones.desk.username",
    line: 3,
    mentions: ['username "_100" is not valid', "not starting with '_'"],
  },
  {
    rule: "two SIP phones with the same username are refused",
    lines: [
      "sipPhones:",
      '  a: { username: "100", passwordConfig: a }',
      '  b: { username: "100", passwordConfig: b }',
    ],
    path: "sipPhones.b.username",
    line: 3,
    mentions: ['username "100" is already used by sipPhones.a.username (line 2)', "change its username"],
  },
  {
    rule: "SIP phones name the config key of their password",
    lines: ["sipPhones:", "  desk:", '    username: "100"'],
    path: "sipPhones.desk.passwordConfig",
    line: 2,
    mentions: ["passwordConfig is required: add it", "pulumi config set --secret"],
  },
  {
    rule: "passwordConfig is a config key, not the password",
    lines: ["sipPhones:", "  desk:", '    username: "100"', '    passwordConfig: "s3cret pass!"'],
    path: "sipPhones.desk.passwordConfig",
    line: 4,
    mentions: ["passwordConfig", "is not a stack config key name", "not the password itself"],
  },
  {
    rule: "extensions are at least 1",
    lines: [
      "sipPhones:",
      "  desk:",
      '    username: "100"',
      "    passwordConfig: deskPassword",
      "    extension: 0",
    ],
    path: "sipPhones.desk.extension",
    line: 5,
    mentions: ["extension must be between 1 and 99999999", "got 0"],
  },
  // ---- greetings, blacklist, call settings ----
  {
    rule: "a queue's greeting names a greeting of the spec",
    lines: [
      "greetings:",
      "  hold-music: { file: hold.wav }",
      "queues:",
      "  sales:",
      "    waitGreeting: { greeting: hold-musik }",
    ],
    path: "queues.sales.waitGreeting.greeting",
    line: 5,
    mentions: ['refers to greeting "hold-musik", which does not exist', "Did you mean hold-music?"],
  },
  {
    rule: "an IVR node plays a greeting only in play mode",
    lines: [
      "greetings:",
      "  welcome: { file: welcome.mp3 }",
      "ivrTrees:",
      "  main:",
      "    nodes:",
      "      menu: { playMode: talk, content: { greeting: welcome } }",
    ],
    path: "ivrTrees.main.nodes.menu.content",
    line: 6,
    mentions: ["a greeting is played only with playMode play", "set playMode: play"],
  },
  {
    rule: "a greeting reference has only the greeting's name",
    lines: [
      "queues:",
      "  sales:",
      "    holdGreeting: { greeting: x, file: y.mp3 }",
      "greetings:",
      "  x: { file: x.mp3 }",
    ],
    path: "queues.sales.holdGreeting.file",
    line: 3,
    mentions: ["unknown key file", "known keys: greeting"],
  },
  {
    rule: "a greeting needs a file unless it adopts an upload",
    lines: ["greetings:", "  hold-music:", "    description: Hold music"],
    path: "greetings.hold-music.file",
    line: 2,
    mentions: ["GreetingFile requires file", "WAV or MP3"],
  },
  {
    rule: "a greeting's description is at most 150 characters",
    lines: ["greetings:", `  hold-music: { file: hold.wav, description: ${long(151)} }`],
    path: "greetings.hold-music.description",
    line: 2,
    mentions: ["description must be at most 150 characters"],
  },
  {
    rule: "a blocked number is digits without +",
    lines: ["blacklist:", "  spammer:", '    number: "+84379361752"'],
    path: "blacklist.spammer.number",
    line: 3,
    mentions: ["is not valid", DIGITS],
  },
  {
    rule: "a blocked number is listed once",
    lines: [
      "blacklist:",
      '  a: { number: "84379361752" }',
      '  b: { number: "84379361752", ivrBlocked: false }',
    ],
    path: "blacklist.b.number",
    line: 3,
    mentions: [
      'number "84379361752" is already used by blacklist.a.number (line 2)',
      "one blacklist entry per number",
    ],
  },
  {
    rule: "a blacklist entry blocks something",
    lines: ["blacklist:", '  a: { number: "84379361752", ivrBlocked: false, queueBlocked: false }'],
    path: "blacklist.a.queueBlocked",
    line: 2,
    mentions: ["blocks nothing", "set one of them to true"],
  },
  {
    rule: "call settings URLs are http(s)",
    lines: ["callSettings:", "  eventUrl: ftp://cc.example/events"],
    path: "callSettings.eventUrl",
    line: 2,
    mentions: ['eventUrl "ftp://cc.example/events" is not valid', "use an http(s) URL"],
  },
  {
    rule: "the customer-info timeout is 1 to 60000 ms",
    lines: ["callSettings:", "  getCustomerInfoTimeout: 90000"],
    path: "callSettings.getCustomerInfoTimeout",
    line: 2,
    mentions: ["getCustomerInfoTimeout must be between 1 and 60000", "got 90000"],
  },
];

describe("invalid specs", () => {
  it("cover at least 40 rules, each once", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.rule)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.rule, c] as const))("%s", (_rule, c) => {
    const problems = problemsOf(c.lines);
    // Exactly one problem: the rule is reported once, and nothing else in the spec is blamed.
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toHaveLength(1);
    const p = problems[0]!;
    expect(p.file).toBe(FILE);
    expect(p.path).toBe(c.path);
    expect(p.line).toBe(c.line);
    expect(p.column).toBeGreaterThanOrEqual(1);
    // The message names the field it is about...
    const field = c.path
      .split(".")
      .pop()!
      .replace(/\[\d+\]$/, "");
    if (field !== "") expect(p.message).toContain(field);
    // ...and says what is wrong and how to fix it.
    for (const text of c.mentions) expect(p.message).toContain(text);
  });
});
