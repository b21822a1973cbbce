// What every resource class shares: the Pulumi side of a kind. The kind's definition (provider/kinds) says
// what a resource is; this file turns it into a dynamic resource of Pulumi's: the serialized dynamic
// provider (the compact text of serializedProvider), the natural-key claim at program time, the
// `stringeeId` getter and the typed Args and outputs derived from the kind's canonical inputs, so that a
// field is declared once.
import * as pulumi from "@pulumi/pulumi";
import { NATURAL_KEY_CONFLICT, serializedProvider, type ResourceDefinition } from "../kinds/framework";
import { claimNaturalKey } from "./uniqueness";

/**
 * What users write for a kind whose canonical inputs are `I`: each field may be an output of another
 * resource; `Defaulted` fields, which check fills in, are optional. Field docs are those of `I`.
 */
export type ArgsOf<I, Defaulted extends keyof I = never> = {
  [K in keyof Omit<I, Defaulted>]: pulumi.Input<Omit<I, Defaulted>[K]>;
} & { [K in keyof Pick<I, Defaulted>]?: pulumi.Input<Pick<I, Defaulted>[K]> } & ImportArgs;

/** The argument every resource takes to adopt an existing Stringee object. */
export interface ImportArgs {
  /**
   * Id of an existing Stringee object to adopt instead of creating one: on the next `up` the provider takes
   * it under management and changes the fields that differ from the arguments (see the README, "Importing").
   */
  importId?: pulumi.Input<string>;
}

/** The outputs of a resource whose stored outputs are `O`, as Pulumi exposes them. */
export type OutputsOf<O> = { readonly [K in keyof O]-?: pulumi.Output<O[K]> };

/**
 * Base of every resource class: builds the dynamic provider of `definition.kind` and claims the natural key
 * while the program runs (two declarations of one key would fight each other).
 */
export abstract class StringeeResource extends pulumi.CustomResource {
  /**
   * Stringee id of the object. Same as the Pulumi resource id, so dependents see it (and do not plan
   * replacements) while an update of this resource is previewed.
   */
  get stringeeId(): pulumi.Output<string> {
    return this.id;
  }

  protected constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    definition: ResourceDefinition<any, any>,
    name: string,
    args: object,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    const resolved = definition.resolveArgs?.({ ...args }) ?? { ...args };
    const values = resolved as Record<string, pulumi.Input<string | undefined>>;
    // A second declaration of a natural key carries the conflict, and the provider's check refuses it.
    const conflict = opts?.id
      ? undefined
      : claimNaturalKey(definition.title, definition.naturalKey, values, name);
    // Outputs that are not inputs must be named up front for Pulumi to expose them on the object.
    const observed = Object.fromEntries((definition.outputs ?? []).map((o: string) => [o, undefined]));
    // Secret inputs (a SIP password) are secret in state whether or not the program made them so.
    const secrets: readonly string[] = definition.secrets ?? [];
    const inputs: Record<string, unknown> = resolved;
    for (const f of secrets) if (inputs[f] !== undefined) inputs[f] = pulumi.secret(inputs[f]);
    if (conflict !== undefined) inputs[NATURAL_KEY_CONFLICT] = conflict;
    const options =
      secrets.length === 0
        ? opts
        : { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secrets] };
    // What pulumi.dynamic.Resource registers (the type token that routes to Pulumi's dynamic-provider host,
    // and the provider as module text in `__provider`), with the compact text of serializedProvider
    // instead of running Pulumi's closure serializer on a provider object.
    super(
      `pulumi-nodejs:dynamic/stringee:${definition.title}`,
      name,
      { ...observed, ...inputs, __provider: serializedProvider(definition.kind) },
      options,
    );
  }
}

/** The constructor and static `get` of a resource class whose Args are `A`. */
export interface ResourceClass<A> {
  /** Declares the object; Pulumi creates it on `up` (or adopts it, with `importId`). */
  new (name: string, args: A, opts?: pulumi.CustomResourceOptions): StringeeResource;
  /** Reads an existing object by id without managing it (the id as `importId` takes it). */
  get<T>(
    this: new (name: string, args: A, opts?: pulumi.CustomResourceOptions) => T,
    name: string,
    id: pulumi.Input<string>,
    opts?: pulumi.CustomResourceOptions,
  ): T;
}

/**
 * The class of one kind: a {@link StringeeResource} whose constructor takes `A` (the kind's Args) and whose
 * static `get(name, id)` reads an existing object without managing it. Each resource file declares
 * `export class X extends resourceClass<XArgs>(xDefinition) {}`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function resourceClass<A extends object>(definition: ResourceDefinition<any, any>): ResourceClass<A> {
  return class extends StringeeResource {
    /** Declares the object; Pulumi creates it on `up` (or adopts it, with `importId`). */
    constructor(name: string, args: A, opts?: pulumi.CustomResourceOptions) {
      super(definition, name, args, opts);
    }

    /** Reads an existing object by id without managing it (the id as `importId` takes it). */
    static get<T>(
      this: new (name: string, args: A, opts?: pulumi.CustomResourceOptions) => T,
      name: string,
      id: pulumi.Input<string>,
      opts?: pulumi.CustomResourceOptions,
    ): T {
      return new this(name, {} as A, { ...opts, id });
    }
  };
}
