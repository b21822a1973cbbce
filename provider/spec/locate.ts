// Positions in the YAML source: spec paths to line/column, and the duplicate keys of a document.
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

/** A path in the spec: map keys and list indexes. */
export type SpecPath = readonly (string | number)[];

/** 1-based line and column. */
export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** Renders a path as `numbers.hotline.ivrMenu` or `queues.sales.groups[1].group`. */
export function formatPath(path: SpecPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? "" : String(key.value);
  return undefined;
}

/** Maps spec paths to source positions using a parsed document. */
export class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /**
   * Position of `path`: the key of the deepest map entry found (where an object or field is named), or the
   * list item; when part of the path does not exist (a missing field), the position of its nearest parent.
   */
  locate(path: SpecPath): Position | undefined {
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node);
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
        if (pair === undefined) break;
        offset = rangeStart(pair.key) ?? rangeStart(pair.value) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === "number") {
        const item = node.items[seg];
        if (item === undefined) break;
        offset = rangeStart(item) ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return offset === undefined ? undefined : this.position(offset);
  }

  /** Converts a source offset to a position. */
  position(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /** Every map key that repeats an earlier key of the same map: its path and the offsets of both keys. */
  duplicateKeys(): { path: (string | number)[]; offset: number; firstOffset: number }[] {
    const found: { path: (string | number)[]; offset: number; firstOffset: number }[] = [];
    const visit = (node: unknown, path: (string | number)[]) => {
      if (isMap(node)) {
        const first = new Map<string, number>();
        for (const pair of node.items) {
          const key = keyText(pair.key);
          const offset = rangeStart(pair.key);
          if (key !== undefined && offset !== undefined) {
            const earlier = first.get(key);
            if (earlier === undefined) first.set(key, offset);
            else found.push({ path: [...path, key], offset, firstOffset: earlier });
          }
          visit(pair.value, key === undefined ? path : [...path, key]);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => visit(item, [...path, i]));
      }
    };
    visit(this.doc.contents, []);
    return found;
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
