// `npm run graph:png [-- spec-file [png-file]]`: draws the call-flow graph of a spec (default: the prod
// example) as a PNG with the real Mermaid in headless Chromium; the README shows the result
// (docs/contact-center-graph.png). Chromium comes from scripts/chromium.sh.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { renderMermaid } from "../provider/graph/mermaid";
import { loadContactCenterSpec } from "../provider/spec/parse";
import { MermaidRenderer } from "../tests/support/mermaidChromium";

async function main(): Promise<void> {
  const root = resolve(__dirname, "..");
  const spec = resolve(process.argv[2] ?? resolve(root, "contact-center.prod.yaml"));
  const out = resolve(process.argv[3] ?? resolve(root, "docs", "contact-center-graph.png"));
  const t0 = Date.now();
  const renderer = await MermaidRenderer.start();
  try {
    const graph = await renderer.render(renderMermaid(loadContactCenterSpec(spec)));
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
