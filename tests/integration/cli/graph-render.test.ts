// The graph `stringee-pulumi graph` prints really renders: the real `mermaid` browser bundle, in Debian's
// headless Chromium (scripts/chromium.sh installs it; scripts/test.sh runs that first), draws the dev and prod
// specs and a spec of hostile names, and every object's display name is in the drawing; the `--diff` graph
// draws with its marks, colours and legend. No Chromium is a failure, not a skip. No network: a blank page
// and the bundle from node_modules.
import { join } from "node:path";
import { diffCallFlow } from "../../../provider/graph/diff";
import { renderMermaid } from "../../../provider/graph/mermaid";
import { loadContactCenterSpec, parseContactCenterSpec } from "../../../provider/spec/parse";
import type { ContactCenterSpec } from "../../../provider/spec/schema";
import { MermaidRenderer } from "../../support/mermaidChromium";

const ROOT = join(__dirname, "..", "..", "..");

/** Every object of a spec with the display name the drawing must show for it. */
function displayNames(s: ContactCenterSpec): string[] {
  const v = <T>(r: Record<string, T> | undefined) => Object.entries(r ?? {});
  return [
    ...v(s.numbers).flatMap(([k, n]) => [n.nickname ?? k, n.number]),
    ...v(s.ivrTrees).flatMap(([, t]) => [t.treeName, ...v(t.nodes).map(([, n]) => n.nodeName)]),
    ...v(s.queues).map(([, q]) => q.name),
    ...v(s.groups).map(([, g]) => g.name),
    ...v(s.agents).map(([, a]) => a.name),
    ...v(s.sipPhones).map(([k]) => `SIP ${k}`),
    ...v(s.greetings).map(([k, g]) => g.description ?? k),
    ...(s.blacklist === undefined ? [] : ["Blocked callers", ...v(s.blacklist).map(([, b]) => b.number)]),
  ];
}

function keyCount(s: ContactCenterSpec): number {
  return Object.values(s.ivrTrees ?? {})
    .flatMap((t) => Object.values(t.nodes))
    .reduce((n, node) => n + Object.keys(node.keys ?? {}).length, 0);
}

/** How many boxes the Mermaid source declares (lines that are neither edges, classes, styles nor the legend's frame). */
function declaredBoxes(source: string): number {
  const lines = source.trimEnd().split("\n");
  // After `flowchart LR` (the diff graph has a front matter before it).
  return lines
    .slice(lines.indexOf("flowchart LR") + 1)
    .filter(
      (l) =>
        !/^ {2}(class(Def)? |linkStyle |style |subgraph |end$| +direction )| (-->|==>|-\.->)[| ]/.test(l),
    ).length;
}

const HOSTILE = `
queues:
  q-1: { name: 'Sales "VIP" <b>bold</b> #1 & co; 50% | [x] {y} \`z\`', groups: [{ group: g_1 }] }
  q_1: { name: "%%{init: {'theme':'dark'}}%% style x fill:#f00; end", groups: [{ group: g_1 }] }
groups:
  g_1: { name: "Đội bán hàng <script>alert(1)</script>" }
agents:
  a1: { name: "click a1 call alert()", stringeeUserId: a1, groups: [g_1] }
ivrTrees:
  end:
    treeName: "subgraph end graph TD"
    nodes:
      o-x:
        nodeName: "A --> B ; C"
        playMode: talk
        content: hi
        keys:
          "#": { action: sms, sms: "Thanks! <3 https://x.example/?a=1&b=2#frag" }
          "*": { action: voicemail }
          "7": { action: routeToQueue, queue: q_1 }
          "0": { action: stopCall }
numbers:
  n: { number: "84986225112", nickname: "Hotline #1 — \\"24/7\\"", allowOutboundCalls: true, ivrMenu: end }
sipPhones:
  s: { username: "8412345678", passwordConfig: p }
`;

describe("the Mermaid graph in headless Chromium", () => {
  let renderer: MermaidRenderer;
  const started = Date.now();

  beforeAll(async () => {
    renderer = await MermaidRenderer.start();
    process.stderr.write(`graph-render: Chromium and Mermaid ready in ${Date.now() - started} ms\n`);
  }, 60_000);

  afterAll(async () => {
    await renderer?.close();
    process.stderr.write(`graph-render: whole file ${Date.now() - started} ms\n`);
  });

  it.each(["contact-center.prod.yaml", "contact-center.dev.yaml"])(
    "renders %s with every object's display name and one label per key",
    async (file) => {
      const spec = loadContactCenterSpec(join(ROOT, file));
      const t0 = Date.now();
      const source = renderMermaid(spec);
      const drawn = await renderer.render(source);
      process.stderr.write(`graph-render: ${file} rendered in ${Date.now() - t0} ms\n`);
      for (const name of displayNames(spec)) expect(drawn.text).toContain(name);
      // Mermaid drew one box per box declared, and the keys' labels are among the edge labels.
      expect(drawn.boxes).toHaveLength(declaredBoxes(source));
      const other = new Set([
        "root",
        "primary",
        "calls",
        "SIP",
        "refuses",
        "wait",
        "hold",
        "wait, hold",
        "plays",
      ]);
      expect(drawn.edgeLabels.filter((l) => !other.has(l))).toHaveLength(keyCount(spec));
      expect(drawn.width).toBeGreaterThan(300);
      expect(/Syntax error/.test(drawn.svg)).toBe(false);
    },
  );

  it("shows hostile names exactly, as text: no HTML, no directive, no statement injected", async () => {
    const spec = parseContactCenterSpec(HOSTILE, "hostile.yaml");
    const drawn = await renderer.render(renderMermaid(spec));
    for (const name of displayNames(spec)) expect(drawn.text).toContain(name);
    expect(drawn.text).toContain("Thanks! <3 https://x.example/?a=1&b=2#frag");
    expect(drawn.edgeLabels).toEqual(expect.arrayContaining(["#", "*", "0", "7"]));
    // The names stayed text (no <b> or <script> element) and the %%{init}%% in a name changed no theme:
    // the default theme's box fill is still there. Booleans, so a failure does not print the whole SVG.
    expect(/<b>|<script/.test(drawn.svg)).toBe(false);
    expect(drawn.svg.includes("fill:#ECECFF")).toBe(true);
    expect(drawn.boxes).toHaveLength(declaredBoxes(renderMermaid(spec)));
  });

  describe("the --diff graph", () => {
    const base = loadContactCenterSpec(join(ROOT, "contact-center.prod.yaml"));
    const head = loadContactCenterSpec(join(ROOT, "docs", "diff-example", "contact-center.prod.yaml"));
    const rgb = { red: "rgb(198, 40, 40)", green: "rgb(46, 125, 50)", orange: "rgb(239, 108, 0)" };

    it("renders with every box marked +, - or ~ and painted in its mark's colours", async () => {
      const diff = diffCallFlow(base, head);
      const t0 = Date.now();
      const drawn = await renderer.render(diff.mermaid);
      process.stderr.write(`graph-render: prod diff rendered in ${Date.now() - t0} ms\n`);
      expect(/Syntax error/.test(drawn.svg)).toBe(false);
      expect(drawn.boxes).toHaveLength(declaredBoxes(diff.mermaid));
      const box = (text: string) => {
        const found = drawn.boxStyles.filter((b) => b.text.startsWith(text));
        if (found.length !== 1) throw new Error(`${found.length} boxes drawn starting with ${text}`);
        return found[0]!;
      };
      // The text reads without colour; the colours are the mark's.
      expect(box("+ Sales 4")).toMatchObject({
        classes: expect.arrayContaining(["ccAdded"]),
        stroke: rgb.green,
      });
      expect(box("- SIP desk-101")).toMatchObject({
        classes: expect.arrayContaining(["ccRemoved"]),
        stroke: rgb.red,
      });
      expect(box("~ Main menu")).toMatchObject({
        classes: expect.arrayContaining(["ccChanged"]),
        stroke: rgb.orange,
      });
      expect(box("Hotline").classes).toContain("ccUnchanged");
      expect(box("Hotline").fill).toBe("rgb(250, 250, 250)");
      // Every box the source marks is drawn with that mark's class.
      const classOf = {
        added: "ccAdded",
        removed: "ccRemoved",
        changed: "ccChanged",
        unchanged: "ccUnchanged",
      };
      for (const [id, mark] of diff.boxMarks) {
        const painted = drawn.boxStyles.filter((b) => b.elementId.includes(`-flowchart-${id}-`));
        expect(painted.map((b) => b.classes.includes(classOf[mark]))).toEqual([true]);
      }
    });

    it("draws removed arrows red and dotted, added ones green and solid, with their +/- labels", async () => {
      const drawn = await renderer.render(diffCallFlow(base, head).mermaid);
      expect(drawn.edgeLabels).toEqual(
        expect.arrayContaining(["+ 1", "- 1", "+ 9", "+ primary", "- primary", "+", "-"]),
      );
      const removed = drawn.edgeStyles.filter((e) => e.stroke === rgb.red);
      const added = drawn.edgeStyles.filter((e) => e.stroke === rgb.green);
      // prod -> the example head: 6 arrows gone (number, key 1, primary, supervisors, Sales 3, the Sales queue's
      // hold music, now its "wait, hold" music), 7 new.
      expect(removed).toHaveLength(6);
      for (const e of removed) {
        expect(e.classes).toContain("edge-pattern-dotted");
        expect(e.dasharray).toContain("2px, 2px");
      }
      expect(added).toHaveLength(7);
      // New arrows keep their own pattern: solid, except the queue's music, dotted like every greeting arrow.
      const solid = added.filter((e) => !e.classes.includes("edge-pattern-dotted"));
      expect(solid).toHaveLength(6);
      for (const e of solid) {
        expect(e.classes).toContain("edge-pattern-solid");
        expect(e.dasharray).not.toContain("2px, 2px");
      }
    });

    it("draws the legend with its four entries", async () => {
      const drawn = await renderer.render(diffCallFlow(base, head).mermaid);
      expect(drawn.text).toContain("Legend");
      expect(drawn.boxes).toEqual(expect.arrayContaining(["+ added", "- removed", "~ changed", "unchanged"]));
    });

    it("shows hostile names exactly in a diff too", async () => {
      const before = parseContactCenterSpec(HOSTILE, "hostile.yaml");
      const after = parseContactCenterSpec(
        HOSTILE.replace(
          '"7": { action: routeToQueue, queue: q_1 }',
          '"7": { action: routeToQueue, queue: q-1 }',
        ),
        "hostile2.yaml",
      );
      const drawn = await renderer.render(diffCallFlow(before, after).mermaid);
      for (const name of displayNames(after)) expect(drawn.text).toContain(name);
      expect(drawn.edgeLabels).toEqual(expect.arrayContaining(["+ 7", "- 7"]));
      expect(/<b>|<script/.test(drawn.svg)).toBe(false);
    });
  });

  it("fails on Mermaid text that does not parse, so a passing render means the graph is valid", async () => {
    await expect(renderer.render('flowchart LR\n  a["unterminated]')).rejects.toThrow();
  });
});
