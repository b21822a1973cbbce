// Shared setup of the resource integration tests: the client harness (an emulator on a free port, a
// StringeeClient pointed at it, the /__emulator controls) plus lifecycles over that client and helpers
// that play Pulumi's part (check before create/update, state = outputs) and change objects out of band.
import type * as pulumi from "@pulumi/pulumi";
import type { Reading } from "../../../provider/emulator/collections";
import { Lifecycle, type ResourceDefinition } from "../../../provider/kinds/framework";
import { startClientHarness, type ClientHarness } from "../client/harness";

/** A property bag as Pulumi passes it. */
export type Props = Record<string, unknown>;
/** A wire object as /__emulator/objects shows it. */
export type WireObject = Record<string, unknown>;

/** The client harness plus resource helpers. */
export interface ResourceHarness extends ClientHarness {
  /** A lifecycle over the harness's real client. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  lifecycle(spec: ResourceDefinition<any, any>): Lifecycle<any, any>;
  /** One object of a collection as the emulator holds it, or undefined. */
  object(collection: string, id: string): Promise<WireObject | undefined>;
  /** Changes an object behind the provider's back. */
  patch(collection: string, id: string, body: WireObject): Promise<WireObject>;
  /** Deletes an object behind the provider's back. */
  remove(collection: string, id: string): Promise<void>;
  /** Request counts by route key (`POST /v1/number`, `PUT /v1/number/:id`). */
  counts(): Promise<Record<string, number>>;
}

/** Starts the emulator (strict reading unless told otherwise), the client and the helpers. */
export function startResourceHarness(reading?: Reading): Promise<ResourceHarness> {
  return startClientHarnessWith({ reading });
}

/** Starts the emulator with these options (a reading, numeric ids), the client and the helpers. */
export async function startClientHarnessWith(emulator: {
  reading?: Reading;
  numericIds?: boolean;
}): Promise<ResourceHarness> {
  const h = await startClientHarness({}, emulator);
  const path = (collection: string, id: string) => `/objects/${collection}/${encodeURIComponent(id)}`;
  const must = async (method: string, p: string, body?: unknown) => {
    const res = await h.control(method, p, body);
    if (res.status >= 300)
      throw new Error(`control ${method} ${p} -> ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return {
    ...h,
    lifecycle: (spec) => new Lifecycle(spec, () => h.client),
    object: async (collection, id) => {
      const res = await h.control("GET", path(collection, id));
      if (res.status === 404) return undefined;
      if (res.status >= 300) throw new Error(`control GET ${path(collection, id)} -> ${res.status}`);
      return res.body as WireObject;
    },
    patch: async (collection, id, body) =>
      ((await must("PATCH", path(collection, id), body)) as { object: WireObject }).object,
    remove: async (collection, id) => {
      await must("DELETE", path(collection, id));
    },
    counts: async () => (await h.requests()).counts,
  };
}

/** What Pulumi passes to create and update: the output of check, which must have no failures. */
export function checked(lc: { check(raw: Props): pulumi.dynamic.CheckResult }, raw: Props): Props {
  const result = lc.check(raw);
  if ((result.failures ?? []).length > 0) throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
  return result.inputs as Props;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<Error> {
  const outcome = await p.then(
    (value: unknown) => ({ resolved: value }),
    (e: unknown) => ({ error: e }),
  );
  if (!("error" in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved)}`);
  if (!(outcome.error instanceof Error))
    throw new Error(`rejected with a non-Error: ${String(outcome.error)}`);
  return outcome.error;
}
