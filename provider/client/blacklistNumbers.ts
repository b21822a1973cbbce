// Blacklist numbers (/v1/blacklistnumber on the ICC host): callers Stringee blocks in the IVR, in queues or
// both. The list is paged (at most 100 a page); the natural key is the number. Stringee lists the number
// with a leading `+` whatever form it was sent in (`84379361752` sent, `+84379361752` listed): it is read
// without it, so a number compares equal in either form and refresh never sees a difference.
import { CrudCollection, defineCollection } from "./collection";
import { LISTED_ID, flag01, text } from "./fields";
import { wireString } from "./normalize";

/** A blacklisted number as the list shows it. */
export interface BlacklistNumber {
  /** Blacklist entry id, e.g. `BNXJ3OWK` (no prefix, the same in create answers and lists). */
  id: string;
  /** The blocked number: digits with the country code, read without the `+` the list shows. */
  number: string;
  /** Whether calls from the number are blocked in the IVR. */
  ivrBlocked?: boolean;
  /** Whether calls from the number are blocked in queues. */
  queueBlocked?: boolean;
}

/** Fields of a new blacklist entry. */
export type BlacklistNumberInput = Omit<BlacklistNumber, "id">;

/** Fields of an update: Stringee's PUT takes the number every time (public type definitions). */
export type BlacklistNumberUpdate = Pick<BlacklistNumber, "number"> &
  Partial<Pick<BlacklistNumber, "ivrBlocked" | "queueBlocked">>;

/** Natural key of a blacklist entry. */
export interface BlacklistNumberKey {
  /** The number, with or without a leading `+`. */
  number: string;
}

// `+84379361752` and `84379361752` are one number.
const withoutPlus = (n: string) => n.trim().replace(/^\+/, "");

/** The `/v1/blacklistnumber` collection, declared. */
export const BLACKLIST_NUMBERS = defineCollection<BlacklistNumber, BlacklistNumberKey>({
  path: "/v1/blacklistnumber",
  itemsKey: "blacklistNumbers",
  createdIdKey: "blacklistNumberID",
  createdIdListed: true,
  naturalKey: ["number"],
  fields: {
    id: LISTED_ID,
    number: text("number", {
      required: true,
      read: (v) => {
        const n = wireString(v);
        return n === undefined ? undefined : withoutPlus(n);
      },
      same: (a, b) => a !== undefined && b !== undefined && withoutPlus(a) === withoutPlus(b),
    }),
    // Typed Boolean on the page, sent as 1 in its samples.
    ivrBlocked: flag01("ivr_blocked"),
    queueBlocked: flag01("queue_blocked"),
  },
});

/** The `/v1/blacklistnumber` collection. */
export class BlacklistNumbersApi extends CrudCollection<
  BlacklistNumber,
  BlacklistNumberInput,
  BlacklistNumberUpdate,
  BlacklistNumberKey
> {
  protected readonly def = BLACKLIST_NUMBERS;
}
