// `npm run graph:png [-- [--diff BASE] spec-file [png-file]]`: draws the call-flow graph of a spec (default:
// the prod example) as a PNG with the real Mermaid in headless Chromium; with --diff BASE (a spec file or a
// git revision, as `stringee-pulumi graph --diff` reads it), the diff graph of BASE -> spec instead. The
// README shows both (docs/contact-center-graph.png, docs/contact-center-diff.png). Chromium comes from
// scripts/chromium.sh.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadBaseSpec } from "../provider/cli/graph";
import { diffCallFlow } from "../provider/graph/diff";
import { renderMermaid } from "../provider/graph/mermaid";
import { loadContactCenterSpec } from "../provider/spec/parse";
import { MermaidRenderer } from "../tests/support/mermaidChromium";

async function main(): Promise<void> {
  const root = resolve(__dirname, "..");
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { diff: { type: "string" } },
  });
  const spec = resolve(positionals[0] ?? resolve(root, "contact-center.prod.yaml"));
  const name = values.diff === undefined ? "contact-center-graph.png" : "contact-center-diff.png";
  const out = resolve(positionals[1] ?? resolve(root, "docs", name));
  const head = loadContactCenterSpec(spec);
  const source =
    values.diff === undefined
      ? renderMermaid(head)
      : diffCallFlow(loadBaseSpec(values.diff, spec), head).mermaid;
  const t0 = Date.now();
  const renderer = await MermaidRenderer.start();
  try {
    const graph = await renderer.render(source);
    const png = await renderer.png();
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, png);
    process.stderr.write(
      `wrote ${out}: ${png.length} bytes, ${Math.round(graph.width)}x${Math.round(graph.height)} CSS px at 2x, in ${Date.now() - t0} ms\n`,
    );
  } finally {
    await renderer.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`render-graph: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
