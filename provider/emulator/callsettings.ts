// The project's call settings (/v1/callsettings on the ICC host), following Stringee's "ICC call settings"
// page: one object per project, read with GET and changed with PUT; there is no POST and no DELETE. Every
// project has it from the start, at the documented defaults (URLs NULL, timeout 2000 ms).
import { R, fail, type Result } from "./codes";
import { validateUpdate, type FieldRules, type FieldValues } from "./schema";
import type { StoreView } from "./collections";

/** Where the call settings are served. */
export const CALL_SETTINGS_PATH = "/v1/callsettings";

const URL_RULE = {
  type: "string",
  maxLength: 1000,
  pattern: /^https?:\/\/\S+$/,
  patternHint: "expected an http(s) URL",
} as const;

/** The fields, as the page's GET sample and PUT body name them. */
export const CALL_SETTINGS_FIELDS: FieldRules = {
  get_customer_info_url: URL_RULE,
  get_customer_info_timeout: { type: "int", min: 1, max: 60_000, default: 2000 },
  event_url: URL_RULE,
  callout_answer_url: URL_RULE,
};

/** The documented defaults: every URL NULL, the timeout 2000 ms. */
export function defaultCallSettings(): FieldValues {
  return Object.fromEntries(
    Object.entries(CALL_SETTINGS_FIELDS).map(([name, rule]) => [name, rule.default ?? null]),
  );
}

/**
 * Applies a PUT body to the current settings. The strict reading takes the page's sample body as the form
 * of every PUT: all four fields (a URL may be `null`); the lenient one changes the fields given.
 */
export function putCallSettings(
  current: FieldValues,
  body: Record<string, unknown>,
  view: Pick<StoreView, "reading">,
  outOfBand = false,
): Result<FieldValues> {
  if (view.reading === "strict" && !outOfBand) {
    for (const name of Object.keys(CALL_SETTINGS_FIELDS))
      if (!(name in body)) return fail(R.INVALID_FIELD, `${name} is required (send all four settings)`);
  }
  return validateUpdate(CALL_SETTINGS_FIELDS, current, body, { outOfBand });
}

/** The GET answer: the page's sample, plus a top-level `project` (in its field table) in the lenient reading. */
export function callSettingsAnswer(settings: FieldValues, view: StoreView): Record<string, unknown> {
  const callSetting = { account: view.accountId, project: view.projectId, ...settings };
  return view.reading === "strict"
    ? { r: 0, message: "Load call settings success", callSetting }
    : { r: 0, message: "Load call settings success", project: view.projectId, callSetting };
}

/** The PUT answer, as the page's sample. */
export function callSettingsUpdated(view: StoreView): Record<string, unknown> {
  return { r: 0, message: "Update call settings success", project: view.projectId };
}
