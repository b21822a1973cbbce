// The implementation side of the dynamic providers, loaded by package name (`stringee-pulumi/runtime`)
// inside Pulumi's dynamic-provider process. It holds the settings read in `configure()` and builds the
// Stringee client lazily, once per process, on the first call that needs the API: check and diff never do.
import { StringeeClient } from "./client";
import { KINDS } from "./kinds";
import { Lifecycle, type ResourceKind } from "./kinds/framework";
import {
  CREDENTIALS_HINT,
  requireSettings,
  resolveAdoptExisting,
  resolveSettings,
  type ConfigLookup,
  type PartialSettings,
} from "./settings";

let settings: PartialSettings | undefined;
let client: StringeeClient | undefined;
let adoptExisting = false;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const lifecycles = new Map<ResourceKind, Lifecycle<any, any>>();

/**
 * Called from the provider's `configure()` with the stack config; environment variables fill the gaps.
 * Pulumi configures each resource kind's provider separately (once per serialized provider), so this runs
 * up to ten times per process: the client, its connection pool, token and shared listings are kept
 * unless the settings actually changed.
 */
export function configure(config: ConfigLookup): void {
  // Read here so that a misspelt value fails the preview; it does not affect the client, hence before the early return.
  adoptExisting = resolveAdoptExisting();
  const next = resolveSettings(config);
  if (settings !== undefined && sameSettings(settings, next)) return;
  settings = next;
  client?.close();
  client = undefined;
}

function sameSettings(a: PartialSettings, b: PartialSettings): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof PartialSettings>;
  return [...keys].every((k) => a[k] === b[k]);
}

function getClient(): StringeeClient {
  if (client === undefined) {
    const s = requireSettings(settings ?? resolveSettings(() => undefined));
    client = new StringeeClient({ ...s, userAgent: "stringee-pulumi", credentialsHint: CREDENTIALS_HINT });
  }
  return client;
}

/**
 * The lifecycle of `kind`. `operation` is only used to fail early and clearly: every operation but
 * check and diff talks to the API, so missing credentials are reported at preview by `check`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lifecycle(kind: ResourceKind, operation: string): Lifecycle<any, any> {
  const definition = KINDS[kind];
  if (definition === undefined)
    throw new Error(
      `stringee-pulumi: unknown resource kind ${JSON.stringify(kind)}; upgrade stringee-pulumi.`,
    );
  if (operation === "check") requireSettings(settings ?? resolveSettings(() => undefined));
  let lc = lifecycles.get(kind);
  if (lc === undefined) {
    lc = new Lifecycle(definition, getClient, () => adoptExisting);
    lifecycles.set(kind, lc);
  }
  return lc;
}
