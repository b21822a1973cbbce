// The implementation side of the dynamic providers, loaded by package name (`stringee-pulumi/runtime`)
// inside Pulumi's dynamic-provider process. It holds the settings read in `configure()` and builds the
// Stringee client lazily, once per process, on the first call that needs the API: check and diff never do.
import type * as pulumi from "@pulumi/pulumi";
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
// A setting configure could not read (a malformed URL, a misspelt switch): every operation reports it.
let settingsProblem: string | undefined;
let client: StringeeClient | undefined;
let adoptExisting = false;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyLifecycle = Lifecycle<any, any>;
/** The operations Pulumi's dynamic provider calls on a kind's lifecycle. */
export type Operations = Pick<AnyLifecycle, "check" | "diff" | "create" | "read" | "update" | "delete">;
const lifecycles = new Map<ResourceKind, Operations>();

/**
 * Called from the provider's `configure()` with the stack config; environment variables fill the gaps.
 * Pulumi configures each resource kind's provider separately (once per serialized provider), so this runs
 * up to ten times per process: the client, its connection pool, token and shared listings are kept
 * unless the settings actually changed.
 */
export function configure(config: ConfigLookup): void {
  let next: PartialSettings;
  try {
    // Read here so that a misspelt value fails the preview; it does not affect the client.
    adoptExisting = resolveAdoptExisting();
    next = resolveSettings(config);
  } catch (err) {
    // Not thrown here: Pulumi configures each kind once per process, so later resources of the kind would
    // run unconfigured. Every operation reports it instead (check at preview).
    settingsProblem = err instanceof Error ? err.message : String(err);
    return;
  }
  settingsProblem = undefined;
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
  if (settingsProblem !== undefined) throw new Error(settingsProblem);
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
export function lifecycle(kind: ResourceKind, operation: string): Operations {
  const definition = KINDS[kind];
  if (definition === undefined)
    throw shown(
      new Error(`stringee-pulumi: unknown resource kind ${JSON.stringify(kind)}; upgrade stringee-pulumi.`),
    );
  if (operation === "check") {
    try {
      if (settingsProblem !== undefined) throw new Error(settingsProblem);
      requireSettings(settings ?? resolveSettings(() => undefined));
    } catch (err) {
      throw shown(err);
    }
  }
  let lc = lifecycles.get(kind);
  if (lc === undefined) {
    lc = withoutHostStacks(new Lifecycle(definition, getClient, () => adoptExisting));
    lifecycles.set(kind, lc);
  }
  return lc;
}

// Pulumi's dynamic-provider host prints each error that check, diff, read or delete throw to its stderr as
// `${error}: ${error.stack}`, which the CLI shows as a JavaScript stack under the stack resource, after the
// error itself (shown under the resource, as for create and update, which it does not print). This
// provider's errors are written for users and complete: that second copy is dropped; any other output of
// the process passes through.
// How many copies of each are still to come: one error (a refusal of the credentials) may be thrown to
// several operations at once.
const hostCopies = new Map<string, number>();
let filtering = false;

/** Marks `err` as shown to the user by the engine, so that the host's copy with the stack is dropped. */
function shown(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  if (!filtering) {
    filtering = true;
    const write = console.error.bind(console);
    console.error = (...args: unknown[]) => {
      const pending = args.length === 1 && typeof args[0] === "string" ? hostCopies.get(args[0]) : undefined;
      if (pending === undefined) return write(...args);
      if (pending > 1) hostCopies.set(args[0] as string, pending - 1);
      else hostCopies.delete(args[0] as string);
    };
  }
  const copy = `${String(err)}: ${err.stack}`;
  hostCopies.set(copy, (hostCopies.get(copy) ?? 0) + 1);
  return err;
}

/** `lc` whose check, diff, read and delete errors are {@link shown}. */
function withoutHostStacks(lc: AnyLifecycle): Operations {
  const sync =
    <A extends unknown[], R>(f: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return f(...args);
      } catch (err) {
        throw shown(err);
      }
    };
  const async =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      f(...args).catch((err: unknown) => {
        throw shown(err);
      });
  return {
    check: sync(lc.check.bind(lc)),
    diff: sync(lc.diff.bind(lc)),
    create: lc.create.bind(lc),
    read: async(lc.read.bind(lc)),
    update: lc.update.bind(lc),
    delete: async(lc.delete.bind(lc)),
  };
}

/**
 * The dynamic provider of `kind`, as the text stored in state loads it (`serializedProvider` in
 * kinds/framework.ts): configure and every operation go to this module.
 */
export function provider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  return {
    configure: async (req) => configure((key) => req.config.get(key)),
    check: async (olds, news) => lifecycle(kind, "check").check(news, olds ?? {}),
    diff: async (_id, olds, news) => lifecycle(kind, "diff").diff(olds, news),
    create: async (news) => lifecycle(kind, "create").create(news),
    read: async (id, props) => lifecycle(kind, "read").read(id, props),
    update: async (id, olds, news) => lifecycle(kind, "update").update(id, olds, news),
    delete: async (id, props) => lifecycle(kind, "delete").delete(id, props),
  };
}
