// stringee.QueueGroupRouting: the Pulumi resource class. What it manages, how (HTTP calls, replacement, natural key)
// and how its inputs are checked: provider/kinds/queueGroupRouting.ts.
import {
  queueGroupRoutingDefinition,
  type QueueGroupRoutingInputs,
  type QueueGroupRoutingOutputs,
} from "../kinds/queueGroupRouting";
import { resourceClass, type ArgsOf, type OutputsOf } from "./base";

// ---- Args (what users write) ----

/** Arguments of a {@link QueueGroupRouting}: its canonical inputs (see QueueGroupRoutingInputs), each may be an output. */
export type QueueGroupRoutingArgs = ArgsOf<QueueGroupRoutingInputs, "primaryGroup">;

// ---- the resource class ----

/**
 * Routes a queue's calls to an agent group. Import: set `importId` to the routing id (`GR_RO_…`);
 * read-only lookup with `QueueGroupRouting.get(name, "<queue id>/<routing id>")`.
 */
export class QueueGroupRouting extends resourceClass<QueueGroupRoutingArgs>(queueGroupRoutingDefinition) {}

// Pulumi sets these properties from the provider's outputs; the interface types them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from OutputsOf
export interface QueueGroupRouting extends OutputsOf<QueueGroupRoutingOutputs> {}
