// stringee.Queue without sockets: check (table-driven rules, canonical inputs, unknown and snake_case
// properties, the preview marker), diff (never needs the API; optional settings left undeclared are
// not managed, so the API's defaults in state never diff), the lifecycle over the real client answered
// in-process by the emulator in both readings, the serialized provider, and program-side uniqueness of
// the name under Pulumi's mocks.
import * as pulumi from "@pulumi/pulumi";
import { Lifecycle, UNKNOWN, alreadyExistsMessage } from "../../../provider/kinds/framework";
import { Group } from "../../../provider/resources/group";
import { QUEUE_DEFAULTS as DOCUMENTED, checkQueue, queueDefinition } from "../../../provider/kinds/queue";
import { Queue } from "../../../provider/resources/queue";
import { emulatedStringee, emulatorDefaults, listedIn, type EmulatedStringee } from "./emulatedClient";
import { naturalKeyConflict } from "./naturalKeys";

// Stringee's documented defaults (the emulator's) as the resource reports them: cond_routing 1 is named "app".
const QUEUE_DEFAULTS = { ...emulatorDefaults("queue"), condRouting: "app" } as const;

type Props = Record<string, unknown>;

interface RuleCase {
  rule: string;
  raw: Props;
  property: string;
  mentions: string[];
}

const ARGS: Props = { name: "Sales" };
const DIGITS_HINT = "digits only with the country code";

describe("Queue check", () => {
  const rules: RuleCase[] = [
    { rule: "name is required", raw: {}, property: "name", mentions: ["Queue requires name"] },
    {
      rule: "an empty name is refused as missing",
      raw: { name: "" },
      property: "name",
      mentions: ["Queue requires name"],
    },
    {
      rule: "a name longer than 100 characters is refused",
      raw: { name: "q".repeat(101) },
      property: "name",
      mentions: ["at most 100 characters", "got 101"],
    },
    {
      rule: "name must be a string",
      raw: { name: ["Sales"] },
      property: "name",
      mentions: ["must be a string", "a list"],
    },
    ...(["recordCalls", "agentWrapUpAfterCalls"] as const).map((property) => ({
      rule: `${property} must be a boolean (1 is not accepted)`,
      raw: { ...ARGS, [property]: 1 },
      property,
      mentions: ["must be true or false", "got 1"],
    })),
    {
      rule: "condRouting takes its named values, not Stringee's numbers",
      raw: { ...ARGS, condRouting: 2 },
      property: "condRouting",
      mentions: ['one of "app", "appOrSipPhone"', "got 2"],
    },
    ...(
      [
        ["wrapUpTimeLimit", -1, 0, 3600],
        ["wrapUpTimeLimit", 3601, 0, 3600],
        ["waitAgentAnswerTimeout", 2, 3, 600],
        ["waitAgentAnswerTimeout", 601, 3, 600],
        ["maximumQueueSize", 10_001, 0, 10_000],
        ["maximumQueueWaitTime", 86_401, 0, 86_400],
        ["maximumQueueWaitTime", -5, 0, 86_400],
      ] as const
    ).map(([property, value, min, max]) => ({
      rule: `${property} ${value} is out of range`,
      raw: { ...ARGS, [property]: value },
      property,
      mentions: [`must be between ${min} and ${max}`, `got ${value}`],
    })),
    ...(
      ["wrapUpTimeLimit", "waitAgentAnswerTimeout", "maximumQueueSize", "maximumQueueWaitTime"] as const
    ).map((property) => ({
      rule: `${property} must be an integer`,
      raw: { ...ARGS, [property]: 1.5 },
      property,
      mentions: ["must be an integer", "got 1.5"],
    })),
    ...[0, 3, "always"].map((schedule) => ({
      rule: `schedule ${JSON.stringify(schedule)} is refused`,
      raw: { ...ARGS, schedule },
      property: "schedule",
      mentions: ["must be one of 1, 2", `got ${typeof schedule === "string" ? `"${schedule}"` : schedule}`],
    })),
    ...["+84986225112", "12", "0986225112"].map((bad) => ({
      rule: `fromNumberCalloutToAgent ${JSON.stringify(bad)} is refused`,
      raw: { ...ARGS, fromNumberCalloutToAgent: bad },
      property: "fromNumberCalloutToAgent",
      mentions: [JSON.stringify(bad), "is not valid", DIGITS_HINT, "84986225112"],
    })),
    ...["ftp://agents.example.com", "agents.example.com", "https://has space"].map((bad) => ({
      rule: `getListAgentsUrl ${JSON.stringify(bad)} is refused`,
      raw: { ...ARGS, getListAgentsUrl: bad },
      property: "getListAgentsUrl",
      mentions: ["is not valid", "use an http(s) URL"],
    })),
    {
      rule: "getListAgentsUrl longer than 1000 characters is refused",
      raw: { ...ARGS, getListAgentsUrl: `https://x/${"a".repeat(1000)}` },
      property: "getListAgentsUrl",
      mentions: ["at most 1000 characters"],
    },
    {
      rule: "condRouting is no longer a boolean: the message names both values and what getListAgentsUrl does",
      raw: { ...ARGS, condRouting: true },
      property: "condRouting",
      mentions: ['"app"', '"appOrSipPhone"', "not a boolean", "whenever that URL is set"],
    },
    ...(["waitGreeting", "holdGreeting"] as const).map((property) => ({
      rule: `${property} longer than 1000 characters is refused`,
      raw: { ...ARGS, [property]: "g".repeat(1001) },
      property,
      mentions: ["at most 1000 characters", "got 1001"],
    })),
    ...(
      [
        ["record_calls", "recordCalls"],
        ["wrap_up_time_limit", "wrapUpTimeLimit"],
        ["get_list_agents_url", "getListAgentsUrl"],
        ["cond_routing", "condRouting"],
      ] as const
    ).map(([snake, camel]) => ({
      rule: `the API's snake_case name ${snake} is refused with a hint`,
      raw: { ...ARGS, [snake]: 1 },
      property: snake,
      mentions: [`Queue has no property ${snake}`, `Did you mean ${camel}?`, "camelCase"],
    })),
    {
      rule: "a typo is refused and the known properties are listed",
      raw: { ...ARGS, recordCall: true },
      property: "recordCall",
      mentions: [
        "Queue has no property recordCall",
        "Known properties:",
        "name",
        "recordCalls",
        "condRouting",
      ],
    },
  ];
  it.each(rules)("$rule", (c) => {
    const failures = checkQueue(c.raw).failures;
    expect(failures.map((f) => f.property)).toEqual([c.property]);
    const reason = failures[0]!.reason;
    expect(reason).toContain(c.property);
    for (const text of c.mentions) expect(reason).toContain(text);
  });

  it("canonicalises valid inputs: trimmed strings, digit text as integers, nothing undeclared filled in", () => {
    expect(
      checkQueue({
        name: " Sales ",
        wrapUpTimeLimit: "30",
        schedule: 2,
        waitGreeting: " Please wait ",
        fromNumberCalloutToAgent: " 842873000111 ",
        getListAgentsUrl: " https://crm.example.com/agents ",
        condRouting: "appOrSipPhone",
      }),
    ).toEqual({
      inputs: {
        name: "Sales",
        wrapUpTimeLimit: 30,
        schedule: 2,
        waitGreeting: "Please wait",
        fromNumberCalloutToAgent: "842873000111",
        getListAgentsUrl: "https://crm.example.com/agents",
        condRouting: "appOrSipPhone",
      },
      failures: [],
    });
  });

  it("leaves every undeclared setting undefined (Stringee's defaults apply)", () => {
    const { inputs, failures } = checkQueue({ name: "Sales" });
    expect(failures).toEqual([]);
    expect(Object.entries(inputs).filter(([, v]) => v !== undefined)).toEqual([["name", "Sales"]]);
  });

  it("accepts the bounds of every range", () => {
    for (const raw of [
      { wrapUpTimeLimit: 0, waitAgentAnswerTimeout: 3, maximumQueueSize: 0, maximumQueueWaitTime: 0 },
      {
        wrapUpTimeLimit: 3600,
        waitAgentAnswerTimeout: 600,
        maximumQueueSize: 10_000,
        maximumQueueWaitTime: 86_400,
      },
    ])
      expect(checkQueue({ ...ARGS, ...raw }).failures).toEqual([]);
  });

  it("never judges values unknown at preview", () => {
    const raw: Props = { name: UNKNOWN };
    for (const f of queueDefinition.diffed) raw[f] = UNKNOWN;
    expect(checkQueue(raw).failures).toEqual([]);
    // An agent list URL unknown at preview counts as set.
    expect(checkQueue({ ...ARGS, condRouting: UNKNOWN, getListAgentsUrl: UNKNOWN }).failures).toEqual([]);
  });

  const noClient = () => {
    throw new Error("check must not need a client");
  };

  it("Lifecycle.check returns compact canonical inputs and keeps a string importId", () => {
    const result = new Lifecycle(queueDefinition, noClient).check({
      name: " Sales ",
      importId: "QU_1",
      __provider: "serialized provider text",
    });
    expect(result).toEqual({ inputs: { name: "Sales", importId: "QU_1" }, failures: [] });
  });

  it("Lifecycle.check refuses an importId that is not a string", () => {
    expect(new Lifecycle(queueDefinition, noClient).check({ ...ARGS, importId: 7 }).failures).toEqual([
      { property: "importId", reason: "importId must be a Stringee id string; got 7." },
    ]);
  });
});

// ---- diff ----

const offline = new Lifecycle(queueDefinition, () => {
  throw new Error("no client in diff");
});
const news = (raw: Props): Props => {
  const result = offline.check(raw);
  expect(result.failures).toEqual([]);
  return result.inputs as Props;
};
/** The API's defaults without the declared `fields`: what the `apiDefaults` output reports. */
const defaultsWithout = (...fields: string[]): Props =>
  Object.fromEntries(Object.entries(QUEUE_DEFAULTS).filter(([k]) => !fields.includes(k)));
/** What state holds after creating `{ name: "Sales" }`: the API's defaults are reported apart. */
const STATE: Props = { name: "Sales", stringeeId: "QU_H7CFNKKKUGYG5N2R", apiDefaults: { ...QUEUE_DEFAULTS } };
/** A state where the API's defaults sit next to the declared fields (as an older provider stored them). */
const FLAT_STATE: Props = { name: "Sales", ...QUEUE_DEFAULTS, stringeeId: "QU_H7CFNKKKUGYG5N2R" };
const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false, stables: ["stringeeId"] };
const UPDATE = { changes: true, replaces: [], deleteBeforeReplace: false, stables: ["stringeeId"] };

describe("Queue diff", () => {
  it.each([
    ["reported apart", STATE],
    ["next to the declared fields", FLAT_STATE],
  ])("no change when state holds the API's defaults %s for settings left undeclared", (_how, state) => {
    expect(offline.diff(state, news(ARGS))).toEqual(NO_CHANGE);
    expect(offline.diff(state, news({ ...ARGS, importId: "QU_H7CFNKKKUGYG5N2R" })).changes).toBe(false);
  });

  it("no change when an undeclared setting was changed in Stringee (it is not managed)", () => {
    const drifted = { ...FLAT_STATE, recordCalls: false, maximumQueueSize: 50, waitGreeting: "Hold on" };
    expect(offline.diff(drifted, news(ARGS))).toEqual(NO_CHANGE);
  });

  it("no change when a declared setting equals the value in state", () => {
    const state = { ...STATE, recordCalls: true, schedule: 1 };
    expect(offline.diff(state, news({ ...ARGS, recordCalls: true, schedule: 1 }))).toEqual(NO_CHANGE);
    expect(offline.diff(FLAT_STATE, news({ ...ARGS, recordCalls: true, schedule: 1 }))).toEqual(NO_CHANGE);
  });

  it("no change for equivalent spellings: trimmed name, digit text for integers", () => {
    const state = { ...STATE, wrapUpTimeLimit: 10 };
    expect(offline.diff(state, news({ name: " Sales ", wrapUpTimeLimit: "10" }))).toEqual(NO_CHANGE);
  });

  it("no change when a setting was never declared, whatever state holds for it (it is not managed)", () => {
    const state = { ...STATE, recordCalls: false, wrapUpTimeLimit: 45 };
    expect(offline.diff(state, news(ARGS))).toEqual(NO_CHANGE);
    expect(offline.check(ARGS, { name: "Sales" }).inputs).toEqual(ARGS);
  });

  it("a setting that stops being declared goes back to Stringee's default: check fills it in, diff sees an update", () => {
    const declared = { name: "Sales", recordCalls: false, wrapUpTimeLimit: 45, condRouting: "appOrSipPhone" };
    const cleared = offline.check(ARGS, declared);
    expect(cleared).toEqual({
      inputs: {
        name: "Sales",
        recordCalls: true,
        wrapUpTimeLimit: 10,
        condRouting: "app",
        resetToDefaults: ["recordCalls", "wrapUpTimeLimit", "condRouting"],
      },
      failures: [],
    });
    expect(offline.diff({ ...STATE, ...declared }, cleared.inputs)).toEqual(UPDATE);
    // Once done (the state no longer declares them), the same inputs are no change: refresh compares them too,
    // also for a setting the strict list does not show (maximumQueueSize, not in the reported defaults).
    expect(offline.diff(STATE, cleared.inputs)).toEqual(NO_CHANGE);
    const unseen = offline.check(ARGS, { name: "Sales", maximumQueueSize: 50 }).inputs;
    expect(offline.diff({ ...STATE, maximumQueueSize: 50 }, unseen)).toEqual(UPDATE);
    expect(
      offline.diff({ name: "Sales", stringeeId: "QU_H7CFNKKKUGYG5N2R", apiDefaults: {} }, unseen),
    ).toEqual(NO_CHANGE);
  });

  it("a text setting that stops being declared is cleared: null in the inputs, an update while state has a value", () => {
    const declared = {
      name: "Sales",
      waitGreeting: "Please wait",
      getListAgentsUrl: "https://crm.example.com/a",
    };
    const cleared = offline.check(ARGS, declared).inputs;
    expect(cleared).toEqual({
      name: "Sales",
      waitGreeting: null,
      getListAgentsUrl: null,
      resetToDefaults: ["waitGreeting", "getListAgentsUrl"],
    });
    expect(offline.diff({ ...STATE, ...declared }, cleared)).toEqual(UPDATE);
    expect(offline.diff(STATE, cleared)).toEqual(NO_CHANGE);
  });

  it("a setting that stops being declared while it holds the default is simply no longer managed", () => {
    const declared = { name: "Sales", recordCalls: true, waitGreeting: null, condRouting: "app" };
    expect(offline.check(ARGS, declared).inputs).toEqual(ARGS);
    expect(offline.diff({ ...STATE, recordCalls: true, condRouting: "app" }, news(ARGS))).toEqual(NO_CHANGE);
  });

  it("the documented defaults are the queue page's (the emulator's, written independently)", () => {
    const notNull = Object.fromEntries(Object.entries(DOCUMENTED).filter(([, v]) => v !== null));
    expect(notNull).toEqual(QUEUE_DEFAULTS);
    for (const [field, value] of Object.entries(DOCUMENTED))
      if (value === null) expect(QUEUE_DEFAULTS).not.toHaveProperty(field);
  });

  it("a rename is an in-place update, never a replacement", () => {
    expect(offline.diff(STATE, news({ name: "Support" }))).toEqual(UPDATE);
  });

  it.each([
    ["recordCalls", { recordCalls: false }],
    ["agentWrapUpAfterCalls", { agentWrapUpAfterCalls: false }],
    ["wrapUpTimeLimit", { wrapUpTimeLimit: 30 }],
    ["schedule", { schedule: 2 }],
    ["waitAgentAnswerTimeout", { waitAgentAnswerTimeout: 20 }],
    ["waitGreeting", { waitGreeting: "Please wait" }],
    ["holdGreeting", { holdGreeting: "On hold" }],
    ["maximumQueueSize", { maximumQueueSize: 6 }],
    ["maximumQueueWaitTime", { maximumQueueWaitTime: 120 }],
    ["fromNumberCalloutToAgent", { fromNumberCalloutToAgent: "842873000111" }],
    ["condRouting", { condRouting: "appOrSipPhone" }],
  ])("declaring a %s that differs from state is an in-place update", (_what, extra) => {
    expect(offline.diff(FLAT_STATE, news({ ...ARGS, ...extra }))).toEqual(UPDATE);
  });
});

// ---- lifecycle over the real client and the emulator ----

// The apiDefaults output is what the list shows: the strict reading lists fewer settings than the lenient one.
describe.each(["strict", "lenient"] as const)("Queue lifecycle (%s reading)", (reading) => {
  let emu: EmulatedStringee;
  beforeEach(() => {
    emu = emulatedStringee({ reading });
  });
  const lc = new Lifecycle(queueDefinition, () => emu.client);
  // The emulator fills in the defaults of the settings a seed leaves out, as a create does.
  const seed = (extra: Props = {}) => emu.seed("queue", { id: "QU_EXISTING", name: "Sales", ...extra });
  /** The settings of `values` that this reading's list shows. */
  const listed = (values: Props) => listedIn(reading, "queue", values);
  /** State after creating `ARGS` plus the declared `extra`. */
  const state = (id: string, extra: Props = {}) => ({
    name: "Sales",
    ...extra,
    stringeeId: id,
    apiDefaults: listed(defaultsWithout(...Object.keys(extra))),
  });
  const rejectionOf = async (p: Promise<unknown>): Promise<Error> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    return err as Error;
  };
  const defined = (o: unknown) =>
    Object.fromEntries(Object.entries(o as Props).filter(([, v]) => v !== undefined));

  it("create sends only the declared fields and reports the API's defaults for the others", async () => {
    const result = await lc.create(news(ARGS));
    const [created] = emu.objects("queue");
    expect(emu.callsOf("queues.findByName")).toEqual([["Sales"]]);
    expect(emu.callsOf("queues.create").map(([input]) => defined(input))).toEqual([{ name: "Sales" }]);
    expect(result).toEqual({ id: created?.["id"], outs: state(String(created?.["id"])) });
    expect(emu.writes()).toEqual(["queues.create"]);
  });

  it("create sends declared settings; the API's defaults are reported for the others only", async () => {
    const result = await lc.create(news({ ...ARGS, recordCalls: false, maximumQueueSize: 20 }));
    expect(emu.callsOf("queues.create").map(([input]) => defined(input))).toEqual([
      { name: "Sales", recordCalls: false, maximumQueueSize: 20 },
    ]);
    expect(result.outs).toEqual(state(result.id, { recordCalls: false, maximumQueueSize: 20 }));
  });

  it("create refuses a name that already exists remotely and tells how to adopt it with importId", async () => {
    const id = seed();
    const err = await rejectionOf(lc.create(news(ARGS)));
    expect(err.message).toBe(alreadyExistsMessage("Queue", 'name "Sales"', id));
    expect(err.message).toContain(`add \`importId: "${id}"\``);
    expect(err.message).toContain("not managed by this stack");
    expect(emu.writes()).toEqual([]);
  });

  it("create with importId adopts the queue: no create, only differing declared fields are updated", async () => {
    const id = seed({ name: "Sales (old)", record_calls: false, maximum_queue_size: 99 });
    const result = await lc.create(news({ ...ARGS, recordCalls: true, importId: id }));
    expect(emu.callsOf("queues.create")).toEqual([]);
    expect(emu.callsOf("queues.findByName")).toEqual([]);
    // maximumQueueSize is not declared: it is not managed, so the adopted value stays.
    expect(emu.callsOf("queues.update")).toEqual([[id, { name: "Sales", recordCalls: true }]]);
    expect(result).toEqual({
      id,
      outs: {
        name: "Sales",
        recordCalls: true,
        stringeeId: id,
        importId: id,
        apiDefaults: listed({ ...defaultsWithout("recordCalls"), maximumQueueSize: 99 }),
      },
    });
  });

  it("adopting a queue that already matches sends no write", async () => {
    const id = seed({ record_calls: false });
    await lc.create(news({ ...ARGS, importId: id }));
    expect(emu.writes()).toEqual([]);
  });

  it("an unknown importId fails clearly and creates nothing", async () => {
    const err = await rejectionOf(lc.create(news({ ...ARGS, importId: "QU_NOPE" })));
    expect(err.message).toContain('importId: no Queue with id "QU_NOPE" exists in Stringee');
    expect(emu.writes()).toEqual([]);
  });

  it("read returns {} when the queue is gone", async () => {
    await expect(lc.read("QU_GONE", state("QU_GONE"))).resolves.toEqual({});
  });

  it("read fails (and never drops the queue) when the API cannot answer", async () => {
    const id = seed();
    const unavailable = { status: 503, body: { message: "Service unavailable" } };
    emu.intercept({ method: "GET", path: "/v1/queue", reply: unavailable, times: Infinity });
    await expect(lc.read(id, state(id))).rejects.toThrow(/HTTP 503/);
  });

  it("read mirrors a renamed queue and a changed declared setting (drift)", async () => {
    const id = seed({ name: "Renamed", record_calls: false });
    const result = await lc.read(id, state(id, { recordCalls: true }));
    expect(result).toEqual({
      id,
      props: { ...state(id, { recordCalls: false }), name: "Renamed" },
      inputs: { name: "Renamed", recordCalls: false },
    });
  });

  it("read keeps the settings left undeclared out of the inputs, even after they changed remotely", async () => {
    const created = await lc.create(news(ARGS));
    // A setting both readings list (the strict list hides maximum_queue_size).
    emu.patch("queue", created.id, { wrap_up_time_limit: 42 });
    const result = await lc.read(created.id, created.outs as Props);
    expect(result.inputs).toEqual({ name: "Sales" });
    expect(result.props).toEqual({
      ...state(created.id),
      apiDefaults: listed({ ...QUEUE_DEFAULTS, wrapUpTimeLimit: 42 }),
    });
    // ...so the next preview shows no change for them.
    expect(offline.diff(result.props as Props, news(ARGS))).toEqual(NO_CHANGE);
  });

  it("read (as Queue.get does) without prior state declares only the name", async () => {
    const id = seed({ wait_greeting: "Hello" });
    const result = await lc.read(id, {});
    expect(result.inputs).toEqual({ name: "Sales" });
    expect(result.props).toEqual({
      ...state(id),
      apiDefaults: listed({ ...QUEUE_DEFAULTS, waitGreeting: "Hello" }),
    });
  });

  it("read keeps importId in outputs and inputs", async () => {
    const id = seed();
    const result = await lc.read(id, { ...state(id), importId: id });
    expect(result.props).toMatchObject({ importId: id });
    expect(result.inputs).toEqual({ name: "Sales", importId: id });
  });

  it("update sends only the changed fields", async () => {
    const id = seed();
    const result = await lc.update(id, state(id), news({ name: "Support", wrapUpTimeLimit: 30 }));
    expect(emu.callsOf("queues.update")).toEqual([[id, { name: "Support", wrapUpTimeLimit: 30 }]]);
    expect(result).toEqual({ outs: { ...state(id, { wrapUpTimeLimit: 30 }), name: "Support" } });
  });

  it("update never sends a setting that was never declared (it is left as it is)", async () => {
    const id = seed({ record_calls: false });
    const result = await lc.update(id, state(id), news(ARGS));
    expect(emu.writes()).toEqual([]);
    expect(result.outs).toEqual({
      ...state(id),
      apiDefaults: listed({ ...QUEUE_DEFAULTS, recordCalls: false }),
    });
  });

  it("update sends Stringee's defaults for the settings that stop being declared, seen by the list or not", async () => {
    const declared = {
      recordCalls: false,
      waitGreeting: "Please wait",
      maximumQueueSize: 50,
      condRouting: "appOrSipPhone",
    };
    const id = seed({
      record_calls: false,
      wait_greeting: "Please wait",
      maximum_queue_size: 50,
      cond_routing: 2,
    });
    const olds = { name: "Sales", ...declared };
    const cleared = offline.check(ARGS, olds).inputs as Props;
    const result = await lc.update(id, state(id, declared), cleared);
    expect(emu.callsOf("queues.update")).toEqual([
      [id, { recordCalls: true, waitGreeting: null, maximumQueueSize: 5, condRouting: 1 }],
    ]);
    expect(emu.objects("queue")[0]).toMatchObject({
      record_calls: 1,
      wait_greeting: null,
      maximum_queue_size: 5,
      cond_routing: 1,
    });
    // Set to the default, and from now on not managed: not recorded as declared (the list's values are reported
    // apart), the next run's check leaves them out, and diff sees nothing.
    expect(result.outs).toEqual(state(id));
    const next = offline.check(ARGS, cleared).inputs;
    expect(next).toEqual(ARGS);
    expect(offline.diff(result.outs as Props, next)).toEqual(NO_CHANGE);
  });

  it("update with nothing changed sends nothing", async () => {
    const id = seed();
    await lc.update(id, state(id, { recordCalls: true }), news({ ...ARGS, recordCalls: true }));
    expect(emu.writes()).toEqual([]);
  });

  it("update keeps importId in the outputs", async () => {
    const id = seed();
    const result = await lc.update(id, state(id), news({ ...ARGS, importId: id }));
    expect(result.outs).toMatchObject({ importId: id, stringeeId: id });
  });

  it("delete removes the queue; a queue already gone is done", async () => {
    const id = seed();
    await lc.delete(id, state(id));
    expect(emu.objects("queue")).toEqual([]);
    await expect(lc.delete(id, state(id))).resolves.toBeUndefined();
    expect(emu.callsOf("queues.delete")).toEqual([[id], [id]]);
  });

  it("delete surfaces a refusal while a routing still uses the queue", async () => {
    const id = seed();
    emu.seed("group", { id: "GR_1", name: "Support" });
    emu.seed("grouprouting", { id: "GR_RO_1", queue_id: id, group_id: "GR_1", primary_group: true });
    await expect(lc.delete(id, state(id))).rejects.toThrow(/r=3/);
    expect(emu.objects("queue")).toHaveLength(1);
  });
});

// ---- program-side uniqueness ----

describe("one Queue per name in a program", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  beforeAll(() =>
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return { id: `${args.name}-id`, state: { ...args.inputs, __provider: undefined } };
        },
        call: (args) => args.inputs,
      },
      "queue-uniqueness",
      "test",
      true,
    ),
  );

  it("refuses a second Queue with the same name, naming both resources", async () => {
    new Queue("sales", { name: "Sales" });
    expect(await naturalKeyConflict(new Queue("sales-2", { name: " Sales " }))).toContain(
      'Queue "sales-2" declares the same name (Sales) as Queue "sales"; Stringee allows only one. ' +
        "Remove one of the two declarations or change its name.",
    );
  });

  it("accepts different names, read-only lookups, and a Group with the queue's name", async () => {
    new Queue("support", { name: "Support" });
    expect(await naturalKeyConflict(new Queue("billing", { name: "Billing" }))).toBeUndefined();
    expect(await naturalKeyConflict(Queue.get("lookup-1", "QU_1"))).toBeUndefined();
    expect(await naturalKeyConflict(Queue.get("lookup-2", "QU_1"))).toBeUndefined();
    expect(await naturalKeyConflict(new Group("support-group", { name: "Support" }))).toBeUndefined();
  });

  it("registers the thin provider loading stringee-pulumi/runtime", async () => {
    const q = new Queue("registered-queue", { name: "Registered" });
    const urn = await new Promise<string>((resolve) => q.urn.apply(resolve));
    expect(urn).toContain("pulumi-nodejs:dynamic/stringee:Queue");
    const args = registered.find((r) => r.name === "registered-queue");
    expect(String(args?.inputs["__provider"])).toContain('require("stringee-pulumi/runtime")');
    expect(String(args?.inputs["__provider"])).toContain('.provider("queue")');
  });
});
