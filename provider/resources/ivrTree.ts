// stringee.IvrTree: an IVR menu tree that numbers point at (`Number.ivrMenu`).
//   create -> POST /v1/ivrtree (ICC)     read   -> GET /v1/ivrtree?page&limit (no GET by id)
//   update -> PUT  /v1/ivrtree/{id}      delete -> DELETE /v1/ivrtree/{id} (not found = done; refused while it has nodes)
// Replacement: none; the name can be changed in place.
// Natural key: treeName (one tree per name).
import * as pulumi from "@pulumi/pulumi";
import type { IvrTree as RemoteTree, StringeeClient } from "../client";
import { Validator, dynamicProvider, orUndefined, type Checked, type ResourceSpec } from "./framework";
import { claimNaturalKey } from "./uniqueness";

// ---- Args (what users write) ----

/** Arguments of an {@link IvrTree}. */
export interface IvrTreeArgs {
  /** Name of the tree (unique within the account). */
  treeName: pulumi.Input<string>;
  /** Id of an existing tree (`TR_…`) to adopt instead of creating one. */
  importId?: pulumi.Input<string>;
}

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface IvrTreeInputs {
  /** Tree name. */
  treeName: string;
}

const FIELDS = ["treeName"] as const;

// ---- validation ----

/** Validates raw IvrTree inputs (runs at preview, before any API call). */
export function checkIvrTree(raw: Record<string, unknown>): Checked<IvrTreeInputs> {
  const v = new Validator(raw, "IvrTree");
  v.rejectUnknown(FIELDS);
  const treeName = v.string("treeName", { required: true, maxLength: 100 });
  return { inputs: { treeName: treeName ?? "" }, failures: v.failures };
}

// ---- API mapping (the client's domain type already matches) ----

// ---- the provider object ----

/** How the framework manages an IvrTree. */
export const ivrTreeSpec: ResourceSpec<IvrTreeInputs, RemoteTree> = {
  kind: "ivrTree",
  title: "IvrTree",
  check: checkIvrTree,
  replaceOn: [],
  deleteBeforeReplace: false,
  diffed: FIELDS,
  describeKey: (i) => `treeName ${JSON.stringify(i.treeName)}`,
  findById: (c: StringeeClient, id) => orUndefined(c.ivrTrees.findById(id)),
  findByKey: (c, i) => orUndefined(c.ivrTrees.findByName(i.treeName)),
  idOf: (t) => t.id,
  create: async (c, i) => (await c.ivrTrees.create(i)).id,
  update: async (c, id, _olds, news) => {
    await c.ivrTrees.update(id, { treeName: news.treeName });
  },
  delete: async (c, id) => {
    await c.ivrTrees.delete(id);
  },
  toInputs: (t) => ({ treeName: t.treeName }),
  // The root node is whichever node Stringee made root (the first one created); it changes when nodes do.
  observed: (t) => ({ rootNode: t?.rootNode ?? null }),
};

// ---- the resource class ----

/** A Stringee IVR tree. Import: set `importId` to the tree id (`TR_…`); read-only lookup with `IvrTree.get`. */
export class IvrTree extends pulumi.dynamic.Resource {
  /**
   * Stringee id of the tree (`TR_…`); use it as `Number.ivrMenu`. Same as the Pulumi resource id, so dependents
   * see it (and do not plan replacements) while an update of this resource is previewed.
   */
  get stringeeId(): pulumi.Output<string> {
    return this.id;
  }

  /** Tree name. */
  declare readonly treeName: pulumi.Output<string>;
  /** Id of the tree's root node as of the last create, update or refresh (null before its first node). */
  declare readonly rootNode: pulumi.Output<string | null>;

  /** Declares an IVR tree; see {@link IvrTreeArgs}. */
  constructor(name: string, args: IvrTreeArgs, opts?: pulumi.CustomResourceOptions) {
    if (!opts?.id) claimNaturalKey("IvrTree", "treeName", [args.treeName], name);
    super(dynamicProvider("ivrTree"), name, { rootNode: undefined, ...args }, opts, "stringee", "IvrTree");
  }

  /** Reads an existing tree by id without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): IvrTree {
    return new IvrTree(name, {} as IvrTreeArgs, { ...opts, id });
  }
}
