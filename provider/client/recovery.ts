// Duplicate-safe create and not-found-tolerant delete, shared by every collection. The http layer never
// re-sends a POST whose outcome is unknown; this is where that case is resolved, because only a
// collection knows how to look its objects up by natural key.
import { StringeeApiError, isNotFound, isOutcomeUnknown } from "./errors";
import type { ApiEnvelope } from "./http";
import { hasIdPrefix, wireId } from "./normalize";

/** Result of a create. */
export interface CreateResult {
  /** The canonical id, as the list endpoint shows it (prefixed where the API prefixes ids). */
  id: string;
  /**
   * True when the POST's answer was lost and the object was found by natural key instead: it was
   * created by this call (or by someone else with the same natural key in the meantime).
   */
  recovered: boolean;
}

/** Result of a delete. */
export interface DeleteResult {
  /** False when the object did not exist (already deleted): still a success. */
  deleted: boolean;
}

/** Default number of times a create re-sends its POST after an unknown outcome with nothing found. */
export const DEFAULT_CREATE_RESENDS = 5;

/** Default wait before the n-th re-send (0-based): 250 ms doubling, at most 4 s, so a struggling API recovers. */
export function defaultResendDelayMs(resend: number): number {
  return Math.min(250 * 2 ** resend, 4_000);
}

/** Inputs of {@link createWithRecovery}. */
export interface CreateWithRecoveryOptions {
  /** Sends the POST once. */
  send: () => Promise<ApiEnvelope>;
  /** Reads the (possibly unprefixed, possibly missing) id from the create answer. */
  idFromAnswer: (answer: ApiEnvelope) => string | undefined;
  /** Looks the object up by natural key; returns its canonical id when it exists. */
  findExisting: () => Promise<string | undefined>;
  /**
   * Finds the object an answer's id names in a listing and returns its id as listed, to turn an unprefixed
   * create id into the listed form; `undefined` when no listing shows it.
   */
  listedId?: (answerId: string) => Promise<string | undefined>;
  /** Whether an id from the answer is already in listed form (default: it carries a known prefix). */
  isCanonical?: (id: string) => boolean;
  /**
   * The listed form of an answer's id when no listing could confirm it (the object exists, so the create
   * must not fail): the collection's prefix added to an unprefixed id. Default: the id as answered.
   */
  likelyListed?: (id: string) => string;
  /**
   * Re-sends allowed after an unknown outcome with nothing found (default 5). Each re-send follows a lookup
   * that found nothing, so more of them cannot create a duplicate; they only ride out a longer outage.
   */
  maxResends?: number;
  /** Wait before the n-th re-send, in milliseconds (default {@link defaultResendDelayMs}). */
  resendDelayMs?: (resend: number) => number;
}

/**
 * Creates an object at most once. A POST whose outcome is unknown is followed by a lookup by natural
 * key: found means it was applied (`recovered: true`); not found means it was not, so it is re-sent.
 */
export async function createWithRecovery(o: CreateWithRecoveryOptions): Promise<CreateResult> {
  const maxResends = o.maxResends ?? DEFAULT_CREATE_RESENDS;
  for (let resends = 0; ; resends++) {
    let answer: ApiEnvelope;
    try {
      answer = await o.send();
    } catch (err) {
      if (!isOutcomeUnknown(err)) throw err;
      let existing: string | undefined;
      try {
        existing = await o.findExisting();
      } catch {
        // Cannot tell whether the POST was applied: the original, ambiguous error is the honest answer.
        throw err;
      }
      if (existing !== undefined) return { id: existing, recovered: true };
      if (resends >= maxResends) throw err;
      await new Promise((resolve) => setTimeout(resolve, (o.resendDelayMs ?? defaultResendDelayMs)(resends)));
      continue;
    }
    return { id: await canonicalId(o, answer), recovered: false };
  }
}

async function canonicalId(o: CreateWithRecoveryOptions, answer: ApiEnvelope): Promise<string> {
  const raw = o.idFromAnswer(answer);
  if (raw !== undefined && (o.isCanonical ?? hasIdPrefix)(raw)) return raw;
  // The object exists now: a failing lookup must not turn this success into an error (the caller
  // would create it again), so lookups here are best effort and the answer's own id is the fallback.
  try {
    // Create answers may drop the prefix the list shows (`Z1SQ…` vs `NU_Z1SQ…`): prefer the listed form.
    if (raw !== undefined && o.listedId) {
      const listed = await o.listedId(raw);
      if (listed !== undefined) return listed;
    }
    const byKey = await o.findExisting();
    if (byKey !== undefined) return byKey;
  } catch (err) {
    if (raw === undefined) throw err;
  }
  // Every documented path names the prefixed form: an unprefixed id would make later updates miss the object
  // and deletes take "not found" for done. A refresh reads it back by either form and keeps the listed one.
  if (raw !== undefined) return o.likelyListed?.(raw) ?? raw;
  throw new StringeeApiError({
    method: "POST",
    path: "(create)",
    outcome: "unknown",
    apiMessage: "created, but the answer carried no id and the object could not be found",
  });
}

/** Runs a DELETE; a not-found answer means the object is already gone, which is success. */
export async function deleteTolerant(send: () => Promise<unknown>): Promise<DeleteResult> {
  try {
    await send();
    return { deleted: true };
  } catch (err) {
    if (isNotFound(err)) return { deleted: false };
    throw err;
  }
}

/** Reads the first present id field of a create answer (`numberID`, `agentID`…). */
export function answerId(answer: ApiEnvelope, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const id = wireId(answer[key]);
    if (id !== undefined) return id;
  }
  return undefined;
}

/** Encodes one path segment (ids are opaque and may contain reserved characters). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
