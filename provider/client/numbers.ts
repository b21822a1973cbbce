// Contact-center numbers (/v1/number on the ICC host). The API has no single-number GET, so reads walk
// the paged list; the natural key is the phone number itself.
import { CrudCollection, defineCollection } from "./collection";
import { LISTED_ID, flag, ref, text, type Unseen } from "./fields";

/** A contact-center number as the list shows it. */
export interface StringeeNumber extends Unseen {
  /** Number id, e.g. `NU_S53F60KUWL19L663`. */
  id: string;
  /** The phone number, e.g. `84986225112`. */
  number: string;
  /** Display name. */
  nickname?: string;
  /** Whether agents may call out from this number. */
  allowOutboundCalls?: boolean;
  /** Whether inbound calls go to the IVR tree `ivrMenu` (otherwise to the queue `queueId`). */
  enableIvr?: boolean;
  /** IVR tree id used when `enableIvr` is true. */
  ivrMenu?: string;
  /** Queue id used when `enableIvr` is false. */
  queueId?: string;
  /** Whether outbound calls are recorded. */
  recordOutboundCalls?: boolean;
}

/** Fields of a new number. */
export interface NumberInput {
  /** The phone number bought from Stringee. */
  number: string;
  /** Display name. */
  nickname?: string;
  /** Whether agents may call out from this number. */
  allowOutboundCalls: boolean;
  /** Whether inbound calls go to the IVR tree `ivrMenu`. */
  enableIvr: boolean;
  /** IVR tree id, required when `enableIvr` is true. */
  ivrMenu?: string;
  /** Queue id, used when `enableIvr` is false. */
  queueId?: string;
  /** Whether outbound calls are recorded. */
  recordOutboundCalls?: boolean;
}

/** Fields to change on a number; omitted fields are not sent, `null` clears a reference. */
export interface NumberUpdate {
  /** The phone number. */
  number?: string;
  /** Display name (`null` clears it). */
  nickname?: string | null;
  /** Whether agents may call out. */
  allowOutboundCalls?: boolean;
  /** Whether inbound calls go to the IVR. */
  enableIvr?: boolean;
  /** IVR tree id (`null` clears it). */
  ivrMenu?: string | null;
  /** Queue id (`null` clears it). */
  queueId?: string | null;
  /** Whether outbound calls are recorded. */
  recordOutboundCalls?: boolean;
}

/** Natural key of a number. */
export interface NumberKey {
  /** The phone number. */
  number: string;
}

/** The `/v1/number` collection, declared. */
export const NUMBERS = defineCollection<StringeeNumber, NumberKey>({
  path: "/v1/number",
  itemsKey: "numbers",
  idPrefix: "NU_",
  createdIdKey: "numberID",
  naturalKey: ["number"],
  markUnseen: true,
  fields: {
    id: LISTED_ID,
    number: text("number", { required: true }),
    nickname: text("nickname"),
    allowOutboundCalls: flag("allow_outbound_calls"),
    enableIvr: flag("enable_ivr"),
    ivrMenu: ref("ivr_menu"),
    queueId: ref("queue_id"),
    recordOutboundCalls: flag("record_outbound_calls"),
  },
});

/** List item → number (`undefined` without an id or number); create or update → request body. */
export const { fromWire: numberFromWire, toWire: numberToWire } = NUMBERS;

/** The `/v1/number` collection. */
export class NumbersApi extends CrudCollection<StringeeNumber, NumberInput, NumberUpdate, NumberKey> {
  protected readonly def = NUMBERS;

  /** The number whose phone number is `number`, or `undefined`. */
  findByNumber(number: string): Promise<StringeeNumber | undefined> {
    return this.findByNaturalKey({ number });
  }

  /** Lookup by natural key; the phone number is compared without surrounding blanks. */
  override findByNaturalKey(key: NumberKey): Promise<StringeeNumber | undefined> {
    return super.findByNaturalKey({ number: key.number.trim() });
  }
}
