// Spec names for exported objects: readable (a slug of what people see in the dashboard), valid map keys
// for the spec (SPEC_NAME / NODE_NAME), unique within their section, and stable: the same account always
// gives the same names, whatever order the API lists objects in.
import { NODE_NAME, SPEC_NAME } from "../spec/schema";

/** Longest slug before a collision suffix is added, so `<slug>-<n>` still fits the 63 characters of a name. */
const MAX_SLUG = 56;

/**
 * Turns a display text into a spec-name slug: lower case, Latin letters without diacritics (Vietnamese names
 * included: `Hỗ trợ` becomes `ho-tro`), digits, `_` and single `-` between words. Empty when nothing is left.
 */
export function slugify(text: string): string {
  const latin = text
    // đ/Đ have no decomposition: they are letters of their own, read "d".
    .replace(/[đĐ]/g, "d")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();
  const slug = latin
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "")
    .replace(/-{2,}/g, "-");
  return slug.slice(0, MAX_SLUG).replace(/[-_]+$/g, "");
}

/** One object to name: its id (the tie-breaker) and the texts to derive the name from, best first. */
export interface NameCandidate {
  /** The Stringee id; decides who keeps the plain name when two objects slug alike. */
  id: string;
  /** Display texts, best first (for example an agent's name, then its user id); empty ones are skipped. */
  texts: readonly (string | undefined)[];
}

/** Options of {@link assignNames}. */
export interface AssignNamesOptions {
  /** Prefix of the fallback name when no text gives a slug (`queue` gives `queue-qu-h7cf…`). */
  fallbackPrefix: string;
  /** IVR node names must not be all digits (JavaScript would reorder them): such names get this prefix. */
  digitsPrefix?: string;
}

/**
 * Gives every candidate a unique spec name. The base name is the slug of the first text that yields one
 * (else `<fallbackPrefix>-<slug of the id>`). When several objects share a base name, the one with the
 * smallest id keeps it and the others get `-2`, `-3`… in id order, skipping names another object has as its
 * own base, so a collision never takes a name away from an unrelated object.
 */
export function assignNames(
  candidates: readonly NameCandidate[],
  options: AssignNamesOptions,
): Map<string, string> {
  const sorted = [...candidates].sort((a, b) => compareIds(a.id, b.id));
  const bases = sorted.map((c) => ({ id: c.id, base: baseName(c, options) }));
  const reserved = new Set(bases.map((b) => b.base));
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const { id, base } of bases) {
    let name = base;
    if (taken.has(name)) {
      for (let n = 2; ; n++) {
        name = `${base}-${n}`;
        if (!taken.has(name) && !reserved.has(name)) break;
      }
    }
    taken.add(name);
    out.set(id, name);
  }
  return out;
}

function baseName(c: NameCandidate, options: AssignNamesOptions): string {
  let slug = "";
  for (const text of c.texts) {
    slug = text === undefined ? "" : slugify(text);
    if (slug !== "") break;
  }
  if (slug === "") slug = `${options.fallbackPrefix}-${slugify(c.id) || "x"}`.slice(0, MAX_SLUG);
  if (options.digitsPrefix !== undefined && /^\d+$/.test(slug)) slug = `${options.digitsPrefix}-${slug}`;
  const pattern = options.digitsPrefix === undefined ? SPEC_NAME : NODE_NAME;
  // slugify only keeps [a-z0-9_-] and never starts with '-' or '_', so this cannot fail; kept as a guard.
  if (!pattern.test(slug))
    throw new Error(`stringee-pulumi export: derived an invalid spec name ${JSON.stringify(slug)} (bug)`);
  return slug;
}

/** Orders ids the same way everywhere (plain code-unit order, independent of the locale). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The stack config key that holds a SIP phone's password: `sipPassword-<spec name>`. */
export function passwordConfigKey(phoneName: string): string {
  return `sipPassword-${phoneName}`;
}
