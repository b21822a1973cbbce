// Turns a contact-center spec (contact-center.<stack>.yaml) into resources. The spec names objects and
// refers to them by name; this is where names become resources and references become outputs, so Pulumi
// orders creates and deletes from the references. Resource names derive from spec names only, so editing a
// spec changes exactly the resources it touches.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Agent } from "../resources/agent";
import { BlacklistNumber } from "../resources/blacklistNumber";
import { CallSettings } from "../resources/callSettings";
import { GreetingFile } from "../resources/greetingFile";
import { Group } from "../resources/group";
import { GroupMember } from "../resources/groupMember";
import type { IvrNodeKey } from "../kinds/ivrKeypress";
import { IvrKeypress } from "../resources/ivrKeypress";
import { IvrNode } from "../resources/ivrNode";
import { IvrTree } from "../resources/ivrTree";
import { Number as StringeeNumber } from "../resources/number";
import { Queue } from "../resources/queue";
import { QueueGroupRouting } from "../resources/queueGroupRouting";
import { SipPhone } from "../resources/sipPhone";
import { LineCounter, parseDocument } from "yaml";
import { Locator } from "./locate";
import { SpecError, parseContactCenterSpec } from "./parse";
import { queueRoutings, type ContactCenterSpec, type PlayedSpec } from "./schema";

/** Options of {@link deployContactCenter}. */
export interface DeployContactCenterOptions {
  /**
   * Path of the spec. Default: stack config `specFile`, else `contact-center.<stack>.yaml`; relative paths
   * are resolved against the Pulumi project folder (where Pulumi.yaml is).
   */
  specFile?: string;
  /** Config that holds the SIP passwords named by `passwordConfig` (default: the project's config). */
  config?: pulumi.Config;
}

/** The resources created from a spec, by spec name. */
export interface DeployedContactCenter {
  /** Absolute path of the spec that was deployed. */
  specFile: string;
  /** Queues by name. */
  queues: Record<string, Queue>;
  /** Groups by name. */
  groups: Record<string, Group>;
  /** Agents by name. */
  agents: Record<string, Agent>;
  /** IVR trees by name. */
  ivrTrees: Record<string, IvrTree>;
  /** IVR nodes by `<tree>.<node>`. */
  ivrNodes: Record<string, IvrNode>;
  /** Numbers by name. */
  numbers: Record<string, StringeeNumber>;
  /** SIP phones by name. */
  sipPhones: Record<string, SipPhone>;
  /** Blocked callers by name. */
  blacklist: Record<string, BlacklistNumber>;
  /** Greeting files by name. */
  greetings: Record<string, GreetingFile>;
  /** The call settings, when the spec declares them. */
  callSettings?: CallSettings;
  /** Stringee ids by section and name, ready to export as stack outputs. */
  ids: Record<string, Record<string, pulumi.Output<string>>>;
}

/** Resolves the spec path from options, stack config and the stack name. */
export function resolveSpecFile(options: DeployContactCenterOptions = {}): string {
  const configured = options.specFile ?? new pulumi.Config().get("specFile");
  const file = configured ?? `contact-center.${pulumi.getStack()}.yaml`;
  return path.isAbsolute(file) ? file : path.resolve(pulumi.getRootDirectory(), file);
}

/**
 * Declares every object of the spec as a resource. The spec is validated first, completely: any problem
 * (with file, path and line) fails the program at preview, before any API call.
 */
export function deployContactCenter(options: DeployContactCenterOptions = {}): DeployedContactCenter {
  const specFile = resolveSpecFile(options);
  // Messages name the file as the user knows it: relative to the project folder.
  const shown = path.relative(pulumi.getRootDirectory(), specFile) || specFile;
  const config = options.config ?? new pulumi.Config();
  try {
    const text = readSpec(specFile, shown);
    const spec = parseContactCenterSpec(text, shown);
    checkPasswords(spec, text, shown, config);
    return declare(spec, specFile, config);
  } catch (err) {
    // A spec problem is the user's input, not a crash: print the problems without a stack trace.
    if (err instanceof SpecError) throw new pulumi.RunError(err.message);
    throw err;
  }
}

function checkPasswords(spec: ContactCenterSpec, text: string, file: string, config: pulumi.Config): void {
  const lineCounter = new LineCounter();
  const locator = new Locator(parseDocument(text, { lineCounter }), lineCounter);
  const problems = Object.entries(spec.sipPhones ?? {})
    .filter(([, phone]) => config.getSecret(phone.passwordConfig) === undefined)
    .map(([name, phone]) => ({
      file,
      ...locator.locate(["sipPhones", name, "passwordConfig"]),
      path: `sipPhones.${name}.passwordConfig`,
      message:
        `stack config key "${phone.passwordConfig}" is not set; set it with ` +
        `\`pulumi config set --secret ${phone.passwordConfig} <password>\``,
    }));
  if (problems.length > 0) throw new SpecError(problems);
}

function declare(spec: ContactCenterSpec, specFile: string, config: pulumi.Config): DeployedContactCenter {
  const out: DeployedContactCenter = {
    specFile,
    queues: {},
    groups: {},
    agents: {},
    ivrTrees: {},
    ivrNodes: {},
    numbers: {},
    sipPhones: {},
    blacklist: {},
    greetings: {},
    ids: {},
  };

  // Paths are relative to the spec: the repository's audio sits next to the spec that plays it.
  for (const [name, g] of Object.entries(spec.greetings ?? {})) {
    const { file, ...rest } = g;
    out.greetings[name] = new GreetingFile(name, {
      ...rest,
      file: file === undefined ? undefined : path.resolve(path.dirname(specFile), file),
    });
  }
  // What a queue or a node plays: a greeting of the spec by the name Stringee gave its upload, or the string.
  const play = (value: PlayedSpec | undefined) =>
    typeof value === "object" ? must(out.greetings, value.greeting).fileName : value;

  for (const [name, g] of Object.entries(spec.groups ?? {})) {
    out.groups[name] = new Group(name, { name: g?.name ?? name, importId: g?.importId });
  }

  for (const [name, q] of Object.entries(spec.queues ?? {})) {
    const { groups: _routings, name: queueName, waitGreeting, holdGreeting, ...settings } = q;
    const queue = new Queue(name, {
      ...settings,
      name: queueName ?? name,
      waitGreeting: play(waitGreeting),
      holdGreeting: play(holdGreeting),
    });
    out.queues[name] = queue;
    for (const r of queueRoutings(q)) {
      new QueueGroupRouting(`${name}->${r.group}`, {
        queueId: queue.stringeeId,
        groupId: must(out.groups, r.group).stringeeId,
        primaryGroup: r.primary,
        importId: r.importId,
      });
    }
  }

  for (const [name, a] of Object.entries(spec.agents ?? {})) {
    const { groups: memberOf, groupImportIds, ...args } = a;
    const agent = new Agent(name, args);
    out.agents[name] = agent;
    for (const g of memberOf ?? []) {
      // Named after agent and group: moving an agent creates the new membership and removes the old one.
      new GroupMember(`${name}@${g}`, {
        group: must(out.groups, g).stringeeId,
        agent: agent.stringeeId,
        importId: groupImportIds?.[g],
      });
    }
  }

  for (const [treeName, t] of Object.entries(spec.ivrTrees ?? {})) {
    const tree = new IvrTree(treeName, { treeName: t.treeName ?? treeName, importId: t.importId });
    out.ivrTrees[treeName] = tree;
    const nodes: Record<string, IvrNode> = {};
    let root: IvrNode | undefined;
    for (const [nodeName, n] of Object.entries(t.nodes ?? {})) {
      const { keys: _keys, nodeName: display, playMode, content, ...rest } = n;
      // The first node of a tree becomes its root: every other node waits for it.
      const node: IvrNode = new IvrNode(
        `${treeName}.${nodeName}`,
        {
          ...rest,
          tree: tree.stringeeId,
          nodeName: display ?? nodeName,
          nodePlayMode: playMode,
          nodePlayContent: play(content) as pulumi.Input<string>,
        },
        root ? { dependsOn: [root] } : undefined,
      );
      root ??= node;
      nodes[nodeName] = node;
      out.ivrNodes[`${treeName}.${nodeName}`] = node;
    }
    for (const [nodeName, n] of Object.entries(t.nodes ?? {})) {
      for (const [key, k] of Object.entries(n.keys ?? {})) {
        const { queue, nextNode, ...rest } = k;
        new IvrKeypress(`${treeName}.${nodeName}.${key}`, {
          ...rest,
          node: must(nodes, nodeName).stringeeId,
          nodeKey: key as IvrNodeKey,
          queueId: queue === undefined ? undefined : must(out.queues, queue).stringeeId,
          nextNode: nextNode === undefined ? undefined : must(nodes, nextNode).stringeeId,
        });
      }
    }
  }

  for (const [name, n] of Object.entries(spec.numbers ?? {})) {
    const { ivrMenu, queue, ...rest } = n;
    out.numbers[name] = new StringeeNumber(name, {
      ...rest,
      enableIvr: ivrMenu !== undefined,
      ivrMenu: ivrMenu === undefined ? undefined : must(out.ivrTrees, ivrMenu).stringeeId,
      queueId: queue === undefined ? undefined : must(out.queues, queue).stringeeId,
    });
  }

  for (const [name, p] of Object.entries(spec.sipPhones ?? {})) {
    const { passwordConfig, ...rest } = p;
    out.sipPhones[name] = new SipPhone(name, { ...rest, password: config.requireSecret(passwordConfig) });
  }

  for (const [name, b] of Object.entries(spec.blacklist ?? {}))
    out.blacklist[name] = new BlacklistNumber(name, b);

  if (spec.callSettings !== undefined)
    out.callSettings = new CallSettings("call-settings", spec.callSettings);

  out.ids = Object.fromEntries(
    (
      [
        "queues",
        "groups",
        "agents",
        "ivrTrees",
        "ivrNodes",
        "numbers",
        "sipPhones",
        "blacklist",
        "greetings",
      ] as const
    ).map((section) => [
      section,
      Object.fromEntries(Object.entries(out[section]).map(([name, r]) => [name, r.stringeeId])),
    ]),
  );
  return out;
}

function readSpec(file: string, shown: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist" : String(err);
    throw new SpecError([
      {
        file: shown,
        path: "",
        message:
          `cannot read the contact-center spec: ${reason}. Create it, or point the stack config \`specFile\` ` +
          `at it (pulumi config set specFile path/to/spec.yaml).`,
      },
    ]);
  }
}

/** Looks a name up; the parser has already checked every reference, so a miss is a bug here. */
function must<T>(map: Record<string, T>, name: string): T {
  const found = map[name];
  if (found === undefined)
    throw new Error(`stringee-pulumi: unresolved spec reference ${JSON.stringify(name)} (bug)`);
  return found;
}
