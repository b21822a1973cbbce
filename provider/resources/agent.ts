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
import * as pulumi from "@pulumi/pulumi";
import type { Agent as RemoteAgent, StringeeClient } from "../client";
import {
  PHONE_NUMBER,
  PHONE_NUMBER_HINT,
  Validator,
  dynamicProvider,
  isUnknown,
  orUndefined,
  type Checked,
  type ResourceSpec,
} from "./framework";
import { claimNaturalKey } from "./uniqueness";

// ---- Args (what users write) ----

/** How calls reach an agent: 1 = the Stringee app or a SIP phone, 2 = the agent's own phone number. */
export type AgentRoutingType = 1 | 2;

/** Arguments of an {@link Agent}. */
export interface AgentArgs {
  /** Display name of the agent. */
  name: pulumi.Input<string>;
  /** The Stringee user id the agent signs in with (unique per account). */
  stringeeUserId: pulumi.Input<string>;
  /**
   * Initial manual status (for example `AVAILABLE` or `NOT AVAILABLE`). Sent on create and when the
   * declared value changes; agents change it themselves at run time and refresh does not revert them.
   */
  manualStatus?: pulumi.Input<string>;
  /**
   * 1: route calls to the app or SIP phone (Stringee's default); 2: to `phoneNumber` (the queue needs
   * `fromNumberCalloutToAgent`). Left out, it is not managed.
   */
  routingType?: pulumi.Input<AgentRoutingType>;
  /** The agent's phone number; required when `routingType` is 2, refused otherwise. */
  phoneNumber?: pulumi.Input<string>;
  /** Id of an existing agent (`AG_…`) to adopt instead of creating one. */
  importId?: pulumi.Input<string>;
}

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface AgentInputs {
  /** Name. */
  name: string;
  /** Stringee user id. */
  stringeeUserId: string;
  /** Declared manual status, if any. */
  manualStatus?: string;
  /** Routing type, when declared. */
  routingType?: AgentRoutingType;
  /** Phone number when routingType is 2. */
  phoneNumber?: string;
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
  const phoneNumber = v.string("phoneNumber", { pattern: PHONE_NUMBER, hint: PHONE_NUMBER_HINT });
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
export const agentSpec: ResourceSpec<AgentInputs, RemoteAgent> = {
  kind: "agent",
  title: "Agent",
  check: checkAgent,
  replaceOn: [],
  deleteBeforeReplace: false,
  diffed: FIELDS,
  // Left out, routing is not managed (and phoneNumber only goes with routingType 2).
  computed: ["routingType", "phoneNumber"],
  describeKey: (i) => `stringeeUserId ${i.stringeeUserId}`,
  findById: (c: StringeeClient, id) => orUndefined(c.agents.findById(id)),
  findByKey: (c, i) => orUndefined(c.agents.findByStringeeUserId(i.stringeeUserId)),
  idOf: (a) => a.id,
  create: async (c, i) => (await c.agents.create(i)).id,
  update: async (c, id, _olds, news, changed) => {
    const patch: Record<string, unknown> = {};
    // An undeclared manual status is left to the agents, never cleared.
    for (const f of changed)
      if (!(f === "manualStatus" && news.manualStatus === undefined)) patch[f] = news[f] ?? null;
    if (changed.includes("routingType")) patch["phoneNumber"] = news.phoneNumber ?? null;
    await c.agents.update(id, patch);
  },
  delete: async (c, id) => {
    await c.agents.delete(id);
  },
  toInputs: fromRemote,
  observed: (a) => ({ currentManualStatus: a?.manualStatus ?? null, systemStatus: a?.systemStatus ?? null }),
};

// ---- the resource class ----

/** A Stringee contact-center agent. Import: set `importId` to the agent id (`AG_…`); read-only lookup with `Agent.get`. */
export class Agent extends pulumi.dynamic.Resource {
  /**
   * Stringee id of the agent (`AG_…`). Same as the Pulumi resource id, so dependents
   * see it (and do not plan replacements) while an update of this resource is previewed.
   */
  get stringeeId(): pulumi.Output<string> {
    return this.id;
  }

  /** Name. */
  declare readonly name: pulumi.Output<string>;
  /** Stringee user id. */
  declare readonly stringeeUserId: pulumi.Output<string>;
  /** The manual status declared in the program (initial status), if any. */
  declare readonly manualStatus: pulumi.Output<string | undefined>;
  /** The manual status the API reported at the last create, update or refresh (set by the agent). */
  declare readonly currentManualStatus: pulumi.Output<string | null>;
  /** Runtime system status reported by the API (0 in a call, 1 not in a call); never managed. */
  declare readonly systemStatus: pulumi.Output<number | null>;
  /** Routing type, when declared. */
  declare readonly routingType: pulumi.Output<AgentRoutingType | undefined>;
  /** Phone number when routingType is 2. */
  declare readonly phoneNumber: pulumi.Output<string | undefined>;

  /** Declares an agent; see {@link AgentArgs}. */
  constructor(name: string, args: AgentArgs, opts?: pulumi.CustomResourceOptions) {
    if (!opts?.id) claimNaturalKey("Agent", "stringeeUserId", [args.stringeeUserId], name);
    super(
      dynamicProvider("agent"),
      name,
      { currentManualStatus: undefined, systemStatus: undefined, ...args },
      opts,
      "stringee",
      "Agent",
    );
  }

  /** Reads an existing agent by id without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): Agent {
    return new Agent(name, {} as AgentArgs, { ...opts, id });
  }
}
