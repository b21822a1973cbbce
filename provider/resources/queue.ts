// stringee.Queue: the Pulumi resource class. What it manages, how (HTTP calls, replacement, natural key)
// and how its inputs are checked: provider/kinds/queue.ts.
import { queueDefinition, type QueueInputs, type QueueOutputs } from "../kinds/queue";
import { resourceClass, type ArgsOf, type OutputsOf } from "./base";

// ---- Args (what users write) ----

/** Arguments of a {@link Queue}: its canonical inputs (see QueueInputs), each may be an output. */
export type QueueArgs = ArgsOf<QueueInputs>;

// ---- the resource class ----

/** A Stringee call queue. Import: set `importId` to the queue id (`QU_…`); read-only lookup with `Queue.get`. */
export class Queue extends resourceClass<QueueArgs>(queueDefinition) {}

// Pulumi sets these properties from the provider's outputs; the interface types them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from OutputsOf
export interface Queue extends OutputsOf<QueueOutputs> {}
