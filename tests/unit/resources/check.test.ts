// `check` of every resource, table-driven: each documented rule fails on the right property with a
// reason that names the field and says how to fix it; valid inputs come back canonical (defaults
// filled, strings trimmed); unknown properties are refused with a hint; Pulumi's "unknown at preview"
// marker is never judged; the SIP password never shows in a reason.
import { checkAgent } from "../../../provider/kinds/agent";
import {
  Lifecycle,
  UNKNOWN,
  type CheckFailure,
  type Checked,
  type ResourceDefinition,
} from "../../../provider/kinds/framework";
import { ACTION_FIELDS, checkIvrKeypress, ivrKeypressDefinition } from "../../../provider/kinds/ivrKeypress";
import { checkNumber, numberDefinition } from "../../../provider/kinds/number";
import { checkSipPhone, sipPhoneDefinition } from "../../../provider/kinds/sipPhone";
import { agentDefinition } from "../../../provider/kinds/agent";
import type { IvrKeypressAction } from "../../../provider/kinds/ivrKeypress";

type Raw = Record<string, unknown>;
type CheckFn = (raw: Raw) => Checked<object>;

/** A rule that must fail: on `property`, with a reason containing every `mentions` text. */
interface RuleCase {
  rule: string;
  raw: Raw;
  property: string;
  mentions: string[];
}

function failuresOf(check: CheckFn, raw: Raw): CheckFailure[] {
  return check(raw).failures;
}

function expectRule(check: CheckFn, c: RuleCase): void {
  const failures = failuresOf(check, c.raw);
  const onProperty = failures.filter((f) => f.property === c.property);
  expect(onProperty).toHaveLength(1);
  const reason = onProperty[0]!.reason;
  expect(reason).toContain(c.property);
  for (const text of c.mentions) expect(reason).toContain(text);
  // Every failure is about a property that is really involved in the rule.
  expect(failures.map((f) => f.property)).toEqual([c.property]);
}

const NUMBER: Raw = { number: "84986225112", allowOutboundCalls: true, enableIvr: false };
const AGENT: Raw = { name: "Alice", stringeeUserId: "alice" };
const KEYPRESS: Raw = { node: "NO_ROOT", nodeKey: "1", action: "routeToQueue", queueId: "QU_SALES" };
const PASSWORD = "s3cret-Desk-Password";
const SIP: Raw = { username: "100", password: PASSWORD };

const DIGITS_HINT = "digits only with the country code";

describe("Number check", () => {
  const rules: RuleCase[] = [
    {
      rule: "number is required",
      raw: { ...NUMBER, number: undefined },
      property: "number",
      mentions: ["requires number", DIGITS_HINT],
    },
    ...["+84986225112", "12", "84 98", "abc", "0986225112", "8498622511234567"].map((bad) => ({
      rule: `phone number ${JSON.stringify(bad)} is refused`,
      raw: { ...NUMBER, number: bad },
      property: "number",
      mentions: [JSON.stringify(bad), "is not valid", DIGITS_HINT, "no '+' or spaces", "84986225112"],
    })),
    {
      rule: "nickname longer than 100 characters is refused",
      raw: { ...NUMBER, nickname: "n".repeat(101) },
      property: "nickname",
      mentions: ["at most 100 characters", "got 101"],
    },
    {
      rule: "allowOutboundCalls is required",
      raw: { ...NUMBER, allowOutboundCalls: undefined },
      property: "allowOutboundCalls",
      mentions: ["requires allowOutboundCalls", "true or false"],
    },
    {
      rule: "allowOutboundCalls must be a boolean",
      raw: { ...NUMBER, allowOutboundCalls: "yes" },
      property: "allowOutboundCalls",
      mentions: ["must be true or false", '"yes"'],
    },
    {
      rule: "enableIvr is required",
      raw: { ...NUMBER, enableIvr: null },
      property: "enableIvr",
      mentions: ["requires enableIvr", "true or false"],
    },
    {
      rule: "enableIvr must be a boolean (1 is not accepted)",
      raw: { ...NUMBER, enableIvr: 1 },
      property: "enableIvr",
      mentions: ["must be true or false", "got 1"],
    },
    {
      rule: "recordOutboundCalls must be a boolean",
      raw: { ...NUMBER, recordOutboundCalls: "no" },
      property: "recordOutboundCalls",
      mentions: ["must be true or false"],
    },
    {
      rule: "ivrMenu is required when enableIvr is true",
      raw: { ...NUMBER, enableIvr: true },
      property: "ivrMenu",
      mentions: ["required when enableIvr is true", "IVR tree id", "set enableIvr to false", "queueId"],
    },
    {
      rule: "ivrMenu is refused when enableIvr is false",
      raw: { ...NUMBER, enableIvr: false, ivrMenu: "TR_MAIN" },
      property: "ivrMenu",
      mentions: ["must not be set when enableIvr is false", "remove it", "set enableIvr to true"],
    },
    {
      rule: "queueId is refused when enableIvr is true",
      raw: { ...NUMBER, enableIvr: true, ivrMenu: "TR_MAIN", queueId: "QU_SALES" },
      property: "queueId",
      mentions: ["must not be set when enableIvr is true", "remove it", "keypresses"],
    },
    {
      rule: "ivrMenu longer than 64 characters is refused",
      raw: { ...NUMBER, enableIvr: true, ivrMenu: "T".repeat(65) },
      property: "ivrMenu",
      mentions: ["at most 64 characters"],
    },
    {
      rule: "queueId must be a string",
      raw: { ...NUMBER, queueId: { id: "QU_1" } },
      property: "queueId",
      mentions: ["must be a string", "an object"],
    },
    {
      rule: "the API's snake_case name allow_outbound_calls is refused with a hint",
      raw: { number: "84986225112", enableIvr: false, allowOutboundCalls: true, allow_outbound_calls: true },
      property: "allow_outbound_calls",
      mentions: [
        "Number has no property allow_outbound_calls",
        "Did you mean allowOutboundCalls?",
        "camelCase",
      ],
    },
    {
      rule: "the API's snake_case name queue_id is refused with a hint",
      raw: { ...NUMBER, queue_id: "QU_1" },
      property: "queue_id",
      mentions: ["Did you mean queueId?"],
    },
    {
      rule: "a typo is refused and the known properties are listed",
      raw: { ...NUMBER, nickName: "Hotline" },
      property: "nickName",
      mentions: ["Number has no property nickName", "Known properties:", "nickname", "recordOutboundCalls"],
    },
  ];
  it.each(rules)("$rule", (c) => expectRule(checkNumber, c));

  it("canonicalises valid inputs: trimmed strings, recordOutboundCalls left undeclared (not managed)", () => {
    expect(
      checkNumber({
        number: " 84986225112 ",
        nickname: "  Hotline ",
        allowOutboundCalls: true,
        enableIvr: false,
        queueId: " QU_SALES ",
      }),
    ).toEqual({
      inputs: {
        number: "84986225112",
        nickname: "Hotline",
        allowOutboundCalls: true,
        enableIvr: false,
        queueId: "QU_SALES",
        ivrMenu: undefined,
        recordOutboundCalls: undefined,
      },
      failures: [],
    });
  });

  it("accepts an IVR number with its menu, and a phone number given as a JS number", () => {
    const { inputs, failures } = checkNumber({
      number: 84986225112,
      allowOutboundCalls: false,
      enableIvr: true,
      ivrMenu: "TR_MAIN",
      recordOutboundCalls: true,
    });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      number: "84986225112",
      allowOutboundCalls: false,
      enableIvr: true,
      ivrMenu: "TR_MAIN",
      recordOutboundCalls: true,
    });
  });

  it("a number without queue nor IVR is valid (queueId is optional)", () => {
    expect(checkNumber(NUMBER).failures).toEqual([]);
  });

  it("reports every broken rule at once", () => {
    const props = checkNumber({ number: "+1", enableIvr: true, queueId: "QU_1" }).failures.map(
      (f) => f.property,
    );
    expect(props.sort()).toEqual(["allowOutboundCalls", "ivrMenu", "number", "queueId"].sort());
  });

  it("never judges values unknown at preview", () => {
    expect(
      checkNumber({
        number: UNKNOWN,
        nickname: UNKNOWN,
        allowOutboundCalls: UNKNOWN,
        enableIvr: UNKNOWN,
        ivrMenu: UNKNOWN,
        queueId: UNKNOWN,
        recordOutboundCalls: UNKNOWN,
      }).failures,
    ).toEqual([]);
    // An unknown ivrMenu counts as set when enableIvr is true.
    expect(checkNumber({ ...NUMBER, enableIvr: true, ivrMenu: UNKNOWN }).failures).toEqual([]);
  });
});

describe("Agent check", () => {
  const rules: RuleCase[] = [
    {
      rule: "name is required",
      raw: { ...AGENT, name: "" },
      property: "name",
      mentions: ["Agent requires name"],
    },
    {
      rule: "name longer than 100 characters is refused",
      raw: { ...AGENT, name: "a".repeat(101) },
      property: "name",
      mentions: ["at most 100 characters"],
    },
    {
      rule: "stringeeUserId is required",
      raw: { name: "Alice" },
      property: "stringeeUserId",
      mentions: ["Agent requires stringeeUserId", "1-64 letters, digits"],
    },
    {
      rule: "stringeeUserId with a space is refused",
      raw: { ...AGENT, stringeeUserId: "alice smith" },
      property: "stringeeUserId",
      mentions: ['"alice smith" is not valid', "1-64 letters, digits, '_', '.', '@' or '-'"],
    },
    {
      rule: "manualStatus longer than 50 characters is refused",
      raw: { ...AGENT, manualStatus: "S".repeat(51) },
      property: "manualStatus",
      mentions: ["at most 50 characters"],
    },
    {
      rule: "routingType 3 is refused",
      raw: { ...AGENT, routingType: 3 },
      property: "routingType",
      mentions: ["must be one of 1, 2", "got 3"],
    },
    {
      rule: "phoneNumber is required with routingType 2",
      raw: { ...AGENT, routingType: 2 },
      property: "phoneNumber",
      mentions: ["required when routingType is 2", "set it", "routingType 1"],
    },
    {
      rule: "phoneNumber is refused with routingType 1",
      raw: { ...AGENT, routingType: 1, phoneNumber: "84986225112" },
      property: "phoneNumber",
      mentions: ["must not be set when routingType is 1", "remove it", "set routingType to 2"],
    },
    {
      rule: "phoneNumber is refused when routingType is not declared",
      raw: { ...AGENT, phoneNumber: "84986225112" },
      property: "phoneNumber",
      mentions: ["must not be set when routingType is not set", "set routingType to 2"],
    },
    {
      rule: "phoneNumber with routingType 2 must be digits with country code",
      raw: { ...AGENT, routingType: 2, phoneNumber: "+84 986 225 112" },
      property: "phoneNumber",
      mentions: ["is not valid", DIGITS_HINT],
    },
    {
      rule: "the API's snake_case name stringee_user_id is refused with a hint",
      raw: { ...AGENT, stringee_user_id: "alice" },
      property: "stringee_user_id",
      mentions: ["Agent has no property stringee_user_id", "Did you mean stringeeUserId?"],
    },
    {
      rule: "the API's snake_case name routing_type is refused with a hint",
      raw: { ...AGENT, routing_type: 2 },
      property: "routing_type",
      mentions: ["Did you mean routingType?"],
    },
    {
      rule: "the read-only systemStatus is not an input",
      raw: { ...AGENT, systemStatus: 1 },
      property: "systemStatus",
      mentions: ["Agent has no property systemStatus", "Known properties:"],
    },
  ];
  it.each(rules)("$rule", (c) => expectRule(checkAgent, c));

  it("canonicalises valid inputs: routingType left undeclared (not managed), strings trimmed", () => {
    expect(
      checkAgent({ name: " Alice ", stringeeUserId: " alice@example.com ", manualStatus: " AVAILABLE " }),
    ).toEqual({
      inputs: {
        name: "Alice",
        stringeeUserId: "alice@example.com",
        manualStatus: "AVAILABLE",
        routingType: undefined,
        phoneNumber: undefined,
      },
      failures: [],
    });
  });

  it("accepts routingType 2 with a phone number", () => {
    expect(checkAgent({ ...AGENT, routingType: 2, phoneNumber: "84986225112" })).toEqual({
      inputs: { name: "Alice", stringeeUserId: "alice", routingType: 2, phoneNumber: "84986225112" },
      failures: [],
    });
  });

  it("never judges values unknown at preview", () => {
    expect(
      checkAgent({
        name: UNKNOWN,
        stringeeUserId: UNKNOWN,
        manualStatus: UNKNOWN,
        routingType: UNKNOWN,
        phoneNumber: UNKNOWN,
      }).failures,
    ).toEqual([]);
    expect(checkAgent({ ...AGENT, routingType: 2, phoneNumber: UNKNOWN }).failures).toEqual([]);
  });
});

describe("IvrKeypress check", () => {
  const ACTIONS = Object.keys(ACTION_FIELDS) as IvrKeypressAction[];
  const TARGETS = ["queueId", "toPhoneNumber", "fromNumberCalloutToAgent", "nextNode", "sms"] as const;
  const TARGET_VALUES: Record<(typeof TARGETS)[number], string> = {
    queueId: "QU_SALES",
    toPhoneNumber: "84986225112",
    fromNumberCalloutToAgent: "842873000111",
    nextNode: "NO_SALES",
    sms: "Thanks for calling",
  };
  const EXPECTED_FIELDS: Record<IvrKeypressAction, string[]> = {
    routeToQueue: ["queueId"],
    forwardToPhone: ["toPhoneNumber", "fromNumberCalloutToAgent"],
    nextNode: ["nextNode"],
    sms: ["sms"],
    voicemail: [],
    stopCall: [],
  };
  const withAction = (action: IvrKeypressAction, fields: readonly string[]): Raw => {
    const raw: Raw = { node: "NO_ROOT", nodeKey: "1", action };
    for (const f of fields) raw[f] = TARGET_VALUES[f as (typeof TARGETS)[number]];
    return raw;
  };

  it("documents exactly the fields of every action", () => {
    expect(ACTION_FIELDS).toEqual(EXPECTED_FIELDS);
  });

  it.each(ACTIONS)("action %s is valid with exactly its own fields", (action) => {
    const { inputs, failures } = checkIvrKeypress(withAction(action, EXPECTED_FIELDS[action]));
    expect(failures).toEqual([]);
    expect(inputs).toEqual(withAction(action, EXPECTED_FIELDS[action]));
  });

  const missing = ACTIONS.flatMap((action) => EXPECTED_FIELDS[action].map((field) => ({ action, field })));
  it.each(missing)("action $action without $field is refused on $field", ({ action, field }) => {
    const fields = EXPECTED_FIELDS[action].filter((f) => f !== field);
    const failures = checkIvrKeypress(withAction(action, fields)).failures;
    expect(failures).toHaveLength(1);
    expect(failures[0]!.property).toBe(field);
    expect(failures[0]!.reason).toContain(`action "${action}" requires ${field}`);
    expect(failures[0]!.reason).toContain("set it");
    if (action === "forwardToPhone")
      expect(failures[0]!.reason).toContain(
        "forwardToPhone needs toPhoneNumber and fromNumberCalloutToAgent",
      );
  });

  it("forwardToPhone without any target reports both fields", () => {
    const failures = checkIvrKeypress(withAction("forwardToPhone", [])).failures;
    expect(failures.map((f) => f.property)).toEqual(["toPhoneNumber", "fromNumberCalloutToAgent"]);
  });

  const irrelevant = ACTIONS.flatMap((action) =>
    TARGETS.filter((t) => !EXPECTED_FIELDS[action].includes(t)).map((field) => ({ action, field })),
  );
  it.each(irrelevant)("action $action refuses the irrelevant field $field", ({ action, field }) => {
    const failures = checkIvrKeypress(withAction(action, [...EXPECTED_FIELDS[action], field])).failures;
    expect(failures).toHaveLength(1);
    expect(failures[0]!.property).toBe(field);
    const users = ACTIONS.filter((a) => EXPECTED_FIELDS[a].includes(field));
    expect(failures[0]!.reason).toContain(`${field} must not be set for action "${action}"`);
    expect(failures[0]!.reason).toContain(`only used by ${users.map((a) => `"${a}"`).join(", ")}`);
    expect(failures[0]!.reason).toContain("remove it");
  });

  it.each(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "EMPTY_KEY", "INVALID_KEY"])(
    "nodeKey %s is accepted",
    (nodeKey) => {
      expect(checkIvrKeypress({ ...KEYPRESS, nodeKey })).toEqual({
        inputs: { ...KEYPRESS, nodeKey },
        failures: [],
      });
    },
  );

  const rules: RuleCase[] = [
    ...["10", "A", "empty_key", " ", 1].map((nodeKey) => ({
      rule: `nodeKey ${JSON.stringify(nodeKey)} is refused`,
      raw: { ...KEYPRESS, nodeKey },
      property: "nodeKey",
      mentions: ["must be one of", '"0"', '"#"', '"EMPTY_KEY"', '"INVALID_KEY"'],
    })),
    {
      rule: "nodeKey is required",
      raw: { ...KEYPRESS, nodeKey: undefined },
      property: "nodeKey",
      mentions: ["IvrKeypress requires nodeKey", "one of"],
    },
    {
      rule: "node is required",
      raw: { ...KEYPRESS, node: undefined },
      property: "node",
      mentions: ["IvrKeypress requires node", "IVR node id"],
    },
    {
      rule: "action is required",
      raw: { node: "NO_ROOT", nodeKey: "1" },
      property: "action",
      mentions: ["IvrKeypress requires action", '"routeToQueue"', '"stopCall"'],
    },
    {
      rule: "an action code from the API is refused: actions are named",
      raw: { node: "NO_ROOT", nodeKey: "1", action: 6 },
      property: "action",
      mentions: ["must be one of", '"stopCall"', "got 6"],
    },
    {
      rule: "toPhoneNumber must be digits with country code",
      raw: { ...withAction("forwardToPhone", ["fromNumberCalloutToAgent"]), toPhoneNumber: "+84986225112" },
      property: "toPhoneNumber",
      mentions: ["is not valid", DIGITS_HINT],
    },
    {
      rule: "fromNumberCalloutToAgent must be digits with country code",
      raw: { ...withAction("forwardToPhone", ["toPhoneNumber"]), fromNumberCalloutToAgent: "12" },
      property: "fromNumberCalloutToAgent",
      mentions: ["is not valid", DIGITS_HINT],
    },
    {
      rule: "sms longer than 500 characters is refused",
      raw: { ...withAction("sms", []), sms: "x".repeat(501) },
      property: "sms",
      mentions: ["at most 500 characters"],
    },
    {
      rule: "the API's snake_case name node_key is refused with a hint",
      raw: { ...KEYPRESS, node_key: "1" },
      property: "node_key",
      mentions: ["IvrKeypress has no property node_key", "Did you mean nodeKey?"],
    },
    {
      rule: "the API's snake_case name queue_id is refused with a hint",
      raw: { ...KEYPRESS, queue_id: "QU_1" },
      property: "queue_id",
      mentions: ["Did you mean queueId?"],
    },
  ];
  it.each(rules)("$rule", (c) => expectRule(checkIvrKeypress, c));

  it("canonicalises valid inputs: trimmed strings", () => {
    expect(
      checkIvrKeypress({ node: " NO_ROOT ", nodeKey: "#", action: "nextNode", nextNode: " NO_SALES " }),
    ).toEqual({
      inputs: { node: "NO_ROOT", nodeKey: "#", action: "nextNode", nextNode: "NO_SALES" },
      failures: [],
    });
  });

  it("never judges values unknown at preview", () => {
    expect(
      checkIvrKeypress({ node: UNKNOWN, nodeKey: UNKNOWN, action: UNKNOWN, queueId: UNKNOWN }).failures,
    ).toEqual([]);
    // A target unknown at preview counts as set.
    expect(checkIvrKeypress({ ...KEYPRESS, queueId: UNKNOWN }).failures).toEqual([]);
  });
});

describe("SipPhone check", () => {
  const rules: RuleCase[] = [
    {
      rule: "username is required",
      raw: { password: PASSWORD },
      property: "username",
      mentions: ["SipPhone requires username", "without the project prefix"],
    },
    ...["_100", "desk phone", "desk/1", "u".repeat(65), "dèsk"].map((username) => ({
      rule: `username ${username.length > 20 ? `of ${username.length} characters` : JSON.stringify(username)} is refused`,
      raw: { ...SIP, username },
      property: "username",
      mentions: ["is not valid", "1-64 letters, digits, '.', '-' or '_'", "not starting with '_'"],
    })),
    {
      rule: "password is required",
      raw: { username: "100" },
      property: "password",
      mentions: ["SipPhone requires password", "secret", "config.requireSecret"],
    },
    {
      rule: "an empty password is refused",
      raw: { username: "100", password: "" },
      property: "password",
      mentions: ["SipPhone requires password"],
    },
    {
      rule: "a password shorter than 6 characters is refused",
      raw: { username: "100", password: "abc12" },
      property: "password",
      mentions: ["6 to 64 characters", "it has 5"],
    },
    {
      rule: "a password longer than 64 characters is refused",
      raw: { username: "100", password: "p".repeat(65) },
      property: "password",
      mentions: ["6 to 64 characters", "it has 65"],
    },
    {
      rule: "a password that is not a string is refused",
      raw: { username: "100", password: 12345678 },
      property: "password",
      mentions: ["must be a string"],
    },
    ...[0, -1, 100_000_000].map((extension) => ({
      rule: `extension ${extension} is out of range`,
      raw: { ...SIP, extension },
      property: "extension",
      mentions: ["must be between 1 and 99999999", `got ${extension}`],
    })),
    ...[1.5, "abc", true].map((extension) => ({
      rule: `extension ${JSON.stringify(extension)} is not an integer`,
      raw: { ...SIP, extension },
      property: "extension",
      mentions: ["must be an integer"],
    })),
    {
      // user_name turns into userName, which is not a field either: the known properties are listed.
      rule: "an unknown snake_case name is refused and the known properties are listed",
      raw: { ...SIP, user_name: "100" },
      property: "user_name",
      mentions: ["SipPhone has no property user_name", "Known properties: username, password, extension"],
    },
    {
      rule: "the read-only emailAddress is not an input",
      raw: { ...SIP, emailAddress: "desk@example.com" },
      property: "emailAddress",
      mentions: ["SipPhone has no property emailAddress"],
    },
  ];
  it.each(rules)("$rule", (c) => expectRule(checkSipPhone, c));

  it.each(["1", "100", "desk.1", "a-b_c", ".x", "-x", "u".repeat(64)])(
    "username %s is accepted",
    (username) => {
      expect(checkSipPhone({ ...SIP, username }).failures).toEqual([]);
    },
  );

  it.each([6, 64])("a password of %i characters is accepted", (length) => {
    expect(checkSipPhone({ username: "100", password: "p".repeat(length) }).failures).toEqual([]);
  });

  it("canonicalises valid inputs: trimmed username, extension as an integer, password untouched", () => {
    expect(checkSipPhone({ username: " 100 ", password: " spaced pass ", extension: "42" })).toEqual({
      inputs: { username: "100", password: " spaced pass ", extension: 42 },
      failures: [],
    });
  });

  it("never judges values unknown at preview", () => {
    expect(checkSipPhone({ username: UNKNOWN, password: UNKNOWN, extension: UNKNOWN }).failures).toEqual([]);
  });

  it("never shows the password in any failure reason", () => {
    const cases: Raw[] = [
      { username: "_bad", password: "hunter2-not-shown" },
      { username: "100", password: "abc12" },
      { username: "100", password: "p".repeat(65) },
      { username: "100", password: "sh0rt", extension: "x" },
      { username: "desk phone", password: "0123456789-long-enough", extension: 0 },
      { username: "100", password: "hunter2-not-shown", pass_word: "hunter2-not-shown", Password: "x" },
      { password: "a-password" },
    ];
    for (const raw of cases) {
      const failures = checkSipPhone(raw).failures;
      expect(failures.length).toBeGreaterThan(0);
      for (const f of failures) expect(`${f.property}: ${f.reason}`).not.toContain(raw["password"] as string);
    }
  });

  it("never shows the password in the error a create with invalid inputs throws", async () => {
    const lc = new Lifecycle(sipPhoneDefinition, () => {
      throw new Error("no client needed");
    });
    const err = await lc.create({ username: "_bad", password: "abc12", extension: 0 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    for (const line of ["username: ", "password: ", "extension: "])
      expect(String((err as Error).message)).toContain(line);
    expect(String((err as Error).message)).not.toContain("abc12");
  });
});

describe("Lifecycle.check", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const specs: [string, ResourceDefinition<any, any>, Raw][] = [
    ["Number", numberDefinition, NUMBER],
    ["Agent", agentDefinition, AGENT],
    ["IvrKeypress", ivrKeypressDefinition, KEYPRESS],
    ["SipPhone", sipPhoneDefinition, SIP],
  ];
  const noClient = () => {
    throw new Error("check must not need a client");
  };

  it.each(specs)("%s: returns compact canonical inputs and keeps a string importId", (_t, spec, raw) => {
    const lc = new Lifecycle(spec, noClient);
    const result = lc.check({ ...raw, importId: "ID_1", __provider: "serialized provider text" });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({ importId: "ID_1" });
    expect(result.inputs).not.toHaveProperty("__provider");
    for (const value of Object.values(result.inputs as Raw)) expect(value).not.toBeUndefined();
  });

  it.each(specs)("%s: refuses an importId that is not a string", (_t, spec, raw) => {
    const result = new Lifecycle(spec, noClient).check({ ...raw, importId: 42 });
    expect(result.failures).toEqual([
      { property: "importId", reason: "importId must be a Stringee id string; got 42." },
    ]);
  });

  it.each(specs)("%s: an empty importId is dropped", (_t, spec, raw) => {
    const result = new Lifecycle(spec, noClient).check({ ...raw, importId: "" });
    expect(result.failures).toEqual([]);
    expect(result.inputs).not.toHaveProperty("importId");
  });

  it.each(specs)("%s: undefined properties are ignored, not refused as unknown", (_t, spec, raw) => {
    const result = new Lifecycle(spec, noClient).check({
      ...raw,
      stringeeId: undefined,
      somethingElse: undefined,
    });
    expect(result.failures).toEqual([]);
  });
});
