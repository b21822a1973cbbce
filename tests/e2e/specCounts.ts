// What the e2e tests know about the emulator's collections and about the two committed specs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { COLLECTION_NAMES } from "../../provider/emulator/schema";
import type { EmulatorControl } from "../support/emulatorControl";
import { REPO_ROOT } from "./harness";

/** The audio files contact-center.prod.yaml's greetings upload, by path relative to the spec: copy them next to it. */
export const SPEC_AUDIO: Readonly<Record<string, Buffer>> = Object.fromEntries(
  ["audio/hold-music.wav", "audio/sales-menu.wav"].map((f) => [f, readFileSync(join(REPO_ROOT, f))]),
);

/** The emulator's collections, as `/__emulator/objects/{collection}` names them. */
export const COLLECTIONS: readonly string[] = COLLECTION_NAMES;

/** What contact-center.dev.yaml declares, per collection. */
export const DEV_COUNTS = {
  number: 1,
  agent: 2,
  ivrkeypress: 3,
  sipphone: 1,
  queue: 2,
  ivrtree: 1,
  ivrnode: 1,
  group: 2,
  groupagent: 2,
  grouprouting: 2,
  blacklistnumber: 0,
  greetingfile: 0,
};

/** What contact-center.prod.yaml declares, per collection (and call settings, which are not a collection). */
export const PROD_COUNTS = {
  number: 2,
  agent: 6,
  ivrkeypress: 6,
  sipphone: 2,
  queue: 2,
  ivrtree: 1,
  ivrnode: 2,
  group: 3,
  groupagent: 6,
  grouprouting: 4,
  blacklistnumber: 2,
  greetingfile: 2,
};

/** How many objects the emulator holds per collection, leaving out empty collections. */
export async function objectCounts(emu: EmulatorControl): Promise<Record<string, number>> {
  const all = await emu.control<Record<string, unknown[]>>("GET", "/objects");
  return Object.fromEntries(COLLECTIONS.map((c) => [c, all[c]?.length ?? 0]).filter(([, n]) => n !== 0));
}
