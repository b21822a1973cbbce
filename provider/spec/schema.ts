// The contact-center spec (contact-center.<stack>.yaml): one zod definition gives the TypeScript types, the
// structural validation and the JSON Schema editors use (scripts/generate-schema.ts). It describes the shape
// only: types, required fields, allowed values, unknown keys. The business rules (formats, ranges, lengths,
// which fields an action needs) live once, in the resources' check functions, which parse.ts runs on every
// object; descriptions here only mention them for the reader.
import { z } from "zod";
import type { AgentRoutingType } from "../kinds/agent";
import {
  ACTION_CODES,
  ACTION_FIELDS,
  IVR_NODE_KEYS,
  type IvrKeypressAction,
  type IvrNodeKey,
} from "../kinds/ivrKeypress";
import type { IvrNodePlayMode } from "../kinds/ivrNode";
import { KINDS, type ResourceKind } from "../kinds";
import type { QueueCondRouting, QueueSchedule } from "../kinds/queue";

// ---- names ----

/** What a spec name (a map key that other objects refer to) looks like. */
export const SPEC_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
/** IVR node names additionally must not be all digits: JavaScript would reorder them, and node order matters. */
export const NODE_NAME = /^(?!\d+$)[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
/** How to write a valid name, for messages. */
export const SPEC_NAME_HINT = "use 1-63 letters, digits, '-' or '_', starting with a letter or digit";

const specName = z.string().regex(SPEC_NAME);
const nodeName = z.string().regex(NODE_NAME);

// ---- allowed values (each list is checked against the resource's type at compile time) ----

/** Every TypeScript union member appears in the list (the list may not omit a value). */
type Exhaustive<List extends readonly unknown[], Union> = [Union] extends [List[number]] ? List : never;

/** The keys an IVR node can react to (the resource's own list). */
export const NODE_KEYS = IVR_NODE_KEYS;
const nodeKeys: Exhaustive<typeof NODE_KEYS, IvrNodeKey> = NODE_KEYS;

/** IVR keypress actions, in the order of the API's action codes. */
export const KEY_ACTIONS = Object.keys(ACTION_CODES) as [IvrKeypressAction, ...IvrKeypressAction[]];

const PLAY_MODES = ["talk", "play"] as const satisfies readonly IvrNodePlayMode[];
const playModes: Exhaustive<typeof PLAY_MODES, IvrNodePlayMode> = PLAY_MODES;
const SCHEDULES = [1, 2] as const satisfies readonly QueueSchedule[];
const schedules: Exhaustive<typeof SCHEDULES, QueueSchedule> = SCHEDULES;
const COND_ROUTINGS = ["app", "appOrSipPhone"] as const satisfies readonly QueueCondRouting[];
const condRoutings: Exhaustive<typeof COND_ROUTINGS, QueueCondRouting> = COND_ROUTINGS;
const ROUTING_TYPES = [1, 2] as const satisfies readonly AgentRoutingType[];
const routingTypes: Exhaustive<typeof ROUTING_TYPES, AgentRoutingType> = ROUTING_TYPES;

/**
 * Spec field of an IVR key → the IvrKeypress input it becomes (only where the names differ). parse.ts uses
 * it to run `checkIvrKeypress`; the descriptions below use it to say which actions use a field.
 */
export const KEY_FIELD_TO_INPUT: Readonly<Record<string, string>> = { queue: "queueId" };

function actionsUsing(specField: string): string {
  const input = KEY_FIELD_TO_INPUT[specField] ?? specField;
  return KEY_ACTIONS.filter((a) => (ACTION_FIELDS[a] as readonly string[]).includes(input)).join(", ");
}

// What each kind's importId takes comes from the kind's definition (the registry), as in the resource docs.
const importId = (kind: ResourceKind) =>
  z
    .string()
    .describe(
      `Id of an existing Stringee object (${KINDS[kind].importIdForm}) to adopt instead of creating one: the next \`pulumi up\` takes it under management and changes what differs from this spec.`,
    );
const phone = (what: string) =>
  z
    .string()
    .describe(
      `${what}: digits only with the country code, no '+' or spaces, quoted (for example "84986225112").`,
    );

// ---- objects ----

/** A greeting named in `greetings`: what a queue or an IVR node in play mode plays. */
const greetingRef = z
  .object({
    greeting: z.string().describe("Name of a greeting under `greetings` (its uploaded file is played)."),
  })
  .strict();

/** A queue greeting: a greeting of the spec by name, or the name of a file already uploaded to Stringee. */
const queueGreeting = (what: string) =>
  z
    .union([
      z.string().describe("The name Stringee gave an uploaded file (at most 1000 characters)."),
      greetingRef,
    ])
    .describe(
      `${what}: \`{ greeting: <name> }\` plays a greeting of the \`greetings\` section; a plain string is the name of a file already uploaded to Stringee.`,
    );

const queueRouting = z
  .object({
    group: z.string().describe("Name of a group under `groups` whose agents this queue rings."),
    primary: z
      .boolean()
      .optional()
      .describe(
        "Whether this is the queue's primary group. At most one group per queue; when none is marked, the first group listed is primary.",
      ),
    importId: importId("queueGroupRouting").optional(),
  })
  .strict()
  .describe("One group this queue routes calls to.");

const queue = z
  .object({
    name: z
      .string()
      .optional()
      .describe("Queue name shown in Stringee (at most 100 characters, unique). Default: the map key."),
    recordCalls: z.boolean().optional().describe("Record the calls of this queue."),
    agentWrapUpAfterCalls: z.boolean().optional().describe("Give agents wrap-up time after each call."),
    wrapUpTimeLimit: z.int().optional().describe("Wrap-up time limit in seconds (0 to 3600)."),
    schedule: z
      .literal(schedules)
      .optional()
      .describe("When the queue takes calls: 1 = always, 2 = according to its schedule."),
    waitAgentAnswerTimeout: z.int().optional().describe("Seconds to wait for an agent to answer (3 to 600)."),
    waitGreeting: queueGreeting("Greeting played while callers wait").optional(),
    holdGreeting: queueGreeting("Music played while callers are on hold").optional(),
    maximumQueueSize: z.int().optional().describe("Maximum number of waiting callers (0 to 10000)."),
    maximumQueueWaitTime: z.int().optional().describe("Maximum wait in seconds (0 to 86400)."),
    fromNumberCalloutToAgent: phone(
      "Stringee number used as caller id when calling agents on their own phones (agents with routingType 2)",
    ).optional(),
    getListAgentsUrl: z
      .string()
      .optional()
      .describe(
        "http(s) URL Stringee asks for the list of agents; when set, it replaces the groups routed to this queue.",
      ),
    condRouting: z
      .enum(condRoutings)
      .optional()
      .describe(
        'Which agents are offered calls: "app" (online in the web or mobile app, Stringee\'s default) or "appOrSipPhone" (also on a SIP phone).',
      ),
    groups: z
      .array(queueRouting)
      .optional()
      .describe(
        "Groups this queue rings, in order. The primary group is the one with `primary: true`, else the first.",
      ),
    importId: importId("queue").optional(),
  })
  .strict();

const group = z
  .object({
    name: z
      .string()
      .optional()
      .describe("Group name shown in Stringee (at most 100 characters, unique). Default: the map key."),
    importId: importId("group").optional(),
  })
  .strict();

const agentGroup = z.union([
  z.string().describe("Name of a group under `groups`."),
  z
    .object({
      group: z.string().describe("Name of a group under `groups`."),
      importId: importId("groupMember").optional(),
    })
    .strict()
    .describe("A membership to adopt: the group's name and the existing membership's id."),
]);

const agent = z
  .object({
    name: z
      .string()
      .optional()
      .describe("Display name of the agent (at most 100 characters). Default: the map key."),
    stringeeUserId: z
      .string()
      .describe(
        "The Stringee user id the agent signs in with: 1-64 letters, digits, '_', '.', '@' or '-'; one agent per user id.",
      ),
    manualStatus: z
      .string()
      .optional()
      .describe(
        "Initial manual status (for example AVAILABLE or NOT AVAILABLE). Sent on create and when changed here; agents change it themselves at run time.",
      ),
    routingType: z
      .literal(routingTypes)
      .optional()
      .describe(
        "How calls reach the agent: 1 (default) = the Stringee app or a SIP phone, 2 = phoneNumber (the queue needs fromNumberCalloutToAgent).",
      ),
    phoneNumber: phone(
      "The agent's phone number; required when routingType is 2, refused otherwise",
    ).optional(),
    groups: z
      .array(agentGroup)
      .optional()
      .describe(
        "Names of the groups (under `groups`) the agent belongs to; each at most once. A membership that already exists in Stringee can be adopted with `{ group: <name>, importId: <group id>/<agent id> }`.",
      ),
    importId: importId("agent").optional(),
  })
  .strict()
  // Memberships written as `{ group, importId }` become plain names plus `groupImportIds`, so readers of a
  // parsed spec see one shape.
  .transform(({ groups, ...a }) => {
    const ids = Object.fromEntries(
      (groups ?? []).flatMap((g) =>
        typeof g === "string" || g.importId === undefined ? [] : [[g.group, g.importId] as const],
      ),
    );
    return {
      ...a,
      groups: groups?.map((g) => (typeof g === "string" ? g : g.group)),
      ...(Object.keys(ids).length > 0 ? { groupImportIds: ids as Record<string, string> } : {}),
    };
  });

const ivrKey = z
  .object({
    action: z
      .enum(KEY_ACTIONS)
      .describe(
        "What the key does: routeToQueue (needs queue), forwardToPhone (needs toPhoneNumber and fromNumberCalloutToAgent), nextNode (needs nextNode), stopCall, voicemail, sms (needs sms).",
      ),
    queue: z
      .string()
      .optional()
      .describe(
        `Name of a queue under \`queues\` that receives the call. Used by action ${actionsUsing("queue")}.`,
      ),
    nextNode: z
      .string()
      .optional()
      .describe(`Name of a node of the same IVR tree to go to. Used by action ${actionsUsing("nextNode")}.`),
    toPhoneNumber: phone(
      `Phone number to forward to. Used by action ${actionsUsing("toPhoneNumber")}`,
    ).optional(),
    fromNumberCalloutToAgent: phone(
      `Stringee number used as caller id when forwarding. Used by action ${actionsUsing("fromNumberCalloutToAgent")}`,
    ).optional(),
    sms: z
      .string()
      .optional()
      .describe(
        `SMS text sent to the caller (at most 500 characters). Used by action ${actionsUsing("sms")}.`,
      ),
    importId: importId("ivrKeypress").optional(),
  })
  .strict()
  .describe("What happens when the caller presses this key.");

const ivrNode = z
  .object({
    nodeName: z
      .string()
      .optional()
      .describe(
        "Node name shown in Stringee (at most 100 characters, unique in its tree). Default: the map key.",
      ),
    playMode: z
      .enum(playModes)
      .describe("talk: read `content` with text-to-speech; play: play the audio file `content` names."),
    content: z
      .union([
        z
          .string()
          .describe(
            "The text to speak (playMode talk, at most 4000 characters), or with playMode play the name of a file already uploaded to Stringee or an http(s) URL of the audio.",
          ),
        greetingRef,
      ])
      .describe(
        "What the node says: text (playMode talk) or, with playMode play, `{ greeting: <name> }` for a greeting of the `greetings` section (or an uploaded file's name, or an audio URL).",
      ),
    bargeIn: z.boolean().optional().describe("Whether a key press interrupts the message."),
    loopCount: z.int().optional().describe("How many times the message repeats (1 to 10)."),
    sched: z.int().optional().describe("Schedule id (0: none)."),
    voice: z.string().optional().describe("Text-to-speech voice."),
    speed: z.int().optional().describe("Speech speed, -3 (slowest) to 3 (fastest)."),
    keypressTimeout: z.int().optional().describe("Seconds to wait for a key (1 to 60)."),
    keys: z
      .partialRecord(z.enum(nodeKeys), ivrKey)
      .optional()
      .describe(
        'What each key does: "0"-"9", "*", "#" (quote them), EMPTY_KEY (no key before the timeout), INVALID_KEY (any other key).',
      ),
    importId: importId("ivrNode").optional(),
  })
  .strict();

const ivrTree = z
  .object({
    treeName: z
      .string()
      .optional()
      .describe("Tree name shown in Stringee (at most 100 characters, unique). Default: the map key."),
    nodes: z
      .record(nodeName, ivrNode)
      .describe(
        "The menus of the tree, by name (not all digits). Order matters: the first node is created first and becomes the root, the menu callers hear first.",
      ),
    importId: importId("ivrTree").optional(),
  })
  .strict();

const number = z
  .object({
    number: phone("The phone number bought from the Stringee dashboard; one entry per phone number"),
    nickname: z.string().optional().describe("Display name of the number (at most 100 characters)."),
    allowOutboundCalls: z.boolean().describe("Whether agents may place outbound calls from this number."),
    ivrMenu: z
      .string()
      .optional()
      .describe(
        "Name of an IVR tree under `ivrTrees` that answers the calls. Set ivrMenu or queue, not both.",
      ),
    queue: z
      .string()
      .optional()
      .describe(
        "Name of a queue under `queues` that receives the calls directly. Set ivrMenu or queue, not both.",
      ),
    recordOutboundCalls: z
      .boolean()
      .optional()
      .describe("Whether outbound calls are recorded (default false)."),
    importId: importId("number").optional(),
  })
  .strict();

const sipPhone = z
  .object({
    username: z
      .string()
      .describe(
        "SIP username without the project prefix, quoted (\"100\"): 1-64 letters, digits, '.', '-' or '_'. Changing it replaces the phone.",
      ),
    passwordConfig: z
      .string()
      .describe(
        "Name of the SECRET stack config key that holds the SIP password (6-64 characters); set it with `pulumi config set --secret <key> <password>`.",
      ),
    extension: z.int().optional().describe("Extension number of the phone (1 to 99999999)."),
    importId: importId("sipPhone").optional(),
  })
  .strict();

const callSettings = z
  .object({
    getCustomerInfoUrl: z
      .string()
      .optional()
      .describe("http(s) URL Stringee asks for a caller's details when a call comes in."),
    getCustomerInfoTimeout: z
      .int()
      .optional()
      .describe(
        "How long Stringee waits for those details, in milliseconds (1 to 60000; Stringee's default 2000).",
      ),
    eventUrl: z
      .string()
      .optional()
      .describe("http(s) URL Stringee sends call events to (call logs, reports)."),
    calloutAnswerUrl: z.string().optional().describe("http(s) answer URL of call-outs."),
    importId: importId("callSettings").optional(),
  })
  .strict();

const blacklisted = z
  .object({
    number: phone("The caller's number to block; one entry per number"),
    ivrBlocked: z.boolean().optional().describe("Block the number's calls in the IVR (default true)."),
    queueBlocked: z.boolean().optional().describe("Block the number's calls in queues (default true)."),
    importId: importId("blacklistNumber").optional(),
  })
  .strict();

const greeting = z
  .object({
    file: z
      .string()
      .optional()
      .describe(
        "Path of the WAV or MP3 file (at most 5 MiB), relative to this spec file. A new content uploads the file again. Left out with importId, the upload is adopted as it is.",
      ),
    description: z
      .string()
      .optional()
      .describe("Description kept with the upload in Stringee (one line, at most 150 characters)."),
    importId: importId("greetingFile").optional(),
  })
  .strict();

// ---- the spec ----

/** Fills `field` with the map key where it is not set: the key is the default display name. */
function withDefaultName<F extends string, T extends Partial<Record<F, string>>>(field: F) {
  return (entries: Record<string, T>) =>
    Object.fromEntries(
      Object.entries(entries).map(([key, v]) => [key, { ...v, [field]: v[field] ?? key }]),
    ) as Record<string, T & Record<F, string>>;
}

const ivrTreeWithNames = ivrTree.transform((t) => ({
  ...t,
  nodes: withDefaultName<"nodeName", z.output<typeof ivrNode>>("nodeName")(t.nodes),
}));

/** A top-level section: optional, and an empty section (`queues:` with every entry commented out) is no section. */
function section<T extends z.ZodType>(entries: T, description: string) {
  return entries
    .nullable()
    .transform((v) => v ?? undefined)
    .optional()
    .describe(`${description} An empty section is allowed.`);
}

/** The contact-center spec: every section optional, every object keyed by the name others refer to it by. */
export const contactCenterSpecSchema = z
  .object({
    $schema: z.string().optional().describe("JSON Schema of this file, for editors."),
    queues: section(
      z
        .record(
          specName,
          queue
            .nullable()
            .transform((q) => q ?? {})
            .describe("A call queue; null means all defaults."),
        )
        .transform(withDefaultName("name")),
      "Call queues, by name. Numbers and IVR keys route callers to them; they ring groups.",
    ),
    groups: section(
      z
        .record(
          specName,
          group
            .nullable()
            .transform((g) => g ?? {})
            .describe("A group of agents; null means all defaults."),
        )
        .transform(withDefaultName("name")),
      "Groups of agents, by name. Queues ring them; agents belong to them.",
    ),
    agents: section(
      z.record(specName, agent.describe("A contact-center agent.")).transform(withDefaultName("name")),
      "Agents, by name.",
    ),
    ivrTrees: section(
      z
        .record(specName, ivrTreeWithNames.describe("An IVR menu tree."))
        .transform(withDefaultName("treeName")),
      "IVR menu trees, by name. Numbers answer calls with them (ivrMenu).",
    ),
    numbers: section(
      z.record(specName, number.describe("A contact-center phone number and where its calls go.")),
      "Phone numbers, by name.",
    ),
    sipPhones: section(
      z.record(specName, sipPhone.describe("A SIP account for a desk phone.")),
      "SIP phones, by name.",
    ),
    blacklist: section(
      z.record(specName, blacklisted.describe("A caller Stringee blocks.")),
      "Blocked callers, by name.",
    ),
    greetings: section(
      z.record(specName, greeting.describe("An audio file uploaded for queues and IVR nodes.")),
      "Greeting files, by name. Queues (waitGreeting, holdGreeting) and IVR nodes in play mode (content) play them by name.",
    ),
    callSettings: section(
      callSettings.describe(
        "The project's call settings. Settings left out are not managed; removing the section from a deployed spec puts the declared settings back to Stringee's defaults.",
      ),
      "The project's call settings (one per project, so one stack should declare them).",
    ),
  })
  .strict()
  .describe(
    "Stringee contact-center spec: queues, groups, agents, IVR trees, numbers, SIP phones, blocked callers, greeting files and the call settings.",
  );

/**
 * A parsed, valid spec. Display names default to the map key, so `name`, `treeName` and `nodeName` are always
 * set; `groups` and `queues` entries written as null are empty objects.
 */
export type ContactCenterSpec = z.infer<typeof contactCenterSpecSchema>;
/** What a spec file contains before parsing (display names optional, null entries allowed). */
export type ContactCenterSpecInput = z.input<typeof contactCenterSpecSchema>;

/** A queue (`queues.<name>`); `name` defaults to the key. */
export type QueueSpec = NonNullable<ContactCenterSpec["queues"]>[string];
/** One routing of a queue to a group (`queues.<name>.groups[i]`). */
export type QueueRoutingSpec = z.infer<typeof queueRouting>;
/** A group of agents (`groups.<name>`); `name` defaults to the key. */
export type GroupSpec = NonNullable<ContactCenterSpec["groups"]>[string];
/**
 * An agent (`agents.<name>`); `name` defaults to the key. `groups` are names; the ids of memberships to adopt
 * are in `groupImportIds`, by group name.
 */
export type AgentSpec = NonNullable<ContactCenterSpec["agents"]>[string];
/** An IVR tree (`ivrTrees.<name>`); `treeName` defaults to the key; `nodes` keeps the file's order. */
export type IvrTreeSpec = NonNullable<ContactCenterSpec["ivrTrees"]>[string];
/** An IVR node (`ivrTrees.<tree>.nodes.<name>`); `nodeName` defaults to the key. */
export type IvrNodeSpec = IvrTreeSpec["nodes"][string];
/** What a key of an IVR node does (`….nodes.<node>.keys.<key>`). */
export type IvrKeySpec = z.infer<typeof ivrKey>;
/** A phone number (`numbers.<name>`); the IVR is enabled exactly when `ivrMenu` is set. */
export type NumberSpec = NonNullable<ContactCenterSpec["numbers"]>[string];
/** A SIP phone (`sipPhones.<name>`); the password comes from the secret config key `passwordConfig`. */
export type SipPhoneSpec = NonNullable<ContactCenterSpec["sipPhones"]>[string];
/** A blocked caller (`blacklist.<name>`). */
export type BlacklistSpec = NonNullable<ContactCenterSpec["blacklist"]>[string];
/** A greeting file (`greetings.<name>`); `file` is relative to the spec file. */
export type GreetingSpec = NonNullable<ContactCenterSpec["greetings"]>[string];
/** The call settings (`callSettings`). */
export type CallSettingsSpec = NonNullable<ContactCenterSpec["callSettings"]>;
/** What a queue or an IVR node plays: a greeting of the spec by name, or a string (text, file name, URL). */
export type PlayedSpec = string | { greeting: string };

/** The greeting a played value names, if it names one. */
export function greetingOf(value: PlayedSpec | undefined): string | undefined {
  return typeof value === "object" ? value.greeting : undefined;
}

/**
 * The routings of a queue with the primary group decided: the entry with `primary: true`, else the first.
 * (A valid spec has at most one `primary: true` per queue.)
 */
export function queueRoutings(q: QueueSpec): { group: string; primary: boolean; importId?: string }[] {
  const routings = q.groups ?? [];
  const marked = routings.findIndex((r) => r.primary === true);
  const primary = marked >= 0 ? marked : 0;
  return routings.map((r, i) => ({
    group: r.group,
    primary: i === primary,
    ...(r.importId === undefined ? {} : { importId: r.importId }),
  }));
}
