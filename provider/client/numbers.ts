// Contact-center numbers (/v1/number on the ICC host). The API has no single-number GET, so reads walk
// the paged list; the natural key is the phone number itself.
import {
  answerId,
  createWithRecovery,
  deleteTolerant,
  seg,
  type CreateResult,
  type DeleteResult,
} from "./collection";
import type { StringeeHttp } from "./http";
import type { WireRecord } from "./normalize";
import {
  boolToWire,
  compact,
  idToWire,
  sameId,
  textToWire,
  unseenFields,
  wireBool,
  wireId,
  wireString,
} from "./normalize";

/** A contact-center number as the list shows it. */
export interface StringeeNumber {
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
  /** Fields the list item did not carry (Stringee lists show fewer fields than create takes); see `unseenFields`. */
  unseen?: readonly string[];
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

/** The wire key of each optional field of the number list item (the client reads these when present). */
export const NUMBER_OPTIONAL_WIRE = {
  nickname: "nickname",
  allowOutboundCalls: "allow_outbound_calls",
  enableIvr: "enable_ivr",
  ivrMenu: "ivr_menu",
  queueId: "queue_id",
  recordOutboundCalls: "record_outbound_calls",
} as const;

/** Maps one list item to the domain type; `undefined` when it lacks an id or number. */
export function numberFromWire(w: WireRecord): StringeeNumber | undefined {
  const id = wireId(w["id"]);
  const number = wireString(w["number"]);
  if (id === undefined || number === undefined) return undefined;
  return compact({
    id,
    number,
    nickname: wireString(w["nickname"]),
    allowOutboundCalls: wireBool(w["allow_outbound_calls"]),
    enableIvr: wireBool(w["enable_ivr"]),
    ivrMenu: wireId(w["ivr_menu"]),
    queueId: wireId(w["queue_id"]),
    recordOutboundCalls: wireBool(w["record_outbound_calls"]),
    unseen: unseenFields(w, NUMBER_OPTIONAL_WIRE),
  }) as StringeeNumber;
}

/** Maps a create or update to its request body (only given fields). */
export function numberToWire(n: NumberInput | NumberUpdate): WireRecord {
  return compact({
    number: n.number,
    nickname: textToWire(n.nickname),
    allow_outbound_calls: boolToWire(n.allowOutboundCalls),
    enable_ivr: boolToWire(n.enableIvr),
    ivr_menu: idToWire(n.ivrMenu),
    queue_id: idToWire(n.queueId),
    record_outbound_calls: boolToWire(n.recordOutboundCalls),
  });
}

const PATH = "/v1/number";

/** The `/v1/number` collection. */
export class NumbersApi {
  /** Wraps a shared {@link StringeeHttp}. */
  constructor(private readonly http: StringeeHttp) {}

  /** Every number, all pages. */
  async list(): Promise<StringeeNumber[]> {
    const items = await this.http.listAll("icc", PATH, { itemsKey: "numbers", idOf: (w) => wireId(w["id"]) });
    return items.map(numberFromWire).filter((n): n is StringeeNumber => n !== undefined);
  }

  /** The number with this id (prefix optional), or `undefined`. */
  async findById(id: string): Promise<StringeeNumber | undefined> {
    return (await this.list()).find((n) => sameId(n.id, id));
  }

  /** The number whose phone number is `number`, or `undefined`. */
  async findByNumber(number: string): Promise<StringeeNumber | undefined> {
    const wanted = number.trim();
    return (await this.list()).find((n) => n.number === wanted);
  }

  /** Lookup by natural key (the phone number). */
  findByNaturalKey(key: NumberKey): Promise<StringeeNumber | undefined> {
    return this.findByNumber(key.number);
  }

  /** Adds a number; duplicate-safe when the answer is lost (see {@link createWithRecovery}). */
  create(input: NumberInput): Promise<CreateResult> {
    return createWithRecovery({
      send: () => this.http.post("icc", PATH, numberToWire(input)),
      idFromAnswer: (a) => answerId(a, "numberID", "id"),
      findExisting: async () => (await this.findByNumber(input.number))?.id,
      listIds: async () => (await this.list()).map((n) => n.id),
    });
  }

  /** Changes the given fields only; nothing is sent when `patch` is empty. */
  async update(id: string, patch: NumberUpdate): Promise<void> {
    const body = numberToWire(patch);
    if (Object.keys(body).length === 0) return;
    await this.http.put("icc", `${PATH}/${seg(id)}`, body);
  }

  /** Deletes a number; an already missing number resolves with `deleted: false`. */
  delete(id: string): Promise<DeleteResult> {
    return deleteTolerant(() => this.http.delete("icc", `${PATH}/${seg(id)}`));
  }
}
