// The project's call settings (/v1/callsettings on the ICC host): where Stringee sends call events, which
// URL it asks for a caller's details (and how long it waits), and the answer URL of call-outs. One object per
// project, read with GET and changed with PUT; there is nothing to create or delete. A PUT carries all four
// settings (the page's sample body does, and its table marks each required): the current values are read
// first and the given ones replace theirs.
import { asRecord } from "./normalize";
import { fromWire, int, text, toWire, type FieldTable, type WireValues } from "./fields";
import type { StringeeHttp } from "./http";

/** The call settings. An unset URL is NULL in Stringee. */
export interface CallSettings {
  /** http(s) URL Stringee sends a GET to for the caller's details when a call comes in (`customDataFromYourServer`). */
  getCustomerInfoUrl?: string;
  /** How long Stringee waits for that answer, in milliseconds (1 to 60000; Stringee's default 2000). */
  getCustomerInfoTimeout?: number;
  /** http(s) URL Stringee sends call events to (call logs, reports). */
  eventUrl?: string;
  /** http(s) answer URL of call-outs. */
  calloutAnswerUrl?: string;
}

/** Where the call settings are. */
export const CALL_SETTINGS_PATH = "/v1/callsettings";

/** Wire keys and types of the settings. */
export const CALL_SETTINGS_FIELDS: FieldTable<CallSettings> = {
  getCustomerInfoUrl: text("get_customer_info_url"),
  getCustomerInfoTimeout: int("get_customer_info_timeout"),
  eventUrl: text("event_url"),
  calloutAnswerUrl: text("callout_answer_url"),
};

/** Stringee's documented defaults: every URL NULL (left out here), the timeout 2000 ms. */
export const CALL_SETTINGS_DEFAULTS: Readonly<CallSettings> = { getCustomerInfoTimeout: 2000 };

/** `/v1/callsettings`: read and change the project's one call settings object. */
export class CallSettingsApi {
  /** Wraps a shared {@link StringeeHttp}. */
  constructor(private readonly http: StringeeHttp) {}

  /** The current settings (`callSetting` of the GET answer). */
  async get(): Promise<CallSettings> {
    const answer = await this.http.get("icc", CALL_SETTINGS_PATH);
    return fromWire(CALL_SETTINGS_FIELDS, asRecord(answer["callSetting"]) ?? {}, {}, false) ?? {};
  }

  /**
   * Sets the given settings (`null` puts a URL back to NULL) and keeps the others: one GET, then a PUT of all
   * four. Nothing is sent when `patch` is empty.
   */
  async update(patch: WireValues<CallSettings>): Promise<void> {
    const given = Object.entries(patch).filter(([, v]) => v !== undefined);
    if (given.length === 0) return;
    const current = await this.get();
    const values: Record<string, unknown> = {};
    for (const name of Object.keys(CALL_SETTINGS_FIELDS) as (keyof CallSettings)[]) {
      const value = name in patch && patch[name] !== undefined ? patch[name] : current[name];
      values[name] = value ?? CALL_SETTINGS_DEFAULTS[name] ?? null;
    }
    await this.http.put("icc", CALL_SETTINGS_PATH, toWire(CALL_SETTINGS_FIELDS, values));
  }
}
