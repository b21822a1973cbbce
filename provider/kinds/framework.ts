// What every Stringee resource kind shares: the thin dynamic provider that Pulumi serializes into state, the
// lifecycle (check / diff / create / read / update / delete) written once against a per-kind definition,
// and the validation helpers that make check failures name the field, the bad value and the fix. Nothing
// here loads @pulumi/pulumi at run time (type imports only): the YAML spec, export and graph read the kinds
// without the Pulumi SDK; only the resource classes (provider/resources) need it.
//
// Why a thin provider: Pulumi stores each dynamic provider as JavaScript source inside the state and
// runs it in a separate process. Capturing the client (got, agents, tokens) or the settings would put
// them into that source. The serialized provider therefore holds only the resource kind and loads the
// implementation by package name (`stringee-pulumi/runtime`) in the provider process, where
// `configure()` reads the credentials.
import type * as pulumi from "@pulumi/pulumi";
import type { StringeeClient } from "../client";
import { PartialCreateError, isNotFound } from "../client/errors";
import { lookupBeforeCreate } from "../client/listings";
import { ADOPT_EXISTING_ENV } from "../settings";

/** The Stringee entity a provider manages. */
export type ResourceKind =
  | "number"
  | "agent"
  | "ivrKeypress"
  | "sipPhone"
  | "queue"
  | "ivrTree"
  | "ivrNode"
  | "group"
  | "groupMember"
  | "queueGroupRouting"
  | "callSettings"
  | "blacklistNumber"
  | "greetingFile";

/** One failed rule found by `check`, reported by Pulumi against `property`. */
export interface CheckFailure {
  /** Input property (camelCase) the failure is about. */
  property: string;
  /** What is wrong and how to fix it. */
  reason: string;
}

/** Result of validating raw inputs. */
export interface Checked<I> {
  /** The canonical inputs (defaults filled, equivalent spellings unified). */
  inputs: I;
  /** Every rule the raw inputs broke; empty when valid. */
  failures: CheckFailure[];
}

/**
 * Everything that differs between resource kinds: one declaration per kind, read by the lifecycle (the
 * dynamic provider), the resource class, the YAML spec, export and graph.
 */
export interface ResourceDefinition<I extends object, R> {
  /** Resource kind, as used by the runtime registry. */
  kind: ResourceKind;
  /** Human name used in messages (`Number`, `SIP phone`), also the Pulumi type name (`stringee:Agent`). */
  title: string;
  /** Input fields that together identify the object in Stringee (one declaration per key in a program). */
  naturalKey: readonly (keyof I & string)[];
  /** Input fields holding the id of an object of another kind. */
  references?: Readonly<Partial<Record<keyof I & string, ResourceKind>>>;
  /** What `importId` (and `X.get`) takes, for messages and docs: `AG_…`, `<group id>/<agent id>`. */
  importIdForm: string;
  /** Outputs the API reports besides the inputs and `stringeeId` (set by {@link ResourceDefinition.observed}). */
  outputs?: readonly string[];
  /** Validates and canonicalises raw inputs. Must not call the API. */
  check(raw: Record<string, unknown>): Checked<I>;
  /** Input fields that the API cannot change: a change replaces the object. */
  replaceOn: readonly (keyof I & string)[];
  /** Whether the replacement must be deleted first, because its natural key must stay unique. */
  deleteBeforeReplace: boolean;
  /** Input fields compared by `diff`, in display order. */
  diffed: readonly (keyof I & string)[];
  /**
   * Optional fields the API fills with its own default when they are not declared. Undeclared, they are
   * not managed: never sent, never diffed, and their current values are reported in the `apiDefaults` output.
   */
  computed?: readonly (keyof I & string)[];
  /**
   * Stringee's documented defaults of `computed` settings (`null`: no value). A setting the previous inputs
   * declared and the new ones leave out goes back to this default on the next `up` (check fills it in and
   * names it in {@link RESET_TO_DEFAULTS}, so the preview shows the change) and is unmanaged from then on; a
   * setting that was never declared stays unmanaged. Settings without an entry are left as they are when
   * they stop being declared.
   */
  documentedDefaults?: Readonly<Partial<Record<keyof I & string, unknown>>>;
  /** Input fields holding secrets (kept from inputs, never read back). */
  secrets?: readonly (keyof I & string)[];
  /**
   * Input fields that exist only on the machine running Pulumi (a file's path, what check read from it): kept
   * in state, carried through refresh, never compared, never sent, never read back.
   */
  local?: readonly (keyof I & string)[];
  /**
   * Adjusts the arguments in the program's own process, before they reach the provider (whose working folder
   * may differ): a relative file path made absolute. Plain values only; outputs pass as they are.
   */
  resolveArgs?(args: Record<string, unknown>): Record<string, unknown>;
  /** Describes the natural key of `inputs` for messages (`number 84986225112`). */
  describeKey(inputs: I): string;
  /** Finds the remote object by id; undefined when it does not exist. */
  findById(client: StringeeClient, id: string, inputs: I): Promise<R | undefined>;
  /** Finds the remote object by natural key; undefined when it does not exist. */
  findByKey(client: StringeeClient, inputs: I): Promise<R | undefined>;
  /** Id of a remote object. */
  idOf(remote: R): string;
  /**
   * Creates the object (duplicate-safe in the client); returns its id, or its id and the object as created
   * when the create's answer already says all a read-back would (no listing needed).
   */
  create(client: StringeeClient, inputs: I): Promise<string | Created<R>>;
  /** Sends the changed fields (`changed` lists them) so the object matches `news`. */
  update(
    client: StringeeClient,
    id: string,
    olds: I,
    news: I,
    changed: readonly (keyof I & string)[],
  ): Promise<void>;
  /** Deletes the object; must treat "not found" as done. */
  delete(client: StringeeClient, id: string, inputs: I): Promise<void>;
  /** Maps a remote object back to inputs; `prior` supplies what the API never returns (secrets, runtime-owned fields). */
  toInputs(remote: R, prior: Partial<I>): I;
  /**
   * Input fields the remote object's listing did not show (default: the client's `unseen` marker, whose
   * names are the input names). Their declared or last applied values stand: refresh cannot see them.
   */
  unseenOf?(remote: R): readonly string[];
  /** Extra read-only outputs reported by the API (besides the inputs and `stringeeId`). */
  observed(remote: R | undefined, inputs: I): Record<string, unknown>;
  /**
   * Whether create reads the new object back for its outputs (default true). False where the listing
   * adds nothing a create does not know (no computed fields, no server-side output that is settled at
   * creation): the read would cost a listing per create for nothing.
   */
  readBackAfterCreate?: boolean;
}

/** An object a create made, as its answer describes it. */
export interface Created<R> {
  /** Its id. */
  id: string;
  /** The object, as a read would find it. */
  remote: R;
}

/** Stringee's documented default of each of the settings `K` of inputs `I` (`null`: no value). */
export type DocumentedDefaults<I, K extends keyof I> = { readonly [F in K]-?: NonNullable<I[F]> | null };

/** The client collection a kind's default operations go through: a top-level collection of objects with ids. */
export interface KindCollection<I, R> {
  /** The object with this id (prefix optional), or undefined. */
  findById(id: string): Promise<R | undefined>;
  /** The object with the natural key of `inputs`, or undefined. */
  findByNaturalKey(inputs: I): Promise<R | undefined>;
  /** Creates the object (duplicate-safe); resolves with its id. */
  create(inputs: I): Promise<{ id: string }>;
  /** Sends the given fields. */
  update(id: string, patch: Record<string, unknown>): Promise<void>;
  /** Deletes the object; not found is done. */
  delete(id: string): Promise<unknown>;
}

/**
 * What a kind declares: the {@link ResourceDefinition} minus what the defaults of {@link defineKind} supply.
 * `collection` picks the client collection the default operations use; a kind with other needs (a list per
 * parent, a secret, several requests) declares those operations itself.
 */
export type KindDeclaration<I extends object, R> = Omit<
  ResourceDefinition<I, R>,
  | "title"
  | "replaceOn"
  | "deleteBeforeReplace"
  | "findById"
  | "findByKey"
  | "idOf"
  | "create"
  | "update"
  | "delete"
  | "observed"
> &
  Partial<ResourceDefinition<I, R>> & {
    /** The client collection of this kind, for the operations not declared. */
    collection?: (client: StringeeClient) => KindCollection<I, R>;
  };

/**
 * A kind's definition from its declaration. Defaults: the title is the kind capitalised (`ivrNode` → `IvrNode`,
 * the class name); nothing forces replacement; reads, lookups, creates and
 * deletes go through `collection`; an update sends each changed field (`null` for one no longer declared); the
 * id is the object's `id`; no outputs besides the inputs.
 */
export function defineKind<I extends object, R>(d: KindDeclaration<I, R>): ResourceDefinition<I, R> {
  const { collection, title, ...rest } = d;
  const api = (c: StringeeClient): KindCollection<I, R> => {
    if (collection === undefined)
      throw new Error(`${d.title}: no collection declared for a default operation`);
    return collection(c);
  };
  return {
    title: title ?? d.kind.charAt(0).toUpperCase() + d.kind.slice(1),
    replaceOn: [],
    deleteBeforeReplace: false,
    findById: (c, id) => orUndefined(api(c).findById(id)),
    findByKey: (c, inputs) => orUndefined(api(c).findByNaturalKey(inputs)),
    idOf: (remote) => (remote as { id: string }).id,
    create: async (c, inputs) => (await api(c).create(inputs)).id,
    update: async (c, id, _olds, news, changed) => {
      const patch: Record<string, unknown> = {};
      for (const f of changed) patch[f] = news[f] ?? null;
      await api(c).update(id, patch);
    },
    delete: async (c, id) => {
      await api(c).delete(id);
    },
    observed: () => ({}),
    ...rest,
  };
}

/** Outputs stored for every resource: the canonical inputs, the id and what the API reports. */
export type StoredOutputs<I> = I & { stringeeId: string; importId?: string } & Record<string, unknown>;

/**
 * Input a resource class sets when the program already declared its natural key (provider/resources/uniqueness.ts):
 * the message refusing the second declaration, reported by check against the key's last field.
 */
export const NATURAL_KEY_CONFLICT = "naturalKeyConflict";

/**
 * Input check adds to name the settings it set back to their documented defaults because the program stopped
 * declaring them ({@link ResourceDefinition.documentedDefaults}): they are sent, shown by the preview, and not
 * recorded as declared, so that they are unmanaged afterwards.
 */
export const RESET_TO_DEFAULTS = "resetToDefaults";

/** The settings `inputs` name in {@link RESET_TO_DEFAULTS}. */
function resetFields(inputs: Record<string, unknown>): string[] {
  const names = inputs[RESET_TO_DEFAULTS];
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
}

/** Marker Pulumi uses for values that are not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether a raw input value is unknown at preview time (the output of a resource not created yet). */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** Returns a message for an object that exists remotely but not in state: how to bring it under management. */
export function alreadyExistsMessage(title: string, key: string, id: string): string {
  return (
    `${title} ${key} already exists in Stringee (id ${id}) but is not managed by this stack. ` +
    `To manage it, add \`importId: "${id}"\` to this resource's arguments and run \`pulumi up\` again ` +
    `(it is then adopted instead of created). To create a new one instead, delete it in Stringee or change the ${key.split(" ")[0]}. ` +
    `If this stack's own objects were made again by hand or by an interrupted \`pulumi up\`, adopt them all in one run with ` +
    `\`${ADOPT_EXISTING_ENV}=true pulumi up\` (see "Recovering from an interrupted run" in the README).`
  );
}

/** The lifecycle of one kind, written once. `client` is built lazily by the runtime. */
export class Lifecycle<I extends object, R> {
  constructor(
    private readonly def: ResourceDefinition<I, R>,
    private readonly client: () => StringeeClient,
    // Off unless the user opts in for one recovery run (STRINGEE_ADOPT_EXISTING, read by the runtime).
    private readonly adoptExisting: () => boolean = () => false,
  ) {}

  /**
   * Validates inputs at preview; never calls the API. `olds` are the previous inputs: a documented setting
   * they declared and `news` leave out is set back to its default ({@link ResourceDefinition.documentedDefaults}).
   */
  check(news: Record<string, unknown>, olds: Record<string, unknown> = {}): pulumi.dynamic.CheckResult {
    const { inputs, failures } = this.def.check(news);
    const importId = news["importId"];
    if (importId !== undefined && importId !== null && typeof importId !== "string") {
      failures.push({
        property: "importId",
        reason: `importId must be a Stringee id string; got ${JSON.stringify(importId)}.`,
      });
    }
    const conflict = news[NATURAL_KEY_CONFLICT];
    if (typeof conflict === "string" && !isUnknown(conflict))
      failures.push({
        property: this.def.naturalKey[this.def.naturalKey.length - 1] ?? "",
        reason: conflict,
      });
    const out = { ...inputs } as Record<string, unknown>;
    const wasReset = resetFields(olds);
    const reset: string[] = [];
    for (const [f, value] of Object.entries(this.def.documentedDefaults ?? {})) {
      // Only a value that was declared (not merely set back last time) and is not the default already. `null`
      // (no value) stays in the inputs so that diff and update see the clearing.
      const declared = !sameValue(olds[f], undefined) && !wasReset.includes(f);
      if (out[f] === undefined && declared && !sameValue(olds[f], value)) {
        out[f] = value;
        reset.push(f);
      }
    }
    if (reset.length > 0) out[RESET_TO_DEFAULTS] = reset;
    if (typeof importId === "string" && importId !== "") out["importId"] = importId;
    return { inputs: compact(out), failures };
  }

  /** Per-property diff of the canonical inputs; replaces only what the API cannot change. */
  diff(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
    const changed = this.changedFields(olds, news);
    const replaces = changed.filter((f) => (this.def.replaceOn as readonly string[]).includes(f));
    return {
      changes: changed.length > 0,
      replaces,
      deleteBeforeReplace: replaces.length > 0 && this.def.deleteBeforeReplace,
      stables: ["stringeeId"],
    };
  }

  /** Creates the object, or adopts it when `importId` is set; never creates a duplicate. */
  async create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = this.inputsOf(news);
    const client = this.client();
    const importId = typeof news["importId"] === "string" ? (news["importId"] as string) : undefined;
    if (importId !== undefined) return this.adopt(importId, inputs);
    // Shared with the other creates of this run (see client/listings.ts): one listing, not one per create.
    const existing = await lookupBeforeCreate(() => this.def.findByKey(client, inputs));
    if (existing !== undefined) {
      // Only on request: the object is then taken to be the one an interrupted run of this stack created
      // but never recorded, which only the user can tell (it may belong to another stack).
      if (this.adoptExisting()) return this.adopt(this.def.idOf(existing), inputs, ADOPT_EXISTING_ENV);
      throw new Error(
        alreadyExistsMessage(this.def.title, this.def.describeKey(inputs), this.def.idOf(existing)),
      );
    }
    let created: string | Created<R>;
    try {
      created = await this.def.create(client, inputs);
    } catch (err) {
      if (err instanceof PartialCreateError) throw this.partiallyCreated(err, inputs);
      throw err;
    }
    const id = typeof created === "string" ? created : created.id;
    const remote =
      typeof created !== "string"
        ? created.remote
        : this.def.readBackAfterCreate === false
          ? undefined
          : await this.def.findById(client, id, inputs).catch(() => undefined);
    return { id, outs: compact(this.outputs(id, this.declared(inputs, news), remote)) };
  }

  /** Refresh (and `.get`): reads the object through the list endpoints; gone objects are dropped. */
  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const prior = this.priorInputs(props);
    const remote = await this.def.findById(this.client(), id, prior as I);
    if (remote === undefined) return {};
    const current = this.seen(remote, prior, this.def.toInputs(remote, prior)) as Record<string, unknown>;
    // Undeclared computed fields stay undeclared: refresh must not turn API defaults into declarations.
    for (const f of this.def.computed ?? []) if (prior[f] === undefined) delete current[f];
    const outs = this.outputs(this.def.idOf(remote), current as I, remote) as Record<string, unknown>;
    const readInputs = { ...current };
    if (typeof props["importId"] === "string") {
      outs["importId"] = props["importId"];
      readInputs["importId"] = props["importId"];
    }
    return { id: this.def.idOf(remote), props: compact(outs), inputs: compact(readInputs) };
  }

  /** Sends only the changed fields. */
  async update(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    const inputs = this.inputsOf(news);
    const changed = this.changedFields(olds, news);
    const client = this.client();
    if (changed.length > 0) await this.def.update(client, id, this.priorInputs(olds) as I, inputs, changed);
    const remote = await this.def.findById(client, id, inputs).catch(() => undefined);
    const outs = this.outputs(id, this.declared(inputs, news), remote) as Record<string, unknown>;
    if (typeof news["importId"] === "string") outs["importId"] = news["importId"];
    return { outs: compact(outs) };
  }

  /** Deletes the object; an object already gone is success. */
  async delete(id: string, props: Record<string, unknown>): Promise<void> {
    try {
      await this.def.delete(this.client(), id, this.priorInputs(props) as I);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /**
   * The error for an object created but not fully set up. It carries `id` and `properties`, which
   * Pulumi's dynamic provider turns into a resource recorded with an initialization error: the object is
   * tracked (not orphaned), its state shows the fields that were not applied as unset, so the next
   * `pulumi up` finds the difference and sends it.
   */
  private partiallyCreated(err: PartialCreateError, inputs: I): Error {
    const applied = { ...inputs } as Record<string, unknown>;
    for (const f of err.unapplied) delete applied[f];
    const message =
      `${this.def.title} ${this.def.describeKey(inputs)} was created (id ${err.createdId}) but ` +
      `${err.unapplied.join(", ")} could not be set: ${err.message}. It is recorded in the stack; run \`pulumi up\` again to finish.`;
    return Object.assign(new Error(message), {
      id: err.createdId,
      properties: compact(this.outputs(err.createdId, applied as I, undefined)),
      reasons: [message],
    });
  }

  private async adopt(importId: string, inputs: I, via = "importId"): Promise<pulumi.dynamic.CreateResult> {
    const client = this.client();
    const remote = await this.def.findById(client, importId, inputs);
    if (remote === undefined) {
      throw new Error(
        `${via}: no ${this.def.title} with id ${JSON.stringify(importId)} exists in Stringee. ` +
          `Check the id (it is the \`id\` the list endpoint shows, for example from the Stringee dashboard) or remove importId to create a new one.`,
      );
    }
    const id = this.def.idOf(remote);
    // A field the list does not show cannot be compared: reading it as unset sends the declared value.
    const current = this.seen(remote, {}, this.def.toInputs(remote, inputs));
    // Secrets are never read back, so they cannot be compared: the declared ones are always sent.
    const secrets = (this.def.secrets ?? []).filter(
      (f) => (inputs as Record<string, unknown>)[f] !== undefined,
    );
    const changed = [
      ...this.changedFields(current as Record<string, unknown>, inputs as Record<string, unknown>),
      ...secrets,
    ].filter((f, i, all) => all.indexOf(f) === i);
    const immutable = changed.filter((f) => (this.def.replaceOn as readonly string[]).includes(f));
    if (immutable.length > 0) {
      throw new Error(
        `${via}: ${this.def.title} ${id} cannot be adopted because ${immutable.join(", ")} differ and cannot be changed ` +
          `(declared ${immutable.map((f) => JSON.stringify((inputs as Record<string, unknown>)[f])).join(", ")}, ` +
          `Stringee has ${immutable.map((f) => JSON.stringify((current as Record<string, unknown>)[f])).join(", ")}). Declare the existing values.`,
      );
    }
    if (changed.length > 0) await this.def.update(client, id, current, inputs, changed);
    const after =
      changed.length > 0 ? await this.def.findById(client, id, inputs).catch(() => remote) : remote;
    // An object adopted through the recovery switch is managed as if created: no importId is recorded.
    const recorded = via === "importId" ? importId : undefined;
    return { id, outs: compact({ ...this.outputs(id, inputs, after), importId: recorded }) };
  }

  /**
   * `current` (read from `remote`) with every field the listing did not show replaced by its `prior` value:
   * an absent field is unknown, never the API's default, so refresh keeps what was declared or applied.
   */
  private seen(remote: R, prior: Partial<I>, current: I): I {
    const unseen = this.def.unseenOf?.(remote) ?? (remote as { unseen?: readonly string[] }).unseen ?? [];
    if (unseen.length === 0) return current;
    const out = { ...current } as Record<string, unknown>;
    for (const f of unseen) {
      if (!(this.def.diffed as readonly string[]).includes(f)) continue;
      out[f] = (prior as Record<string, unknown>)[f];
    }
    return out as I;
  }

  private outputs(id: string, inputs: I, remote: R | undefined): StoredOutputs<I> {
    const out: Record<string, unknown> = { ...inputs, ...this.def.observed(remote, inputs), stringeeId: id };
    if (remote !== undefined && this.def.computed?.length) {
      // What Stringee applies for the settings the program leaves out, kept apart from the declared ones so
      // that neither refresh nor the preview's diff mistakes them for declarations. Unseen ones are unknown.
      const current = this.seen(remote, {}, this.def.toInputs(remote, inputs)) as Record<string, unknown>;
      const defaults: Record<string, unknown> = {};
      for (const f of this.def.computed) {
        if ((inputs as Record<string, unknown>)[f] === undefined && current[f] !== undefined)
          defaults[f] = current[f];
      }
      out["apiDefaults"] = defaults;
    }
    return out as StoredOutputs<I>;
  }

  /** Input fields whose canonical values differ; undeclared computed fields never do. */
  private changedFields(olds: Record<string, unknown>, news: Record<string, unknown>): (keyof I & string)[] {
    const computed = (this.def.computed ?? []) as readonly string[];
    const defaults = (olds["apiDefaults"] ?? {}) as Record<string, unknown>;
    const reset = resetFields(news);
    return this.def.diffed.filter((f) => {
      if (!computed.includes(f)) return !sameValue(olds[f], news[f]);
      // Set back to its default by check: a change while the state still holds another declared value (once
      // done, the state no longer declares it; refresh compares against these inputs too).
      if (reset.includes(f)) return !sameValue(olds[f], undefined) && !sameValue(olds[f], news[f]);
      // Undeclared: not managed. Newly declared with the value Stringee already applies: nothing to change.
      return news[f] !== undefined && news[f] !== null && !sameValue(olds[f] ?? defaults[f], news[f]);
    });
  }

  /** `inputs` without the settings check set back to their defaults: sent, but not managed from now on. */
  private declared(inputs: I, news: Record<string, unknown>): I {
    const out = { ...inputs } as Record<string, unknown>;
    for (const f of resetFields(news)) delete out[f];
    return out as I;
  }

  private inputsOf(news: Record<string, unknown>): I {
    const { inputs, failures } = this.def.check(news);
    if (failures.length > 0) throw new Error(failures.map((f) => `${f.property}: ${f.reason}`).join("\n"));
    return inputs;
  }

  /** The declared inputs as stored in state (outputs carry them), without the extra output fields. */
  private priorInputs(props: Record<string, unknown>): Partial<I> {
    const prior: Record<string, unknown> = {};
    for (const f of [...this.def.diffed, ...(this.def.secrets ?? []), ...(this.def.local ?? [])]) {
      if (props[f] !== undefined) prior[f] = props[f];
    }
    return prior as Partial<I>;
  }
}

/** Drops undefined fields: Pulumi's wire format (protobuf Struct) has no undefined. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Equality after normalisation: undefined, null and "" are all "unset". */
export function sameValue(a: unknown, b: unknown): boolean {
  const na = a === null || a === "" ? undefined : a;
  const nb = b === null || b === "" ? undefined : b;
  if (
    Array.isArray(na) ||
    Array.isArray(nb) ||
    (typeof na === "object" && na) ||
    (typeof nb === "object" && nb)
  ) {
    return JSON.stringify(na) === JSON.stringify(nb);
  }
  return na === nb;
}

/**
 * The dynamic provider of `kind` as Pulumi stores it in every resource's `__provider`: module text whose
 * `handler()` returns the runtime's provider for the kind, loaded by package name in Pulumi's provider
 * process, so no client, token or secret is ever in it. Written here rather than by Pulumi's closure
 * serializer, whose form of the same delegation took about 3.3 kB: the engine keeps this text in the inputs
 * and the outputs of every resource and rewrites the whole state after each step, so at 1000 resources that
 * form made each state write about 6.6 MB larger (bench/results.md). States written by earlier versions
 * keep working: the runtime still serves that form (`configure` and `lifecycle`).
 */
export function serializedProvider(kind: ResourceKind): string {
  return `exports.handler = () => require("stringee-pulumi/runtime").provider(${JSON.stringify(kind)});\n`;
}

// ---- validation helpers (used by every resource's check) ----

/** Collects failures while reading raw inputs; each reader names the field and the fix. */
export class Validator {
  /** Failures found so far. */
  readonly failures: CheckFailure[] = [];

  constructor(
    private readonly raw: Record<string, unknown>,
    private readonly title: string,
  ) {}

  /** Reports a failure on `property`. */
  fail(property: string, reason: string): void {
    this.failures.push({ property, reason });
  }

  /** Whether `property` is present (not undefined/null/""). Unknown values count as present. */
  has(property: string): boolean {
    const v = this.raw[property];
    return v !== undefined && v !== null && v !== "";
  }

  /** A string field; `pattern` (with `hint`) restricts it. Unknown values pass through unchecked. */
  string(
    property: string,
    opts: { required?: boolean; pattern?: RegExp; hint?: string; maxLength?: number } = {},
  ): string | undefined {
    const v = this.raw[property];
    if (v === undefined || v === null || v === "") {
      if (opts.required)
        this.fail(property, `${this.title} requires ${property}${opts.hint ? ` (${opts.hint})` : ""}.`);
      return undefined;
    }
    if (isUnknown(v)) return v as string;
    if (typeof v === "number" && Number.isFinite(v)) return this.checkString(property, String(v), opts);
    if (typeof v !== "string") {
      this.fail(property, `${property} must be a string; got ${describe(v)}.`);
      return undefined;
    }
    return this.checkString(property, v, opts);
  }

  /** A phone number as Stringee stores it: digits with the country code, no "+" ({@link PHONE_NUMBER}). */
  phone(property: string, opts: { required?: boolean } = {}): string | undefined {
    return this.string(property, { ...opts, pattern: PHONE_NUMBER, hint: PHONE_NUMBER_HINT });
  }

  /** A boolean field; accepts true/false only (0/1 from the API are normalised by the client, not here). */
  boolean(property: string, opts: { required?: boolean; default?: boolean } = {}): boolean | undefined {
    const v = this.raw[property];
    if (v === undefined || v === null) {
      if (opts.required) this.fail(property, `${this.title} requires ${property} (true or false).`);
      return opts.default;
    }
    if (isUnknown(v)) return v as unknown as boolean;
    if (typeof v !== "boolean") {
      this.fail(property, `${property} must be true or false; got ${describe(v)}.`);
      return undefined;
    }
    return v;
  }

  /** An integer field within [min, max]. */
  integer(
    property: string,
    opts: { required?: boolean; min?: number; max?: number; default?: number } = {},
  ): number | undefined {
    const v = this.raw[property];
    if (v === undefined || v === null || v === "") {
      if (opts.required) this.fail(property, `${this.title} requires ${property}.`);
      return opts.default;
    }
    if (isUnknown(v)) return v as unknown as number;
    const n = typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n)) {
      this.fail(property, `${property} must be an integer; got ${describe(v)}.`);
      return undefined;
    }
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      this.fail(
        property,
        `${property} must be between ${opts.min ?? "-∞"} and ${opts.max ?? "∞"}; got ${n}.`,
      );
      return undefined;
    }
    return n;
  }

  /** One of a fixed set of values. */
  oneOf<T extends string | number>(
    property: string,
    allowed: readonly T[],
    opts: { required?: boolean; default?: T } = {},
  ): T | undefined {
    const v = this.raw[property];
    if (v === undefined || v === null || v === "") {
      if (opts.required)
        this.fail(
          property,
          `${this.title} requires ${property}: one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}.`,
        );
      return opts.default;
    }
    if (isUnknown(v)) return v as T;
    if (!allowed.includes(v as T)) {
      this.fail(
        property,
        `${property} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}; got ${describe(v)}.`,
      );
      return undefined;
    }
    return v as T;
  }

  /** Refuses a field that does not apply in this configuration. */
  forbid(property: string, why: string): void {
    if (this.has(property)) this.fail(property, `${property} must not be set ${why}; remove it.`);
  }

  /** Refuses properties this resource does not know (typos, API snake_case names). */
  rejectUnknown(known: readonly string[]): void {
    for (const key of Object.keys(this.raw)) {
      if (
        key === "__provider" ||
        key === "importId" ||
        key === NATURAL_KEY_CONFLICT ||
        key === RESET_TO_DEFAULTS ||
        known.includes(key) ||
        this.raw[key] === undefined
      )
        continue;
      const camel = key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
      const hint = known.includes(camel)
        ? ` Did you mean ${camel}? (inputs are camelCase)`
        : ` Known properties: ${known.join(", ")}.`;
      this.fail(key, `${this.title} has no property ${key}.${hint}`);
    }
  }

  private checkString(
    property: string,
    v: string,
    opts: { pattern?: RegExp; hint?: string; maxLength?: number },
  ): string | undefined {
    const value = v.trim();
    if (opts.maxLength !== undefined && value.length > opts.maxLength) {
      this.fail(property, `${property} must be at most ${opts.maxLength} characters; got ${value.length}.`);
      return undefined;
    }
    if (opts.pattern && !opts.pattern.test(value)) {
      this.fail(
        property,
        `${property} ${JSON.stringify(value)} is not valid${opts.hint ? `: ${opts.hint}` : ""}.`,
      );
      return undefined;
    }
    return value;
  }
}

/** Phone numbers as Stringee stores them: digits only, with the country code, no "+" (84986225112). */
export const PHONE_NUMBER = /^[1-9]\d{6,14}$/;
/** Hint shown with {@link PHONE_NUMBER}. */
export const PHONE_NUMBER_HINT =
  "use digits only with the country code and no '+' or spaces, for example 84986225112";

function describe(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return "a list";
  if (v !== null && typeof v === "object") return "an object";
  return String(v);
}

/** Resolves `Promise<X>` errors thrown by the client into "not found is undefined". */
export async function orUndefined<T>(p: Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
