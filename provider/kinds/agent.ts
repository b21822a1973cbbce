// stringee.Agent: a contact-center agent.
//   create -> POST /v1/agent (ICC)          read   -> GET /v1/agent?page&limit (no GET by id)
//   update -> PUT  /v1/agent/{id}           delete -> DELETE /v1/agent/{id} (not found = done)
// Replacement: none; every field can be changed in place.
// Natural key: stringeeUserId (one agent per Stringee user).
// manualStatus belongs to the agents at run time (they switch AVAILABLE / NOT AVAILABLE themselves): a
// declared value is sent on create and whenever the declared value changes, but refresh never reads it
// back into the inputs, so Pulumi never fights the agents. The live value is the `currentManualStatus`
// output. system_status is runtime state: never sent, never diffed (output `systemStatus`).
// The documented agent list shows neither routing_type nor phone_number: refresh cannot see them, so the
// declared values stand. routingType left out is not managed (Stringee's default, 1, applies on create).
import type { Agent as RemoteAgent, AgentRoutingType } from "../client";
import { Validator, isUnknown, defineKind, type Checked } from "./framework";

// ---- values users choose from ----

// The client names the values the API takes; the resource takes the same.
export type { AgentRoutingType } from "../client";

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface AgentInputs {
  /** Display name of the agent. */
  name: string;
  /** The Stringee user id the agent signs in with (unique per account). */
  stringeeUserId: string;
  /**
   * Initial manual status (for example `AVAILABLE` or `NOT AVAILABLE`). Sent on create and when the
   * declared value changes; agents change it themselves at run time and refresh does not revert them.
   */
  manualStatus?: string;
  /**
   * 1: route calls to the app or SIP phone (Stringee's default); 2: to `phoneNumber` (the queue needs
   * `fromNumberCalloutToAgent`). Left out, it is not managed.
   */
  routingType?: AgentRoutingType;
  /** The agent's phone number; required when `routingType` is 2, refused otherwise. */
  phoneNumber?: string;
}

/** What the resource reports: its canonical inputs, plus what the API shows. */
export interface AgentOutputs extends AgentInputs {
  /** The manual status the API reported at the last create, update or refresh (set by the agent). */
  currentManualStatus: string | null;
  /** Runtime system status reported by the API (0 in a call, 1 not in a call); never managed. */
  systemStatus: number | null;
}

const FIELDS = ["name", "stringeeUserId", "manualStatus", "routingType", "phoneNumber"] as const;

// ---- validation ----

/** Validates and canonicalises raw Agent inputs (runs at preview, before any API call). */
export function checkAgent(raw: Record<string, unknown>): Checked<AgentInputs> {
  const v = new Validator(raw, "Agent");
  v.rejectUnknown(FIELDS);
  const name = v.string("name", { required: true, maxLength: 100 });
  const stringeeUserId = v.string("stringeeUserId", {
    required: true,
    pattern: /^[A-Za-z0-9_.@-]{1,64}$/,
    hint: "use 1-64 letters, digits, '_', '.', '@' or '-', as in the Stringee user id",
  });
  const manualStatus = v.string("manualStatus", { maxLength: 50 });
  const routingType = v.oneOf<AgentRoutingType>("routingType", [1, 2]);
  const phoneNumber = v.phone("phoneNumber");
  if (routingType === 2 && !v.has("phoneNumber")) {
    v.fail(
      "phoneNumber",
      "phoneNumber is required when routingType is 2 (calls go to the agent's phone); set it, or use routingType 1.",
    );
  }
  if (routingType !== 2 && !isUnknown(routingType))
    v.forbid(
      "phoneNumber",
      `when routingType is ${routingType ?? "not set"} (calls go to the app or SIP phone); set routingType to 2 to route to a phone`,
    );
  return {
    inputs: {
      name: name ?? "",
      stringeeUserId: stringeeUserId ?? "",
      manualStatus,
      routingType,
      phoneNumber,
    },
    failures: v.failures,
  };
}

// ---- API mapping ----

function fromRemote(a: RemoteAgent, prior: Partial<AgentInputs>): AgentInputs {
  const routingType = a.routingType === 1 || a.routingType === 2 ? a.routingType : undefined;
  return {
    name: a.name ?? "",
    stringeeUserId: a.stringeeUserId,
    // Runtime-owned: keep what the program declared (see the header comment).
    manualStatus: prior.manualStatus,
    routingType,
    phoneNumber: routingType === 2 ? a.phoneNumber : undefined,
  };
}

// ---- the provider object ----

/** How the framework manages an Agent. */
export const agentDefinition = defineKind<AgentInputs, RemoteAgent>({
  collection: (c) => c.agents,
  kind: "agent",
  naturalKey: ["stringeeUserId"],
  importIdForm: "AG_…",
  outputs: ["currentManualStatus", "systemStatus"],
  check: checkAgent,
  diffed: FIELDS,
  // Left out, routing is not managed (and phoneNumber only goes with routingType 2).
  computed: ["routingType", "phoneNumber"],
  describeKey: (i) => `stringeeUserId ${i.stringeeUserId}`,
  update: async (c, id, _olds, news, changed) => {
    const patch: Record<string, unknown> = {};
    // An undeclared manual status is left to the agents, never cleared.
    for (const f of changed)
      if (!(f === "manualStatus" && news.manualStatus === undefined)) patch[f] = news[f] ?? null;
    if (changed.includes("routingType")) patch["phoneNumber"] = news.phoneNumber ?? null;
    await c.agents.update(id, patch);
  },
  toInputs: fromRemote,
  observed: (a) => ({ currentManualStatus: a?.manualStatus ?? null, systemStatus: a?.systemStatus ?? null }),
});
