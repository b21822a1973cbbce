// SIP phones (api.stringee.com /v1/sipphone), as documented in sipphone.txt. The id is the
// username; the wire shows it prefixed with the project id ("246_100").
import type { CollectionDefinition, StoreView } from "./types";

/** The SIP username as the wire shows it: `<projectId>_<username>`. */
export function sipUsername(view: Pick<StoreView, "projectId">, username: string): string {
  return `${view.projectId}_${username}`;
}

/** The SIP phone collection. */
export const sipphoneCollection: CollectionDefinition = {
  name: "sipphone",
  label: "Sip phone",
  path: "/v1/sipphone",
  envelope: "api",
  idPrefix: null,
  idField: "username",
  fields: {
    username: {
      type: "string",
      required: true,
      immutable: true,
      pattern: /^[A-Za-z0-9_.-]{1,64}$/,
      patternHint: "1 to 64 letters, digits, '_', '.' or '-'",
    },
    password: { type: "string", required: true, requiredOnUpdate: true, writeOnly: true, maxLength: 128 },
    extension: { type: "int", min: 0 },
    email_address: { type: "string", internal: true },
  },
  unique: [["username"]],
  // The doc's "Sample response" lists `{ username, email_address: "" }` without `extension`.
  lenientOnly: ["extension"],
  strictItem(item) {
    return { ...item, email_address: item.email_address ?? "" };
  },
  createIdKey: "sipusername",
  listKey: "sipphones",
  totalKey: "total",
  paged: false,
  messages: {
    create: "Success",
    list: "Success",
    update: "Success",
    delete: "Success",
    notFound: "Sip phone not found",
  },
  toWire(record, view) {
    return {
      username: sipUsername(view, record.id),
      extension: record.extension,
      email_address: record.email_address,
    };
  },
  updateResponse() {
    return { r: 0, message: "Success" };
  },
};
