// Renders Mermaid text with the real `mermaid` browser bundle in Debian's headless Chromium (installed by
// scripts/chromium.sh), driven by playwright-core. Offline: the page is blank and the bundle is loaded from
// node_modules, so nothing is fetched. Used by the render test and scripts/render-graph.ts.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

/** Where scripts/chromium.sh installs Chromium. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** What {@link MermaidRenderer.render} gives back. */
export interface RenderedGraph {
  /** The SVG markup Mermaid produced. */
  svg: string;
  /** The SVG's text as the browser shows it (entities decoded): every box and edge label, no CSS. */
  text: string;
  /** The text of each box (Mermaid's `.node` elements), in drawing order. */
  boxes: string[];
  /** The text of each edge label that has one. */
  edgeLabels: string[];
  /** Each box as painted, in drawing order: its text, its Mermaid classes, the fill and stroke of its shape. */
  boxStyles: PaintedBox[];
  /** Each arrow's line as painted, in drawing order: its classes, stroke colour and dash pattern (computed CSS). */
  edgeStyles: { classes: string[]; stroke: string; dasharray: string }[];
  /** Width and height of the drawn SVG, in CSS pixels. */
  width: number;
  height: number;
}

/** A box of the drawing as the browser paints it. */
export interface PaintedBox {
  /** The element id Mermaid gives it: `<render id>-flowchart-<box id>-<n>`. */
  elementId: string;
  /** Its text. */
  text: string;
  /** Its classes (`node`, `default`, then the graph's own classes). */
  classes: string[];
  /** Computed fill of its shape, as `rgb(r, g, b)`. */
  fill: string;
  /** Computed stroke of its shape, as `rgb(r, g, b)`. */
  stroke: string;
}

/** A headless Chromium with the Mermaid bundle loaded into one blank page. */
export class MermaidRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  /**
   * Starts Chromium and loads Mermaid. Throws (never skips) when Chromium is missing: the render test must
   * fail loudly on a machine where scripts/chromium.sh did not run.
   */
  static async start(): Promise<MermaidRenderer> {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`${CHROMIUM_PATH} is missing: run scripts/chromium.sh (scripts/test.sh does) first`);
    }
    // As root there is no sandbox; the networking switches keep Chromium from dialling out on a closed network.
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage({ deviceScaleFactor: 2 });
      await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"></body></html>');
      await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
      await page.evaluate(() => {
        const m = (globalThis as unknown as BrowserGlobals).mermaid;
        // Natural size, not scaled to the page width, so the screenshot is readable.
        m.initialize({
          startOnLoad: false,
          securityLevel: "strict",
          theme: "default",
          flowchart: { useMaxWidth: false },
        });
      });
      return new MermaidRenderer(browser, page);
    } catch (err) {
      await browser.close();
      throw err;
    }
  }

  /** Renders `source`, shows it as the only thing on the page, and returns the SVG; a Mermaid error rejects. */
  async render(source: string): Promise<RenderedGraph> {
    return this.page.evaluate(async (src) => {
      const { mermaid, document, getComputedStyle } = globalThis as unknown as BrowserGlobals;
      const { svg } = await mermaid.render(`graph${Date.now()}`, src);
      document.body.innerHTML = `<div id="graph" style="display:inline-block;padding:16px">${svg}</div>`;
      const el = document.querySelector("#graph svg");
      if (el === null) throw new Error("mermaid returned no <svg>");
      const box = el.getBoundingClientRect();
      const bare = el.cloneNode(true);
      for (const style of bare.querySelectorAll("style")) style.remove();
      const texts = (selector: string) =>
        [...el.querySelectorAll(selector)].map((n) => n.textContent ?? "").filter((t) => t !== "");
      const boxStyles = [...el.querySelectorAll("g.node")].map((n) => {
        const shape = n.querySelector("rect, polygon, path, circle, ellipse");
        const painted = shape === null ? undefined : getComputedStyle(shape);
        return {
          elementId: n.getAttribute("id") ?? "",
          text: n.textContent ?? "",
          classes: (n.getAttribute("class") ?? "").split(" ").filter((c) => c !== ""),
          fill: painted?.fill ?? "",
          stroke: painted?.stroke ?? "",
        };
      });
      const edgeStyles = [...el.querySelectorAll("path.flowchart-link")].map((p) => {
        const painted = getComputedStyle(p);
        const classes = (p.getAttribute("class") ?? "").split(" ").filter((c) => c !== "");
        return { classes, stroke: painted.stroke, dasharray: painted.strokeDasharray };
      });
      return {
        svg,
        text: bare.textContent ?? "",
        boxes: texts("g.node"),
        edgeLabels: texts("g.edgeLabel"),
        boxStyles,
        edgeStyles,
        width: box.width,
        height: box.height,
      };
    }, source);
  }

  /** A PNG screenshot of the last rendered graph, at twice its CSS size. */
  async png(): Promise<Buffer> {
    return this.page.locator("#graph").screenshot({ type: "png" });
  }

  /** Closes Chromium. */
  async close(): Promise<void> {
    await this.browser.close();
  }
}

// The page's globals this helper uses, typed here because the project compiles without the DOM library
// (its code runs in Node); these functions run in the page.
interface BrowserGlobals {
  mermaid: {
    initialize(config: Record<string, unknown>): void;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
  document: { body: { innerHTML: string }; querySelector(selector: string): DomElement | null };
  getComputedStyle(el: DomElement): { fill: string; stroke: string; strokeDasharray: string };
}

interface DomElement {
  textContent: string | null;
  getBoundingClientRect(): { width: number; height: number };
  cloneNode(deep: true): DomElement;
  querySelectorAll(selector: string): Iterable<DomElement>;
  querySelector(selector: string): DomElement | null;
  getAttribute(name: string): string | null;
  remove(): void;
}
