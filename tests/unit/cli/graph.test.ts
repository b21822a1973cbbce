// `stringee-pulumi graph`: the Mermaid text it draws from a spec (renderMermaid) and the command around it.
// That the text really renders is proven in tests/integration/cli/graph-render.test.ts with the real Mermaid.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { captureCommandOutput } from "../../support/commandOutput";
import { runGraph } from "../../../provider/cli/graph";
import { mermaidIdPart, mermaidText, renderMermaid } from "../../../provider/graph/mermaid";
import { loadContactCenterSpec, parseContactCenterSpec } from "../../../provider/spec/parse";
import type { ContactCenterSpec } from "../../../provider/spec/schema";

const ROOT = join(__dirname, "..", "..", "..");
const spec = (yaml: string): ContactCenterSpec => parseContactCenterSpec(yaml, "test.yaml");
const graphOf = (yaml: string): string => renderMermaid(spec(yaml));
/** What Mermaid shows for a label: its numeric entities (`#35;`) turned back into characters. */
const shown = (label: string): string =>
  label.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));

/** Box declarations: Mermaid id -> label as shown, lines joined by "\n". */
function boxes(graph: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of graph.matchAll(/^ {2}(\w+)(?:\(\[|\[\[|\[\/|\{\{|\(\(|\[\(|\[|\(|\{|>)"([^"]*)"/gm)) {
    out.set(m[1]!, shown(m[2]!).split("<br>").join("\n"));
  }
  return out;
}

interface Edge {
  from: string;
  arrow: string;
  label?: string;
  to: string;
}
function edges(graph: string): Edge[] {
  return [...graph.matchAll(/^ {2}(\w+) (-->|==>|-\.->)(?:\|"([^"]*)"\|)? (\w+)$/gm)].map((m) => ({
    from: m[1]!,
    arrow: m[2]!,
    ...(m[3] === undefined ? {} : { label: shown(m[3]) }),
    to: m[4]!,
  }));
}
/** The id of the box whose first label line is `name`. */
function idOf(graph: string, firstLine: string): string {
  const hits = [...boxes(graph)].filter(([, label]) => label.split("\n")[0] === firstLine);
  if (hits.length !== 1) throw new Error(`${hits.length} boxes labelled ${JSON.stringify(firstLine)}`);
  return hits[0]![0];
}
const edgesFrom = (graph: string, firstLine: string) =>
  edges(graph).filter((e) => e.from === idOf(graph, firstLine));

/** Every object of a spec with the display name the graph must show for it. */
function displayNames(s: ContactCenterSpec): string[] {
  const v = <T>(r: Record<string, T> | undefined) => Object.entries(r ?? {});
  return [
    ...v(s.numbers).map(([k, n]) => n.nickname ?? k),
    ...v(s.ivrTrees).flatMap(([, t]) => [t.treeName, ...v(t.nodes).map(([, n]) => n.nodeName)]),
    ...v(s.queues).map(([, q]) => q.name),
    ...v(s.groups).map(([, g]) => g.name),
    ...v(s.agents).map(([, a]) => a.name),
    ...v(s.sipPhones).map(([k]) => `SIP ${k}`),
  ];
}

const MENU = (keys: string) => `
ivrTrees:
  t:
    treeName: Tree
    nodes:
      menu:
        nodeName: Menu
        playMode: talk
        content: hello
        keys:
${keys}
      other: { nodeName: Other, playMode: talk, content: bye }
queues:
  q: { name: Queue Q }
agents:
  field: { name: Field agent, stringeeUserId: field, routingType: 2, phoneNumber: "84900000001" }
sipPhones:
  desk: { username: "84900000002", passwordConfig: pw, extension: 7 }
numbers:
  hot: { number: "84900000003", nickname: Hot, allowOutboundCalls: true, ivrMenu: t }
`;

describe("mermaidText (labels)", () => {
  const nasty = `Sales "VIP" <b>bold</b> #1 & co; 50% | [x] {y} \`z\` a:b %%{init: {'theme':'dark'}}%%`;

  it("leaves no character that could end a quoted label, open HTML or start a directive", () => {
    const escaped = mermaidText(nasty);
    expect(escaped.replace(/#\d+;/g, "")).not.toMatch(/["|<>&%#:;`\\]/);
  });

  it("encodes characters as numeric entities Mermaid turns back into the exact text", () => {
    expect(shown(mermaidText(nasty))).toBe(nasty);
    expect(mermaidText('"')).toBe("#34;");
    expect(mermaidText("#")).toBe("#35;");
    expect(mermaidText("<")).toBe("#60;");
  });

  it("keeps letters, spaces, common punctuation and non-ASCII text readable", () => {
    expect(mermaidText("Đội bán hàng (dev), 1.5 - ok!")).toBe("Đội bán hàng (dev), 1.5 - ok!");
  });

  it("turns line breaks and control characters into one space, so a label stays on its line", () => {
    expect(mermaidText("two\r\nlines\tand\u2028more")).toBe("two lines and more");
  });
});

describe("mermaidIdPart (ids)", () => {
  it("uses only letters, digits and underscores", () => {
    for (const name of ["sales-team", "a_b", "x.y", "ünï", "end"])
      expect(mermaidIdPart(name)).toMatch(/^\w+$/);
  });

  it("gives different names different ids, even names that differ only by '-' and '_'", () => {
    const names = ["a-b", "a_b", "a__b", "a--b", "a_hb", "a-_b", "a_-b", "ab", "a.b", "a_u2e_b"];
    expect(new Set(names.map(mermaidIdPart)).size).toBe(names.length);
  });

  it("gives names that look like Mermaid keywords a kind prefix, so `end` or `style` stay plain ids", () => {
    const graph = graphOf(`
queues:
  end: { name: End queue }
  style: {}
  o-x: {}
`);
    expect(idOf(graph, "End queue")).toBe("queue_end");
    expect(idOf(graph, "style")).toBe("queue_style");
    expect(idOf(graph, "o-x")).toBe("queue_o_hx");
  });
});

describe("renderMermaid", () => {
  it("draws a left-to-right flowchart", () => {
    expect(graphOf("queues: { q: {} }").split("\n")[0]).toBe("flowchart LR");
  });

  it("gives the same bytes for the same spec, parsed twice, rendered twice", () => {
    const text = readFileSync(join(ROOT, "contact-center.prod.yaml"), "utf8");
    const a = renderMermaid(parseContactCenterSpec(text, "a.yaml"));
    const b = renderMermaid(parseContactCenterSpec(text, "b.yaml"));
    expect(b).toBe(a);
    expect(renderMermaid(parseContactCenterSpec(text, "a.yaml"))).toBe(a);
  });

  it("escapes every display name in the graph source and shows it back exactly", () => {
    const nasty = `Sales "VIP" <b>#1</b> & co; 50% | x`;
    const graph = graphOf(`queues: { q: { name: ${JSON.stringify(nasty)} } }`);
    expect(graph).not.toContain("<b>");
    expect([...boxes(graph).values()]).toContain(nasty);
  });

  it("routes a number to its IVR tree and the tree to its first node, the root", () => {
    const graph = graphOf(MENU(`          "1": { action: stopCall }`));
    expect(edgesFrom(graph, "Hot")).toEqual([
      { from: idOf(graph, "Hot"), arrow: "-->", to: idOf(graph, "Tree") },
    ]);
    expect(edgesFrom(graph, "Tree")).toEqual([
      { from: idOf(graph, "Tree"), arrow: "-->", label: "root", to: idOf(graph, "Menu") },
    ]);
  });

  it("routes a number without an IVR straight to its queue", () => {
    const graph = graphOf(`
queues: { q: { name: Direct } }
numbers: { line: { number: "84900000009", allowOutboundCalls: false, queue: q } }
`);
    expect(edgesFrom(graph, "line").map((e) => e.to)).toEqual([idOf(graph, "Direct")]);
  });

  it("draws one edge per key, labelled with the key, in keypad order", () => {
    const graph = graphOf(
      MENU(`          INVALID_KEY: { action: stopCall }
          "#": { action: stopCall }
          "0": { action: stopCall }
          "*": { action: stopCall }
          EMPTY_KEY: { action: stopCall }
          "9": { action: stopCall }`),
    );
    expect(edgesFrom(graph, "Menu").map((e) => e.label)).toEqual([
      "0",
      "9",
      "*",
      "#",
      "EMPTY_KEY",
      "INVALID_KEY",
    ]);
  });

  it.each([
    ["routeToQueue", `{ action: routeToQueue, queue: q }`, "Queue Q"],
    ["nextNode", `{ action: nextNode, nextNode: other }`, "Other"],
    ["stopCall", `{ action: stopCall }`, "Stop call"],
    ["voicemail", `{ action: voicemail }`, "Voicemail"],
    ["sms", `{ action: sms, sms: "See you" }`, "SMS\nSee you"],
    [
      "forwardToPhone (an outside phone)",
      `{ action: forwardToPhone, toPhoneNumber: "84912345678", fromNumberCalloutToAgent: "84900000003" }`,
      "Phone 84912345678",
    ],
    [
      "forwardToPhone (an agent's own phone)",
      `{ action: forwardToPhone, toPhoneNumber: "84900000001", fromNumberCalloutToAgent: "84900000003" }`,
      "Field agent\nfield",
    ],
    [
      "forwardToPhone (a SIP phone's username)",
      `{ action: forwardToPhone, toPhoneNumber: "84900000002", fromNumberCalloutToAgent: "84900000003" }`,
      "SIP desk\nuser 84900000002\next 7",
    ],
    [
      "forwardToPhone (one of the spec's numbers)",
      `{ action: forwardToPhone, toPhoneNumber: "84900000003", fromNumberCalloutToAgent: "84900000003" }`,
      "Hot\n84900000003",
    ],
  ])("points a %s key at its target", (_, key, target) => {
    const graph = graphOf(MENU(`          "5": ${key}`));
    const [edge, ...more] = edgesFrom(graph, "Menu");
    expect(more).toEqual([]);
    expect(edge?.label).toBe("5");
    expect(boxes(graph).get(edge!.to)).toBe(target);
  });

  it("gives each ending key its own end box, so two stop-call keys do not merge", () => {
    const graph = graphOf(
      MENU(`          "1": { action: stopCall }
          "2": { action: stopCall }`),
    );
    const [a, b] = edgesFrom(graph, "Menu");
    expect(a!.to).not.toBe(b!.to);
  });

  it("cuts a long SMS text in its box", () => {
    const graph = graphOf(MENU(`          "1": { action: sms, sms: ${JSON.stringify("x".repeat(200))} }`));
    expect(boxes(graph).get(edgesFrom(graph, "Menu")[0]!.to)).toBe(`SMS\n${"x".repeat(59)}…`);
  });

  it("marks a queue's primary group with a thick, labelled edge and its other groups with plain ones", () => {
    const graph = graphOf(`
queues:
  marked: { groups: [{ group: a }, { group: b, primary: true }] }
  unmarked: { groups: [{ group: a }, { group: b }] }
groups: { a: { name: Group A }, b: { name: Group B } }
`);
    const a = idOf(graph, "Group A");
    const b = idOf(graph, "Group B");
    expect(edgesFrom(graph, "marked").map(({ arrow, label, to }) => ({ arrow, label, to }))).toEqual([
      { arrow: "-->", label: undefined, to: a },
      { arrow: "==>", label: "primary", to: b },
    ]);
    // With none marked, the first group listed is primary (as Stringee is told).
    expect(edgesFrom(graph, "unmarked").map(({ arrow, to }) => ({ arrow, to }))).toEqual([
      { arrow: "==>", to: a },
      { arrow: "-->", to: b },
    ]);
  });

  it("links each group to its member agents", () => {
    const graph = graphOf(`
groups: { a: { name: Group A }, b: { name: Group B } }
agents:
  x: { name: Agent X, stringeeUserId: ux, groups: [a, b] }
  y: { name: Agent Y, stringeeUserId: uy, groups: [a] }
`);
    expect(edgesFrom(graph, "Group A").map((e) => boxes(graph).get(e.to))).toEqual([
      "Agent X\nux",
      "Agent Y\nuy",
    ]);
    expect(edgesFrom(graph, "Group B").map((e) => boxes(graph).get(e.to))).toEqual(["Agent X\nux"]);
  });

  it("shows where an agent's calls ring: its own phone, or the SIP phone signed in with its user id", () => {
    const graph = graphOf(`
agents:
  mobile: { name: Mobile, stringeeUserId: m, routingType: 2, phoneNumber: "84911111111" }
  desk: { name: Desk, stringeeUserId: "100" }
  app: { name: App, stringeeUserId: app }
sipPhones:
  d100: { username: "100", passwordConfig: pw }
`);
    expect(edgesFrom(graph, "Mobile").map((e) => [e.arrow, e.label, boxes(graph).get(e.to)])).toEqual([
      ["-.->", "calls", "Phone 84911111111"],
    ]);
    expect(edgesFrom(graph, "Desk").map((e) => [e.arrow, e.label, boxes(graph).get(e.to)])).toEqual([
      ["-.->", "SIP", "SIP d100\nuser 100"],
    ]);
    expect(edgesFrom(graph, "App")).toEqual([]);
  });

  it("draws a SIP phone nothing refers to as a box of its own", () => {
    const graph = graphOf(`sipPhones: { spare: { username: "s1", passwordConfig: pw, extension: 12 } }`);
    expect([...boxes(graph).values()]).toEqual(["SIP spare\nuser s1\next 12"]);
    expect(edges(graph)).toEqual([]);
  });

  it("draws one box for a phone several keys and agents forward to", () => {
    const graph = graphOf(
      MENU(`          "1": { action: forwardToPhone, toPhoneNumber: "84912345678", fromNumberCalloutToAgent: "84900000003" }
          "2": { action: forwardToPhone, toPhoneNumber: "84912345678", fromNumberCalloutToAgent: "84900000003" }`),
    );
    expect([...boxes(graph).values()].filter((l) => l === "Phone 84912345678")).toHaveLength(1);
    const [a, b] = edgesFrom(graph, "Menu");
    expect(a!.to).toBe(b!.to);
  });

  it("gives every box a colour class of its kind, none named like Mermaid's own `node` class", () => {
    const graph = graphOf(MENU(`          "1": { action: stopCall }`));
    const classed = [...graph.matchAll(/^ {2}class ([\w,]+) (\w+);$/gm)].flatMap((m) => m[1]!.split(","));
    expect(classed.sort()).toEqual([...boxes(graph).keys()].sort());
    expect(graph).not.toMatch(/^ {2}classDef node /m);
  });

  it.each(["contact-center.dev.yaml", "contact-center.prod.yaml"])(
    "draws every object of %s with its display name, and every key of every node",
    (file) => {
      const s = loadContactCenterSpec(join(ROOT, file));
      const graph = renderMermaid(s);
      const firstLines = [...boxes(graph).values()].map((l) => l.split("\n")[0]);
      for (const name of displayNames(s)) expect(firstLines).toContain(name);
      const keyCount = Object.values(s.ivrTrees ?? {})
        .flatMap((t) => Object.values(t.nodes))
        .reduce((n, node) => n + Object.keys(node.keys ?? {}).length, 0);
      // A node's labelled arrows are its keys, besides the dotted one to the greeting it plays.
      const keyLabels = edges(graph).filter(
        (e) => e.from.startsWith("node_") && e.label !== undefined && e.label !== "plays",
      );
      expect(keyLabels).toHaveLength(keyCount);
      // Every line is a declaration, an edge or a class: nothing the regexes above missed.
      const lines = graph.trimEnd().split("\n").slice(1);
      const understood = boxes(graph).size + edges(graph).length;
      expect(lines.filter((l) => !/^ {2}class(Def)? /.test(l))).toHaveLength(understood);
    },
  );

  it("draws the prod example as committed (update this snapshot when the drawing changes on purpose)", () => {
    expect(renderMermaid(loadContactCenterSpec(join(ROOT, "contact-center.prod.yaml")))).toMatchSnapshot();
  });
});

describe("the graph command", () => {
  const io = captureCommandOutput("graph-cli-");

  const BAD = `queues:\n  sales:\n    waitAgentAnswerTimeout: 1\n    groups: [{ group: nobody }]\n`;

  it("prints the graph of the given spec and exits 0", async () => {
    const file = join(ROOT, "contact-center.prod.yaml");
    expect(await runGraph([file])).toBe(0);
    expect(io.out).toBe(renderMermaid(loadContactCenterSpec(file)));
    expect(io.err).toBe("");
  });

  it("lists every problem of a bad spec as file:line:col and exits 1, printing no graph", async () => {
    const file = join(io.dir, "contact-center.bad.yaml");
    writeFileSync(file, BAD);
    expect(await runGraph([file])).toBe(1);
    expect(io.out).toBe("");
    expect(io.err).toMatch(/^invalid contact-center spec \(2 problems\):\n/);
    expect(io.err).toContain(`${file}:3:5: queues.sales.waitAgentAnswerTimeout:`);
    expect(io.err).toContain(`${file}:4:16: queues.sales.groups[0].group:`);
  });

  it("says which file it could not read and exits 1", async () => {
    expect(await runGraph([join(io.dir, "missing.yaml")])).toBe(1);
    expect(io.err).toContain(`${join(io.dir, "missing.yaml")}: cannot read the spec`);
  });

  it("reads contact-center.<stack>.yaml with --stack, and contact-center.dev.yaml without", async () => {
    writeFileSync(join(io.dir, "contact-center.dev.yaml"), "queues: { dev-q: { name: Dev queue } }\n");
    writeFileSync(join(io.dir, "contact-center.prod.yaml"), "queues: { prod-q: { name: Prod queue } }\n");
    const cwd = process.cwd();
    process.chdir(io.dir);
    try {
      expect(await runGraph([])).toBe(0);
      expect(io.out).toContain('"Dev queue"');
      io.out = "";
      expect(await runGraph(["--stack", "prod"])).toBe(0);
      expect(io.out).toContain('"Prod queue"');
      io.out = "";
      expect(await runGraph(["-s", "staging"])).toBe(1);
      expect(io.err).toContain("contact-center.staging.yaml: cannot read the spec");
    } finally {
      process.chdir(cwd);
    }
  });

  it("writes the graph to --out instead of standard output", async () => {
    const target = join(io.dir, "graph.mmd");
    expect(await runGraph([join(ROOT, "contact-center.dev.yaml"), "--out", target])).toBe(0);
    expect(io.out).toBe("");
    expect(readFileSync(target, "utf8")).toBe(
      renderMermaid(loadContactCenterSpec(join(ROOT, "contact-center.dev.yaml"))),
    );
  });

  it("refuses unknown options and extra arguments with exit code 2 and the usage", async () => {
    expect(await runGraph(["--bogus"])).toBe(2);
    expect(io.err).toContain("Usage: stringee-pulumi graph");
    io.err = "";
    expect(await runGraph(["a.yaml", "b.yaml"])).toBe(2);
    expect(io.err).toContain("one spec file at most");
  });

  it("documents the default spec file and the options in --help", async () => {
    expect(await runGraph(["--help"])).toBe(0);
    expect(io.out).toContain("contact-center.<stack>.yaml");
    expect(io.out).toContain("contact-center.dev.yaml");
    expect(io.out).toContain("--out FILE");
  });

  it("exits 1 with the problems from the real `stringee-pulumi` entry point", () => {
    const file = join(io.dir, "contact-center.bad.yaml");
    writeFileSync(file, BAD);
    const run = spawnSync(
      process.execPath,
      [
        require.resolve("ts-node/dist/bin.js"),
        "--transpile-only",
        join(ROOT, "provider/cli/main.ts"),
        "graph",
        file,
      ],
      { encoding: "utf8", cwd: ROOT },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`${file}:3:5: queues.sales.waitAgentAnswerTimeout:`);
  });

  it("prints the same bytes on every run of the real entry point", () => {
    const args = [
      require.resolve("ts-node/dist/bin.js"),
      "--transpile-only",
      join(ROOT, "provider/cli/main.ts"),
      "graph",
      "contact-center.prod.yaml",
    ];
    const a = execFileSync(process.execPath, args, { encoding: "utf8", cwd: ROOT });
    const b = execFileSync(process.execPath, args, { encoding: "utf8", cwd: ROOT });
    expect(a).toMatch(/^flowchart LR\n/);
    expect(b).toBe(a);
  });
});
