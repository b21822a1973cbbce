// stringee.CallSettings: the project's call settings (where call events go, which URL gives a caller's
// details and how long Stringee waits for it, the answer URL of call-outs).
//   read   -> GET /v1/callsettings (ICC)     create -> GET, then PUT /v1/callsettings (adopts: sets the declared settings)
//   update -> GET, then PUT /v1/callsettings  delete -> GET, then PUT the declared settings back to the documented defaults
// The API has one call settings object per project and no POST or DELETE: "create" adopts it, "delete" puts
// back Stringee's defaults (URLs NULL, timeout 2000 ms) for the settings this resource declared.
// Replacement: none. Id and import id: "callsettings". One CallSettings per program (a key of no fields).
// Settings left out are not managed: Stringee keeps their current values, reported in the outputs.
import type { CallSettings as RemoteSettings } from "../client";
import { Validator, defineKind, type Checked } from "./framework";

// ---- values users choose from ----

/** The id (and import id) of the project's one call settings object. */
export const CALL_SETTINGS_ID = "callsettings";

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state: the settings as the client names them (see CallSettings). */
export type CallSettingsInputs = RemoteSettings;

/** What the resource reports: its canonical inputs. */
export type CallSettingsOutputs = CallSettingsInputs;

/** The settings, in the order of Stringee's page. */
export const CALL_SETTINGS_FIELDS = [
  "getCustomerInfoUrl",
  "getCustomerInfoTimeout",
  "eventUrl",
  "calloutAnswerUrl",
] as const;

// ---- validation ----

const URL_RULE = { pattern: /^https?:\/\/\S+$/, hint: "use an http(s) URL", maxLength: 1000 };

/** Validates raw CallSettings inputs (runs at preview, before any API call). */
export function checkCallSettings(raw: Record<string, unknown>): Checked<CallSettingsInputs> {
  const v = new Validator(raw, "CallSettings");
  v.rejectUnknown(CALL_SETTINGS_FIELDS);
  return {
    inputs: {
      getCustomerInfoUrl: v.string("getCustomerInfoUrl", URL_RULE),
      getCustomerInfoTimeout: v.integer("getCustomerInfoTimeout", { min: 1, max: 60_000 }),
      eventUrl: v.string("eventUrl", URL_RULE),
      calloutAnswerUrl: v.string("calloutAnswerUrl", URL_RULE),
    },
    failures: v.failures,
  };
}

// ---- API mapping ----

/** The settings as read, with the singleton's id. */
type Remote = RemoteSettings & { id: string };

/** The declared settings of `inputs`, each mapped to `value(field)`. */
function declared(inputs: CallSettingsInputs, value: (f: keyof CallSettingsInputs) => unknown) {
  return Object.fromEntries(
    CALL_SETTINGS_FIELDS.filter((f) => inputs[f] !== undefined).map((f) => [f, value(f)]),
  );
}

// ---- the provider object ----

/** How the framework manages the CallSettings. */
export const callSettingsDefinition = defineKind<CallSettingsInputs, Remote>({
  kind: "callSettings",
  // No field: the kind has one object per project, so two declarations always clash.
  naturalKey: [],
  importIdForm: `"${CALL_SETTINGS_ID}" (the project's one call settings object)`,
  check: checkCallSettings,
  diffed: CALL_SETTINGS_FIELDS,
  computed: CALL_SETTINGS_FIELDS,
  describeKey: () => "of this project",
  findById: async (c, id) =>
    id === CALL_SETTINGS_ID ? { ...(await c.callSettings.get()), id: CALL_SETTINGS_ID } : undefined,
  // The object always exists and is the project's: a create takes it over instead of failing as "already there".
  findByKey: async () => undefined,
  idOf: () => CALL_SETTINGS_ID,
  create: async (c, i) => {
    await c.callSettings.update(declared(i, (f) => i[f]));
    return CALL_SETTINGS_ID;
  },
  update: async (c, _id, _olds, news, changed) => {
    // Settings no longer declared are not managed any more: left as they are (computed fields never change).
    await c.callSettings.update(Object.fromEntries(changed.map((f) => [f, news[f]])));
  },
  // null puts a URL back to NULL and the timeout back to 2000 ms (the client's defaults).
  delete: async (c, _id, i) => {
    await c.callSettings.update(declared(i, () => null));
  },
  toInputs: (s) => Object.fromEntries(CALL_SETTINGS_FIELDS.map((f) => [f, s[f]])) as CallSettingsInputs,
});
