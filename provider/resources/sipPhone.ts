// stringee.SipPhone: a SIP account agents register their desk phones with (domain v2.stringee.com:15060).
//   create -> POST /v1/sipphone (API host)   read   -> GET /v1/sipphone (no GET by id, no paging)
//   update -> PUT  /v1/sipphone/{username}   delete -> DELETE /v1/sipphone/{username} (not found = done)
// Replacement: `username` (the API addresses phones by username and cannot rename them). The replacement
// has a different username, so it is created before the old one is deleted.
// Natural key: username (one SIP phone per username).
// Secret: the password is stored encrypted in state (secret input and output), never read back (the API
// never returns it), and a change of password is an update (PUT).
import * as pulumi from "@pulumi/pulumi";
import type { SipPhone as RemoteSipPhone, StringeeClient } from "../client";
import { Validator, dynamicProvider, orUndefined, type Checked, type ResourceSpec } from "./framework";
import { claimNaturalKey } from "./uniqueness";

// ---- Args (what users write) ----

/** Arguments of a {@link SipPhone}. */
export interface SipPhoneArgs {
  /** SIP username without the project prefix (`100`); registration uses `<projectId>_<username>`. Changing it replaces the phone. */
  username: pulumi.Input<string>;
  /** SIP password; pass a secret (`config.requireSecret(...)`). Plain strings are made secret too. */
  password: pulumi.Input<string>;
  /** Extension number of the phone. */
  extension?: pulumi.Input<number>;
  /** Existing SIP username (`<projectId>_<username>` or short) to adopt instead of creating one. */
  importId?: pulumi.Input<string>;
}

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface SipPhoneInputs {
  /** Short username. */
  username: string;
  /** Password (secret). */
  password: string;
  /** Extension. */
  extension?: number;
}

const FIELDS = ["username", "password", "extension"] as const;

// ---- validation ----

/** Validates and canonicalises raw SipPhone inputs (runs at preview, before any API call). Never echoes the password. */
export function checkSipPhone(raw: Record<string, unknown>): Checked<SipPhoneInputs> {
  const v = new Validator(raw, "SipPhone");
  v.rejectUnknown(FIELDS);
  const username = v.string("username", {
    required: true,
    pattern: /^[A-Za-z0-9.-][A-Za-z0-9_.-]{0,63}$/,
    hint: "use 1-64 letters, digits, '.', '-' or '_' (not starting with '_'), without the project prefix",
  });
  const extension = v.integer("extension", { min: 1, max: 99_999_999 });
  const password = raw["password"];
  if (password === undefined || password === null || password === "") {
    v.fail(
      "password",
      'SipPhone requires password; pass it as a secret, for example config.requireSecret("deskPassword").',
    );
  } else if (typeof password !== "string") {
    v.fail("password", "password must be a string.");
  } else if (
    password !== "04da6b54-80e4-46f7-96ec-b56ff0331ba9" &&
    (password.length < 6 || password.length > 64)
  ) {
    v.fail("password", `password must be 6 to 64 characters long (it has ${password.length}).`);
  }
  return {
    inputs: { username: username ?? "", password: typeof password === "string" ? password : "", extension },
    failures: v.failures,
  };
}

// ---- API mapping ----

function fromRemote(p: RemoteSipPhone, prior: Partial<SipPhoneInputs>): SipPhoneInputs {
  // The API never returns the password: the stored one stays.
  return { username: p.shortUsername, password: prior.password ?? "", extension: p.extension };
}

// ---- the provider object ----

/** How the framework manages a SipPhone. */
export const sipPhoneSpec: ResourceSpec<SipPhoneInputs, RemoteSipPhone> = {
  kind: "sipPhone",
  title: "SipPhone",
  check: checkSipPhone,
  replaceOn: ["username"],
  deleteBeforeReplace: false,
  diffed: FIELDS,
  secrets: ["password"],
  describeKey: (i) => `username ${i.username}`,
  findById: (c: StringeeClient, id) => orUndefined(c.sipPhones.findByUsername(id)),
  findByKey: (c, i) => orUndefined(c.sipPhones.findByUsername(i.username)),
  idOf: (p) => p.username,
  create: async (c, i) => (await c.sipPhones.create(i)).id,
  update: async (c, id, _olds, news) => {
    // The API requires the password on every update; null clears an extension no longer declared.
    await c.sipPhones.update(id, { password: news.password, extension: news.extension ?? null });
  },
  delete: async (c, id) => {
    await c.sipPhones.delete(id);
  },
  toInputs: fromRemote,
  observed: (p, i) => ({
    sipUsername: p?.username ?? null,
    emailAddress: p?.emailAddress ?? null,
    username: p?.shortUsername ?? i.username,
  }),
};

// ---- the resource class ----

/**
 * A Stringee SIP phone account. Import: set `importId` to the SIP username (`<projectId>_<username>`);
 * read-only lookup with `SipPhone.get(name, sipUsername)`.
 */
export class SipPhone extends pulumi.dynamic.Resource {
  /**
   * Stringee id of the phone: the registration username `<projectId>_<username>`. Same as the Pulumi resource id, so dependents
   * see it (and do not plan replacements) while an update of this resource is previewed.
   */
  get stringeeId(): pulumi.Output<string> {
    return this.id;
  }

  /** SIP username used for registration (`<projectId>_<username>`), as the API reports it. */
  declare readonly sipUsername: pulumi.Output<string>;
  /** Short username. */
  declare readonly username: pulumi.Output<string>;
  /** Password (secret). */
  declare readonly password: pulumi.Output<string>;
  /** Extension. */
  declare readonly extension: pulumi.Output<number | undefined>;
  /** E-mail address the API reports for the phone, if any. */
  declare readonly emailAddress: pulumi.Output<string | null>;

  /** Declares a SIP phone; see {@link SipPhoneArgs}. */
  constructor(name: string, args: SipPhoneArgs, opts?: pulumi.CustomResourceOptions) {
    if (!opts?.id) claimNaturalKey("SipPhone", "username", [args.username], name);
    const props = opts?.id ? {} : { ...args, password: pulumi.secret(args.password) };
    super(
      dynamicProvider("sipPhone"),
      name,
      { sipUsername: undefined, emailAddress: undefined, ...props },
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "password"] },
      "stringee",
      "SipPhone",
    );
  }

  /** Reads an existing SIP phone by its username without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): SipPhone {
    return new SipPhone(name, {} as SipPhoneArgs, { ...opts, id });
  }
}
