// stringee.IvrTree: an IVR menu tree that numbers point at (`Number.ivrMenu`).
//   create -> POST /v1/ivrtree (ICC)     read   -> GET /v1/ivrtree?page&limit (no GET by id)
//   update -> PUT  /v1/ivrtree/{id}      delete -> DELETE /v1/ivrtree/{id} (not found = done; refused while it has nodes)
// Replacement: none; the name can be changed in place.
// Natural key: treeName (one tree per name).
import type { IvrTree as RemoteTree } from "../client";
import { Validator, defineKind, type Checked } from "./framework";

// ---- values users choose from ----

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface IvrTreeInputs {
  /** Name of the tree (unique within the account). */
  treeName: string;
}

/** What the resource reports: its canonical inputs, plus what the API shows. */
export interface IvrTreeOutputs extends IvrTreeInputs {
  /** Id of the tree's root node as of the last create, update or refresh (null before its first node). */
  rootNode: string | null;
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
export const ivrTreeDefinition = defineKind<IvrTreeInputs, RemoteTree>({
  collection: (c) => c.ivrTrees,
  kind: "ivrTree",
  naturalKey: ["treeName"],
  importIdForm: "TR_…",
  outputs: ["rootNode"],
  check: checkIvrTree,
  diffed: FIELDS,
  describeKey: (i) => `treeName ${JSON.stringify(i.treeName)}`,
  toInputs: (t) => ({ treeName: t.treeName }),
  // The root node is whichever node Stringee made root (the first one created); it changes when nodes do.
  observed: (t) => ({ rootNode: t?.rootNode ?? null }),
});
