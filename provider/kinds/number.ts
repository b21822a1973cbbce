// stringee.Number: a contact-center phone number and where its calls go.
//   create -> POST   /v1/number            (ICC)   read   -> GET /v1/number?page&limit (no GET by id)
//   update -> PUT    /v1/number/{id}               delete -> DELETE /v1/number/{id} (not found = done)
// Replacement: none; every field, the phone number included, can be changed in place (PUT).
// Natural key: the phone number (one Number per phone number).
import type { StringeeNumber } from "../client";
import { Validator, defineKind, type Checked } from "./framework";

// ---- values users choose from ----

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface NumberInputs {
  /** The phone number bought from the Stringee dashboard: digits with country code, no "+" (`84986225112`). */
  number: string;
  /** A display name for the number. */
  nickname?: string;
  /** Whether agents may place outbound calls from this number. */
  allowOutboundCalls: boolean;
  /** Whether inbound calls go through an IVR menu (`ivrMenu`) rather than straight to a queue (`queueId`). */
  enableIvr: boolean;
  /** IVR tree id; required when `enableIvr` is true and refused otherwise. */
  ivrMenu?: string;
  /** Queue id that receives the calls when `enableIvr` is false; refused when `enableIvr` is true. */
  queueId?: string;
  /**
   * Whether outbound calls are recorded. Left out, it is not managed (Stringee's default, false, applies on
   * create); the documented number list does not show it, so refresh cannot see it either.
   */
  recordOutboundCalls?: boolean;
}

/** What the resource reports: its canonical inputs. */
export type NumberOutputs = NumberInputs;

const FIELDS = [
  "number",
  "nickname",
  "allowOutboundCalls",
  "enableIvr",
  "ivrMenu",
  "queueId",
  "recordOutboundCalls",
] as const;

// ---- validation ----

/** Validates and canonicalises raw Number inputs (runs at preview, before any API call). */
export function checkNumber(raw: Record<string, unknown>): Checked<NumberInputs> {
  const v = new Validator(raw, "Number");
  v.rejectUnknown(FIELDS);
  const number = v.phone("number", { required: true });
  const nickname = v.string("nickname", { maxLength: 100 });
  const allowOutboundCalls = v.boolean("allowOutboundCalls", { required: true });
  const enableIvr = v.boolean("enableIvr", { required: true });
  const ivrMenu = v.string("ivrMenu", { maxLength: 64 });
  const queueId = v.string("queueId", { maxLength: 64 });
  const recordOutboundCalls = v.boolean("recordOutboundCalls");
  if (enableIvr === true) {
    if (!v.has("ivrMenu"))
      v.fail(
        "ivrMenu",
        "ivrMenu is required when enableIvr is true: set it to the IVR tree id, or set enableIvr to false and route with queueId.",
      );
    v.forbid(
      "queueId",
      "when enableIvr is true (calls go to the IVR menu; route to queues from the IVR's keypresses)",
    );
  } else if (enableIvr === false) {
    v.forbid("ivrMenu", "when enableIvr is false (set enableIvr to true to use an IVR menu)");
  }
  return {
    inputs: {
      number: number ?? "",
      nickname,
      allowOutboundCalls: allowOutboundCalls ?? false,
      enableIvr: enableIvr ?? false,
      ivrMenu,
      queueId,
      recordOutboundCalls,
    },
    failures: v.failures,
  };
}

// ---- API mapping ----

function fromRemote(n: StringeeNumber): NumberInputs {
  return {
    number: n.number,
    nickname: n.nickname,
    allowOutboundCalls: n.allowOutboundCalls ?? false,
    enableIvr: n.enableIvr ?? false,
    // The API keeps a stale ivr_menu/queue_id when routing switches; only the active one is meaningful.
    ivrMenu: n.enableIvr ? n.ivrMenu : undefined,
    queueId: n.enableIvr ? undefined : n.queueId,
    recordOutboundCalls: n.recordOutboundCalls,
  };
}

// ---- the provider object ----

/** How the framework manages a Number. */
export const numberDefinition = defineKind<NumberInputs, StringeeNumber>({
  collection: (c) => c.numbers,
  kind: "number",
  naturalKey: ["number"],
  references: { ivrMenu: "ivrTree", queueId: "queue" },
  importIdForm: "NU_…",
  check: checkNumber,
  diffed: FIELDS,
  // Left out, recording is not managed: adopting a number never sends a value nobody declared.
  computed: ["recordOutboundCalls"],
  describeKey: (i) => `number ${i.number}`,
  update: async (c, id, _olds, news, changed) => {
    const patch: Record<string, unknown> = {};
    for (const f of changed) patch[f] = news[f] ?? null;
    // Switching routing mode must also send the target of the new mode and clear the old one.
    if (changed.includes("enableIvr"))
      Object.assign(patch, { ivrMenu: news.ivrMenu ?? null, queueId: news.queueId ?? null });
    await c.numbers.update(id, patch);
  },
  toInputs: (n) => fromRemote(n),
  // Nothing to read back: no server-side outputs, and the list does not show the one optional setting.
  readBackAfterCreate: false,
});
