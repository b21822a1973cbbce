// stringee:tokenTtlSeconds / STRINGEE_TOKEN_TTL_SECONDS: the lifetime of the REST tokens the provider
// signs, validated when the provider is configured, and the hint the provider shows when Stringee
// refuses the credentials.
import { CREDENTIALS_HINT, TOKEN_TTL_RANGE, resolveSettings } from "../../../provider/settings";

const none = () => undefined;

describe("stringee:tokenTtlSeconds", () => {
  it("is read from the stack config first, then the environment, as a number of seconds", () => {
    expect(resolveSettings((k) => (k === "stringee:tokenTtlSeconds" ? "30" : undefined), {})).toEqual({
      tokenTtlSeconds: 30,
    });
    expect(resolveSettings(none, { STRINGEE_TOKEN_TTL_SECONDS: " 600 " })).toEqual({ tokenTtlSeconds: 600 });
    expect(
      resolveSettings((k) => (k === "stringee:tokenTtlSeconds" ? "45" : undefined), {
        STRINGEE_TOKEN_TTL_SECONDS: "600",
      }),
    ).toEqual({ tokenTtlSeconds: 45 });
  });

  it("is absent (the client's one-hour default) when unset or blank", () => {
    expect(resolveSettings(none, { STRINGEE_TOKEN_TTL_SECONDS: "" })).toEqual({});
  });

  it("accepts the bounds of its range", () => {
    for (const value of [TOKEN_TTL_RANGE.min, TOKEN_TTL_RANGE.max])
      expect(resolveSettings(none, { STRINGEE_TOKEN_TTL_SECONDS: String(value) })).toEqual({
        tokenTtlSeconds: value,
      });
  });

  it.each(["9", "86401", "1.5", "-30", "1h", "0x10"])(
    "refuses %p, naming both ways to set it, the value and the range",
    (value) => {
      expect(() => resolveSettings(none, { STRINGEE_TOKEN_TTL_SECONDS: value })).toThrow(
        `stringee:tokenTtlSeconds (or STRINGEE_TOKEN_TTL_SECONDS) must be a whole number of seconds between 10 and 86400; got ${JSON.stringify(value)}.`,
      );
    },
  );
});

describe("CREDENTIALS_HINT", () => {
  it("names the config keys, the environment variables and the command that sets the secret", () => {
    for (const text of [
      "stringee:apiKeySid",
      "STRINGEE_API_KEY_SID",
      "stringee:apiKeySecret",
      "STRINGEE_API_KEY_SECRET",
      "pulumi config set --secret stringee:apiKeySecret",
    ])
      expect(CREDENTIALS_HINT).toContain(text);
  });
});
