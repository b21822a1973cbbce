// The call flow of a contact-center spec as a Mermaid flowchart: numbers -> IVR trees -> nodes -> keys ->
// queues / nodes / phones / agents / end of call, queues -> groups -> agents, and SIP phones; the blocked
// callers at the numbers they cannot reach, and greeting files where they play (queues, IVR nodes). Pure: the same
// spec always gives the same text, so the graph can be diffed, committed and posted in PR comments.
import { IVR_NODE_KEYS, type IvrNodeKey } from "../kinds/ivrKeypress";
import {
  greetingOf,
  queueRoutings,
  type AgentSpec,
  type BlacklistSpec,
  type ContactCenterSpec,
  type IvrKeySpec,
  type SipPhoneSpec,
} from "../spec/schema";

/** The kinds of box the graph draws; each has its own shape and colour. */
export type GraphNodeKind =
  | "number"
  | "blocked"
  | "tree"
  | "node"
  | "queue"
  | "greeting"
  | "group"
  | "agent"
  | "sip"
  | "phone"
  | "exit";

/** Kinds in the order their boxes are declared (Mermaid lays out in declaration order). */
export const KIND_ORDER: readonly GraphNodeKind[] = [
  "number",
  "blocked",
  "tree",
  "node",
  "exit",
  "queue",
  "greeting",
  "group",
  "agent",
  "sip",
  "phone",
];

// Shapes by kind: [opening, closing] around the quoted label.
const SHAPES: Record<GraphNodeKind, readonly [string, string]> = {
  number: ["([", "])"],
  blocked: ["{", "}"],
  tree: ["[[", "]]"],
  node: ["[", "]"],
  exit: ["((", "))"],
  queue: ["{{", "}}"],
  greeting: ["[(", ")]"],
  group: ["(", ")"],
  agent: ["[", "]"],
  sip: ["[/", "/]"],
  phone: [">", "]"],
};

const STYLES: Record<GraphNodeKind, string> = {
  number: "fill:#e3f2fd,stroke:#1565c0,color:#0d47a1",
  blocked: "fill:#ffebee,stroke:#b71c1c,color:#7f0000",
  tree: "fill:#ede7f6,stroke:#5e35b1,color:#311b92",
  node: "fill:#f3e5f5,stroke:#8e24aa,color:#4a148c",
  exit: "fill:#eceff1,stroke:#546e7a,color:#263238",
  queue: "fill:#fff3e0,stroke:#ef6c00,color:#e65100",
  greeting: "fill:#fffde7,stroke:#f9a825,color:#795548",
  group: "fill:#e8f5e9,stroke:#2e7d32,color:#1b5e20",
  agent: "fill:#f1f8e9,stroke:#558b2f,color:#33691e",
  sip: "fill:#e0f7fa,stroke:#00838f,color:#006064",
  phone: "fill:#fce4ec,stroke:#ad1457,color:#880e4f",
};

/** Id-safe names for the keys an IVR node reacts to. */
const KEY_IDS: Record<IvrNodeKey, string> = {
  "0": "k0",
  "1": "k1",
  "2": "k2",
  "3": "k3",
  "4": "k4",
  "5": "k5",
  "6": "k6",
  "7": "k7",
  "8": "k8",
  "9": "k9",
  "*": "star",
  "#": "hash",
  EMPTY_KEY: "empty",
  INVALID_KEY: "invalid",
};

// Kept as written: letters, digits, space and punctuation that means nothing to Mermaid inside a quoted
// label. Everything else ASCII becomes a numeric entity (`#35;`), which Mermaid turns back into the
// character: quotes and `|` would end the label, `<`/`&` would be read as HTML, `%` could start a
// `%%{init}%%` directive, `:`/`;`/`#` feed Mermaid's own `style ...:#...;` rewriting. Non-ASCII text
// (accents, other scripts) is kept as is, so the source stays readable in a PR comment.
const SAFE_ASCII = /[A-Za-z0-9 .,'!?()[\]{}+=*@$^~/_-]/;

/**
 * Makes text safe inside a quoted Mermaid label (`id["..."]` or `-->|"..."|`): Mermaid renders the exact
 * text back. Line breaks and other control characters become spaces.
 */
export function mermaidText(text: string): string {
  let out = "";
  let inBreak = false;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    // A statement ends at a line break, so one inside a label would cut it; a run of them is one space.
    if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
      if (!inBreak) out += " ";
      inBreak = true;
      continue;
    }
    inBreak = false;
    out += code < 0x80 && !SAFE_ASCII.test(ch) ? `#${code};` : ch;
  }
  return out;
}

/**
 * One part of a Mermaid id, made of letters, digits and `_` only, one-to-one with the name: `_` becomes `__`,
 * `-` becomes `_h` and any other character `_u<hex>_`, so `a-b` and `a_b` never meet.
 */
export function mermaidIdPart(name: string): string {
  let out = "";
  for (const ch of name) {
    if (/[A-Za-z0-9]/.test(ch)) out += ch;
    else if (ch === "_") out += "__";
    else if (ch === "-") out += "_h";
    else out += `_u${(ch.codePointAt(0) ?? 0).toString(16)}_`;
  }
  return out;
}

/** A Mermaid id for an object: its kind (no `_` in it), `_`, then its name parts joined by `_s`, which no encoded part contains. */
function mermaidId(kind: GraphNodeKind, ...parts: string[]): string {
  return `${kind}_${parts.map(mermaidIdPart).join("_s")}`;
}

/**
 * The Mermaid ids of a spec's objects, as {@link callFlow} gives them: `queue("sales")` is the box of
 * `queues.sales`. Other code (the diff) uses them to say which box a change is about.
 */
export const boxIds = {
  /** `numbers.<name>`. */
  number: (name: string) => mermaidId("number", name),
  /** `ivrTrees.<name>`. */
  tree: (name: string) => mermaidId("tree", name),
  /** `ivrTrees.<tree>.nodes.<node>`. */
  node: (tree: string, node: string) => mermaidId("node", tree, node),
  /** The end-of-call box (stop call, voicemail, SMS) of one key of a node. */
  exit: (tree: string, node: string, key: IvrNodeKey) => mermaidId("exit", tree, node, KEY_IDS[key]),
  /** `queues.<name>`. */
  queue: (name: string) => mermaidId("queue", name),
  /** `groups.<name>`. */
  group: (name: string) => mermaidId("group", name),
  /** `agents.<name>`. */
  agent: (name: string) => mermaidId("agent", name),
  /** `sipPhones.<name>`. */
  sip: (name: string) => mermaidId("sip", name),
  /** A phone outside the spec, by its digits. */
  phone: (digits: string) => mermaidId("phone", digits),
  /** The blocked callers of the `blacklist` section (one box for them all). */
  blocked: () => "blocked_callers",
  /** `greetings.<name>`. */
  greeting: (name: string) => mermaidId("greeting", name),
} as const;

/** One box of the call flow. */
export interface CallFlowBox {
  /** Mermaid id, unique in the graph (see {@link boxIds}). */
  id: string;
  /** What the box stands for; decides its shape. */
  kind: GraphNodeKind;
  /** Label lines, raw (escaped when written). */
  lines: string[];
}

/** One arrow of the call flow. */
export interface CallFlowEdge {
  /** Id of the box the arrow leaves. */
  from: string;
  /** Id of the box the arrow points at. */
  to: string;
  /** Text on the arrow (an IVR key, `root`, `primary`, `calls`, `SIP`), raw. */
  label?: string;
  /** `thick` marks a queue's primary group, `dotted` how a call reaches an agent's device. */
  style?: "thick" | "dotted";
}

/** The call flow of a spec: its boxes (in declaration order) and arrows (in drawing order). */
export interface CallFlow {
  /** Every box, each once. */
  boxes: CallFlowBox[];
  /** Every arrow. */
  edges: CallFlowEdge[];
}

/** A Mermaid class: its name, its CSS and the ids of the boxes that wear it. */
export interface FlowchartClass {
  /** Class name; never `node` (Mermaid's own class for every box). */
  name: string;
  /** The `classDef` CSS, `prop:value` pairs joined by commas. */
  style: string;
  /** Boxes of the class. */
  ids: string[];
}

const ARROWS = { normal: "-->", thick: "==>", dotted: "-.->" } as const;

/** The statement declaring a box, with `lines` (raw) as its label. */
function boxStatement(b: CallFlowBox, lines: readonly string[]): string {
  const [open, close] = SHAPES[b.kind];
  return `${b.id}${open}"${lines.map(mermaidText).join("<br>")}"${close}`;
}

/**
 * Writes a `flowchart LR`: boxes grouped by kind in {@link KIND_ORDER} (each kind in the given order), the
 * arrows in the given order, the `extra` statements (more boxes, link styles), then the classes.
 * `boxLines` and `edgeLabel` give the text a box or an arrow shows (default: its own), so that callers can
 * mark them without copying the escaping.
 */
export function flowchart(
  flow: CallFlow,
  classes: readonly FlowchartClass[],
  options: {
    boxLines?: (b: CallFlowBox) => readonly string[];
    edgeLabel?: (e: CallFlowEdge, index: number) => string | undefined;
    extra?: readonly string[];
  } = {},
): string {
  const out = ["flowchart LR"];
  for (const kind of KIND_ORDER) {
    for (const b of flow.boxes) {
      if (b.kind === kind) out.push(`  ${boxStatement(b, options.boxLines?.(b) ?? b.lines)}`);
    }
  }
  flow.edges.forEach((e, i) => {
    const text = options.edgeLabel ? options.edgeLabel(e, i) : e.label;
    const label = text === undefined ? "" : `|"${mermaidText(text)}"|`;
    out.push(`  ${e.from} ${ARROWS[e.style ?? "normal"]}${label} ${e.to}`);
  });
  // Before the classes, so that a class never names a box Mermaid has not seen declared.
  for (const line of options.extra ?? []) out.push(`  ${line}`);
  for (const c of classes) {
    out.push(`  classDef ${c.name} ${c.style};`);
    if (c.ids.length > 0) out.push(`  class ${c.ids.join(",")} ${c.name};`);
  }
  return out.join("\n") + "\n";
}

/** A box declared outside the call flow (a legend entry), with the same escaping as the flow's. */
export function extraBox(id: string, kind: GraphNodeKind, ...lines: string[]): string {
  return boxStatement({ id, kind, lines }, lines);
}

class Graph {
  private readonly boxes = new Map<string, CallFlowBox>();
  readonly edges: CallFlowEdge[] = [];

  box(kind: GraphNodeKind, id: string, ...lines: string[]): string {
    if (!this.boxes.has(id)) this.boxes.set(id, { id, kind, lines });
    return id;
  }

  edge(from: string, to: string, label?: string, style?: CallFlowEdge["style"]): void {
    this.edges.push({ from, to, label, style });
  }

  flow(): CallFlow {
    return { boxes: [...this.boxes.values()], edges: this.edges };
  }
}

function entries<T>(section: Record<string, T> | undefined): [string, T][] {
  return Object.entries(section ?? {});
}

/** Long free text (an SMS) cut to `max` characters, so one box does not stretch the whole graph. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** Blocked numbers shown in the blacklist's box before the rest is counted. */
const BLOCKED_SHOWN = 5;

/** The blacklist's label: its numbers (the first few) and where each is blocked. */
function blockedLines(entries: [string, BlacklistSpec][]): string[] {
  const where = (b: BlacklistSpec) =>
    b.ivrBlocked === false ? "queues" : b.queueBlocked === false ? "IVR" : "IVR, queues";
  const shown = entries.slice(0, BLOCKED_SHOWN).map(([, b]) => `${b.number} (${where(b)})`);
  const more = entries.length - shown.length;
  return ["Blocked callers", ...shown, ...(more > 0 ? [`and ${more} more`] : [])];
}

/** A SIP phone label: its spec name, username and extension (SIP phones have no display name of their own). */
function sipLines(name: string, p: SipPhoneSpec): string[] {
  return [`SIP ${name}`, `user ${p.username}`, ...(p.extension === undefined ? [] : [`ext ${p.extension}`])];
}

/**
 * The call flow of a parsed spec (see `parseContactCenterSpec`): the boxes and arrows {@link renderMermaid}
 * draws.
 *
 * Every object of the spec is a box labelled with its display name (`name`, `treeName`, `nodeName`, a
 * number's `nickname`; the spec name where there is none). Edges: number -> IVR tree or queue; tree -> its
 * root node (the first); node -> one edge per key, labelled with the key, to the queue, the next node, the
 * phone forwarded to or an end-of-call box (stop call, voicemail, SMS); queue -> groups (the primary one
 * thick and labelled); group -> member agents; agent -> the SIP phone whose username is its Stringee user id,
 * or its own phone (routingType 2); number -> the blocked callers (one box listing the `blacklist`, dotted:
 * they are refused at every number); queue -> the greetings it plays while callers wait or hold, node -> the
 * greeting it plays (dotted). A forwarded-to number that is an agent's phone, a SIP phone's username or
 * extension, or one of the spec's numbers points at that object instead of a bare phone. The result depends
 * on the spec only (file order), never on time or paths.
 */
export function callFlow(spec: ContactCenterSpec): CallFlow {
  const g = new Graph();
  const agents = entries(spec.agents);
  const sipPhones = entries(spec.sipPhones);
  const numbers = entries(spec.numbers);
  const ids = boxIds;

  // Declared in section order first, so every object has its box even when nothing points at it.
  for (const [name, n] of numbers) g.box("number", ids.number(name), n.nickname ?? name, n.number);
  for (const [tree, t] of entries(spec.ivrTrees)) {
    g.box("tree", ids.tree(tree), t.treeName);
    for (const [node, n] of entries(t.nodes)) g.box("node", ids.node(tree, node), n.nodeName);
  }
  for (const [name, q] of entries(spec.queues)) g.box("queue", ids.queue(name), q.name);
  for (const [name, gr] of entries(spec.groups)) g.box("group", ids.group(name), gr.name);
  for (const [name, a] of agents) g.box("agent", ids.agent(name), a.name, a.stringeeUserId);
  for (const [name, p] of sipPhones) g.box("sip", ids.sip(name), ...sipLines(name, p));
  const blocked = entries(spec.blacklist);
  if (blocked.length > 0) g.box("blocked", ids.blocked(), ...blockedLines(blocked));
  for (const [name, gr] of entries(spec.greetings))
    g.box("greeting", ids.greeting(name), gr.description ?? name, gr.file ?? "uploaded file");

  const phone = (digits: string) => g.box("phone", ids.phone(digits), `Phone ${digits}`);
  // The object a dialled number stands for, when the spec has one.
  const dialled = (digits: string): string => {
    const agent = agents.find(([, a]) => a.phoneNumber === digits);
    if (agent) return ids.agent(agent[0]);
    const sip = sipPhones.find(([, p]) => p.username === digits || String(p.extension) === digits);
    if (sip) return ids.sip(sip[0]);
    const own = numbers.find(([, n]) => n.number === digits);
    if (own) return ids.number(own[0]);
    return phone(digits);
  };

  for (const [name, n] of numbers) {
    // The blacklist is checked at every number, before the IVR or the queue.
    if (blocked.length > 0) g.edge(ids.number(name), ids.blocked(), "refuses", "dotted");
    if (n.ivrMenu !== undefined) g.edge(ids.number(name), ids.tree(n.ivrMenu));
    if (n.queue !== undefined) g.edge(ids.number(name), ids.queue(n.queue));
  }

  for (const [tree, t] of entries(spec.ivrTrees)) {
    const nodes = entries(t.nodes);
    if (nodes[0]) g.edge(ids.tree(tree), ids.node(tree, nodes[0][0]), "root");
    for (const [node, n] of nodes) {
      const from = ids.node(tree, node);
      const plays = greetingOf(n.content);
      if (plays !== undefined) g.edge(from, ids.greeting(plays), "plays", "dotted");
      // In the order of the keypad (0-9, *, #, then EMPTY_KEY and INVALID_KEY), whatever the file's order.
      for (const key of IVR_NODE_KEYS) {
        const k = n.keys?.[key];
        if (k !== undefined) g.edge(from, keyTarget(g, k, tree, node, key, dialled), key);
      }
    }
  }

  for (const [name, q] of entries(spec.queues)) {
    // One arrow per greeting the queue plays, labelled with what it plays it for.
    const [wait, hold] = [greetingOf(q.waitGreeting), greetingOf(q.holdGreeting)];
    if (wait !== undefined)
      g.edge(ids.queue(name), ids.greeting(wait), wait === hold ? "wait, hold" : "wait", "dotted");
    if (hold !== undefined && hold !== wait) g.edge(ids.queue(name), ids.greeting(hold), "hold", "dotted");
    for (const r of queueRoutings(q)) {
      if (r.primary) g.edge(ids.queue(name), ids.group(r.group), "primary", "thick");
      else g.edge(ids.queue(name), ids.group(r.group));
    }
  }

  for (const [name, a] of agents) {
    for (const group of a.groups ?? []) g.edge(ids.group(group), ids.agent(name));
  }
  for (const [name, a] of agents) {
    const device = agentDevice(a, sipPhones, phone);
    if (device !== undefined) g.edge(ids.agent(name), device.id, device.label, "dotted");
  }

  return g.flow();
}

/** The class of a kind's boxes. Prefixed: Mermaid gives every box the CSS class `node` itself, so a class named `node` would paint them all. */
function kindClass(kind: GraphNodeKind): string {
  return `cc${kind[0]!.toUpperCase()}${kind.slice(1)}`;
}

/**
 * Renders the call flow of a parsed spec (see {@link callFlow}) as a Mermaid `flowchart LR`, each kind of
 * box in its own shape and colour. The same spec always gives the same text.
 */
export function renderMermaid(spec: ContactCenterSpec): string {
  const flow = callFlow(spec);
  return flowchart(
    flow,
    KIND_ORDER.map((kind) => ({
      name: kindClass(kind),
      style: STYLES[kind],
      ids: flow.boxes.filter((b) => b.kind === kind).map((b) => b.id),
    })),
  );
}

function keyTarget(
  g: Graph,
  k: IvrKeySpec,
  tree: string,
  node: string,
  key: IvrNodeKey,
  dialled: (digits: string) => string,
): string {
  const end = (...lines: string[]) => g.box("exit", boxIds.exit(tree, node, key), ...lines);
  switch (k.action) {
    case "routeToQueue":
      return boxIds.queue(k.queue ?? "");
    case "nextNode":
      return boxIds.node(tree, k.nextNode ?? "");
    case "forwardToPhone":
      return dialled(k.toPhoneNumber ?? "");
    case "stopCall":
      return end("Stop call");
    case "voicemail":
      return end("Voicemail");
    case "sms":
      return end("SMS", clip(k.sms ?? "", 60));
  }
}

/** Where an agent's calls ring: the SIP phone signed in as the agent, or the agent's own phone (routingType 2). */
function agentDevice(
  a: AgentSpec,
  sipPhones: [string, SipPhoneSpec][],
  phone: (digits: string) => string,
): { id: string; label: string } | undefined {
  if (a.routingType === 2 && a.phoneNumber !== undefined) {
    const sip = sipPhones.find(
      ([, p]) => p.username === a.phoneNumber || String(p.extension) === a.phoneNumber,
    );
    return { id: sip ? boxIds.sip(sip[0]) : phone(a.phoneNumber), label: "calls" };
  }
  const sip = sipPhones.find(([, p]) => p.username === a.stringeeUserId);
  return sip ? { id: boxIds.sip(sip[0]), label: "SIP" } : undefined;
}
