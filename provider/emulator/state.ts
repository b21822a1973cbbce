// Persistence of the emulated account to a JSON file (--state): loaded at start when present,
// rewritten after every write through a temporary file and a rename so a crash never leaves a
// half-written file behind.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { StoreSnapshot } from "./store";
import { COLLECTION_NAMES } from "./schema";

/** Reads a state file; undefined when it does not exist. Throws on a corrupt file. */
export function loadState(file: string): StoreSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (typeof parsed !== "object" || parsed === null || (parsed as { version?: unknown }).version !== 1) {
    throw new Error(`${file} is not an emulator state file (version 1)`);
  }
  const snapshot = parsed as StoreSnapshot;
  if (typeof snapshot.collections !== "object" || snapshot.collections === null) {
    throw new Error(`${file} has no collections`);
  }
  for (const name of COLLECTION_NAMES) {
    if (snapshot.collections[name] !== undefined && !Array.isArray(snapshot.collections[name])) {
      throw new Error(`${file}: collections.${name} must be an array`);
    }
  }
  return snapshot;
}

/** Writes a state file atomically (temporary file in the same directory, then rename). */
export function saveState(file: string, snapshot: StoreSnapshot): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(snapshot, null, 2)}\n`, "utf8");
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
