// stringee.Agent: the Pulumi resource class. What it manages, how (HTTP calls, replacement, natural key)
// and how its inputs are checked: provider/kinds/agent.ts.
import { agentDefinition, type AgentInputs, type AgentOutputs } from "../kinds/agent";
import { resourceClass, type ArgsOf, type OutputsOf } from "./base";

// ---- Args (what users write) ----

/** Arguments of a {@link Agent}: its canonical inputs (see AgentInputs), each may be an output. */
export type AgentArgs = ArgsOf<AgentInputs>;

// ---- the resource class ----

/** A Stringee contact-center agent. Import: set `importId` to the agent id (`AG_…`); read-only lookup with `Agent.get`. */
export class Agent extends resourceClass<AgentArgs>(agentDefinition) {}

// Pulumi sets these properties from the provider's outputs; the interface types them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from OutputsOf
export interface Agent extends OutputsOf<AgentOutputs> {}
