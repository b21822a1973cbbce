// One object of each of the ten resource kinds in one Pulumi program, with natural keys derived from a
// per-stack prefix, for e2e tests that need every kind at once (out-of-band changes, soak).

/**
 * The program. Stack config: `prefix` (natural keys), `phone` (the number), secret `sipPassword`, and
 * optionally `importIds`, a JSON object of import ids by resource name.
 */
export const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as stringee from "stringee-pulumi";

const cfg = new pulumi.Config();
const p = cfg.require("prefix");
const imports = cfg.getObject<Record<string, string>>("importIds") ?? {};
const importId = (name: string) => (imports[name] ? { importId: imports[name] } : {});

const queue = new stringee.Queue("queue", { name: p + " Queue", ...importId("queue") });
const group = new stringee.Group("group", { name: p + " Group", ...importId("group") });
const agent = new stringee.Agent("agent", { name: p + " Agent", stringeeUserId: p + "_agent", ...importId("agent") });
const member = new stringee.GroupMember("member", { group: group.stringeeId, agent: agent.stringeeId, ...importId("member") });
const routing = new stringee.QueueGroupRouting("routing", {
  queueId: queue.stringeeId, groupId: group.stringeeId, primaryGroup: true, ...importId("routing"),
});
const tree = new stringee.IvrTree("tree", { treeName: p + " Tree", ...importId("tree") });
const node = new stringee.IvrNode("node", {
  tree: tree.stringeeId, nodeName: p + " Menu", nodePlayMode: "talk", nodePlayContent: "Press 1.", ...importId("node"),
});
const key = new stringee.IvrKeypress("key", {
  node: node.stringeeId, nodeKey: "1", action: "routeToQueue", queueId: queue.stringeeId, ...importId("key"),
});
const number = new stringee.Number("number", {
  number: cfg.require("phone"), nickname: p + " hotline", allowOutboundCalls: true, enableIvr: true,
  ivrMenu: tree.stringeeId, ...importId("number"),
});
const phone = new stringee.SipPhone("phone", {
  username: p + "100", password: cfg.requireSecret("sipPassword"), extension: 100, ...importId("phone"),
});

export const ids = {
  queue: queue.stringeeId, group: group.stringeeId, agent: agent.stringeeId, member: member.stringeeId,
  routing: routing.stringeeId, tree: tree.stringeeId, node: node.stringeeId, key: key.stringeeId,
  number: number.stringeeId, phone: phone.stringeeId,
};
`;

/** The ten resources of the program, by Pulumi name, with their emulator collection. */
export const KINDS = {
  queue: "queue",
  group: "group",
  agent: "agent",
  member: "groupagent",
  routing: "grouprouting",
  tree: "ivrtree",
  node: "ivrnode",
  key: "ivrkeypress",
  number: "number",
  phone: "sipphone",
} as const;
/** A resource name of the program. */
export type Name = keyof typeof KINDS;
/** Every resource name of the program. */
export const NAMES = Object.keys(KINDS) as Name[];

/** Each collection's natural key, as the provider defines it (README, Resources). */
export const NATURAL_KEY: Record<string, (o: Record<string, unknown>) => string> = {
  number: (o) => String(o["number"]),
  agent: (o) => String(o["stringee_user_id"]),
  ivrkeypress: (o) => `${String(o["node"])}/${String(o["node_key"])}`,
  sipphone: (o) => String(o["username"]),
  queue: (o) => String(o["name"]),
  ivrtree: (o) => String(o["tree_name"]),
  ivrnode: (o) => `${String(o["tree"])}/${String(o["node_name"])}`,
  group: (o) => String(o["name"]),
  groupagent: (o) => `${String(o["group_id"])}/${String(o["agent_id"])}`,
  grouprouting: (o) => `${String(o["queue_id"])}/${String(o["group_id"])}`,
};

/** Every natural key held by more than one object of the account (`GET /__emulator/objects`), as "collection key". */
export function duplicatesByNaturalKey(all: Record<string, Record<string, unknown>[]>): string[] {
  const duplicates: string[] = [];
  for (const [collection, key] of Object.entries(NATURAL_KEY)) {
    const seen = new Set<string>();
    for (const o of all[collection] ?? []) {
      const k = key(o);
      if (seen.has(k)) duplicates.push(`${collection} ${k}`);
      seen.add(k);
    }
  }
  return duplicates;
}
