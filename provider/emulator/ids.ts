// Opaque object ids in Stringee's shape: a collection prefix followed by 16 random uppercase
// letters and digits (e.g. NU_S53F60KUWL19L663).
import { randomInt } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Number of random characters after the prefix. */
export const ID_RANDOM_LENGTH = 16;

/** Returns `prefix` followed by `length` (default 16) random characters from [A-Z0-9]. */
export function newId(prefix: string, length = ID_RANDOM_LENGTH): string {
  let out = prefix;
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** True when `id` is `prefix` followed by exactly 16 characters from [A-Z0-9]. */
export function isGeneratedId(id: string, prefix: string): boolean {
  if (!id.startsWith(prefix)) return false;
  return /^[A-Z0-9]{16}$/.test(id.slice(prefix.length));
}
