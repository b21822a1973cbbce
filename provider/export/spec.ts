// Turns an account snapshot into a contact-center spec (the format program/index.ts deploys): every object
// named by a slug of what people see, references by those names, and `importId` on every object, so that the
// first `pulumi up` of the spec adopts the account instead of creating anything.
//
// What is written: the fields the resources manage, except settings that hold Stringee's own default. Queue
// and IVR node settings are "computed" in the resources (left out = not managed, never diffed), so leaving
// a default out keeps the spec short and still adopts without a change; fields the resources always manage
// (a number's recordOutboundCalls, an agent's routingType) are written whenever they differ from the
// resource's own default, so adoption compares equal. An agent's manualStatus belongs to the agents at run
// time and is never written. Objects the spec cannot express are left out with a warning (they stay
// unmanaged, untouched by `pulumi up`), and so is everything that refers to them.
//
// Greeting files cannot be downloaded from Stringee: each is written without `file`, so `pulumi up` adopts
// the upload as it is (its audio unmanaged), and queues and IVR nodes that play it name it as a greeting of
// the spec. Blocked callers and the call settings (those that differ from Stringee's defaults) round-trip.
import { Document, Scalar, parse, visit } from "yaml";
import {
  CALL_SETTINGS_DEFAULTS,
  type IvrKeypress,
  type IvrNode,
  type Queue,
  type StringeeNumber,
} from "../client";
import { checkAgent } from "../kinds/agent";
import { checkBlacklistNumber } from "../kinds/blacklistNumber";
import { CALL_SETTINGS_FIELDS, CALL_SETTINGS_ID, checkCallSettings } from "../kinds/callSettings";
import { checkGreetingDeclaration, parseDesc } from "../kinds/greetingFile";
import type { Checked } from "../kinds/framework";
import { checkGroup } from "../kinds/group";
import { memberId } from "../kinds/groupMember";
import { ACTION_CODES, IVR_NODE_KEYS, checkIvrKeypress, type IvrKeypressAction } from "../kinds/ivrKeypress";
import { IVR_NODE_DEFAULTS, IVR_NODE_OPTIONAL_SETTINGS, checkIvrNode } from "../kinds/ivrNode";
import { checkIvrTree } from "../kinds/ivrTree";
import { checkNumber } from "../kinds/number";
import { QUEUE_DEFAULTS, QUEUE_OPTIONAL_SETTINGS, checkQueue, condRoutingName } from "../kinds/queue";
import { checkSipPhone } from "../kinds/sipPhone";
import { EXPORT_TYPES, type AccountSnapshot, type ExportType } from "./account";
import { assignNames, compareIds, passwordConfigKey } from "./names";

/** First line of every exported spec: editors validate and complete it with the project's JSON Schema. */
export const SCHEMA_LINE = "# yaml-language-server: $schema=./schema/contact-center.schema.json";

/** A SIP phone whose password the export cannot read: the user sets it in the stack config. */
export interface PasswordPlaceholder {
  /** Spec name of the phone (`sipPhones.<name>`). */
  phone: string;
  /** Its SIP username, without the project prefix. */
  username: string;
  /** The secret stack config key the spec names in `passwordConfig`. */
  configKey: string;
}

/** What {@link buildSpec} produced. */
export interface BuiltSpec {
  /** The spec file's text. */
  text: string;
  /** Objects written, by kind (`queues`, `queue routings`, `IVR keypresses`…), in a fixed order. */
  counts: [string, number][];
  /** SIP passwords to set before `pulumi up`, in spec order. */
  passwords: PasswordPlaceholder[];
  /** Objects left out or written differently from the account, each with the reason; sorted. */
  warnings: string[];
}

/** Options of {@link buildSpec}. */
export interface BuildSpecOptions {
  /** The sections to write (the snapshot's other lists are empty anyway). */
  types: ReadonlySet<ExportType>;
}

type Entry = Map<string, unknown>;

/** Builds the spec of a snapshot. Pure and deterministic: the same snapshot gives the same text. */
export function buildSpec(account: AccountSnapshot, options: BuildSpecOptions): BuiltSpec {
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  warnUnseen(account, warn);
  const sections = new Map<ExportType, Map<string, unknown>>();
  const counts = new Map<string, number>();
  const bump = (kind: string, n = 1) => counts.set(kind, (counts.get(kind) ?? 0) + n);

  // ---- greeting files: first, so that queues and IVR nodes name the ones they play ----
  const greetingName = new Map<string, string>();
  if (options.types.has("greetings")) {
    const out = greetingEntries(account, greetingName, warn);
    sections.set("greetings", out);
    bump("greeting files", out.size);
  }
  // What a queue or a node plays: the greeting of the spec when its file is exported, else the file name.
  const play = (value: unknown) =>
    typeof value === "string" && greetingName.has(value) ? { greeting: greetingName.get(value) } : value;

  // ---- groups ----
  const groupName = new Map<string, string>();
  if (options.types.has("groups")) {
    const groups = keepFirstByKey(
      account.groups,
      (g) => g.name,
      (g) => `group ${g.id}`,
      "name",
      warn,
    );
    const names = assignNames(
      groups.map((g) => ({ id: g.id, texts: [g.name] })),
      { fallbackPrefix: "group" },
    );
    const out = new Map<string, Entry>();
    for (const g of groups) {
      const name = names.get(g.id)!;
      if (!valid(checkGroup({ name: g.name }), `group ${g.id}`, warn)) continue;
      out.set(
        name,
        entry([
          ["name", g.name],
          ["importId", g.id],
        ]),
      );
      groupName.set(g.id, name);
    }
    sections.set("groups", out);
    bump("groups", out.size);
  }

  // ---- queues and their routings ----
  const queueName = new Map<string, string>();
  if (options.types.has("queues")) {
    const queues = keepFirstByKey(
      account.queues,
      (q) => q.name,
      (q) => `queue ${q.id}`,
      "name",
      warn,
    );
    const names = assignNames(
      queues.map((q) => ({ id: q.id, texts: [q.name] })),
      { fallbackPrefix: "queue" },
    );
    const out = new Map<string, Entry>();
    for (const q of queues) {
      const name = names.get(q.id)!;
      const fields = withValidSettings(
        [["name", q.name]],
        writtenSettings(
          { ...q, condRouting: condRoutingName(q.condRouting) },
          QUEUE_OPTIONAL_SETTINGS,
          QUEUE_DEFAULTS,
        ),
        (f) => checkQueue(Object.fromEntries(f)),
        `queue ${q.id} (${JSON.stringify(q.name)})`,
        warn,
      );
      if (fields === undefined) continue;
      const e = entry(
        fields.map(([k, v]) => [k, k === "waitGreeting" || k === "holdGreeting" ? play(v) : v]),
      );
      const routings = account.queueGroupRoutings.filter((r) => r.queueId === q.id);
      const listed = routingEntries(q, routings, groupName, warn);
      if (listed.length > 0) e.set("groups", listed);
      bump("queue routings", listed.length);
      out.set(name, adopted(e, q.id));
      queueName.set(q.id, name);
    }
    sections.set("queues", out);
    bump("queues", out.size);
  }

  // ---- agents and their groups ----
  if (options.types.has("agents")) {
    const names = assignNames(
      account.agents.map((a) => ({ id: a.id, texts: [a.name, a.stringeeUserId] })),
      { fallbackPrefix: "agent" },
    );
    const out = new Map<string, Entry>();
    for (const a of account.agents) {
      const name = names.get(a.id)!;
      const fields: [string, unknown][] = [
        ["name", a.name ?? a.stringeeUserId],
        ["stringeeUserId", a.stringeeUserId],
      ];
      if (a.name === undefined || a.name === "")
        warn(
          `agent ${a.id} has no name; the spec names it ${JSON.stringify(a.stringeeUserId)} (its user id), which the first \`pulumi up\` sets.`,
        );
      if (a.routingType === 2) fields.push(["routingType", 2], ["phoneNumber", a.phoneNumber]);
      if (!valid(checkAgent(Object.fromEntries(fields)), `agent ${a.id}`, warn)) continue;
      const e = entry(fields);
      const memberOf = account.groupMembers
        .filter((m) => m.agentId === a.id)
        .flatMap((m) => {
          const g = groupName.get(m.groupId);
          if (g === undefined)
            warn(
              `agent ${a.id}: its membership of group ${m.groupId} is left out: that group is not exported.`,
            );
          return g === undefined ? [] : [{ group: g, importId: memberId(m.groupId, m.agentId) }];
        })
        .sort((x, y) => compareIds(x.group, y.group))
        .map((m) =>
          entry([
            ["group", m.group],
            ["importId", m.importId],
          ]),
        );
      if (memberOf.length > 0) e.set("groups", memberOf);
      bump("group memberships", memberOf.length);
      out.set(name, adopted(e, a.id));
    }
    sections.set("agents", out);
    bump("agents", out.size);
  }

  // ---- IVR trees, nodes and keys ----
  if (options.types.has("ivrTrees")) {
    const out = buildTrees(account, queueName, play, warn, bump);
    sections.set("ivrTrees", out);
    bump("IVR trees", out.size);
  }

  // ---- numbers ----
  if (options.types.has("numbers")) {
    const treeName = new Map<string, string>();
    for (const [name, t] of (sections.get("ivrTrees") ?? new Map()) as Map<string, Entry>)
      treeName.set(String(t.get("importId")), name);
    const names = assignNames(
      account.numbers.map((n) => ({ id: n.id, texts: [n.nickname, n.number] })),
      { fallbackPrefix: "number" },
    );
    const out = new Map<string, Entry>();
    for (const n of account.numbers) {
      const fields = numberFields(n, treeName, queueName, warn);
      if (fields === undefined) continue;
      out.set(names.get(n.id)!, fields);
    }
    sections.set("numbers", out);
    bump("numbers", out.size);
  }

  // ---- SIP phones ----
  const passwords: PasswordPlaceholder[] = [];
  if (options.types.has("sipPhones")) {
    const names = assignNames(
      account.sipPhones.map((p) => ({ id: p.username, texts: [p.shortUsername] })),
      { fallbackPrefix: "sip" },
    );
    const out = new Map<string, Entry>();
    for (const p of account.sipPhones) {
      const name = names.get(p.username)!;
      const fields: [string, unknown][] = [["username", p.shortUsername]];
      if (p.extension !== undefined && p.extension !== 0) fields.push(["extension", p.extension]);
      const check = checkSipPhone({ ...Object.fromEntries(fields), password: "placeholder-password" });
      if (!valid(check, `SIP phone ${p.username}`, warn)) continue;
      const configKey = passwordConfigKey(name);
      fields.push(["passwordConfig", configKey]);
      out.set(name, adopted(entry(fields), p.username));
      passwords.push({ phone: name, username: p.shortUsername, configKey });
    }
    sections.set("sipPhones", out);
    bump("SIP phones", out.size);
  }

  // ---- blocked callers ----
  if (options.types.has("blacklist")) {
    const names = assignNames(
      account.blacklist.map((b) => ({ id: b.id, texts: [b.number] })),
      { fallbackPrefix: "blocked", digitsPrefix: "caller" },
    );
    const out = new Map<string, Entry>();
    for (const b of account.blacklist) {
      const fields: [string, unknown][] = [["number", b.number]];
      // Both default to true in the spec; only a refusal that is off is written.
      if (b.ivrBlocked !== true) fields.push(["ivrBlocked", false]);
      if (b.queueBlocked !== true) fields.push(["queueBlocked", false]);
      if (!valid(checkBlacklistNumber(Object.fromEntries(fields)), `blacklist entry ${b.id}`, warn)) continue;
      out.set(names.get(b.id)!, adopted(entry(fields), b.id));
    }
    sections.set("blacklist", out);
    bump("blacklist numbers", out.size);
  }

  // ---- the call settings: written when one differs from Stringee's default ----
  if (options.types.has("callSettings") && account.callSettings !== undefined) {
    const current = account.callSettings;
    const settings = writtenSettings(current, CALL_SETTINGS_FIELDS, CALL_SETTINGS_DEFAULTS);
    const fields = withValidSettings(
      [],
      settings,
      (f) => checkCallSettings(Object.fromEntries(f)),
      "the call settings",
      warn,
    );
    if (fields !== undefined && fields.length > 0) {
      sections.set("callSettings", adopted(entry(fields), CALL_SETTINGS_ID));
      bump("call settings", 1);
    }
  }

  passwords.sort((a, b) => compareIds(a.phone, b.phone));
  return {
    text: render(sections),
    counts: COUNT_ORDER.filter((k) => counts.has(k)).map((k) => [k, counts.get(k)!]),
    passwords,
    warnings: warnings.sort(),
  };
}

const COUNT_ORDER = [
  "queues",
  "queue routings",
  "groups",
  "agents",
  "group memberships",
  "IVR trees",
  "IVR nodes",
  "IVR keypresses",
  "numbers",
  "SIP phones",
  "blacklist numbers",
  "greeting files",
  "call settings",
];

/**
 * The greeting files, without `file` (Stringee does not let uploads be downloaded): each adopts its upload as
 * it is. `greetingName` learns each exported file's spec name by its Stringee file name.
 */
function greetingEntries(
  account: AccountSnapshot,
  greetingName: Map<string, string>,
  warn: (m: string) => void,
): Map<string, Entry> {
  const names = assignNames(
    account.greetingFiles.map((f) => ({
      id: f.sid,
      texts: [parseDesc(f.description).description, f.fileName],
    })),
    { fallbackPrefix: "greeting" },
  );
  const out = new Map<string, Entry>();
  for (const f of account.greetingFiles) {
    const { description } = parseDesc(f.description);
    const where = `greeting file ${f.sid} (${f.fileName})`;
    if (!valid(checkGreetingDeclaration({ description, importId: f.sid }), where, warn)) continue;
    const name = names.get(f.sid)!;
    out.set(name, adopted(entry([["description", description]]), f.sid));
    greetingName.set(f.fileName, name);
  }
  if (out.size > 0)
    warn(
      `greetings: Stringee does not let uploaded audio be downloaded, so ${out.size === 1 ? "the greeting is" : `the ${out.size} greetings are`} written without \`file\` and adopted as they are (their audio is not managed). To manage one's audio, add \`file: <path of the WAV or MP3 in the repository>\`: a content other than the upload's is uploaded again and replaces it.`,
    );
  return out;
}

function buildTrees(
  account: AccountSnapshot,
  queueName: ReadonlyMap<string, string>,
  play: (value: unknown) => unknown,
  warn: (m: string) => void,
  bump: (kind: string, n?: number) => void,
): Map<string, Entry> {
  const treeNames = assignNames(
    account.ivrTrees.map((t) => ({ id: t.id, texts: [t.treeName] })),
    { fallbackPrefix: "tree" },
  );
  const out = new Map<string, Entry>();
  for (const t of account.ivrTrees) {
    const where = `IVR tree ${t.id} (${JSON.stringify(t.treeName)})`;
    if (!valid(checkIvrTree({ treeName: t.treeName }), where, warn)) continue;
    const nodes = keepFirstByKey(
      account.ivrNodes.filter((n) => n.tree === t.id),
      (n) => n.nodeName,
      (n) => `IVR node ${n.id} of ${where}`,
      "nodeName",
      warn,
    );
    const nodeNames = assignNames(
      nodes.map((n) => ({ id: n.id, texts: [n.nodeName] })),
      { fallbackPrefix: "node", digitsPrefix: "node" },
    );
    const built: { node: IvrNode; name: string; entry: Entry }[] = [];
    for (const n of nodes) {
      const fields = withValidSettings(
        [
          ["nodeName", n.nodeName],
          ["playMode", n.nodePlayMode ?? "talk"],
          ["content", n.nodePlayContent ?? ""],
        ],
        writtenSettings(n, IVR_NODE_OPTIONAL_SETTINGS, IVR_NODE_DEFAULTS),
        (f) => checkNodeFields(f, t.id),
        `IVR node ${n.id} of ${where}`,
        warn,
      );
      if (fields === undefined) continue;
      const played = fields.map(([k, v]): [string, unknown] => [
        k,
        k === "content" && n.nodePlayMode === "play" ? play(v) : v,
      ]);
      built.push({ node: n, name: nodeNames.get(n.id)!, entry: entry(played) });
    }
    if (built.length === 0) {
      warn(`${where} is left out: it has no node the spec can hold, and a spec tree needs at least one.`);
      continue;
    }
    // The first node of a spec tree is its root: the account's root goes first, the others by name.
    const isRoot = (n: IvrNode) => n.isRootNode === true || (t.rootNode !== undefined && n.id === t.rootNode);
    built.sort((a, b) => Number(isRoot(b.node)) - Number(isRoot(a.node)) || compareIds(a.name, b.name));
    if (!isRoot(built[0]!.node))
      warn(
        `${where}: its root node is not exported; ${built[0]!.name} is listed first and would be the root of a new tree.`,
      );
    const nodeName = new Map(built.map((b) => [b.node.id, b.name]));
    const nodesOut = new Map<string, Entry>();
    for (const b of built) {
      const keys = keyEntries(b.node, account.ivrKeypresses, nodeName, queueName, warn);
      if (keys.size > 0) b.entry.set("keys", keys);
      bump("IVR keypresses", keys.size);
      nodesOut.set(b.name, adopted(b.entry, b.node.id));
    }
    bump("IVR nodes", nodesOut.size);
    out.set(
      treeNames.get(t.id)!,
      entry([
        ["treeName", t.treeName],
        ["importId", t.id],
        ["nodes", nodesOut],
      ]),
    );
  }
  return out;
}

function keyEntries(
  node: IvrNode,
  keypresses: readonly IvrKeypress[],
  nodeName: ReadonlyMap<string, string>,
  queueName: ReadonlyMap<string, string>,
  warn: (m: string) => void,
): Map<string, Entry> {
  const order = (k: string) => (IVR_NODE_KEYS as readonly string[]).indexOf(k);
  const own = keypresses
    .filter((k) => k.node === node.id)
    .sort((a, b) => order(a.nodeKey) - order(b.nodeKey) || compareIds(a.id, b.id));
  const out = new Map<string, Entry>();
  for (const k of own) {
    const where = `IVR keypress ${k.id} (key ${k.nodeKey} of node ${node.id})`;
    if (out.has(k.nodeKey)) {
      warn(`${where} is left out: the node has another keypress for the same key.`);
      continue;
    }
    const action = (Object.keys(ACTION_CODES) as IvrKeypressAction[]).find(
      (a) => ACTION_CODES[a] === k.action,
    );
    if (action === undefined) {
      warn(`${where} is left out: action ${k.action} is not one the spec knows.`);
      continue;
    }
    const fields: [string, unknown][] = [["action", action]];
    const raw: Record<string, unknown> = { node: node.id, nodeKey: k.nodeKey, action };
    if (action === "routeToQueue") {
      const q = k.queueId === undefined ? undefined : queueName.get(k.queueId);
      if (q === undefined) {
        warn(`${where} is left out: its queue ${k.queueId ?? "(none)"} is not exported.`);
        continue;
      }
      fields.push(["queue", q]);
      raw["queueId"] = k.queueId;
    } else if (action === "nextNode") {
      const next = k.nextNode === undefined ? undefined : nodeName.get(k.nextNode);
      if (next === undefined) {
        warn(
          `${where} is left out: its next node ${k.nextNode ?? "(none)"} is not an exported node of the same tree.`,
        );
        continue;
      }
      fields.push(["nextNode", next]);
      raw["nextNode"] = k.nextNode;
    } else if (action === "forwardToPhone") {
      fields.push(
        ["toPhoneNumber", k.toPhoneNumber],
        ["fromNumberCalloutToAgent", k.fromNumberCalloutToAgent],
      );
      raw["toPhoneNumber"] = k.toPhoneNumber;
      raw["fromNumberCalloutToAgent"] = k.fromNumberCalloutToAgent;
    } else if (action === "sms") {
      fields.push(["sms", k.sms]);
      raw["sms"] = k.sms;
    }
    if (!valid(checkIvrKeypress(raw), where, warn)) continue;
    fields.push(["importId", k.id]);
    out.set(k.nodeKey, entry(fields));
  }
  return out;
}

function routingEntries(
  q: Queue,
  routings: readonly { id: string; groupId: string; primaryGroup: boolean }[],
  groupName: ReadonlyMap<string, string>,
  warn: (m: string) => void,
): Entry[] {
  const where = `queue ${q.id} (${JSON.stringify(q.name)})`;
  const kept = routings.flatMap((r) => {
    const g = groupName.get(r.groupId);
    if (g === undefined)
      warn(`${where}: its routing ${r.id} is left out: group ${r.groupId} is not exported.`);
    return g === undefined ? [] : [{ ...r, group: g }];
  });
  // The spec marks one primary group (else the first listed is primary): primaries first, then by name.
  kept.sort((a, b) => Number(b.primaryGroup) - Number(a.primaryGroup) || compareIds(a.group, b.group));
  const primaries = kept.filter((r) => r.primaryGroup);
  if (kept.length > 0 && primaries.length === 0)
    warn(
      `${where} has no primary group; the spec makes the first group (${kept[0]!.group}) primary, so the first \`pulumi up\` marks it primary.`,
    );
  if (primaries.length > 1)
    warn(
      `${where} has ${primaries.length} primary groups; a spec queue has one: ${primaries[0]!.group} stays primary, and the first \`pulumi up\` unmarks ${primaries
        .slice(1)
        .map((r) => r.group)
        .join(", ")}.`,
    );
  return kept.map((r, i) =>
    entry([
      ["group", r.group],
      ["primary", i === 0 && r.primaryGroup ? true : undefined],
      ["importId", r.id],
    ]),
  );
}

function numberFields(
  n: StringeeNumber,
  treeName: ReadonlyMap<string, string>,
  queueName: ReadonlyMap<string, string>,
  warn: (m: string) => void,
): Entry | undefined {
  const where = `number ${n.id} (${n.number})`;
  const fields: [string, unknown][] = [["number", n.number]];
  if (n.nickname !== undefined && n.nickname !== "") fields.push(["nickname", n.nickname]);
  fields.push(["allowOutboundCalls", n.allowOutboundCalls ?? false]);
  const raw: Record<string, unknown> = { ...Object.fromEntries(fields), enableIvr: n.enableIvr ?? false };
  if (n.enableIvr === true) {
    const tree = n.ivrMenu === undefined ? undefined : treeName.get(n.ivrMenu);
    if (tree === undefined) {
      warn(`${where} is left out: its IVR tree ${n.ivrMenu ?? "(none)"} is not exported.`);
      return undefined;
    }
    fields.push(["ivrMenu", tree]);
    raw["ivrMenu"] = n.ivrMenu;
  } else if (n.queueId !== undefined) {
    const queue = queueName.get(n.queueId);
    if (queue === undefined) {
      warn(`${where} is left out: its queue ${n.queueId} is not exported.`);
      return undefined;
    }
    fields.push(["queue", queue]);
    raw["queueId"] = n.queueId;
  }
  if (n.recordOutboundCalls === true) fields.push(["recordOutboundCalls", true]);
  raw["recordOutboundCalls"] = n.recordOutboundCalls ?? false;
  if (!valid(checkNumber(raw), where, warn)) return undefined;
  return adopted(entry(fields), n.id);
}

/** The settings of `remote` that are set and differ from Stringee's default, in `order`. */
function writtenSettings<T extends object>(
  remote: T,
  order: readonly (keyof T & string)[],
  defaults: Readonly<Partial<Record<keyof T, unknown>>>,
): [string, unknown][] {
  return order.flatMap((f): [string, unknown][] => {
    const v = remote[f] as unknown;
    if (v === undefined || v === null || v === "" || v === defaults[f]) return [];
    return [[f, v]];
  });
}

/** Objects that Stringee lets share a name the spec needs unique: the smallest id keeps it, the others are left out. */
function keepFirstByKey<T extends { id: string }>(
  items: readonly T[],
  key: (item: T) => string,
  describe: (item: T) => string,
  field: string,
  warn: (m: string) => void,
): T[] {
  const first = new Map<string, string>();
  return [...items]
    .sort((a, b) => compareIds(a.id, b.id))
    .filter((item) => {
      const k = key(item);
      const earlier = first.get(k);
      if (earlier === undefined) {
        first.set(k, item.id);
        return true;
      }
      warn(
        `${describe(item)} is left out: ${field} ${JSON.stringify(k)} is also used by ${earlier}, and the spec needs it unique; rename one in Stringee and export again.`,
      );
      return false;
    });
}

/** Whether a resource check passed; otherwise warns with its reasons. */
function valid(checked: Checked<unknown>, where: string, warn: (m: string) => void): boolean {
  if (checked.failures.length === 0) return true;
  warn(`${where} is left out: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join(" ")}`);
  return false;
}

/**
 * The required fields plus the settings that pass the resource's rules. A setting the rules refuse is left out
 * (undeclared settings are unmanaged, so leaving it out changes nothing in Stringee); when the refusal is not
 * about a setting that can be dropped alone (`condRouting` without its URL), every setting is left out. A
 * required field the rules refuse leaves the whole object out (undefined).
 */
function withValidSettings(
  required: [string, unknown][],
  settings: [string, unknown][],
  check: (fields: [string, unknown][]) => Checked<unknown>,
  where: string,
  warn: (m: string) => void,
): [string, unknown][] | undefined {
  let kept = settings;
  for (;;) {
    const checked = check([...required, ...kept]);
    if (checked.failures.length === 0) return [...required, ...kept];
    const requiredNames = new Set(required.map(([k]) => k));
    if (checked.failures.some((f) => requiredNames.has(f.property))) {
      valid(
        { ...checked, failures: checked.failures.filter((f) => requiredNames.has(f.property)) },
        where,
        warn,
      );
      return undefined;
    }
    const names = new Set(kept.map(([k]) => k));
    const droppable = checked.failures.filter((f) => names.has(f.property));
    if (droppable.length === 0) {
      if (kept.length === 0) {
        valid(checked, where, warn);
        return undefined;
      }
      warn(
        `${where}: its settings are left out (unmanaged, Stringee keeps them): ${checked.failures.map((f) => f.reason).join(" ")}`,
      );
      kept = [];
      continue;
    }
    for (const f of droppable)
      warn(`${where}: ${f.property} is left out (unmanaged, Stringee keeps its value): ${f.reason}`);
    const dropped = new Set(droppable.map((f) => f.property));
    kept = kept.filter(([k]) => !dropped.has(k));
  }
}

/** Runs the IvrNode rules on spec fields (`playMode`, `content`), reporting failures under the spec's names. */
function checkNodeFields(fields: [string, unknown][], tree: string): Checked<unknown> {
  const toInput: Record<string, string> = { playMode: "nodePlayMode", content: "nodePlayContent" };
  const toSpec: Record<string, string> = { nodePlayMode: "playMode", nodePlayContent: "content" };
  const checked = checkIvrNode({ ...Object.fromEntries(fields.map(([k, v]) => [toInput[k] ?? k, v])), tree });
  return {
    ...checked,
    failures: checked.failures.map((f) => ({ ...f, property: toSpec[f.property] ?? f.property })),
  };
}

/** The entry with `importId` right after its first field (the name people recognise it by). */
function adopted(e: Entry, id: string): Entry {
  const [first, ...rest] = [...e];
  return new Map(first === undefined ? [["importId", id]] : [first, ["importId", id], ...rest]);
}

function readsOtherwiseIn11(text: string): boolean {
  if (!/^[-+.:_0-9a-zA-Z~ ]+$/.test(text)) return false;
  try {
    return typeof parse(text, { version: "1.1" }) !== "string";
  } catch {
    return true;
  }
}

function entry(fields: readonly [string, unknown][]): Entry {
  return new Map(fields.filter(([, v]) => v !== undefined));
}

/** The spec text: the schema line, a note, then each non-empty section in the examples' order. */
function render(sections: ReadonlyMap<ExportType, Map<string, unknown>>): string {
  const parts = [
    `${SCHEMA_LINE}\n` +
      "# Exported by `stringee-pulumi export`. Every object carries importId, so the first `pulumi up`\n" +
      "# adopts it instead of creating it. Objects refer to each other by name.\n",
  ];
  for (const type of EXPORT_TYPES) {
    const section = sections.get(type);
    if (section === undefined || section.size === 0) continue;
    // Entries by name; the call settings are one object, whose fields keep their order.
    const sorted =
      type === "callSettings" ? section : new Map([...section].sort(([a], [b]) => compareIds(a, b)));
    const doc = new Document(new Map([[type, sorted]]));
    // Strings that YAML 1.1 tools would read as numbers, booleans or times (`246_100`, `on`, `12:30`) are
    // quoted, so every editor and linter reads the same values as the project's (YAML 1.2) parser.
    visit(doc, {
      Scalar(_key, node) {
        if (typeof node.value === "string" && readsOtherwiseIn11(node.value)) node.type = Scalar.QUOTE_DOUBLE;
      },
    });
    // lineWidth 0: long prompts stay on one line instead of being folded differently by each YAML version.
    parts.push(doc.toString({ lineWidth: 0, minContentWidth: 0 }));
  }
  return parts.join("\n");
}

// What each snapshot list is called in messages.
const UNSEEN_SECTIONS: readonly [keyof AccountSnapshot, string][] = [
  ["queues", "queues"],
  ["agents", "agents"],
  ["numbers", "numbers"],
  ["ivrNodes", "IVR nodes"],
  ["ivrKeypresses", "IVR keys"],
  ["sipPhones", "SIP phones"],
];

/**
 * One warning per kind whose list did not show some fields (Stringee's lists carry fewer fields than create
 * takes): those settings cannot be exported, so they stay undeclared (unmanaged) until the user declares them.
 */
function warnUnseen(account: AccountSnapshot, warn: (m: string) => void): void {
  for (const [section, label] of UNSEEN_SECTIONS) {
    const fields = new Set<string>();
    for (const item of account[section] as { unseen?: readonly string[] }[])
      for (const f of item.unseen ?? []) fields.add(f);
    if (fields.size === 0) continue;
    warn(
      `${label}: Stringee's list does not show ${[...fields].sort().join(", ")}; the spec leaves them out (not managed). Declare them where they matter.`,
    );
  }
}
