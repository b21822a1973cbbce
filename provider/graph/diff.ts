// What changes for callers between two versions of a spec (a pull request's base and head): the call flow of
// the head with added paths, removed paths and changed boxes marked, and one plain-language line per change a
// caller or an agent would notice (routes per key, numbers re-pointed, agents joining or leaving groups,
// primary groups, queue waiting settings...), ordered by the phone number that reaches it first. Pure: the
// same two specs always give the same text. Display names only, never secrets (specs hold none).
import { IVR_NODE_KEYS, type IvrNodeKey } from "../kinds/ivrKeypress";
import {
  queueRoutings,
  type AgentSpec,
  type BlacklistSpec,
  type CallSettingsSpec,
  type GreetingSpec,
  type ContactCenterSpec,
  type IvrKeySpec,
  type IvrNodeSpec,
  type IvrTreeSpec,
  type NumberSpec,
  type PlayedSpec,
  type QueueSpec,
  type SipPhoneSpec,
} from "../spec/schema";
import {
  boxIds,
  callFlow,
  clip,
  extraBox,
  flowchart,
  type CallFlow,
  type CallFlowBox,
  type CallFlowEdge,
} from "./mermaid";

/** How a box or an arrow of the diff graph differs from the base. */
export type DiffMark = "added" | "removed" | "changed" | "unchanged";

/** One change a caller or agent would notice. */
export interface CallFlowChange {
  /** Id of the graph box the change is about (where it sits in the call flow). */
  subject: string;
  /** One plain-language sentence. */
  text: string;
}

/** The changes first reached from one entry point, in call order. */
export interface EntryChanges {
  /** The entry point: a number's name and digits (`Hotline (84986225112)`); undefined when no number reaches the changes. */
  entry: string | undefined;
  /** The changes, in the order a caller meets them. */
  changes: CallFlowChange[];
}

/** The difference between two specs as callers and agents see it. */
export interface CallFlowDiff {
  /** Changes grouped by entry point: numbers in head order (then removed ones), then what no number reaches. */
  sections: EntryChanges[];
  /** Mermaid source of the head's call flow with removed paths drawn in and every box and arrow marked. */
  mermaid: string;
  /** Marks of the boxes, by Mermaid id. */
  boxMarks: ReadonlyMap<string, DiffMark>;
}

// ---- marks: prefixes that read without colour, and colours ----

const PREFIX: Record<DiffMark, string> = { added: "+", removed: "-", changed: "~", unchanged: "" };

const BOX_STYLES: Record<DiffMark, string> = {
  added: "fill:#e8f5e9,stroke:#2e7d32,stroke-width:3px,color:#1b5e20",
  removed: "fill:#ffebee,stroke:#c62828,stroke-width:2px,stroke-dasharray:6 4,color:#b71c1c",
  changed: "fill:#fff3e0,stroke:#ef6c00,stroke-width:3px,color:#bf360c",
  unchanged: "fill:#fafafa,stroke:#cfd8dc,color:#90a4ae",
};
const EDGE_STYLES: Record<DiffMark, string> = {
  added: "stroke:#2e7d32,stroke-width:3px,color:#1b5e20",
  // Removed arrows are drawn dotted (Mermaid's own pattern): a dash pattern here is not kept on every path.
  removed: "stroke:#c62828,stroke-width:2px,color:#b71c1c",
  changed: "stroke:#ef6c00,stroke-width:3px,color:#bf360c",
  unchanged: "stroke:#cfd8dc,color:#90a4ae",
};
const MARK_CLASS: Record<DiffMark, string> = {
  added: "ccAdded",
  removed: "ccRemoved",
  changed: "ccChanged",
  unchanged: "ccUnchanged",
};
// Mermaid 12 draws "hops" where arrows cross and, doing so, replaces the dash pattern of the hopping arrow,
// so a removed (dotted) arrow would turn solid; plain crossings keep every arrow's pattern. Renderers that do
// not know the setting ignore it.
const FRONT_MATTER = "---\nconfig:\n  elk:\n    lineHops: false\n---\n";

const MARKS: readonly DiffMark[] = ["added", "removed", "changed", "unchanged"];
const LEGEND: Record<DiffMark, string> = {
  added: "+ added",
  removed: "- removed",
  changed: "~ changed",
  unchanged: "unchanged",
};

// ---- the two sides ----

/** One version of the spec with its call flow, and what each box's arrows point at. */
class Side {
  readonly flow: CallFlow;
  readonly boxes: Map<string, CallFlowBox>;
  private readonly targets = new Map<string, string>();

  constructor(readonly spec: ContactCenterSpec) {
    this.flow = callFlow(spec);
    this.boxes = new Map(this.flow.boxes.map((b) => [b.id, b]));
    for (const e of this.flow.edges) {
      if (e.label !== undefined) this.targets.set(`${e.from}\u0000${e.label}`, e.to);
    }
  }

  /** The box an arrow labelled `label` leaves `from` for (a key's target, an agent's device). */
  target(from: string, label: string): CallFlowBox | undefined {
    const id = this.targets.get(`${from}\u0000${label}`);
    return id === undefined ? undefined : this.boxes.get(id);
  }

  queueName(name: string | undefined): string {
    return this.spec.queues?.[name ?? ""]?.name ?? String(name);
  }

  treeName(name: string | undefined): string {
    return this.spec.ivrTrees?.[name ?? ""]?.treeName ?? String(name);
  }

  groupName(name: string): string {
    return this.spec.groups?.[name]?.name ?? name;
  }
}

/** Entries of a section present on either side: head order first, then those only the base has. */
function pairs<T>(
  base: Record<string, T> | undefined,
  head: Record<string, T> | undefined,
): [string, T | undefined, T | undefined][] {
  const out: [string, T | undefined, T | undefined][] = Object.entries(head ?? {}).map(([k, h]) => [
    k,
    base?.[k],
    h,
  ]);
  for (const [k, b] of Object.entries(base ?? {})) if (head?.[k] === undefined) out.push([k, b, undefined]);
  return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

// ---- wording ----

type Format = (value: never) => string;
const seconds: Format = (v: number) => `${v} s`;
const onOff: Format = (v: boolean) => (v ? "on" : "off");
const allowed: Format = (v: boolean) => (v ? "allowed" : "not allowed");
const quoted: Format = (v: string) => `"${clip(v, 80)}"`;
const plain: Format = (v: string | number) => String(v);
const played: Format = (v: PlayedSpec) =>
  typeof v === "object" ? `greeting ${v.greeting}` : quoted(v as never);

/** `Subject: setting old → new.` for each setting that differs; an unset value reads "not set". */
function settingLines<T>(
  subject: string,
  base: T,
  head: T,
  settings: readonly (readonly [keyof T & string, string, Format])[],
): string[] {
  const show = (v: unknown, format: Format) => (v === undefined ? "not set" : format(v as never));
  return settings.flatMap(([field, label, format]) =>
    same(base[field], head[field])
      ? []
      : [`${subject}: ${label} ${show(base[field], format)} → ${show(head[field], format)}.`],
  );
}

const QUEUE_SETTINGS = [
  ["name", "name", quoted],
  ["waitAgentAnswerTimeout", "time for an agent to answer", seconds],
  ["maximumQueueWaitTime", "longest wait", seconds],
  ["maximumQueueSize", "most callers waiting", plain],
  ["waitGreeting", "waiting greeting", played],
  ["holdGreeting", "hold greeting", played],
  ["schedule", "opening hours", ((v: 1 | 2) => (v === 1 ? "always open" : "by its schedule")) as Format],
  ["recordCalls", "call recording", onOff],
  ["agentWrapUpAfterCalls", "wrap-up after each call", onOff],
  ["wrapUpTimeLimit", "wrap-up time limit", seconds],
  [
    "condRouting",
    "agents offered calls",
    ((v: "app" | "appOrSipPhone") =>
      v === "app" ? "online in the web or app" : "online in the web, app or on a SIP phone") as Format,
  ],
  ["getListAgentsUrl", "agent list URL", plain],
  ["fromNumberCalloutToAgent", "caller id on agents' own phones", plain],
] as const satisfies readonly (readonly [keyof QueueSpec, string, Format])[];

const NODE_SETTINGS = [
  ["keypressTimeout", "time to press a key", seconds],
  ["loopCount", "times the message plays", plain],
  ["bargeIn", "keys during the message", allowed],
  ["voice", "voice", plain],
  ["speed", "speech speed", plain],
  ["sched", "schedule id", plain],
] as const satisfies readonly (readonly [keyof IvrNodeSpec, string, Format])[];

const NUMBER_SETTINGS = [
  ["nickname", "name", quoted],
  ["allowOutboundCalls", "outbound calls by agents", allowed],
  ["recordOutboundCalls", "outbound call recording", onOff],
] as const satisfies readonly (readonly [keyof NumberSpec, string, Format])[];

const AGENT_SETTINGS = [
  ["name", "name", quoted],
  ["stringeeUserId", "signs in as", plain],
] as const satisfies readonly (readonly [keyof AgentSpec, string, Format])[];

const CALL_SETTINGS = [
  ["eventUrl", "call events sent to", plain],
  ["getCustomerInfoUrl", "caller details asked from", plain],
  ["getCustomerInfoTimeout", "time to wait for caller details", ((v: number) => `${v} ms`) as Format],
  ["calloutAnswerUrl", "call-out answer URL", plain],
] as const satisfies readonly (readonly [keyof CallSettingsSpec, string, Format])[];

const GREETING_SETTINGS = [
  ["file", "file", plain],
  ["description", "description", quoted],
] as const satisfies readonly (readonly [keyof GreetingSpec, string, Format])[];

const SIP_SETTINGS = [
  ["username", "SIP username", plain],
  ["extension", "extension", plain],
] as const satisfies readonly (readonly [keyof SipPhoneSpec, string, Format])[];

/** How a sentence names a key: `Press 1`, `No key pressed`, `An invalid key`. */
function keySubject(key: IvrNodeKey): string {
  if (key === "EMPTY_KEY") return "No key pressed";
  if (key === "INVALID_KEY") return "An invalid key";
  return `Press ${key}`;
}

/** How a list names a key: `1`, `no key`, `invalid key`. */
function keyShort(key: IvrNodeKey): string {
  if (key === "EMPTY_KEY") return "no key";
  if (key === "INVALID_KEY") return "invalid key";
  return key;
}

const agentText = (a: AgentSpec): string => `${a.name} (${a.stringeeUserId})`;
const numberText = (n: NumberSpec, name: string): string => `${n.number} (${n.nickname ?? name})`;
const list = (items: string[]): string => items.join(", ");

function message(n: IvrNodeSpec): string {
  if (typeof n.content === "object") return `plays greeting ${n.content.greeting}`;
  return n.playMode === "play" ? `plays ${clip(n.content, 100)}` : `says "${clip(n.content, 100)}"`;
}

/** Where a blocked number's calls are refused, in words. */
function blockedWhere(b: BlacklistSpec): string {
  if (b.ivrBlocked === false) return "in queues";
  if (b.queueBlocked === false) return "in the IVR";
  return "in the IVR and in queues";
}

function destination(side: Side, n: NumberSpec): string {
  if (n.ivrMenu !== undefined) return `IVR ${side.treeName(n.ivrMenu)}`;
  if (n.queue !== undefined) return `queue ${side.queueName(n.queue)}`;
  return "nowhere";
}

/** Where a key sends the caller, in words: `queue Sales`, `menu Sales menu`, `phone 849… (agent X)`, `a hang-up`. */
function keyTarget(side: Side, tree: string, node: string, key: IvrNodeKey, k: IvrKeySpec): string {
  switch (k.action) {
    case "routeToQueue":
      return `queue ${side.queueName(k.queue)}`;
    case "nextNode":
      return `menu ${side.spec.ivrTrees?.[tree]?.nodes[k.nextNode ?? ""]?.nodeName ?? String(k.nextNode)}`;
    case "forwardToPhone": {
      // The graph already knows whose phone the digits are (an agent, a SIP phone, one of the numbers).
      const box = side.target(boxIds.node(tree, node), key);
      const whose =
        box?.kind === "agent"
          ? ` (agent ${box.lines[0]})`
          : box?.kind === "sip"
            ? ` (${box.lines[0]})`
            : box?.kind === "number"
              ? ` (number ${box.lines[0]})`
              : "";
      return `phone ${String(k.toPhoneNumber)}${whose}`;
    }
    case "stopCall":
      return "a hang-up";
    case "voicemail":
      return "voicemail";
    case "sms":
      return `an SMS "${clip(k.sms ?? "", 80)}"`;
  }
}

/** Where an agent's calls ring, in words, from the graph's dotted arrow. */
function device(side: Side, agent: string): string {
  const id = boxIds.agent(agent);
  const box = side.target(id, "calls") ?? side.target(id, "SIP");
  if (box === undefined) return "the Stringee app";
  return box.kind === "sip" ? `${box.lines[0]}` : `phone ${box.lines[0]?.replace(/^Phone /, "")}`;
}

// ---- the changes ----

/** Every noticeable change, in section order (the caller's order is decided later). */
function changes(base: Side, head: Side): CallFlowChange[] {
  const out: CallFlowChange[] = [];
  const add = (subject: string, ...texts: string[]) => {
    for (const text of texts) out.push({ subject, text });
  };

  for (const [name, b, h] of pairs(base.spec.numbers, head.spec.numbers)) {
    const id = boxIds.number(name);
    if (b === undefined && h !== undefined) {
      add(id, `New number ${numberText(h, name)} rings ${destination(head, h)}.`);
    } else if (h === undefined && b !== undefined) {
      add(id, `Number ${numberText(b, name)} is removed: its calls no longer reach ${destination(base, b)}.`);
    } else if (b !== undefined && h !== undefined) {
      const before = destination(base, b);
      const after = destination(head, h);
      if (b.ivrMenu !== h.ivrMenu || b.queue !== h.queue) {
        add(id, `Number ${numberText(h, name)} now rings ${after} instead of ${before}.`);
      }
      add(id, ...settingLines(`Number ${numberText(h, name)}`, b, h, NUMBER_SETTINGS));
    }
  }

  const manyTrees =
    new Set([...Object.keys(base.spec.ivrTrees ?? {}), ...Object.keys(head.spec.ivrTrees ?? {})]).size > 1;
  for (const [tree, b, h] of pairs(base.spec.ivrTrees, head.spec.ivrTrees)) {
    treeChanges(base, head, tree, b, h, manyTrees, add);
  }

  for (const [name, b, h] of pairs(base.spec.queues, head.spec.queues)) {
    const id = boxIds.queue(name);
    const groupsOf = (side: Side, q: QueueSpec) =>
      queueRoutings(q).map(
        (r, _, all) => `${side.groupName(r.group)}${r.primary && all.length > 1 ? " (primary)" : ""}`,
      );
    if (b === undefined && h !== undefined) {
      const groups = groupsOf(head, h);
      add(id, `New queue ${h.name}, ringing ${groups.length > 0 ? list(groups) : "no group"}.`);
    } else if (h === undefined && b !== undefined) {
      add(id, `Queue ${b.name} is removed.`);
    } else if (b !== undefined && h !== undefined) {
      add(id, ...settingLines(`Queue ${h.name}`, b, h, QUEUE_SETTINGS));
      add(id, ...routingChanges(base, head, b, h));
    }
  }

  for (const [name, b, h] of pairs(base.spec.groups, head.spec.groups)) {
    const id = boxIds.group(name);
    const members = (spec: ContactCenterSpec) =>
      Object.values(spec.agents ?? {})
        .filter((a) => a.groups?.includes(name) === true)
        .map(agentText);
    if (b === undefined && h !== undefined) {
      const m = members(head.spec);
      add(id, `New group ${h.name}${m.length > 0 ? ` with agents ${list(m)}` : ", with no agent"}.`);
    } else if (h === undefined && b !== undefined) {
      const m = members(base.spec);
      add(id, `Group ${b.name} is removed${m.length > 0 ? ` (agents ${list(m)})` : ""}.`);
    } else if (b !== undefined && h !== undefined) {
      add(id, ...settingLines(`Group ${b.name}`, b, h, [["name", "name", quoted]] as const));
      for (const [, ab, ah] of pairs(base.spec.agents, head.spec.agents)) {
        const was = ab?.groups?.includes(name) === true;
        const is = ah?.groups?.includes(name) === true;
        if (!was && is && ah !== undefined) {
          add(
            id,
            `${h.name} gains agent ${agentText(ah)}${ab === undefined ? ", new in the contact center" : ""}.`,
          );
        } else if (was && !is && ab !== undefined) {
          add(
            id,
            `${h.name} loses agent ${agentText(ab)}${ah === undefined ? ", removed from the contact center" : ""}.`,
          );
        }
      }
    }
  }

  for (const [name, b, h] of pairs(base.spec.agents, head.spec.agents)) {
    const id = boxIds.agent(name);
    // Agents in a group are told about in that group's lines.
    if (b === undefined && h !== undefined) {
      if ((h.groups ?? []).length === 0) add(id, `New agent ${agentText(h)}, in no group.`);
    } else if (h === undefined && b !== undefined) {
      if ((b.groups ?? []).length === 0) add(id, `Agent ${agentText(b)} is removed.`);
    } else if (b !== undefined && h !== undefined) {
      add(id, ...settingLines(`Agent ${agentText(b)}`, b, h, AGENT_SETTINGS));
      const before = device(base, name);
      const after = device(head, name);
      if (before !== after)
        add(id, `Calls for agent ${agentText(h)} now ring ${after} instead of ${before}.`);
    }
  }

  for (const [name, b, h] of pairs(base.spec.sipPhones, head.spec.sipPhones)) {
    const id = boxIds.sip(name);
    const ext = (p: SipPhoneSpec) => (p.extension === undefined ? "" : `, extension ${p.extension}`);
    if (b === undefined && h !== undefined) add(id, `New SIP phone ${name} (user ${h.username}${ext(h)}).`);
    else if (h === undefined && b !== undefined)
      add(id, `SIP phone ${name} (user ${b.username}) is removed.`);
    else if (b !== undefined && h !== undefined)
      add(id, ...settingLines(`SIP phone ${name}`, b, h, SIP_SETTINGS));
  }

  for (const [name, b, h] of pairs(base.spec.greetings, head.spec.greetings)) {
    const id = boxIds.greeting(name);
    const file = (g: GreetingSpec) => (g.file === undefined ? "an uploaded file" : `file ${g.file}`);
    if (b === undefined && h !== undefined) add(id, `New greeting ${name} (${file(h)}).`);
    else if (h === undefined && b !== undefined) add(id, `Greeting ${name} is removed.`);
    else if (b !== undefined && h !== undefined)
      add(id, ...settingLines(`Greeting ${name}`, b, h, GREETING_SETTINGS));
  }

  for (const [, b, h] of pairs(base.spec.blacklist, head.spec.blacklist)) {
    const id = boxIds.blocked();
    if (b === undefined && h !== undefined)
      add(id, `Calls from ${h.number} are now refused ${blockedWhere(h)}.`);
    else if (h === undefined && b !== undefined) add(id, `Calls from ${b.number} are no longer refused.`);
    else if (
      b !== undefined &&
      h !== undefined &&
      (b.number !== h.number || blockedWhere(b) !== blockedWhere(h))
    )
      add(
        id,
        `Calls from ${h.number} are now refused ${blockedWhere(h)} (was ${b.number}, ${blockedWhere(b)}).`,
      );
  }

  // The call settings have no box: their lines come after everything callers reach.
  add(
    "call_settings",
    ...settingLines(
      "Call settings",
      base.spec.callSettings ?? {},
      head.spec.callSettings ?? {},
      CALL_SETTINGS,
    ),
  );
  return out;
}

function treeChanges(
  base: Side,
  head: Side,
  tree: string,
  b: IvrTreeSpec | undefined,
  h: IvrTreeSpec | undefined,
  manyTrees: boolean,
  add: (subject: string, ...texts: string[]) => void,
): void {
  const id = boxIds.tree(tree);
  const root = (t: IvrTreeSpec) => Object.values(t.nodes)[0]?.nodeName ?? "nothing";
  if (b === undefined && h !== undefined) add(id, `New IVR ${h.treeName}, starting with menu ${root(h)}.`);
  else if (h === undefined && b !== undefined) add(id, `IVR ${b.treeName} is removed.`);
  else if (b !== undefined && h !== undefined && Object.keys(b.nodes)[0] !== Object.keys(h.nodes)[0]) {
    add(id, `IVR ${h.treeName} now starts with menu ${root(h)} instead of menu ${root(b)}.`);
  }
  if (b === undefined || h === undefined) {
    // A new tree's menus are new too; a removed tree's menus go with it.
    if (h !== undefined) {
      for (const [node, n] of Object.entries(h.nodes)) {
        add(boxIds.node(tree, node), newMenu(head, tree, node, n, manyTrees ? h.treeName : undefined));
      }
    }
    return;
  }
  const menu = (t: IvrTreeSpec, n: IvrNodeSpec) => (manyTrees ? `${n.nodeName} (${t.treeName})` : n.nodeName);
  for (const [node, nb, nh] of pairs(b.nodes, h.nodes)) {
    const nodeId = boxIds.node(tree, node);
    if (nb === undefined && nh !== undefined) {
      add(nodeId, newMenu(head, tree, node, nh, manyTrees ? h.treeName : undefined));
      continue;
    }
    if (nh === undefined && nb !== undefined) {
      add(nodeId, `Menu ${menu(b, nb)} is removed.`);
      continue;
    }
    if (nb === undefined || nh === undefined) continue;
    const name = menu(h, nh);
    if (nb.playMode !== nh.playMode || !same(nb.content, nh.content)) {
      add(nodeId, `${name} now ${message(nh)} (was: ${message(nb)}).`);
    }
    add(nodeId, ...settingLines(name, nb, nh, NODE_SETTINGS));
    for (const key of IVR_NODE_KEYS) {
      const kb = nb.keys?.[key];
      const kh = nh.keys?.[key];
      const on = `${keySubject(key)} on ${name}`;
      if (kb === undefined && kh !== undefined) {
        add(nodeId, `${on} now leads to ${keyTarget(head, tree, node, key, kh)} (was not set).`);
      } else if (kh === undefined && kb !== undefined) {
        add(nodeId, `${on} is no longer set (was ${keyTarget(base, tree, node, key, kb)}).`);
      } else if (kb !== undefined && kh !== undefined) {
        const route = (k: IvrKeySpec) => [k.action, k.queue, k.nextNode, k.toPhoneNumber, k.sms];
        if (!same(route(kb), route(kh))) {
          add(
            nodeId,
            `${on} now leads to ${keyTarget(head, tree, node, key, kh)} instead of ${keyTarget(base, tree, node, key, kb)}.`,
          );
        } else if (kb.fromNumberCalloutToAgent !== kh.fromNumberCalloutToAgent) {
          add(
            nodeId,
            `${on}: caller id of the forwarded call ${String(kb.fromNumberCalloutToAgent)} → ${String(kh.fromNumberCalloutToAgent)}.`,
          );
        }
      }
    }
  }
}

function newMenu(side: Side, tree: string, node: string, n: IvrNodeSpec, treeName?: string): string {
  const keys = IVR_NODE_KEYS.flatMap((key) => {
    const k = n.keys?.[key];
    return k === undefined ? [] : [`${keyShort(key)} → ${keyTarget(side, tree, node, key, k)}`];
  });
  const name = treeName === undefined ? n.nodeName : `${n.nodeName} (${treeName})`;
  return `New menu ${name}, which ${message(n)}${keys.length > 0 ? `; ${keys.join("; ")}` : ""}.`;
}

/** A queue's groups: rung or not, which one is primary, in what order. */
function routingChanges(base: Side, head: Side, b: QueueSpec, h: QueueSpec): string[] {
  const out: string[] = [];
  const rb = queueRoutings(b);
  const rh = queueRoutings(h);
  const before = new Set(rb.map((r) => r.group));
  const after = new Set(rh.map((r) => r.group));
  for (const r of rh)
    if (!before.has(r.group)) out.push(`Queue ${h.name} now also rings ${head.groupName(r.group)}.`);
  for (const r of rb)
    if (!after.has(r.group)) out.push(`Queue ${h.name} no longer rings ${base.groupName(r.group)}.`);
  const primary = (rs: typeof rb) => rs.find((r) => r.primary)?.group;
  const pb = primary(rb);
  const ph = primary(rh);
  if (pb !== ph && ph !== undefined) {
    out.push(
      `Queue ${h.name}'s primary group is now ${head.groupName(ph)}${pb === undefined ? "" : ` instead of ${base.groupName(pb)}`}.`,
    );
  }
  const kept = (rs: typeof rb, other: Set<string>) => rs.map((r) => r.group).filter((g) => other.has(g));
  const orderBefore = kept(rb, after);
  const orderAfter = kept(rh, before);
  if (pb === ph && !same(orderBefore, orderAfter)) {
    out.push(
      `Queue ${h.name} rings its groups in a new order: ${list(orderAfter.map((g) => head.groupName(g)))} (was ${list(orderBefore.map((g) => base.groupName(g)))}).`,
    );
  }
  return out;
}

// ---- the merged graph ----

interface MarkedFlow {
  flow: CallFlow;
  boxMarks: Map<string, DiffMark>;
  edgeMarks: DiffMark[];
  /** Base labels of boxes whose label changed. */
  was: Map<string, string[]>;
}

/** The head's flow plus what only the base has, every box and arrow marked. */
function mergeFlows(base: CallFlow, head: CallFlow, subjects: ReadonlySet<string>): MarkedFlow {
  const baseBoxes = new Map(base.boxes.map((b) => [b.id, b]));
  const headIds = new Set(head.boxes.map((b) => b.id));
  const boxMarks = new Map<string, DiffMark>();
  const was = new Map<string, string[]>();
  for (const b of head.boxes) {
    const old = baseBoxes.get(b.id);
    if (old === undefined) boxMarks.set(b.id, "added");
    else if (!same(old.lines, b.lines)) {
      boxMarks.set(b.id, "changed");
      was.set(b.id, old.lines);
    } else boxMarks.set(b.id, subjects.has(b.id) ? "changed" : "unchanged");
  }
  const removedBoxes = base.boxes.filter((b) => !headIds.has(b.id));
  for (const b of removedBoxes) boxMarks.set(b.id, "removed");

  // Arrows are the same arrow when they join the same boxes with the same label and style; the nth copy of
  // an arrow matches the nth copy on the other side.
  const keys = (edges: CallFlowEdge[]) => {
    const seen = new Map<string, number>();
    return edges.map((e) => {
      const k = `${e.from}\u0000${e.to}\u0000${e.label ?? ""}\u0000${e.style ?? ""}`;
      const n = seen.get(k) ?? 0;
      seen.set(k, n + 1);
      return `${k}\u0000${n}`;
    });
  };
  const baseKeys = keys(base.edges);
  const headKeys = keys(head.edges);
  const inBase = new Set(baseKeys);
  const inHead = new Set(headKeys);
  const edges: CallFlowEdge[] = [...head.edges];
  const edgeMarks: DiffMark[] = headKeys.map((k) => (inBase.has(k) ? "unchanged" : "added"));
  base.edges.forEach((e, i) => {
    if (!inHead.has(baseKeys[i]!)) {
      edges.push({ ...e, style: "dotted" });
      edgeMarks.push("removed");
    }
  });
  return { flow: { boxes: [...head.boxes, ...removedBoxes], edges }, boxMarks, edgeMarks, was };
}

function renderDiff(m: MarkedFlow): string {
  const prefixed = (mark: DiffMark, text: string | undefined): string | undefined =>
    mark === "unchanged" ? text : text === undefined ? PREFIX[mark] : `${PREFIX[mark]} ${text}`;
  const classes = MARKS.map((mark) => ({
    name: MARK_CLASS[mark],
    style: BOX_STYLES[mark],
    ids: [...m.flow.boxes.filter((b) => m.boxMarks.get(b.id) === mark).map((b) => b.id), `legend_${mark}`],
  }));
  const linkStyles = MARKS.flatMap((mark) => {
    const indexes = m.edgeMarks.flatMap((em, i) => (em === mark ? [i] : []));
    // No `;` at the end: Mermaid reads `#1b5e20;` as an HTML entity outside `style`/`classDef` lines.
    return indexes.length === 0 ? [] : [`linkStyle ${indexes.join(",")} ${EDGE_STYLES[mark]}`];
  });
  const legend = [
    'subgraph legend["Legend"]',
    "  direction TB",
    ...MARKS.map((mark) => `  ${extraBox(`legend_${mark}`, "node", LEGEND[mark])}`),
    "end",
    "style legend fill:#ffffff,stroke:#b0bec5",
  ];
  return `${FRONT_MATTER}${flowchart(m.flow, classes, {
    boxLines: (b) => {
      const mark = m.boxMarks.get(b.id) ?? "unchanged";
      const [first = "", ...rest] = b.lines;
      const was = m.was.get(b.id);
      return [prefixed(mark, first)!, ...rest, ...(was === undefined ? [] : [`(was ${was.join(", ")})`])];
    },
    edgeLabel: (e, i) => prefixed(m.edgeMarks[i] ?? "unchanged", e.label),
    extra: [...legend, ...linkStyles],
  })}`;
}

/**
 * Visits the merged flow from each number, arrows in drawing order, depth first: the order a caller meets
 * things. Returns, per box, the index of the number that reaches it first and the visit rank.
 */
function callOrder(flow: CallFlow): Map<string, { entry: number; rank: number }> {
  const next = new Map<string, string[]>();
  for (const e of flow.edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const order = new Map<string, { entry: number; rank: number }>();
  const entries = flow.boxes.filter((b) => b.kind === "number");
  entries.forEach((number, entry) => {
    const stack = [number.id];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (order.has(id)) continue;
      order.set(id, { entry, rank: order.size });
      const children = next.get(id) ?? [];
      for (let i = children.length - 1; i >= 0; i--) if (!order.has(children[i]!)) stack.push(children[i]!);
    }
  });
  return order;
}

/**
 * Compares two parsed specs (see `parseContactCenterSpec`) the way callers and agents would notice: see
 * {@link CallFlowDiff}. `base` is what runs today, `head` what the change proposes.
 */
export function diffCallFlow(baseSpec: ContactCenterSpec, headSpec: ContactCenterSpec): CallFlowDiff {
  const base = new Side(baseSpec);
  const head = new Side(headSpec);
  const found = changes(base, head);
  const subjects = new Set(found.map((c) => c.subject));
  const merged = mergeFlows(base.flow, head.flow, subjects);

  const order = callOrder(merged.flow);
  const numbers = merged.flow.boxes.filter((b) => b.kind === "number");
  const placed = found
    .map((c, i) => ({ c, i, at: order.get(c.subject) }))
    .sort((x, y) => (x.at?.rank ?? Infinity) - (y.at?.rank ?? Infinity) || x.i - y.i);
  const sections: EntryChanges[] = [];
  for (const { c, at } of placed) {
    const number = at === undefined ? undefined : numbers[at.entry];
    const entry = number === undefined ? undefined : `${number.lines[0]} (${number.lines[1]})`;
    const last = sections[sections.length - 1];
    if (last !== undefined && last.entry === entry) last.changes.push(c);
    else sections.push({ entry, changes: [c] });
  }
  return { sections, mermaid: renderDiff(merged), boxMarks: merged.boxMarks };
}

// ---- text ----

// Characters Markdown (and GitHub's HTML) would act on inside a line: escaped, so names stay text. Lines
// start with `- ` or `**`, so the characters that only matter at the start of a line need nothing.
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~&]/g;

/**
 * The summary as text: one heading per entry point, one `- ` line per change; `markdown` escapes names and
 * bolds the headings so the text can go in a PR comment as is.
 */
export function formatSummary(diff: CallFlowDiff, options: { markdown?: boolean } = {}): string {
  const md = options.markdown === true;
  const esc = (text: string) => (md ? text.replace(MARKDOWN_SPECIAL, (c) => `\\${c}`) : text);
  if (diff.sections.length === 0) return "No change a caller or an agent would notice.\n";
  const blocks = diff.sections.map((s) => {
    const heading = s.entry === undefined ? "Not reached from any number" : s.entry;
    return [md ? `**${esc(heading)}**` : `${heading}:`, ...s.changes.map((c) => `- ${esc(c.text)}`)].join(
      "\n",
    );
  });
  return blocks.join("\n\n") + "\n";
}
