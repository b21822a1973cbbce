// stringee.SipPhone: a SIP account agents register their desk phones with (domain v2.stringee.com:15060).
//   create -> POST /v1/sipphone (API host)   read   -> GET /v1/sipphone (no GET by id, no paging)
//   update -> PUT  /v1/sipphone/{username}   delete -> DELETE /v1/sipphone/{username} (not found = done)
// Replacement: `username` (the API addresses phones by username and cannot rename them). The replacement
// has a different username, so it is created before the old one is deleted.
// Natural key: username (one SIP phone per username).
// Secret: the password is stored encrypted in state (secret input and output), never read back (the API
// never returns it), and a change of password is an update (PUT).
import type { SipPhone as RemoteSipPhone, StringeeClient } from "../client";
import { Validator, orUndefined, type Checked, defineKind } from "./framework";

// ---- values users choose from ----

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface SipPhoneInputs {
  /** SIP username without the project prefix (`100`); registration uses `<projectId>_<username>`. Changing it replaces the phone. */
  username: string;
  /** SIP password; pass a secret (`config.requireSecret(...)`). Plain strings are made secret too. */
  password: string;
  /** Extension number of the phone. */
  extension?: number;
}

/** What the resource reports: its canonical inputs, plus what the API shows. */
export interface SipPhoneOutputs extends SipPhoneInputs {
  /** SIP username used for registration (`<projectId>_<username>`), as the API reports it. */
  sipUsername: string;
  /** E-mail address the API reports for the phone, if any. */
  emailAddress: string | null;
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
export const sipPhoneDefinition = defineKind<SipPhoneInputs, RemoteSipPhone>({
  kind: "sipPhone",
  naturalKey: ["username"],
  importIdForm: "<projectId>_<username> (the short username also works)",
  outputs: ["sipUsername", "emailAddress"],
  check: checkSipPhone,
  replaceOn: ["username"],
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
});
