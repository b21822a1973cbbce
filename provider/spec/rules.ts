// The rules of a spec beyond its shape. Per-object rules are the resources' own check functions, run on
// each spec object mapped to the resource's raw inputs (references replaced by placeholder ids, the SIP
// password by a placeholder of valid length), with each failure mapped back to the spec field. The rules
// only a whole spec can break live here: references by name, and natural keys declared twice.
// Works on the raw YAML value, whatever its shape: wrong types are the schema's to report.
import { checkAgent } from "../kinds/agent";
import { checkBlacklistNumber } from "../kinds/blacklistNumber";
import { checkCallSettings } from "../kinds/callSettings";
import { checkGreetingDeclaration } from "../kinds/greetingFile";
import type { CheckFailure, Checked } from "../kinds/framework";
import { checkGroup } from "../kinds/group";
import { checkGroupMember } from "../kinds/groupMember";
import { checkIvrKeypress } from "../kinds/ivrKeypress";
import { checkIvrNode } from "../kinds/ivrNode";
import { checkIvrTree } from "../kinds/ivrTree";
import { checkNumber } from "../kinds/number";
import { checkQueue } from "../kinds/queue";
import { checkQueueGroupRouting } from "../kinds/queueGroupRouting";
import { checkSipPhone } from "../kinds/sipPhone";
import { formatPath, type Position, type SpecPath } from "./locate";
import { KEY_FIELD_TO_INPUT } from "./schema";
import { knownKeys, nearest, schemaAt, withDescription, type FoundProblem } from "./shape";

type Raw = Record<string, unknown>;

/** Placeholder ids standing for objects referred to by name (their real ids exist only after `up`). */
const PLACEHOLDER = {
  queue: "QU_SPEC",
  group: "GR_SPEC",
  agent: "AG_SPEC",
  tree: "TR_SPEC",
  node: "NO_SPEC",
  password: "spec-placeholder-password",
  // A greeting named by the spec plays the file its upload gets a name for.
  greeting: "SPECGREETING-0.wav",
} as const;

/** Stack config key names (without the project prefix) that `passwordConfig` may name. */
const CONFIG_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

function asMap(v: unknown): Raw | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Raw) : undefined;
}

/** The entries of a map section; each object keeps only the fields the schema knows (unknown keys are the schema's to report). */
function entriesOf(v: unknown, path: SpecPath): [string, Raw][] {
  return Object.entries(asMap(v) ?? {}).map(([k, x]) => [k, knownFields(x, [...path, k])]);
}

/** The fields of the object at `path` that the schema knows. */
function knownFields(v: unknown, path: SpecPath): Raw {
  const known = knownKeys(path);
  return Object.fromEntries(Object.entries(asMap(v) ?? {}).filter(([f]) => known.includes(f)));
}

function listOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

const present = (v: unknown) => v !== undefined && v !== null && v !== "";
/** A reference becomes a placeholder id when set; its name is checked separately. */
const ref = (v: unknown, placeholder: string) => (present(v) ? placeholder : v);
/** The display name: declared, else the map key. */
const named = (v: unknown, key: string) => (v === undefined || v === null ? key : v);

/** How a resource's check failures map back to the spec. */
interface CheckMapping {
  /** Input property → spec field relative to the object ("" for the object itself). Default: same name. */
  fields?: Record<string, string>;
  /** Words to rewrite in reasons, applied before field renames (for derived inputs). */
  phrases?: [string, string][];
  /** Input property → word used for it in reasons (default: its spec field). */
  words?: Record<string, string>;
}

/** Collects the problems of one spec. */
class Rules {
  readonly problems: FoundProblem[] = [];

  constructor(private readonly locate: (path: SpecPath) => Position | undefined) {}

  /** Runs a resource's check on mapped inputs; returns the canonical inputs. */
  check<I extends object>(
    check: (raw: Raw) => Checked<I>,
    base: SpecPath,
    raw: Raw,
    mapping: CheckMapping = {},
  ): I {
    const { inputs, failures } = check(raw);
    for (const f of failures) this.problems.push(this.fromFailure(f, base, mapping));
    return inputs;
  }

  private fromFailure(f: CheckFailure, base: SpecPath, mapping: CheckMapping): FoundProblem {
    const field = mapping.fields?.[f.property] ?? f.property;
    let reason = f.reason;
    for (const [from, to] of mapping.phrases ?? []) reason = reason.split(from).join(to);
    const renames = { ...mapping.fields, ...mapping.words };
    for (const [prop, word] of Object.entries(renames)) {
      if (word !== "") reason = reason.replace(new RegExp(`\\b${prop}\\b`, "g"), word);
    }
    const path = field === "" ? base : [...base, field];
    // "requires queue; set it." says what is missing; the field's description says what to put there.
    if (/requires \w+.*; set it\.$/.test(reason))
      reason = withDescription(reason, schemaAt(path)?.description);
    return { path, message: reason, kind: "rule" };
  }

  /** Reports `value` when it is not one of `names` (a string that names nothing in `section`). */
  reference(
    path: SpecPath,
    value: unknown,
    section: string,
    what: string,
    names: readonly string[],
  ): boolean {
    if (typeof value !== "string" || value === "" || names.includes(value)) return true;
    const near = nearest(value, names);
    const existing =
      names.length === 0
        ? `no ${what}s are declared in ${section}; add "${value}" there.`
        : `existing ${what}s in ${section}: ${names.join(", ")}.${near === undefined ? "" : ` Did you mean ${near}?`} Fix the name or add "${value}" to ${section}.`;
    this.problems.push({
      path,
      kind: "rule",
      message: `${String(path[path.length - 1])} refers to ${what} "${value}", which does not exist; ${existing}`,
    });
    return false;
  }

  /** Reports every entry after the first that has the same natural key. */
  unique(what: string, rule: string, entries: { key: unknown; path: SpecPath }[]): void {
    const first = new Map<string, SpecPath>();
    for (const e of entries) {
      if (typeof e.key !== "string" || e.key === "") continue;
      const earlier = first.get(e.key);
      if (earlier === undefined) {
        first.set(e.key, e.path);
        continue;
      }
      this.problems.push({
        path: e.path,
        kind: "rule",
        message: `${what} ${JSON.stringify(e.key)} is already used by ${this.where(earlier)}; ${rule}`,
      });
    }
  }

  /** `numbers.hotline.number (line 12)`. */
  where(path: SpecPath): string {
    const at = this.locate(path);
    return `${formatPath(path)}${at === undefined ? "" : ` (line ${at.line})`}`;
  }
}

/** Checks every object of the raw spec with its resource's rules, and the references and natural keys between them. */
export function ruleProblems(raw: unknown, locate: (path: SpecPath) => Position | undefined): FoundProblem[] {
  const r = new Rules(locate);
  const spec = asMap(raw) ?? {};
  const queues = entriesOf(spec["queues"], ["queues"]);
  const groups = entriesOf(spec["groups"], ["groups"]);
  const agents = entriesOf(spec["agents"], ["agents"]);
  const trees = entriesOf(spec["ivrTrees"], ["ivrTrees"]);
  const numbers = entriesOf(spec["numbers"], ["numbers"]);
  const phones = entriesOf(spec["sipPhones"], ["sipPhones"]);
  const blacklist = entriesOf(spec["blacklist"], ["blacklist"]);
  const greetings = entriesOf(spec["greetings"], ["greetings"]);
  const queueNames = queues.map(([k]) => k);
  const greetingNames = greetings.map(([k]) => k);
  /** A played value (`{ greeting: name }` or a string): its greeting's name checked, the value a check takes. */
  const played = (path: SpecPath, value: unknown): unknown => {
    const named = asMap(value);
    if (named === undefined) return value;
    r.reference([...path, "greeting"], named["greeting"], "greetings", "greeting", greetingNames);
    return PLACEHOLDER.greeting;
  };
  const groupNames = groups.map(([k]) => k);
  const treeNames = trees.map(([k]) => k);

  // groups
  const groupKeys = groups.map(([key, g]) => {
    const path = ["groups", key];
    const inputs = r.check(checkGroup, path, { name: named(g["name"], key) });
    return { key: inputs.name, path: [...path, "name"] };
  });
  r.unique(
    "group name",
    "Stringee group names must be unique: set a different name on one of them.",
    groupKeys,
  );

  // queues and their routings to groups
  const queueKeys = queues.map(([key, q]) => {
    const path = ["queues", key];
    const { groups: routings, importId: _importId, waitGreeting, holdGreeting, ...settings } = q;
    const inputs = r.check(checkQueue, path, {
      ...settings,
      name: named(q["name"], key),
      waitGreeting: played([...path, "waitGreeting"], waitGreeting),
      holdGreeting: played([...path, "holdGreeting"], holdGreeting),
    });
    const routed: { key: unknown; path: SpecPath }[] = [];
    const primaries: { key: unknown; path: SpecPath }[] = [];
    listOf(routings).forEach((item, i) => {
      const routing = asMap(item) ?? {};
      const at = [...path, "groups", i];
      r.check(
        checkQueueGroupRouting,
        at,
        { queueId: PLACEHOLDER.queue, groupId: PLACEHOLDER.group, primaryGroup: routing["primary"] },
        { fields: { queueId: "", groupId: "group", primaryGroup: "primary" } },
      );
      r.reference([...at, "group"], routing["group"], "groups", "group", groupNames);
      routed.push({ key: routing["group"], path: [...at, "group"] });
      if (routing["primary"] === true)
        primaries.push({ key: String(routing["group"]), path: [...at, "primary"] });
    });
    r.unique(
      "group",
      "a queue routes to each group once (Stringee keeps one routing per queue and group): remove the duplicate entry.",
      routed,
    );
    for (const extra of primaries.slice(1)) {
      r.problems.push({
        path: extra.path,
        kind: "rule",
        message:
          `group ${JSON.stringify(extra.key)} is marked primary, but ${r.where(primaries[0]!.path)} already is; ` +
          "a queue has at most one primary group: keep `primary: true` on one entry only (without any, the first group is primary).",
      });
    }
    return { key: inputs.name, path: [...path, "name"] };
  });
  r.unique(
    "queue name",
    "Stringee queue names must be unique: set a different name on one of them.",
    queueKeys,
  );

  // agents and their group memberships
  const agentKeys = agents.map(([key, a]) => {
    const path = ["agents", key];
    const { groups: memberOf, importId: _importId, ...fields } = a;
    const inputs = r.check(checkAgent, path, { ...fields, name: named(a["name"], key) });
    const memberships: { key: unknown; path: SpecPath }[] = [];
    listOf(memberOf).forEach((item, i) => {
      // `{ group, importId }` adopts an existing membership; its group is a name like a plain entry.
      const written = asMap(item);
      const g = written === undefined ? item : written["group"];
      const at = written === undefined ? [...path, "groups", i] : [...path, "groups", i, "group"];
      r.check(
        checkGroupMember,
        at,
        { group: ref(g, PLACEHOLDER.group), agent: PLACEHOLDER.agent },
        { fields: { group: "", agent: "" }, words: { group: "group" } },
      );
      r.reference(at, g, "groups", "group", groupNames);
      memberships.push({ key: g, path: at });
    });
    r.unique(
      "group",
      "an agent is a member of a group once: remove the duplicate from this agent's groups.",
      memberships,
    );
    return { key: inputs.stringeeUserId, path: [...path, "stringeeUserId"] };
  });
  r.unique(
    "stringeeUserId",
    "Stringee allows one agent per user id: remove one of the two agents or change its stringeeUserId.",
    agentKeys,
  );

  // IVR trees, their nodes and keys
  const nodesByTree = new Map(trees.map(([key, t]) => [key, Object.keys(asMap(t["nodes"]) ?? {})]));
  const treeKeys = trees.map(([treeKey, t]) => {
    const path = ["ivrTrees", treeKey];
    const inputs = r.check(checkIvrTree, path, { treeName: named(t["treeName"], treeKey) });
    const nodes = entriesOf(t["nodes"], [...path, "nodes"]);
    if (asMap(t["nodes"]) !== undefined && nodes.length === 0) {
      r.problems.push({
        path: [...path, "nodes"],
        kind: "rule",
        message: `IVR tree "${treeKey}" has no nodes; add at least one under nodes (the first node is the root, the menu callers hear first).`,
      });
    }
    const nodeKeys = nodes.map(([nodeKey, n]) => {
      const nodePath = [...path, "nodes", nodeKey];
      const { keys, playMode, content: written, importId: _importId, ...settings } = n;
      if (asMap(written) !== undefined && playMode !== "play")
        r.problems.push({
          path: [...nodePath, "content"],
          kind: "rule",
          message:
            "a greeting is played only with playMode play: set playMode: play, or write the text to speak as content.",
        });
      const content = played([...nodePath, "content"], written);
      const node = r.check(
        checkIvrNode,
        nodePath,
        {
          ...settings,
          tree: PLACEHOLDER.tree,
          nodeName: named(n["nodeName"], nodeKey),
          nodePlayMode: playMode,
          nodePlayContent: content,
        },
        { fields: { tree: "", nodePlayMode: "playMode", nodePlayContent: "content" } },
      );
      for (const [key, k] of entriesOf(keys, [...nodePath, "keys"]))
        checkKey(r, [...nodePath, "keys", key], key, k, treeKey, nodesByTree, queueNames);
      return { key: node.nodeName, path: [...nodePath, "nodeName"] };
    });
    r.unique(
      "nodeName",
      "node names must be unique within a tree: set a different nodeName on one of them.",
      nodeKeys,
    );
    return { key: inputs.treeName, path: [...path, "treeName"] };
  });
  r.unique(
    "treeName",
    "Stringee IVR tree names must be unique: set a different treeName on one of them.",
    treeKeys,
  );

  // numbers
  const numberKeys = numbers.map(([key, n]) => {
    const path = ["numbers", key];
    const { ivrMenu, queue, importId: _importId, ...fields } = n;
    const inputs = r.check(
      checkNumber,
      path,
      {
        ...fields,
        enableIvr: present(ivrMenu),
        ivrMenu: ref(ivrMenu, PLACEHOLDER.tree),
        queueId: ref(queue, PLACEHOLDER.queue),
      },
      {
        fields: { queueId: "queue", enableIvr: "ivrMenu" },
        phrases: [
          ["enableIvr is true", "ivrMenu is set"],
          ["enableIvr is false", "ivrMenu is not set"],
          ["set enableIvr to true to use an IVR menu", "set ivrMenu to use an IVR menu"],
        ],
      },
    );
    r.reference([...path, "ivrMenu"], ivrMenu, "ivrTrees", "IVR tree", treeNames);
    r.reference([...path, "queue"], queue, "queues", "queue", queueNames);
    return { key: inputs.number, path: [...path, "number"] };
  });
  r.unique(
    "number",
    "Stringee allows one Number per phone number: remove one of the two entries or change its number.",
    numberKeys,
  );

  // SIP phones
  const phoneKeys = phones.map(([key, p]) => {
    const path = ["sipPhones", key];
    const { passwordConfig, importId: _importId, ...fields } = p;
    const inputs = r.check(
      checkSipPhone,
      path,
      { ...fields, password: PLACEHOLDER.password },
      { fields: { password: "passwordConfig" } },
    );
    if (typeof passwordConfig === "string" && !CONFIG_KEY.test(passwordConfig)) {
      r.problems.push({
        path: [...path, "passwordConfig"],
        kind: "rule",
        message: `passwordConfig ${JSON.stringify(passwordConfig)} is not a stack config key name: use letters, digits, '_', '-' or '.' (for example deskPassword100), not the password itself; set the key with \`pulumi config set --secret <key> <password>\`.`,
      });
    }
    return { key: inputs.username, path: [...path, "username"] };
  });
  r.unique(
    "username",
    "Stringee allows one SIP phone per username: remove one of the two phones or change its username.",
    phoneKeys,
  );

  // blocked callers
  const blockedKeys = blacklist.map(([key, b]) => {
    const path = ["blacklist", key];
    const { importId: _importId, ...fields } = b;
    const inputs = r.check(checkBlacklistNumber, path, fields);
    return { key: inputs.number, path: [...path, "number"] };
  });
  r.unique(
    "number",
    "Stringee keeps one blacklist entry per number: remove one of the two entries or merge their flags.",
    blockedKeys,
  );

  // greeting files: the file is read by the resource at preview, not here (a spec may be read without its files)
  for (const [key, g] of greetings) r.check(checkGreetingDeclaration, ["greetings", key], g);

  // the call settings
  if (asMap(spec["callSettings"]) !== undefined) {
    const { importId: _importId, ...fields } = knownFields(spec["callSettings"], ["callSettings"]);
    r.check(checkCallSettings, ["callSettings"], fields);
  }

  return r.problems;
}

/** One key of an IVR node: the keypress rules, and where its queue or next node points. */
function checkKey(
  r: Rules,
  path: SpecPath,
  key: string,
  k: Raw,
  treeKey: string,
  nodesByTree: Map<string, string[]>,
  queueNames: readonly string[],
): void {
  const { queue, nextNode, importId: _importId, ...fields } = k;
  const renamed: Raw = {};
  for (const [f, v] of Object.entries(fields)) renamed[KEY_FIELD_TO_INPUT[f] ?? f] = v;
  r.check(
    checkIvrKeypress,
    path,
    {
      ...renamed,
      node: PLACEHOLDER.node,
      nodeKey: key,
      queueId: ref(queue, PLACEHOLDER.queue),
      nextNode: ref(nextNode, PLACEHOLDER.node),
    },
    {
      fields: {
        node: "",
        nodeKey: "",
        ...Object.fromEntries(Object.entries(KEY_FIELD_TO_INPUT).map(([s, i]) => [i, s])),
      },
      words: { nodeKey: "key" },
    },
  );
  r.reference([...path, "queue"], queue, "queues", "queue", queueNames);
  if (typeof nextNode !== "string" || nextNode === "") return;
  const own = nodesByTree.get(treeKey) ?? [];
  if (own.includes(nextNode)) return;
  const other = [...nodesByTree].find(([t, nodes]) => t !== treeKey && nodes.includes(nextNode));
  if (other === undefined) {
    r.reference([...path, "nextNode"], nextNode, `ivrTrees.${treeKey}.nodes`, "node", own);
    return;
  }
  r.problems.push({
    path: [...path, "nextNode"],
    kind: "rule",
    message:
      `nextNode "${nextNode}" is a node of IVR tree "${other[0]}", but a key can only go to a node of its own tree ("${treeKey}"); ` +
      `nodes of "${treeKey}": ${own.join(", ")}. Point nextNode at one of them, or move the node into this tree.`,
  });
}
