// Where the provider finds its credentials (stack config first, then STRINGEE_* environment variables)
// and how the runtime side uses them: check reports missing credentials at preview, diff never needs
// them, and the client is only built by operations that talk to the API.
import { configure, lifecycle } from "../../../provider/runtime";
import {
  MISSING_CREDENTIALS_MESSAGE,
  SETTING_SOURCES,
  requireSettings,
  resolveSettings,
  type ConfigLookup,
} from "../../../provider/settings";

const ENV_NAMES = Object.values(SETTING_SOURCES).map((s) => s.env);

function config(values: Record<string, string | undefined>): ConfigLookup {
  return (key) => values[key];
}

const FULL_CONFIG = {
  "stringee:apiKeySid": "SK_FROM_CONFIG",
  "stringee:apiKeySecret": "secret-from-config",
  "stringee:iccBaseUrl": "https://icc.config.example",
  "stringee:apiBaseUrl": "https://api.config.example",
};
const FULL_ENV = {
  STRINGEE_API_KEY_SID: "SK_FROM_ENV",
  STRINGEE_API_KEY_SECRET: "secret-from-env",
  STRINGEE_ICC_BASE_URL: "http://127.0.0.1:1234",
  STRINGEE_API_BASE_URL: "http://127.0.0.1:5678",
};

describe("resolveSettings", () => {
  it("stack config wins over the environment for every setting", () => {
    expect(resolveSettings(config(FULL_CONFIG), FULL_ENV)).toEqual({
      apiKeySid: "SK_FROM_CONFIG",
      apiKeySecret: "secret-from-config",
      iccBaseUrl: "https://icc.config.example",
      apiBaseUrl: "https://api.config.example",
    });
  });

  it("the environment is used for every setting the config does not have", () => {
    expect(resolveSettings(config({}), FULL_ENV)).toEqual({
      apiKeySid: "SK_FROM_ENV",
      apiKeySecret: "secret-from-env",
      iccBaseUrl: "http://127.0.0.1:1234",
      apiBaseUrl: "http://127.0.0.1:5678",
    });
    expect(resolveSettings(config({ "stringee:apiKeySid": "SK_FROM_CONFIG" }), FULL_ENV)).toMatchObject({
      apiKeySid: "SK_FROM_CONFIG",
      apiKeySecret: "secret-from-env",
    });
  });

  it("empty or blank strings count as unset, in config and in the environment", () => {
    expect(
      resolveSettings(config({ "stringee:apiKeySid": "", "stringee:apiKeySecret": "  " }), {
        STRINGEE_API_KEY_SID: "SK_FROM_ENV",
        STRINGEE_API_KEY_SECRET: "",
        STRINGEE_ICC_BASE_URL: " ",
      }),
    ).toEqual({ apiKeySid: "SK_FROM_ENV" });
  });

  it("trims the values", () => {
    expect(
      resolveSettings(config({ "stringee:apiKeySid": " SK_1 " }), { STRINGEE_API_KEY_SECRET: " s \n" }),
    ).toEqual({
      apiKeySid: "SK_1",
      apiKeySecret: "s",
    });
  });

  it("nothing set gives no settings", () => {
    expect(resolveSettings(config({}), {})).toEqual({});
  });

  it.each([
    ["stringee:iccBaseUrl", "STRINGEE_ICC_BASE_URL", "icc-api.stringee.com"],
    ["stringee:apiBaseUrl", "STRINGEE_API_BASE_URL", "ftp://api.stringee.com"],
    ["stringee:iccBaseUrl", "STRINGEE_ICC_BASE_URL", "https:// spaced"],
  ])("refuses an invalid base URL in %s", (key, env, value) => {
    expect(() => resolveSettings(config({ [key]: value }), {})).toThrow(
      `${key} (or ${env}) must be an http(s) URL such as https://icc-api.stringee.com; got ${JSON.stringify(value)}.`,
    );
  });

  it("refuses an invalid base URL coming from the environment", () => {
    expect(() => resolveSettings(config({}), { STRINGEE_API_BASE_URL: "api.stringee.com" })).toThrow(
      /stringee:apiBaseUrl \(or STRINGEE_API_BASE_URL\) must be an http\(s\) URL/,
    );
  });
});

describe("requireSettings", () => {
  it("returns complete settings unchanged", () => {
    const s = { apiKeySid: "SK", apiKeySecret: "secret" };
    expect(requireSettings(s)).toBe(s);
  });

  it("names both ways of setting missing credentials: pulumi config set and the environment", () => {
    let message = "";
    try {
      requireSettings({});
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(
      MISSING_CREDENTIALS_MESSAGE.replace("%s", "stringee:apiKeySid, stringee:apiKeySecret"),
    );
    expect(message).toContain("pulumi config set stringee:apiKeySid");
    expect(message).toContain("pulumi config set --secret stringee:apiKeySecret");
    expect(message).toContain("STRINGEE_API_KEY_SID");
    expect(message).toContain("STRINGEE_API_KEY_SECRET");
  });

  it("lists only what is missing", () => {
    expect(() => requireSettings({ apiKeySid: "SK" })).toThrow("(missing: stringee:apiKeySecret)");
    expect(() => requireSettings({ apiKeySecret: "s" })).toThrow("(missing: stringee:apiKeySid)");
  });
});

describe("runtime", () => {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const name of ENV_NAMES) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
    configure(() => undefined);
  });
  afterEach(() => {
    for (const name of ENV_NAMES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    configure(() => undefined);
  });

  const NUMBER = { number: "84986225112", allowOutboundCalls: true, enableIvr: false };

  it("check reports missing credentials at preview with the one clear message", () => {
    expect(() => lifecycle("number", "check")).toThrow(
      MISSING_CREDENTIALS_MESSAGE.replace("%s", "stringee:apiKeySid, stringee:apiKeySecret"),
    );
  });

  it("check works once the stack config has the credentials (no API call needed)", () => {
    configure(config({ "stringee:apiKeySid": "SK", "stringee:apiKeySecret": "secret" }));
    expect(lifecycle("number", "check").check(NUMBER)).toEqual({
      inputs: { ...NUMBER },
      failures: [],
    });
  });

  it("check works with credentials from the environment only", () => {
    process.env["STRINGEE_API_KEY_SID"] = "SK_ENV";
    process.env["STRINGEE_API_KEY_SECRET"] = "secret-env";
    configure(() => undefined);
    expect(lifecycle("agent", "check").check({ name: "A", stringeeUserId: "a" }).failures).toEqual([]);
  });

  it("diff needs neither credentials nor a client", () => {
    const state = { ...NUMBER, recordOutboundCalls: false, stringeeId: "NU_1" };
    expect(lifecycle("number", "diff").diff(state, { ...NUMBER, nickname: "x" })).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  it("an operation that needs the API fails with the credentials message when none are set", async () => {
    await expect(lifecycle("number", "read").read("NU_1", {})).rejects.toThrow(
      /credentials are not configured/,
    );
  });

  it("an invalid base URL from the stack config is reported by every check and API operation, not by configure", async () => {
    // Pulumi configures each kind once per process: a throwing configure would leave later resources unconfigured.
    expect(() =>
      configure(
        config({
          "stringee:apiKeySid": "SK",
          "stringee:apiKeySecret": "s",
          "stringee:iccBaseUrl": "not a url",
        }),
      ),
    ).not.toThrow();
    expect(() => lifecycle("number", "check")).toThrow(
      /stringee:iccBaseUrl \(or STRINGEE_ICC_BASE_URL\) must be/,
    );
    expect(() => lifecycle("queue", "check")).toThrow(/stringee:iccBaseUrl/);
    await expect(lifecycle("number", "read").read("NU_1", {})).rejects.toThrow(/stringee:iccBaseUrl/);
    configure(config({ "stringee:apiKeySid": "SK", "stringee:apiKeySecret": "s" }));
    expect(() => lifecycle("number", "check")).not.toThrow();
  });

  it("errors of check, diff, read and delete are not printed again with their stack by Pulumi's provider host", async () => {
    // The host prints `${error}: ${error.stack}` to stderr for these operations; only that exact copy is dropped.
    const printed: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => printed.push(args);
    try {
      // A fresh runtime, as in the provider process, installed over this stderr.
      let fresh: typeof import("../../../provider/runtime") | undefined;
      jest.isolateModules(() => {
        fresh = jest.requireActual<typeof import("../../../provider/runtime")>("../../../provider/runtime");
      });
      fresh!.configure(() => undefined);
      const errors: Error[] = [];
      try {
        fresh!.lifecycle("number", "check");
      } catch (e) {
        errors.push(e as Error);
      }
      await fresh!
        .lifecycle("queue", "read")
        .read("QU_1", {})
        .catch((e: Error) => errors.push(e));
      expect(errors).toHaveLength(2);
      const copies = errors.map((e) => `${String(e)}: ${e.stack}`);
      for (const copy of copies) console.error(copy);
      console.error("other output");
      console.error(copies[0]);
      expect(printed).toEqual([["other output"], [copies[0]]]);
    } finally {
      console.error = original;
    }
  });

  it("serves one lifecycle per kind and refuses an unknown kind with an upgrade hint", () => {
    expect(lifecycle("sipPhone", "diff")).toBe(lifecycle("sipPhone", "read"));
    expect(() => lifecycle("widget" as never, "diff")).toThrow(
      'stringee-pulumi: unknown resource kind "widget"; upgrade stringee-pulumi.',
    );
  });
});
