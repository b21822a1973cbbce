// stringee.BlacklistNumber: a caller Stringee blocks, in the IVR, in queues or both.
//   create -> POST   /v1/blacklistnumber (ICC)     read   -> GET /v1/blacklistnumber?page&limit (no GET by id)
//   update -> PUT    /v1/blacklistnumber/{id}      delete -> DELETE /v1/blacklistnumber/{id} (not found = done)
// Replacement: none; the number and both flags change in place (the PUT always carries the number).
// Natural key: the number. Stringee lists it with a leading "+" ("84379361752" sent, "+84379361752" listed):
// both are the same number, for lookups and for refresh.
import type { BlacklistNumberInput, BlacklistNumber as RemoteEntry } from "../client";
import { Validator, defineKind, type Checked } from "./framework";

// ---- values users choose from ----

// ---- resolved inputs and outputs ----

/**
 * The canonical inputs, as stored in state: the number (digits with the country code, no "+") and where it is
 * refused; check fills both flags with true when left out.
 */
export type BlacklistNumberInputs = Required<BlacklistNumberInput>;

/** What the resource reports: its canonical inputs. */
export type BlacklistNumberOutputs = BlacklistNumberInputs;

const FIELDS = ["number", "ivrBlocked", "queueBlocked"] as const;

// ---- validation ----

/** Validates and canonicalises raw BlacklistNumber inputs (runs at preview, before any API call). */
export function checkBlacklistNumber(raw: Record<string, unknown>): Checked<BlacklistNumberInputs> {
  const v = new Validator(raw, "BlacklistNumber");
  v.rejectUnknown(FIELDS);
  const number = v.phone("number", { required: true });
  // Left out, a blacklisted number is blocked everywhere: the provider never relies on Stringee's
  // (undocumented) default, it always sends both flags.
  const ivrBlocked = v.boolean("ivrBlocked", { default: true });
  const queueBlocked = v.boolean("queueBlocked", { default: true });
  if (ivrBlocked === false && queueBlocked === false)
    v.fail(
      "queueBlocked",
      "a BlacklistNumber with ivrBlocked and queueBlocked both false blocks nothing: set one of them to true, or remove the entry.",
    );
  return {
    inputs: { number: number ?? "", ivrBlocked: ivrBlocked ?? true, queueBlocked: queueBlocked ?? true },
    failures: v.failures,
  };
}

// ---- API mapping ----

function fromRemote(b: RemoteEntry): BlacklistNumberInputs {
  // The client reads the number without the "+" the list adds.
  return { number: b.number, ivrBlocked: b.ivrBlocked ?? false, queueBlocked: b.queueBlocked ?? false };
}

// ---- the provider object ----

/** How the framework manages a BlacklistNumber. */
export const blacklistNumberDefinition = defineKind<BlacklistNumberInputs, RemoteEntry>({
  collection: (c) => c.blacklistNumbers,
  kind: "blacklistNumber",
  naturalKey: ["number"],
  importIdForm: "BN… (the entry's id, e.g. BNXJ3OWK)",
  check: checkBlacklistNumber,
  diffed: FIELDS,
  describeKey: (i) => `number ${i.number}`,
  update: async (c, id, _olds, news, changed) => {
    // Stringee's PUT takes the number every time.
    const patch = Object.fromEntries(changed.map((f) => [f, news[f]]));
    await c.blacklistNumbers.update(id, { ...patch, number: news.number });
  },
  toInputs: fromRemote,
  // Nothing to read back: a create knows every field.
  readBackAfterCreate: false,
});
