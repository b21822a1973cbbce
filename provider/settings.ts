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
  /**
   * Lifetime of the REST tokens the provider signs, in seconds (`stringee:tokenTtlSeconds` or
   * `STRINGEE_TOKEN_TTL_SECONDS`; default 3600). Each token is replaced before it expires.
   */
  tokenTtlSeconds?: number;
}

/** Reads one stack config key such as `stringee:apiKeySid`; returns undefined when unset. */
export type ConfigLookup = (key: string) => string | undefined;

/** Each setting: its stack config key and its environment variable. */
export const SETTING_SOURCES = {
  apiKeySid: { config: "stringee:apiKeySid", env: "STRINGEE_API_KEY_SID" },
  apiKeySecret: { config: "stringee:apiKeySecret", env: "STRINGEE_API_KEY_SECRET" },
  iccBaseUrl: { config: "stringee:iccBaseUrl", env: "STRINGEE_ICC_BASE_URL" },
  apiBaseUrl: { config: "stringee:apiBaseUrl", env: "STRINGEE_API_BASE_URL" },
  tokenTtlSeconds: { config: "stringee:tokenTtlSeconds", env: "STRINGEE_TOKEN_TTL_SECONDS" },
} as const;

/** Accepted range of `stringee:tokenTtlSeconds`, in seconds. */
export const TOKEN_TTL_RANGE = { min: 10, max: 86_400 } as const;

/**
 * What the provider's error says when Stringee refuses the credentials (HTTP 401 or 403), after the API's own
 * message: which settings to check and how to set the secret.
 */
export const CREDENTIALS_HINT =
  "Check stringee:apiKeySid (or STRINGEE_API_KEY_SID) and stringee:apiKeySecret (or STRINGEE_API_KEY_SECRET): " +
  "the secret must be the one of that API key; set it with `pulumi config set --secret stringee:apiKeySecret <SECRET>`. " +
  "If you changed them since the last `pulumi up`: `pulumi refresh` and `pulumi destroy` use the settings that up recorded " +
  "unless run with `--run-program`. " +
  "If both are right, check this machine's clock (tokens carry an expiry).";

/** The one message shown when credentials are missing, naming both ways to set them. */
export const MISSING_CREDENTIALS_MESSAGE =
  "Stringee credentials are not configured (missing: %s). Set them in the stack config with " +
  "`pulumi config set stringee:apiKeySid <SID>` and `pulumi config set --secret stringee:apiKeySecret <SECRET>`, " +
  "or in the environment variables STRINGEE_API_KEY_SID and STRINGEE_API_KEY_SECRET.";

/** Settings read so far; credentials may still be missing (reported by {@link requireSettings}). */
export type PartialSettings = Partial<ProviderSettings>;

/** Resolves every setting from stack config, then the environment. Empty strings count as unset. */
export function resolveSettings(config: ConfigLookup, env: NodeJS.ProcessEnv = process.env): PartialSettings {
  const raw: Partial<Record<keyof ProviderSettings, string>> = {};
  for (const [name, source] of Object.entries(SETTING_SOURCES) as [
    keyof ProviderSettings,
    { config: string; env: string },
  ][]) {
    const value = nonEmpty(config(source.config)) ?? nonEmpty(env[source.env]);
    if (value !== undefined) raw[name] = value;
  }
  const { tokenTtlSeconds, ...strings } = raw;
  const out: PartialSettings = { ...strings };
  if (tokenTtlSeconds !== undefined) out.tokenTtlSeconds = parseTokenTtl(tokenTtlSeconds);
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

/** Environment variable that lets `create` adopt an existing object of the same natural key, for one recovery run. */
export const ADOPT_EXISTING_ENV = "STRINGEE_ADOPT_EXISTING";

/**
 * Whether `create` adopts an object that already exists in Stringee with the same natural key instead of
 * refusing it (`STRINGEE_ADOPT_EXISTING`: `true`/`1` on; unset, empty, `false`/`0` off). Meant for the one
 * `pulumi up` that recovers from an interrupted run, so it is an environment variable only: a stack config
 * key would be committed with the stack and stay on for every later run.
 */
export function resolveAdoptExisting(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = nonEmpty(env[ADOPT_EXISTING_ENV])?.toLowerCase();
  if (value === undefined || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  // A typo must not silently leave the recovery run refusing, nor turn adoption on by accident.
  throw new Error(
    `${ADOPT_EXISTING_ENV} must be true or false (1 or 0); got ${JSON.stringify(env[ADOPT_EXISTING_ENV])}.`,
  );
}

function parseTokenTtl(value: string): number {
  const { min, max } = TOKEN_TTL_RANGE;
  const seconds = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= min && seconds <= max)) {
    const { config, env } = SETTING_SOURCES.tokenTtlSeconds;
    throw new Error(
      `${config} (or ${env}) must be a whole number of seconds between ${min} and ${max}; got ${JSON.stringify(value)}. ` +
        `Leave it unset for the default of one hour.`,
    );
  }
  return seconds;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
