// stringee.CallSettings without sockets: check, and the lifecycle of a project-wide object over the real
// client answered in-process by the emulator (strict reading: every PUT carries all four settings): create
// adopts and sets the declared settings only, refresh shows drift of declared settings, update sends what
// changed, delete puts the declared settings back to Stringee's defaults; one CallSettings per program.
import * as pulumi from "@pulumi/pulumi";
import {
  CALL_SETTINGS_ID,
  callSettingsDefinition,
  checkCallSettings,
} from "../../../provider/kinds/callSettings";
import { Lifecycle, UNKNOWN } from "../../../provider/kinds/framework";
import { CallSettings } from "../../../provider/resources/callSettings";
import { emulatedStringee, type EmulatedStringee } from "./emulatedClient";
import { naturalKeyConflict } from "./naturalKeys";

type Props = Record<string, unknown>;

const DEFAULTS = {
  get_customer_info_url: null,
  get_customer_info_timeout: 2000,
  event_url: null,
  callout_answer_url: null,
};

describe("CallSettings check", () => {
  it.each([
    { raw: { eventUrl: "ftp://x" }, property: "eventUrl", mentions: ["http(s) URL"] },
    { raw: { getCustomerInfoUrl: "not a url" }, property: "getCustomerInfoUrl", mentions: ["http(s) URL"] },
    {
      raw: { getCustomerInfoTimeout: 0 },
      property: "getCustomerInfoTimeout",
      mentions: ["between 1 and 60000"],
    },
    { raw: { getCustomerInfoTimeout: 1.5 }, property: "getCustomerInfoTimeout", mentions: ["integer"] },
    { raw: { event_url: "https://x" }, property: "event_url", mentions: ["Did you mean eventUrl?"] },
  ])("refuses $property $raw", (c) => {
    const failures = checkCallSettings(c.raw).failures;
    expect(failures.map((f) => f.property)).toEqual([c.property]);
    for (const m of c.mentions) expect(failures[0]!.reason).toContain(m);
  });

  it("accepts no settings at all, and values unknown at preview", () => {
    expect(checkCallSettings({})).toEqual({ inputs: {}, failures: [] });
    expect(checkCallSettings({ eventUrl: UNKNOWN }).failures).toEqual([]);
  });
});

describe("CallSettings lifecycle", () => {
  let emu: EmulatedStringee;
  const lc = () => new Lifecycle(callSettingsDefinition, () => emu.client);
  const declared = { eventUrl: "https://cc.example/events", getCustomerInfoTimeout: 300 };

  beforeEach(() => {
    emu = emulatedStringee();
  });

  it("create adopts the project's settings: sets the declared ones, leaves the others, reports them as apiDefaults", async () => {
    emu.patchCallSettings({ callout_answer_url: "https://dashboard.example/answer" });
    const created = await lc().create(lc().check(declared).inputs);
    expect(created.id).toBe(CALL_SETTINGS_ID);
    expect(emu.callSettings()).toEqual({
      ...DEFAULTS,
      event_url: "https://cc.example/events",
      get_customer_info_timeout: 300,
      callout_answer_url: "https://dashboard.example/answer",
    });
    expect(created.outs).toEqual({
      ...declared,
      stringeeId: CALL_SETTINGS_ID,
      apiDefaults: { calloutAnswerUrl: "https://dashboard.example/answer" },
    });
    expect(emu.writes()).toEqual(["callSettings.update"]);
  });

  it("refresh shows drift of a declared setting and ignores the undeclared ones", async () => {
    const { outs } = await lc().create(lc().check(declared).inputs);
    emu.patchCallSettings({
      event_url: "https://edited.example/e",
      callout_answer_url: "https://x.example/a",
    });
    const read = await lc().read(CALL_SETTINGS_ID, outs as Props);
    expect(read.inputs).toEqual({ eventUrl: "https://edited.example/e", getCustomerInfoTimeout: 300 });
    expect(lc().diff(read.props as Props, lc().check(declared).inputs)).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  it("update sends what changed (a PUT of all four settings, the others as they are)", async () => {
    const { outs } = await lc().create(lc().check(declared).inputs);
    await lc().update(
      CALL_SETTINGS_ID,
      outs as Props,
      lc().check({ ...declared, getCustomerInfoTimeout: 500 }).inputs,
    );
    expect(emu.callsOf("callSettings.update").at(-1)).toEqual([{ getCustomerInfoTimeout: 500 }]);
    expect(emu.callSettings()).toMatchObject({
      event_url: "https://cc.example/events",
      get_customer_info_timeout: 500,
    });
  });

  it("delete puts the declared settings back to the documented defaults and leaves the others", async () => {
    emu.patchCallSettings({ callout_answer_url: "https://dashboard.example/answer" });
    const { outs } = await lc().create(lc().check(declared).inputs);
    await lc().delete(CALL_SETTINGS_ID, outs as Props);
    expect(emu.callSettings()).toEqual({
      ...DEFAULTS,
      callout_answer_url: "https://dashboard.example/answer",
    });
    // A second delete is harmless: the defaults again.
    await lc().delete(CALL_SETTINGS_ID, outs as Props);
    expect(emu.callSettings()).toMatchObject({ event_url: null });
  });

  it("imports by the id callsettings; any other id is refused clearly", async () => {
    const adopted = await lc().create(lc().check({ ...declared, importId: CALL_SETTINGS_ID }).inputs);
    expect(adopted.outs).toMatchObject({ importId: CALL_SETTINGS_ID, eventUrl: "https://cc.example/events" });
    await expect(lc().create(lc().check({ importId: "CS_1" }).inputs)).rejects.toThrow(
      'importId: no CallSettings with id "CS_1" exists in Stringee',
    );
  });
});

describe("one CallSettings per program", () => {
  beforeAll(() =>
    pulumi.runtime.setMocks(
      {
        newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
        call: (args) => args.inputs,
      },
      "callsettings-uniqueness",
      "test",
      true,
    ),
  );

  it("refuses a second declaration, naming both, while a read-only lookup is fine", async () => {
    const first = new CallSettings("settings", { eventUrl: "https://cc.example/e" });
    const second = new CallSettings("more-settings", {});
    expect(await naturalKeyConflict(second)).toMatch(
      /CallSettings "more-settings" and CallSettings "settings" both declare the project's CallSettings; a Stringee project has one/,
    );
    expect(await naturalKeyConflict(first)).toBeUndefined();
    const lookup = CallSettings.get("current", CALL_SETTINGS_ID);
    expect(await naturalKeyConflict(lookup)).toBeUndefined();
    // Registration (the provider's serialization) finishes before the test does.
    await Promise.all([first, second, lookup].map((r) => new Promise((resolve) => r.urn.apply(resolve))));
  });
});
