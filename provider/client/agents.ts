// Contact-center agents (/v1/agent on the ICC host). The natural key is the Stringee user id the agent
// signs in with; system and device status are live call state, read-only here.
import {
  answerId,
  createWithRecovery,
  deleteTolerant,
  seg,
  type CreateResult,
  type DeleteResult,
} from "./collection";
import type { StringeeHttp } from "./http";
import type { WireRecord } from "./normalize";
import { compact, sameId, textToWire, unseenFields, wireId, wireInt, wireString } from "./normalize";

/** How calls reach an agent: 1 = app or SIP phone, 2 = the agent's phone number. */
export type AgentRoutingType = 1 | 2;

/** An agent as the list shows it. */
export interface Agent {
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
  /** Fields the list item did not carry (Stringee lists show fewer fields than create takes); see `unseenFields`. */
  unseen?: readonly string[];
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

/** The wire key of each optional field of the agent list item (the client reads these when present). */
export const AGENT_OPTIONAL_WIRE = {
  name: "name",
  manualStatus: "manual_status",
  routingType: "routing_type",
  phoneNumber: "phone_number",
  systemStatus: "system_status",
  deviceStatus: "device_status",
} as const;

/** Maps one list item to the domain type; `undefined` when it lacks an id or user id. */
export function agentFromWire(w: WireRecord): Agent | undefined {
  const id = wireId(w["id"]);
  const stringeeUserId = wireString(w["stringee_user_id"]);
  if (id === undefined || stringeeUserId === undefined) return undefined;
  return compact({
    id,
    name: wireString(w["name"]),
    stringeeUserId,
    manualStatus: wireString(w["manual_status"]),
    routingType: wireInt(w["routing_type"]) || undefined,
    phoneNumber: wireString(w["phone_number"]),
    systemStatus: wireInt(w["system_status"]),
    deviceStatus: wireInt(w["device_status"]),
    unseen: unseenFields(w, AGENT_OPTIONAL_WIRE),
  }) as Agent;
}

/** Maps a create or update to its request body (only given fields; system status is never sent). */
export function agentToWire(a: AgentInput | AgentUpdate): WireRecord {
  return compact({
    name: a.name,
    stringee_user_id: a.stringeeUserId,
    manual_status: textToWire(a.manualStatus),
    routing_type: a.routingType,
    phone_number: textToWire(a.phoneNumber),
  });
}

const PATH = "/v1/agent";

/** The `/v1/agent` collection. */
export class AgentsApi {
  /** Wraps a shared {@link StringeeHttp}. */
  constructor(private readonly http: StringeeHttp) {}

  /** Every agent, all pages. */
  async list(): Promise<Agent[]> {
    const items = await this.http.listAll("icc", PATH, {
      itemsKey: "agents",
      countKeys: ["totalAgents", "totalCount"],
      idOf: (w) => wireId(w["id"]),
    });
    return items.map(agentFromWire).filter((a): a is Agent => a !== undefined);
  }

  /** The agent with this id (prefix optional), or `undefined`. */
  async findById(id: string): Promise<Agent | undefined> {
    return (await this.list()).find((a) => sameId(a.id, id));
  }

  /** The agent signing in as `stringeeUserId`, or `undefined`. */
  async findByStringeeUserId(stringeeUserId: string): Promise<Agent | undefined> {
    return (await this.list()).find((a) => a.stringeeUserId === stringeeUserId);
  }

  /** Lookup by natural key (the Stringee user id). */
  findByNaturalKey(key: AgentKey): Promise<Agent | undefined> {
    return this.findByStringeeUserId(key.stringeeUserId);
  }

  /** Creates an agent; duplicate-safe when the answer is lost. */
  create(input: AgentInput): Promise<CreateResult> {
    return createWithRecovery({
      send: () => this.http.post("icc", PATH, agentToWire(input)),
      idFromAnswer: (a) => answerId(a, "agentID", "id"),
      findExisting: async () => (await this.findByStringeeUserId(input.stringeeUserId))?.id,
      listIds: async () => (await this.list()).map((a) => a.id),
    });
  }

  /** Changes the given fields only; nothing is sent when `patch` is empty. */
  async update(id: string, patch: AgentUpdate): Promise<void> {
    const body = agentToWire(patch);
    if (Object.keys(body).length === 0) return;
    await this.http.put("icc", `${PATH}/${seg(id)}`, body);
  }

  /** Deletes an agent; an already missing agent resolves with `deleted: false`. */
  delete(id: string): Promise<DeleteResult> {
    return deleteTolerant(() => this.http.delete("icc", `${PATH}/${seg(id)}`));
  }
}
