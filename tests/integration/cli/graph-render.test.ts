// The graph `stringee-pulumi graph` prints really renders: the real `mermaid` browser bundle, in Debian's
// headless Chromium (scripts/chromium.sh installs it; scripts/test.sh runs that first), draws the dev and prod
// specs and a spec of hostile names, and every object's display name is in the drawing. No Chromium is a
// failure, not a skip. No network: a blank page and the bundle from node_modules.
import { join } from "node:path";
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
  ];
}

function keyCount(s: ContactCenterSpec): number {
  return Object.values(s.ivrTrees ?? {})
    .flatMap((t) => Object.values(t.nodes))
    .reduce((n, node) => n + Object.keys(node.keys ?? {}).length, 0);
}

/** How many boxes the Mermaid source declares (lines that are neither edges nor classes). */
function declaredBoxes(source: string): number {
  return source
    .trimEnd()
    .split("\n")
    .slice(1)
    .filter((l) => !/^ {2}class(Def)? | (-->|==>|-\.->)[| ]/.test(l)).length;
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
      const other = new Set(["root", "primary", "calls", "SIP"]);
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

  it("fails on Mermaid text that does not parse, so a passing render means the graph is valid", async () => {
    await expect(renderer.render('flowchart LR\n  a["unterminated]')).rejects.toThrow();
  });
});
