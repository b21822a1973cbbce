// Contact-center agents (/v1/agent on the ICC host). The natural key is the Stringee user id the agent
// signs in with; system and device status are live call state, read-only here.
import { CrudCollection, defineCollection } from "./collection";
import { LISTED_ID, int, text, type Unseen } from "./fields";
import { wireInt } from "./normalize";

/** How calls reach an agent: 1 = app or SIP phone, 2 = the agent's phone number. */
export type AgentRoutingType = 1 | 2;

/** An agent as the list shows it. */
export interface Agent extends Unseen {
  /** Agent id, e.g. `AG_XPHOV0V7X71EFH98`. */
  id: string;
  /** Display name. */
  name?: string;
  /** The user id the agent authenticates with on Stringee (natural key). */
  stringeeUserId: string;
  /** Manual status such as `AVAILABLE` or `NOT AVAILABLE`. */
  manualStatus?: string;
  /** Routing type, when the API reports it. */
  routingType?: number;
  /** Phone number calls are routed to when `routingType` is 2. */
  phoneNumber?: string;
  /** Live call state (0 = in a call, 1 = not): read-only. */
  systemStatus?: number;
  /** Live device state: read-only. */
  deviceStatus?: number;
}

/** Fields of a new agent. */
export interface AgentInput {
  /** Display name. */
  name: string;
  /** The user id the agent authenticates with. */
  stringeeUserId: string;
  /** Initial manual status. */
  manualStatus?: string;
  /** Routing type (default 1 on the API side). */
  routingType?: AgentRoutingType;
  /** Phone number for `routingType` 2. */
  phoneNumber?: string;
}

/** Fields to change on an agent; omitted fields are not sent, `null` clears a text field. */
export interface AgentUpdate {
  /** Display name. */
  name?: string;
  /** The user id the agent authenticates with. */
  stringeeUserId?: string;
  /** Manual status (`null` clears it). */
  manualStatus?: string | null;
  /** Routing type. */
  routingType?: AgentRoutingType;
  /** Phone number (`null` clears it). */
  phoneNumber?: string | null;
}

/** Natural key of an agent. */
export interface AgentKey {
  /** The Stringee user id. */
  stringeeUserId: string;
}

/** The `/v1/agent` collection, declared. */
export const AGENTS = defineCollection<Agent, AgentKey>({
  path: "/v1/agent",
  itemsKey: "agents",
  countKeys: ["totalAgents", "totalCount"],
  idPrefix: "AG_",
  createdIdKey: "agentID",
  naturalKey: ["stringeeUserId"],
  markUnseen: true,
  ignored: ["last_time_pickup", "last_time_support_call_ended"],
  fields: {
    id: LISTED_ID,
    name: text("name"),
    stringeeUserId: text("stringee_user_id", { required: true }),
    manualStatus: text("manual_status"),
    // 0 is no routing type: it reads as unset.
    routingType: int("routing_type", { read: (v) => wireInt(v) || undefined }),
    phoneNumber: text("phone_number"),
    systemStatus: int("system_status", { readOnly: true }),
    deviceStatus: int("device_status", { readOnly: true }),
  },
});

/** List item → agent (`undefined` without an id or user id); create or update → request body (no status). */
export const { fromWire: agentFromWire, toWire: agentToWire } = AGENTS;

/** The `/v1/agent` collection. */
export class AgentsApi extends CrudCollection<Agent, AgentInput, AgentUpdate, AgentKey> {
  protected readonly def = AGENTS;

  /** The agent signing in as `stringeeUserId`, or `undefined`. */
  findByStringeeUserId(stringeeUserId: string): Promise<Agent | undefined> {
    return this.findByNaturalKey({ stringeeUserId });
  }
}
