// `stringee-pulumi graph --diff`: the change lines (one per change a caller or agent would notice, by entry
// point), the marked diff graph, and the command around them (files, git revisions, formats). That the diff
// graph really renders is proven in tests/integration/cli/graph-render.test.ts with the real Mermaid.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { captureCommandOutput } from "../../support/commandOutput";
import { runGraph } from "../../../provider/cli/graph";
import { diffCallFlow, formatSummary, type CallFlowDiff } from "../../../provider/graph/diff";
import { renderMermaid } from "../../../provider/graph/mermaid";
import { loadContactCenterSpec, parseContactCenterSpec } from "../../../provider/spec/parse";
import type { ContactCenterSpec, ContactCenterSpecInput } from "../../../provider/spec/schema";

const ROOT = join(__dirname, "..", "..", "..");

/** The base of every case: two numbers, an IVR of two menus, two queues, three groups, agents, a SIP phone. */
function baseInput(): ContactCenterSpecInput {
  return {
    queues: {
      sales: {
        name: "Sales",
        waitAgentAnswerTimeout: 20,
        groups: [{ group: "sales-team", primary: true }, { group: "supervisors" }],
      },
      support: {
        name: "Support",
        fromNumberCalloutToAgent: "84986225113",
        groups: [{ group: "support-team" }],
      },
    },
    groups: {
      "sales-team": { name: "Sales team" },
      "support-team": { name: "Support team" },
      supervisors: { name: "Supervisors" },
    },
    agents: {
      "sales-1": { name: "Sales 1", stringeeUserId: "sales_1", groups: ["sales-team"] },
      "sales-3": { name: "Sales 3", stringeeUserId: "sales_3", groups: ["sales-team"] },
      boss: { name: "Boss", stringeeUserId: "boss", groups: ["supervisors"] },
      field: {
        name: "Field",
        stringeeUserId: "field",
        routingType: 2,
        phoneNumber: "84911111111",
        groups: ["support-team"],
      },
      desk: { name: "Desk", stringeeUserId: "100" },
    },
    ivrTrees: {
      main: {
        treeName: "Main IVR",
        nodes: {
          menu: {
            nodeName: "Hotline menu",
            playMode: "talk",
            content: "Welcome",
            keypressTimeout: 8,
            keys: {
              "1": { action: "routeToQueue", queue: "sales" },
              "2": { action: "routeToQueue", queue: "support" },
              "3": { action: "nextNode", nextNode: "more" },
              EMPTY_KEY: { action: "stopCall" },
            },
          },
          more: {
            nodeName: "More",
            playMode: "talk",
            content: "More options",
            keys: { "1": { action: "voicemail" } },
          },
        },
      },
    },
    numbers: {
      hotline: { number: "84986225112", nickname: "Hotline", allowOutboundCalls: true, ivrMenu: "main" },
      direct: { number: "84986225113", nickname: "Direct", allowOutboundCalls: false, queue: "support" },
    },
    sipPhones: { "desk-100": { username: "100", passwordConfig: "pw", extension: 100 } },
  };
}

// Loose typing for the edits below: each case writes straight into the YAML-shaped object, and the parser
// (not the compiler) checks the result.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
type Edit = (s: Loose) => void;

const parse = (input: unknown, file = "test.yaml"): ContactCenterSpec =>
  parseContactCenterSpec(stringify(input), file);
const BASE = parse(baseInput());
/** The base with `edit` applied, parsed like a real spec (so an invalid edit fails the test). */
const headOf = (edit: Edit): ContactCenterSpec => {
  const input = baseInput();
  edit(input);
  return parse(input, "head.yaml");
};
const summaryOf = (edit: Edit): string[] =>
  formatSummary(diffCallFlow(BASE, headOf(edit)))
    .trimEnd()
    .split("\n");

const menu = (s: Loose): Loose => s.ivrTrees.main.nodes.menu;
const HOTLINE = "Hotline (84986225112):";
const DIRECT = "Direct (84986225113):";
const NOWHERE = "Not reached from any number:";

describe("the change lines of graph --diff, one kind of change per case", () => {
  it.each<[string, Edit, string[]]>([
    [
      "a key routed to another queue",
      (s) => (menu(s).keys["1"] = { action: "routeToQueue", queue: "support" }),
      [HOTLINE, "- Press 1 on Hotline menu now leads to queue Support instead of queue Sales."],
    ],
    [
      "a key that now ends the call",
      (s) => (menu(s).keys["3"] = { action: "stopCall" }),
      [HOTLINE, "- Press 3 on Hotline menu now leads to a hang-up instead of menu More."],
    ],
    [
      "a key forwarded to an agent's own phone (named after the agent)",
      (s) =>
        (menu(s).keys["0"] = {
          action: "forwardToPhone",
          toPhoneNumber: "84911111111",
          fromNumberCalloutToAgent: "84986225112",
        }),
      [HOTLINE, "- Press 0 on Hotline menu now leads to phone 84911111111 (agent Field) (was not set)."],
    ],
    [
      "a key that sends an SMS",
      (s) => (menu(s).keys["#"] = { action: "sms", sms: "Call us back at 9am" }),
      [HOTLINE, '- Press # on Hotline menu now leads to an SMS "Call us back at 9am" (was not set).'],
    ],
    [
      "a key removed",
      (s) => delete menu(s).keys["2"],
      [HOTLINE, "- Press 2 on Hotline menu is no longer set (was queue Support)."],
    ],
    [
      "the no-key timeout going to voicemail",
      (s) => (menu(s).keys.EMPTY_KEY = { action: "voicemail" }),
      [HOTLINE, "- No key pressed on Hotline menu now leads to voicemail instead of a hang-up."],
    ],
    [
      "an invalid key handled",
      (s) => (menu(s).keys.INVALID_KEY = { action: "nextNode", nextNode: "menu" }),
      [HOTLINE, "- An invalid key on Hotline menu now leads to menu Hotline menu (was not set)."],
    ],
    [
      "a number re-pointed from its queue to the IVR",
      (s) => {
        delete s.numbers.direct.queue;
        s.numbers.direct.ivrMenu = "main";
      },
      [DIRECT, "- Number 84986225113 (Direct) now rings IVR Main IVR instead of queue Support."],
    ],
    [
      "a number that stops ringing the IVR",
      (s) => {
        delete s.numbers.hotline.ivrMenu;
        s.numbers.hotline.queue = "sales";
      },
      [HOTLINE, "- Number 84986225112 (Hotline) now rings queue Sales instead of IVR Main IVR."],
    ],
    [
      "a number added",
      (s) => (s.numbers.night = { number: "84986225114", allowOutboundCalls: false, queue: "support" }),
      ["night (84986225114):", "- New number 84986225114 (night) rings queue Support."],
    ],
    [
      "a number removed",
      (s) => delete s.numbers.direct,
      [DIRECT, "- Number 84986225113 (Direct) is removed: its calls no longer reach queue Support."],
    ],
    [
      "outbound calls no longer allowed on a number",
      (s) => (s.numbers.hotline.allowOutboundCalls = false),
      [HOTLINE, "- Number 84986225112 (Hotline): outbound calls by agents allowed → not allowed."],
    ],
    [
      "an agent leaving a group",
      (s) => (s.agents["sales-3"].groups = []),
      [HOTLINE, "- Sales team loses agent Sales 3 (sales_3)."],
    ],
    [
      "an agent joining a group",
      (s) => s.agents.boss.groups.push("sales-team"),
      [HOTLINE, "- Sales team gains agent Boss (boss)."],
    ],
    [
      "a new agent in a group",
      (s) => (s.agents["sales-4"] = { name: "Sales 4", stringeeUserId: "sales_4", groups: ["sales-team"] }),
      [HOTLINE, "- Sales team gains agent Sales 4 (sales_4), new in the contact center."],
    ],
    [
      "an agent removed",
      (s) => delete s.agents["sales-3"],
      [HOTLINE, "- Sales team loses agent Sales 3 (sales_3), removed from the contact center."],
    ],
    [
      "an agent whose calls now ring the Stringee app instead of their own phone",
      (s) => {
        delete s.agents.field.routingType;
        delete s.agents.field.phoneNumber;
      },
      [HOTLINE, "- Calls for agent Field (field) now ring the Stringee app instead of phone 84911111111."],
    ],
    [
      "a queue's primary group changing",
      (s) => (s.queues.sales.groups = [{ group: "sales-team" }, { group: "supervisors", primary: true }]),
      [HOTLINE, "- Queue Sales's primary group is now Supervisors instead of Sales team."],
    ],
    [
      "a queue ringing one more group and one group less",
      (s) => (s.queues.sales.groups = [{ group: "sales-team", primary: true }, { group: "support-team" }]),
      [HOTLINE, "- Queue Sales now also rings Support team.", "- Queue Sales no longer rings Supervisors."],
    ],
    [
      "a queue ringing its groups in another order, the primary one unchanged",
      (s) => (s.queues.sales.groups = [{ group: "supervisors" }, { group: "sales-team", primary: true }]),
      [
        HOTLINE,
        "- Queue Sales rings its groups in a new order: Supervisors, Sales team (was Sales team, Supervisors).",
      ],
    ],
    [
      "queue settings that change waiting: timeouts, sizes, greetings",
      (s) =>
        Object.assign(s.queues.sales, {
          waitAgentAnswerTimeout: 30,
          maximumQueueWaitTime: 300,
          maximumQueueSize: 50,
          waitGreeting: "Please hold",
          holdGreeting: "https://x.example/hold.mp3",
        }),
      [
        HOTLINE,
        "- Queue Sales: time for an agent to answer 20 s → 30 s.",
        "- Queue Sales: longest wait not set → 300 s.",
        "- Queue Sales: most callers waiting not set → 50.",
        '- Queue Sales: waiting greeting not set → "Please hold".',
        '- Queue Sales: hold greeting not set → "https://x.example/hold.mp3".',
      ],
    ],
    [
      "which agents a queue offers calls to (condRouting)",
      (s) => (s.queues.sales.condRouting = "appOrSipPhone"),
      [HOTLINE, "- Queue Sales: agents offered calls not set → online in the web, app or on a SIP phone."],
    ],
    [
      "a queue setting removed from the spec",
      (s) => delete s.queues.sales.waitAgentAnswerTimeout,
      [HOTLINE, "- Queue Sales: time for an agent to answer 20 s → not set."],
    ],
    [
      "a queue renamed (agents see the name)",
      (s) => (s.queues.support.name = "Customer care"),
      [HOTLINE, '- Queue Customer care: name "Support" → "Customer care".'],
    ],
    [
      "a new queue reached by a key",
      (s) => {
        s.queues.billing = { name: "Billing", groups: [{ group: "supervisors" }] };
        menu(s).keys["4"] = { action: "routeToQueue", queue: "billing" };
      },
      [
        HOTLINE,
        "- Press 4 on Hotline menu now leads to queue Billing (was not set).",
        "- New queue Billing, ringing Supervisors.",
      ],
    ],
    [
      "a menu's message and key timeout",
      (s) => Object.assign(menu(s), { content: "Hello", keypressTimeout: 5 }),
      [
        HOTLINE,
        '- Hotline menu now says "Hello" (was: says "Welcome").',
        "- Hotline menu: time to press a key 8 s → 5 s.",
      ],
    ],
    [
      "a menu added and reached by a key",
      (s) => {
        s.ivrTrees.main.nodes.night = {
          nodeName: "Night",
          playMode: "play",
          content: "https://x.example/night.mp3",
          keys: { "1": { action: "voicemail" } },
        };
        menu(s).keys["9"] = { action: "nextNode", nextNode: "night" };
      },
      [
        HOTLINE,
        "- Press 9 on Hotline menu now leads to menu Night (was not set).",
        "- New menu Night, which plays https://x.example/night.mp3; 1 → voicemail.",
      ],
    ],
    [
      "a menu removed",
      (s) => {
        delete s.ivrTrees.main.nodes.more;
        delete menu(s).keys["3"];
      },
      [HOTLINE, "- Press 3 on Hotline menu is no longer set (was menu More).", "- Menu More is removed."],
    ],
    [
      "the IVR starting with another menu",
      (s) => {
        const { menu: first, more } = s.ivrTrees.main.nodes;
        s.ivrTrees.main.nodes = { more, menu: first };
      },
      [HOTLINE, "- IVR Main IVR now starts with menu More instead of menu Hotline menu."],
    ],
    [
      "a SIP phone's extension",
      (s) => (s.sipPhones["desk-100"].extension = 200),
      [NOWHERE, "- SIP phone desk-100: extension 100 → 200."],
    ],
    [
      "a SIP phone removed: the agent signed in on it falls back to the app",
      (s) => delete s.sipPhones["desk-100"],
      [
        NOWHERE,
        "- Calls for agent Desk (100) now ring the Stringee app instead of SIP desk-100.",
        "- SIP phone desk-100 (user 100) is removed.",
      ],
    ],
    [
      "a caller blocked: told under the first number, whose calls are refused first",
      (s) => (s.blacklist = { spam: { number: "84379361752", queueBlocked: false } }),
      [HOTLINE, "- Calls from 84379361752 are now refused in the IVR."],
    ],
    [
      "a greeting played while callers wait, and a menu that plays a recording instead of speaking",
      (s) => {
        s.greetings = { music: { file: "audio/music.wav" }, intro: { file: "audio/intro.mp3" } };
        s.queues.sales.waitGreeting = { greeting: "music" };
        menu(s).playMode = "play";
        menu(s).content = { greeting: "intro" };
      },
      // Each where a caller meets it: the menu's recording after the menu, the music after the queue.
      [
        HOTLINE,
        '- Hotline menu now plays greeting intro (was: says "Welcome").',
        "- New greeting intro (file audio/intro.mp3).",
        "- Queue Sales: waiting greeting not set → greeting music.",
        "- New greeting music (file audio/music.wav).",
      ],
    ],
    [
      "the call settings: each changed setting, after what callers reach",
      (s) => (s.callSettings = { eventUrl: "https://cc.example/events", getCustomerInfoTimeout: 900 }),
      [
        NOWHERE,
        "- Call settings: call events sent to not set → https://cc.example/events.",
        "- Call settings: time to wait for caller details not set → 900 ms.",
      ],
    ],
  ])("%s", (_, edit, expected) => {
    expect(summaryOf(edit)).toEqual(expected);
  });

  it("says so when nothing a caller or agent would notice changes", () => {
    expect(
      formatSummary(
        diffCallFlow(
          BASE,
          headOf(() => undefined),
        ),
      ),
    ).toBe("No change a caller or an agent would notice.\n");
    // An importId only adopts an object: nobody notices.
    expect(summaryOf((s) => (s.queues.sales.importId = "QU_1"))).toEqual([
      "No change a caller or an agent would notice.",
    ]);
  });

  it("orders changes by entry point, then in the order a caller meets them", () => {
    const lines = summaryOf((s) => {
      s.sipPhones["desk-100"].extension = 200; // reached by no number
      s.queues.support.waitAgentAnswerTimeout = 15; // reached from Hotline key 2, and from Direct
      s.agents["sales-3"].groups = []; // Hotline -> key 1 -> Sales -> Sales team
      s.numbers.direct.allowOutboundCalls = true; // Direct itself
      menu(s).content = "Hi"; // Hotline -> Main IVR -> Hotline menu
      s.numbers.hotline.nickname = "Hotline 2";
    });
    expect(lines).toEqual([
      "Hotline 2 (84986225112):",
      '- Number 84986225112 (Hotline 2): name "Hotline" → "Hotline 2".',
      '- Hotline menu now says "Hi" (was: says "Welcome").',
      "- Sales team loses agent Sales 3 (sales_3).",
      "- Queue Support: time for an agent to answer not set → 15 s.",
      "",
      DIRECT,
      "- Number 84986225113 (Direct): outbound calls by agents not allowed → allowed.",
      "",
      NOWHERE,
      "- SIP phone desk-100: extension 100 → 200.",
    ]);
  });

  it("names the IVR of each menu when the spec has several", () => {
    const lines = summaryOf((s) => {
      s.ivrTrees.night = {
        treeName: "Night IVR",
        nodes: { closed: { playMode: "talk", content: "Closed" } },
      };
      menu(s).keys["1"] = { action: "voicemail" };
    });
    expect(lines).toEqual([
      HOTLINE,
      "- Press 1 on Hotline menu (Main IVR) now leads to voicemail instead of queue Sales.",
      "",
      NOWHERE,
      "- New IVR Night IVR, starting with menu closed.",
      '- New menu closed (Night IVR), which says "Closed".',
    ]);
  });

  it("compares with an empty base: everything is new", () => {
    const lines = formatSummary(diffCallFlow(parse({}), BASE))
      .trimEnd()
      .split("\n");
    expect(lines.slice(0, 3)).toEqual([
      HOTLINE,
      "- New number 84986225112 (Hotline) rings IVR Main IVR.",
      "- New IVR Main IVR, starting with menu Hotline menu.",
    ]);
    expect(lines).toContain("- New group Sales team with agents Sales 1 (sales_1), Sales 3 (sales_3).");
  });

  it("escapes names for Markdown and bolds the entry points", () => {
    const diff = diffCallFlow(
      BASE,
      headOf((s) => (s.queues.sales.name = "Sales *VIP* <b>_x_</b> | `y`")),
    );
    expect(formatSummary(diff, { markdown: true })).toBe(
      "**Hotline (84986225112)**\n" +
        '- Queue Sales \\*VIP\\* \\<b\\>\\_x\\_\\</b\\> \\| \\`y\\`: name "Sales" → "Sales \\*VIP\\* \\<b\\>\\_x\\_\\</b\\> \\| \\`y\\`".\n',
    );
  });
});

/** Box declarations of a diff graph: Mermaid id -> label as Mermaid shows it (lines joined by "\n"). */
function boxes(graph: string): Map<string, string> {
  const shown = (label: string) =>
    label.replace(/#(\d+);/g, (_, c: string) => String.fromCodePoint(Number(c)));
  const out = new Map<string, string>();
  for (const m of graph.matchAll(/^ {2,4}(\w+)(?:\(\[|\[\[|\[\/|\{\{|\(\(|\[|\(|>)"([^"]*)"/gm)) {
    out.set(m[1]!, shown(m[2]!).split("<br>").join("\n"));
  }
  return out;
}
/** Arrows in drawing order, with their label. */
function arrows(graph: string): { from: string; label?: string; to: string }[] {
  return [...graph.matchAll(/^ {2}(\w+) (?:-->|==>|-\.->)(?:\|"([^"]*)"\|)? (\w+)$/gm)].map((m) => ({
    from: m[1]!,
    ...(m[2] === undefined ? {} : { label: m[2] }),
    to: m[3]!,
  }));
}
/** The ids each class is given, by class name. */
function classes(graph: string): Map<string, string[]> {
  return new Map([...graph.matchAll(/^ {2}class ([\w,]+) (\w+);$/gm)].map((m) => [m[2]!, m[1]!.split(",")]));
}
/** The arrow indexes each linkStyle line styles, by its stroke colour. */
function linkStyles(graph: string): Map<string, number[]> {
  return new Map(
    [...graph.matchAll(/^ {2}linkStyle ([\d,]+) stroke:(#\w+)/gm)].map((m) => [
      m[2]!,
      m[1]!.split(",").map(Number),
    ]),
  );
}

/** A key re-routed, an agent added, a SIP phone removed, a queue setting and a group name changed. */
const SEVERAL: Edit = (s) => {
  menu(s).keys["1"] = { action: "routeToQueue", queue: "support" };
  s.agents["sales-4"] = { name: "Sales 4", stringeeUserId: "sales_4", groups: ["sales-team"] };
  delete s.sipPhones["desk-100"];
  s.queues.sales.waitAgentAnswerTimeout = 30;
  s.groups["support-team"].name = "Care team";
};

describe("the diff graph", () => {
  const RED = "#c62828";
  const GREEN = "#2e7d32";
  const GREY = "#cfd8dc";
  let diff: CallFlowDiff;
  beforeAll(() => {
    diff = diffCallFlow(BASE, headOf(SEVERAL));
  });

  it("draws the head's flow with the removed paths drawn in, marked - and red, dotted", () => {
    const a = arrows(diff.mermaid);
    const removedKey = a.findIndex((e) => e.label === "- 1");
    expect(a[removedKey]).toEqual({ from: "node_main_smenu", label: "- 1", to: "queue_sales" });
    expect(linkStyles(diff.mermaid).get(RED)).toContain(removedKey);
    expect(diff.mermaid).toContain('  node_main_smenu -.->|"- 1"| queue_sales\n');
    expect(boxes(diff.mermaid).get("sip_desk_h100")).toBe("- SIP desk-100\nuser 100\next 100");
    expect(classes(diff.mermaid).get("ccRemoved")).toEqual(["sip_desk_h100", "legend_removed"]);
    expect(diff.mermaid).toMatch(/classDef ccRemoved [^\n]*stroke-dasharray/);
  });

  it("marks added paths and boxes + and green", () => {
    const a = arrows(diff.mermaid);
    const addedKey = a.findIndex((e) => e.label === "+ 1");
    expect(a[addedKey]).toEqual({ from: "node_main_smenu", label: "+ 1", to: "queue_support" });
    const toNewAgent = a.findIndex((e) => e.to === "agent_sales_h4");
    expect(a[toNewAgent]?.label).toBe("+");
    expect(linkStyles(diff.mermaid).get(GREEN)).toEqual([addedKey, toNewAgent].sort((x, y) => x - y));
    expect(boxes(diff.mermaid).get("agent_sales_h4")).toBe("+ Sales 4\nsales_4");
    expect(classes(diff.mermaid).get("ccAdded")).toEqual(["agent_sales_h4", "legend_added"]);
  });

  it("marks changed boxes ~, with the old label when the label changed", () => {
    expect(boxes(diff.mermaid).get("queue_sales")).toBe("~ Sales");
    expect(boxes(diff.mermaid).get("group_support_hteam")).toBe("~ Care team\n(was Support team)");
    expect(boxes(diff.mermaid).get("node_main_smenu")).toBe("~ Hotline menu");
    expect(classes(diff.mermaid).get("ccChanged")).toEqual([
      "node_main_smenu",
      "queue_sales",
      "group_sales_hteam",
      "group_support_hteam",
      "agent_desk",
      "legend_changed",
    ]);
  });

  it("dims everything else, boxes and arrows, and leaves its labels unprefixed", () => {
    const unchanged = classes(diff.mermaid).get("ccUnchanged")!;
    expect(unchanged).toEqual(expect.arrayContaining(["number_hotline", "tree_main", "agent_boss"]));
    expect(boxes(diff.mermaid).get("number_hotline")).toBe("Hotline\n84986225112");
    const styled = [...linkStyles(diff.mermaid).values()].flat().sort((x, y) => x - y);
    expect(styled).toEqual(arrows(diff.mermaid).map((_, i) => i));
    expect(linkStyles(diff.mermaid).get(GREY)).toContain(
      arrows(diff.mermaid).findIndex((e) => e.label === "root"),
    );
  });

  it("has a legend that reads without colour", () => {
    const b = boxes(diff.mermaid);
    expect([b.get("legend_added"), b.get("legend_removed"), b.get("legend_changed")]).toEqual([
      "+ added",
      "- removed",
      "~ changed",
    ]);
    expect(diff.mermaid).toMatch(/^ {2}subgraph legend\["Legend"\]$/m);
  });

  it("declares every box once and gives each exactly one mark class", () => {
    const declared = [...boxes(diff.mermaid).keys()];
    expect(new Set(declared).size).toBe(declared.length);
    const classed = [...classes(diff.mermaid).values()].flat().sort();
    expect(classed).toEqual([...declared].sort());
  });

  it("of two equal specs is the plain flow, all dimmed: nothing added, removed or changed", () => {
    const same = diffCallFlow(BASE, BASE);
    expect(same.sections).toEqual([]);
    expect([...same.boxMarks.values()].every((m) => m === "unchanged")).toBe(true);
    expect(arrows(same.mermaid)).toEqual(arrows(renderMermaid(BASE)));
    expect(linkStyles(same.mermaid).get(GREY)).toHaveLength(arrows(same.mermaid).length);
  });

  it("gives the same bytes for the same two specs", () => {
    const again = diffCallFlow(parse(baseInput()), headOf(SEVERAL));
    expect(again.mermaid).toBe(diff.mermaid);
    expect(formatSummary(again)).toBe(formatSummary(diff));
  });

  it("escapes names as the plain graph does", () => {
    const nasty = `Sales "VIP" <b>#1</b> & co; 50% | x`;
    const d = diffCallFlow(
      BASE,
      headOf((s) => (s.queues.sales.name = nasty)),
    );
    expect(d.mermaid).not.toContain("<b>");
    expect(boxes(d.mermaid).get("queue_sales")).toBe(`~ ${nasty}\n(was Sales)`);
  });
});

describe("graph --diff (the command)", () => {
  const io = captureCommandOutput("graph-diff-");

  const PROD = join(ROOT, "contact-center.prod.yaml");
  const CHANGED = join(ROOT, "docs", "diff-example", "contact-center.prod.yaml");
  const expected = () => diffCallFlow(loadContactCenterSpec(PROD), loadContactCenterSpec(CHANGED));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
      cwd: io.dir,
      stdio: "pipe",
    });

  it("prints the change lines, then the diff graph in a ```mermaid block, by default", async () => {
    expect(await runGraph(["--diff", PROD, CHANGED])).toBe(0);
    const d = expected();
    expect(io.out).toBe(`${formatSummary(d, { markdown: true })}\n\`\`\`mermaid\n${d.mermaid}\`\`\`\n`);
    expect(io.err).toBe("");
  });

  it("prints only the lines with --format summary, only the graph with --format mermaid", async () => {
    expect(await runGraph(["--diff", PROD, CHANGED, "--format", "summary"])).toBe(0);
    expect(io.out).toBe(formatSummary(expected()));
    io.out = "";
    expect(await runGraph(["-d", PROD, "-f", "mermaid", CHANGED])).toBe(0);
    expect(io.out).toBe(expected().mermaid);
  });

  it("compares with a git revision of the spec, and with an empty spec where the revision has none", async () => {
    mkdirSync(join(io.dir, "envs"));
    const spec = join(io.dir, "envs", "contact-center.prod.yaml");
    git("init", "-q");
    writeFileSync(spec, readFileSync(PROD));
    git("add", ".");
    git("commit", "-qm", "base");
    writeFileSync(spec, readFileSync(CHANGED));
    const cwd = process.cwd();
    process.chdir(io.dir);
    try {
      // The spec in a sub-folder, the command run from the repository root: REV names the spec's own path.
      expect(await runGraph(["--diff", "HEAD", "envs/contact-center.prod.yaml", "-f", "summary"])).toBe(0);
      expect(io.out).toBe(formatSummary(expected()));
      io.out = "";
      expect(await runGraph(["--diff", "HEAD:envs/contact-center.prod.yaml", spec, "-f", "summary"])).toBe(0);
      expect(io.out).toBe(formatSummary(expected()));
      io.out = "";
      writeFileSync(
        join(io.dir, "envs", "contact-center.dev.yaml"),
        readFileSync(join(ROOT, "contact-center.dev.yaml")),
      );
      expect(await runGraph(["--diff", "HEAD", "envs/contact-center.dev.yaml", "-f", "summary"])).toBe(0);
      expect(io.out).toMatch(/^Dev hotline \(84986225190\):\n- New number 84986225190 \(Dev hotline\)/);
      expect(io.err).toContain("HEAD:./contact-center.dev.yaml does not exist: comparing with an empty spec");
    } finally {
      process.chdir(cwd);
    }
  });

  it("uses the stack's spec as the head by default", async () => {
    writeFileSync(join(io.dir, "contact-center.prod.yaml"), readFileSync(CHANGED));
    const cwd = process.cwd();
    process.chdir(io.dir);
    try {
      expect(await runGraph(["--diff", PROD, "--stack", "prod", "-f", "summary"])).toBe(0);
      expect(io.out).toBe(formatSummary(expected()));
    } finally {
      process.chdir(cwd);
    }
  });

  it("exits 1 naming the revision when it is neither a file nor a git revision", async () => {
    git("init", "-q");
    expect(await runGraph(["--diff", "no-such-rev", join(io.dir, "x.yaml")])).toBe(1);
    // The head is read first: a missing head is the first problem.
    expect(io.err).toContain("x.yaml: cannot read the spec");
    io.err = "";
    writeFileSync(join(io.dir, "x.yaml"), "queues: { q: {} }\n");
    expect(await runGraph(["--diff", "no-such-rev", join(io.dir, "x.yaml")])).toBe(1);
    expect(io.err).toContain(
      "no-such-rev:./x.yaml: no such spec file, and `git show no-such-rev:./x.yaml` failed",
    );
    expect(io.out).toBe("");
  });

  it("lists the problems of an invalid base as file:line:col, under the revision's name", async () => {
    const spec = join(io.dir, "contact-center.dev.yaml");
    git("init", "-q");
    writeFileSync(spec, "queues:\n  sales:\n    waitAgentAnswerTimeout: 1\n");
    git("add", ".");
    git("commit", "-qm", "bad base");
    writeFileSync(spec, "queues: { sales: {} }\n");
    expect(await runGraph(["--diff", "HEAD", spec])).toBe(1);
    expect(io.err).toContain("HEAD:./contact-center.dev.yaml:3:5: queues.sales.waitAgentAnswerTimeout:");
    expect(io.out).toBe("");
  });

  it("refuses an unknown format, and --format summary without --diff, with exit code 2", async () => {
    expect(await runGraph(["--diff", PROD, CHANGED, "--format", "svg"])).toBe(2);
    expect(io.err).toContain("--format must be one of mermaid, summary, markdown");
    io.err = "";
    expect(await runGraph([PROD, "--format", "summary"])).toBe(2);
    expect(io.err).toContain("--format summary needs --diff BASE");
  });

  it("wraps the plain graph in a ```mermaid block with --format markdown", async () => {
    expect(await runGraph([PROD, "--format", "markdown"])).toBe(0);
    expect(io.out).toBe(`\`\`\`mermaid\n${renderMermaid(loadContactCenterSpec(PROD))}\`\`\`\n`);
  });

  it("prints the change lines the README shows for docs/diff-example", async () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const shown = /For the change\s+in \[docs\/diff-example[^\n]*\n\n```text\n([\s\S]*?)```/.exec(readme);
    expect(shown).not.toBeNull();
    expect(await runGraph(["--diff", PROD, CHANGED, "--format", "summary"])).toBe(0);
    expect(io.out).toBe(shown![1]);
  });

  it("documents --diff, revisions and the formats in --help", async () => {
    expect(await runGraph(["--help"])).toBe(0);
    expect(io.out).toContain("--diff BASE");
    expect(io.out).toContain("git show REV:<spec-file>");
    expect(io.out).toContain("--format FMT");
  });
});
