// SIP phones (/v1/sipphone on the platform API host, not the ICC host). The list is not paged and
// shows usernames prefixed with the project id (`246_100`), while update and delete take the short
// name (`100`); either form is accepted here and the prefixed one is canonical.
import { Collection, defineCollection } from "./collection";
import { int, text, type ReadContext, type Unseen } from "./fields";
import { PartialCreateError } from "./errors";
import type { StringeeHttp } from "./http";
import {
  compact,
  sameSipUsername,
  shortSipUsername,
  sipProjectPrefix,
  wireString,
  type WireRecord,
} from "./normalize";
import { createWithRecovery, deleteTolerant, seg, type CreateResult, type DeleteResult } from "./recovery";

/** A SIP phone as the list shows it. */
export interface SipPhone extends Unseen {
  /** Prefixed username used for SIP registration, e.g. `246_100` (canonical id). */
  username: string;
  /** Short username as created, e.g. `100`. */
  shortUsername: string;
  /** Extension number, when set. */
  extension?: number;
  /** E-mail address, when set. */
  emailAddress?: string;
}

/** Fields of a new SIP phone. */
export interface SipPhoneInput {
  /** Short username (without project prefix). */
  username: string;
  /** SIP password; sent only in request bodies, never logged nor put in errors. */
  password: string;
  /** Extension, set with a follow-up update (the create call does not take one). */
  extension?: number;
}

/** Fields of a SIP phone update: the API requires the password on every update. */
export interface SipPhoneUpdate {
  /** SIP password (required by the API). */
  password: string;
  /** Extension. */
  extension?: number | null;
}

/** Natural key of a SIP phone. */
export interface SipPhoneKey {
  /** Username, short or prefixed. */
  username: string;
}

/** Result of a SIP phone create: `id` is the prefixed username. */
export interface SipPhoneCreateResult extends CreateResult {
  /** The short username. */
  shortUsername: string;
}

/** The `/v1/sipphone` collection, declared. */
export const SIP_PHONES = defineCollection<SipPhone, SipPhoneKey>({
  base: "api",
  path: "/v1/sipphone",
  itemsKey: "sipphones",
  countKeys: ["total"],
  paged: false,
  idField: "username",
  markUnseen: true,
  fields: {
    username: text("username", { required: true, readOnly: true }),
    shortUsername: text("username", {
      required: true,
      readOnly: true,
      read: (v, context) => {
        const username = wireString(v);
        return username === undefined ? undefined : shortSipUsername(username, context.projectId);
      },
    }),
    extension: int("extension"),
    emailAddress: text("email_address"),
  },
});

/** Maps one list item to the domain type; `undefined` when it lacks a username. */
export const sipPhoneFromWire = (w: WireRecord, projectId?: string): SipPhone | undefined =>
  SIP_PHONES.fromWire(w, { projectId });

// One phone is addressed by its short username.
function phonePath(short: string): string {
  return `${SIP_PHONES.path}/${seg(short)}`;
}

/** The `/v1/sipphone` collection (not paged). */
export class SipPhonesApi extends Collection<SipPhone, SipPhoneKey> {
  protected readonly def = SIP_PHONES;
  // Learned from the first prefixed username seen; tells `7_x` (a short name) from `246_x` (prefixed).
  private projectId: string | undefined;

  /** Wraps a shared {@link StringeeHttp}; `projectId` (optional) disambiguates short names that look prefixed. */
  constructor(http: StringeeHttp, projectId?: string | number) {
    super(http);
    this.projectId = projectId === undefined ? undefined : String(projectId);
  }

  /** The SIP phone with this username (short or prefixed), or `undefined`. */
  async findByUsername(username: string): Promise<SipPhone | undefined> {
    const phones = await this.list();
    // An exact match first: a short name may itself look prefixed (`7_x`).
    return phones.find((p) => p.username === username) ?? phones.find((p) => this.same(p, username));
  }

  /** Lookup by natural key (the username). */
  override findByNaturalKey(key: SipPhoneKey): Promise<SipPhone | undefined> {
    return this.findByUsername(key.username);
  }

  /** Creates a SIP phone; duplicate-safe when the answer is lost. The password never appears in errors. */
  async create(input: SipPhoneInput): Promise<SipPhoneCreateResult> {
    const short = input.username;
    const created = await createWithRecovery({
      send: () =>
        this.http.post(SIP_PHONES.base, SIP_PHONES.path, {
          username: short,
          password: input.password,
        }),
      idFromAnswer: (a) => wireString(a["sipusername"]),
      isCanonical: (id) => id.endsWith(`_${short}`),
      findExisting: async () => (await this.findByUsername(short))?.username,
    });
    if (created.id !== short) this.learnProjectId([created.id], short);
    if (input.extension !== undefined) {
      try {
        await this.update(short, { password: input.password, extension: input.extension });
      } catch (err) {
        throw new PartialCreateError(created.id, ["extension"], err);
      }
    }
    return { ...created, shortUsername: short };
  }

  /** Sets the password (required by the API) and optionally the extension. */
  async update(username: string, patch: SipPhoneUpdate): Promise<void> {
    const short = await this.toShort(username);
    await this.http.put(SIP_PHONES.base, phonePath(short), compact({ ...patch }));
  }

  /** Deletes a SIP phone by username (short or prefixed); an already missing one gives `deleted: false`. */
  async delete(username: string): Promise<DeleteResult> {
    const short = await this.toShort(username);
    return deleteTolerant(() => this.http.delete(SIP_PHONES.base, phonePath(short)));
  }

  /**
   * The short form of `username`. A name that looks prefixed (`7_x`) is only stripped once the project
   * id is known (from options, a create answer or the list), so a short name is never mangled.
   */
  async toShort(username: string): Promise<string> {
    if (this.projectId === undefined && sipProjectPrefix(username) !== undefined) {
      const phones = await this.list();
      const exact = phones.find((p) => p.username === username || p.shortUsername === username);
      if (exact) return exact.shortUsername;
    }
    return shortSipUsername(username, this.projectId);
  }

  /** Reads the items with the project id, learned from them first when not known yet. */
  protected override readContext(items: WireRecord[]): ReadContext {
    this.learnProjectId(items.map((w) => wireString(w["username"])));
    return { projectId: this.projectId };
  }

  private same(phone: SipPhone, username: string): boolean {
    return phone.shortUsername === username || sameSipUsername(phone.username, username);
  }

  private learnProjectId(usernames: (string | undefined)[], short?: string): void {
    if (this.projectId !== undefined) return;
    if (short !== undefined) {
      // `sipusername` is `<project>_<short>`: whatever precedes the short name is the project id.
      const name = usernames[0];
      if (name?.endsWith(`_${short}`)) this.projectId = name.slice(0, -short.length - 1) || undefined;
      return;
    }
    const prefixes = new Set(usernames.map((u) => (u === undefined ? undefined : sipProjectPrefix(u))));
    const [only] = [...prefixes];
    if (prefixes.size === 1 && only !== undefined) this.projectId = only;
  }
}
