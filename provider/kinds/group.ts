// stringee.Group: a group of agents that queues route calls to.
//   create -> POST /v1/group (ICC)      read   -> GET /v1/group?page&limit (no GET by id)
//   update -> PUT  /v1/group/{id}       delete -> DELETE /v1/group/{id} (not found = done; refused while routed from a queue)
// Replacement: none; the name can be changed in place.
// Natural key: name (Stringee does not enforce it; the provider uses it to avoid duplicates).
import type { Group as RemoteGroup } from "../client";
import { Validator, defineKind, type Checked } from "./framework";

// ---- values users choose from ----

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface GroupInputs {
  /** Group name (unique within the account for this provider). */
  name: string;
}

/** What the resource reports: its canonical inputs, plus what the API shows. */
export interface GroupOutputs extends GroupInputs {
  /** Number of agents in the group as the API reported it at the last create, update or refresh. */
  numberOfAgents: number | null;
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
export const groupDefinition = defineKind<GroupInputs, RemoteGroup>({
  collection: (c) => c.groups,
  kind: "group",
  naturalKey: ["name"],
  importIdForm: "GR_…",
  outputs: ["numberOfAgents"],
  check: checkGroup,
  diffed: FIELDS,
  describeKey: (i) => `name ${JSON.stringify(i.name)}`,
  toInputs: (g) => ({ name: g.name }),
  observed: (g) => ({ numberOfAgents: g?.numberOfAgents ?? null }),
});
