// What an emulator's account holds against what a stack's state tracks, for the e2e tests of interrupted
// runs: objects no resource tracks (orphans), tracked ids the account no longer holds, natural keys held twice.
import type { EmulatorControl } from "../support/emulatorControl";
import type { PulumiProject } from "./harness";
import { NATURAL_KEY, duplicatesByNaturalKey } from "./tenKinds";

/** An object of the emulator's account, in wire form. */
export type Wire = Record<string, unknown>;

/** A resource of a stack's state, as `pulumi stack export` shows it. */
export interface StateResource {
  urn: string;
  type: string;
  outputs?: Record<string, unknown>;
  /** Set on a replaced resource whose delete is still to come. */
  delete?: boolean;
}

/** An operation a killed run left in the state. */
export interface PendingOperation {
  /** `creating`, `updating`, `deleting`, `reading`. */
  type: string;
  resource: { urn: string };
}

/** The `deployment` of a stack export. */
export interface Deployment {
  resources?: StateResource[];
  pending_operations?: PendingOperation[];
}

/** The stack's state (of the selected stack). */
export async function deploymentOf(project: PulumiProject): Promise<Deployment> {
  return (JSON.parse(await project.exportState()) as { deployment?: Deployment }).deployment ?? {};
}

/** The emulator's collections, each with its natural key. */
export const COLLECTIONS = Object.keys(NATURAL_KEY);

/** An id without the SIP phones' project prefix (`246_100` → `100`). */
export const shortId = (id: string): string => id.replace(/^\d+_/, "");

/** The id the stack records for an emulator object (`stringeeId`), without the SIP project prefix. */
export function wireId(collection: string, o: Wire): string {
  if (collection === "groupagent") return `${String(o["group_id"])}/${String(o["agent_id"])}`;
  if (collection === "sipphone") return shortId(String(o["username"]));
  return String(o["id"]);
}

/** The Stringee ids the state tracks (replaced resources still to delete included). */
export function trackedIds(d: Deployment): Set<string> {
  return new Set(
    (d.resources ?? [])
      .filter((r) => r.type.includes("stringee:"))
      .map((r) => shortId(String(r.outputs?.["stringeeId"] ?? "")))
      .filter((id) => id !== ""),
  );
}

/** The account against the state. */
export interface AccountCheck {
  /** Objects in the account. */
  total: number;
  /** Objects per collection. */
  counts: Record<string, number>;
  /** Ids of objects the state does not track: orphans. */
  untracked: string[];
  /** Tracked ids the account does not hold. */
  dangling: string[];
  /** Natural keys held by more than one object, as "collection key". */
  duplicates: string[];
}

/** Compares the emulator's account with the state `d`. */
export async function checkAccount(emu: EmulatorControl, d: Deployment): Promise<AccountCheck> {
  const all = await emu.control<Record<string, Wire[]>>("GET", "/objects");
  const tracked = trackedIds(d);
  const remote = COLLECTIONS.flatMap((c) => (all[c] ?? []).map((o) => shortId(wireId(c, o))));
  return {
    total: remote.length,
    counts: Object.fromEntries(COLLECTIONS.map((c) => [c, (all[c] ?? []).length])),
    untracked: remote.filter((id) => !tracked.has(id)),
    dangling: [...tracked].filter((id) => !remote.includes(id)),
    duplicates: duplicatesByNaturalKey(all),
  };
}

/**
 * Waits until the emulator has logged no request for `latencyMs` plus half a second: the writes a killed
 * run had in flight have landed (the emulator applies them after its latency, as Stringee would).
 */
export async function waitUntilQuiet(emu: EmulatorControl, latencyMs: number): Promise<void> {
  let logged = (await emu.requests()).length;
  for (;;) {
    await new Promise((r) => setTimeout(r, latencyMs + 500));
    const now = (await emu.requests()).length;
    if (now === logged) return;
    logged = now;
  }
}
