// stringee.Group: a group of agents that queues route calls to.
//   create -> POST /v1/group (ICC)      read   -> GET /v1/group?page&limit (no GET by id)
//   update -> PUT  /v1/group/{id}       delete -> DELETE /v1/group/{id} (not found = done; refused while routed from a queue)
// Replacement: none; the name can be changed in place.
// Natural key: name (Stringee does not enforce it; the provider uses it to avoid duplicates).
import * as pulumi from "@pulumi/pulumi";
import type { Group as RemoteGroup, StringeeClient } from "../client";
import { Validator, dynamicProvider, orUndefined, type Checked, type ResourceSpec } from "./framework";
import { claimNaturalKey } from "./uniqueness";

// ---- Args (what users write) ----

/** Arguments of a {@link Group}. */
export interface GroupArgs {
  /** Group name (unique within the account for this provider). */
  name: pulumi.Input<string>;
  /** Id of an existing group (`GR_…`) to adopt instead of creating one. */
  importId?: pulumi.Input<string>;
}

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface GroupInputs {
  /** Group name. */
  name: string;
}

const FIELDS = ["name"] as const;

// ---- validation ----

/** Validates raw Group inputs (runs at preview, before any API call). */
export function checkGroup(raw: Record<string, unknown>): Checked<GroupInputs> {
  const v = new Validator(raw, "Group");
  v.rejectUnknown(FIELDS);
  return {
    inputs: { name: v.string("name", { required: true, maxLength: 100 }) ?? "" },
    failures: v.failures,
  };
}

// ---- API mapping (the client's domain type already matches) ----

// ---- the provider object ----

/** How the framework manages a Group. */
export const groupSpec: ResourceSpec<GroupInputs, RemoteGroup> = {
  kind: "group",
  title: "Group",
  check: checkGroup,
  replaceOn: [],
  deleteBeforeReplace: false,
  diffed: FIELDS,
  describeKey: (i) => `name ${JSON.stringify(i.name)}`,
  findById: (c: StringeeClient, id) => orUndefined(c.groups.findById(id)),
  findByKey: (c, i) => orUndefined(c.groups.findByName(i.name)),
  idOf: (g) => g.id,
  create: async (c, i) => (await c.groups.create(i)).id,
  update: async (c, id, _olds, news) => {
    await c.groups.update(id, { name: news.name });
  },
  delete: async (c, id) => {
    await c.groups.delete(id);
  },
  toInputs: (g) => ({ name: g.name }),
  observed: (g) => ({ numberOfAgents: g?.numberOfAgents ?? null }),
};

// ---- the resource class ----

/** A Stringee agent group. Import: set `importId` to the group id (`GR_…`); read-only lookup with `Group.get`. */
export class Group extends pulumi.dynamic.Resource {
  /**
   * Stringee id of the group (`GR_…`). Same as the Pulumi resource id, so dependents
   * see it (and do not plan replacements) while an update of this resource is previewed.
   */
  get stringeeId(): pulumi.Output<string> {
    return this.id;
  }

  /** Group name. */
  declare readonly name: pulumi.Output<string>;
  /** Number of agents in the group as the API reported it at the last create, update or refresh. */
  declare readonly numberOfAgents: pulumi.Output<number | null>;

  /** Declares a group; see {@link GroupArgs}. */
  constructor(name: string, args: GroupArgs, opts?: pulumi.CustomResourceOptions) {
    if (!opts?.id) claimNaturalKey("Group", "name", [args.name], name);
    super(dynamicProvider("group"), name, { numberOfAgents: undefined, ...args }, opts, "stringee", "Group");
  }

  /** Reads an existing group by id without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): Group {
    return new Group(name, {} as GroupArgs, { ...opts, id });
  }
}
