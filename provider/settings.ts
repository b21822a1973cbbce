// Where the provider finds its Stringee credentials and endpoints: stack config `stringee:*` first, then
// environment variables. Resolved inside the dynamic-provider process (in `configure`), never captured at
// program time, so no credential is ever serialized into the provider code stored in state.

/** The provider settings, resolved. */
export interface ProviderSettings {
  /** API key SID (`stringee:apiKeySid` or `STRINGEE_API_KEY_SID`). */
  apiKeySid: string;
  /** API key secret (`stringee:apiKeySecret` or `STRINGEE_API_KEY_SECRET`); set it with `--secret`. */
  apiKeySecret: string;
  /** Contact-center API base URL (`stringee:iccBaseUrl` or `STRINGEE_ICC_BASE_URL`). */
  iccBaseUrl?: string;
  /** Platform API base URL for SIP phones (`stringee:apiBaseUrl` or `STRINGEE_API_BASE_URL`). */
  apiBaseUrl?: string;
}

/** Reads one stack config key such as `stringee:apiKeySid`; returns undefined when unset. */
export type ConfigLookup = (key: string) => string | undefined;

/** Each setting: its stack config key and its environment variable. */
export const SETTING_SOURCES = {
  apiKeySid: { config: "stringee:apiKeySid", env: "STRINGEE_API_KEY_SID" },
  apiKeySecret: { config: "stringee:apiKeySecret", env: "STRINGEE_API_KEY_SECRET" },
  iccBaseUrl: { config: "stringee:iccBaseUrl", env: "STRINGEE_ICC_BASE_URL" },
  apiBaseUrl: { config: "stringee:apiBaseUrl", env: "STRINGEE_API_BASE_URL" },
} as const;

/** The one message shown when credentials are missing, naming both ways to set them. */
export const MISSING_CREDENTIALS_MESSAGE =
  "Stringee credentials are not configured (missing: %s). Set them in the stack config with " +
  "`pulumi config set stringee:apiKeySid <SID>` and `pulumi config set --secret stringee:apiKeySecret <SECRET>`, " +
  "or in the environment variables STRINGEE_API_KEY_SID and STRINGEE_API_KEY_SECRET.";

/** Settings read so far; credentials may still be missing (reported by {@link requireSettings}). */
export type PartialSettings = Partial<ProviderSettings>;

/** Resolves every setting from stack config, then the environment. Empty strings count as unset. */
export function resolveSettings(config: ConfigLookup, env: NodeJS.ProcessEnv = process.env): PartialSettings {
  const out: PartialSettings = {};
  for (const [name, source] of Object.entries(SETTING_SOURCES) as [
    keyof ProviderSettings,
    { config: string; env: string },
  ][]) {
    const value = nonEmpty(config(source.config)) ?? nonEmpty(env[source.env]);
    if (value !== undefined) out[name] = value;
  }
  for (const url of ["iccBaseUrl", "apiBaseUrl"] as const) {
    const value = out[url];
    if (value !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(value)) {
      throw new Error(
        `${SETTING_SOURCES[url].config} (or ${SETTING_SOURCES[url].env}) must be an http(s) URL such as https://icc-api.stringee.com; got ${JSON.stringify(value)}.`,
      );
    }
  }
  return out;
}

/** Returns complete settings or throws the one clear "credentials missing" message. */
export function requireSettings(settings: PartialSettings): ProviderSettings {
  const missing = (["apiKeySid", "apiKeySecret"] as const).filter((k) => settings[k] === undefined);
  if (missing.length > 0) {
    throw new Error(
      MISSING_CREDENTIALS_MESSAGE.replace("%s", missing.map((k) => SETTING_SOURCES[k].config).join(", ")),
    );
  }
  return settings as ProviderSettings;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
