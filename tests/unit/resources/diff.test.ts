// `diff` compares the stored outputs with the new canonical inputs without ever touching the API: every
// lifecycle here gets a client factory that throws. Equivalent spellings of "unset" are no change, the
// extra outputs in state are ignored, and only what the API cannot change forces a replacement.
import type * as pulumi from "@pulumi/pulumi";
import { agentDefinition } from "../../../provider/kinds/agent";
import { Lifecycle, sameValue, type ResourceDefinition } from "../../../provider/kinds/framework";
import { ivrKeypressDefinition } from "../../../provider/kinds/ivrKeypress";
import { numberDefinition } from "../../../provider/kinds/number";
import { sipPhoneDefinition } from "../../../provider/kinds/sipPhone";

type Props = Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function offline(spec: ResourceDefinition<any, any>) {
  return new Lifecycle(spec, () => {
    throw new Error("no client in diff");
  });
}

const number = offline(numberDefinition);
const agent = offline(agentDefinition);
const keypress = offline(ivrKeypressDefinition);
const sipPhone = offline(sipPhoneDefinition);

/** What Pulumi passes as `news`: the output of check. */
function checked(lc: { check(raw: Props): pulumi.dynamic.CheckResult }, raw: Props): Props {
  const result = lc.check(raw);
  expect(result.failures).toEqual([]);
  return result.inputs as Props;
}

const NUMBER_STATE: Props = {
  number: "84986225112",
  nickname: "Hotline",
  allowOutboundCalls: true,
  enableIvr: false,
  queueId: "QU_SALES",
  recordOutboundCalls: false,
  stringeeId: "NU_S53F60KUWL19L663",
};
const NUMBER_ARGS: Props = {
  number: "84986225112",
  nickname: "Hotline",
  allowOutboundCalls: true,
  enableIvr: false,
  queueId: "QU_SALES",
};

const AGENT_STATE: Props = {
  name: "Alice",
  stringeeUserId: "alice",
  manualStatus: "AVAILABLE",
  routingType: 1,
  stringeeId: "AG_XPHOV0V7X71EFH98",
  currentManualStatus: "NOT AVAILABLE",
  systemStatus: 0,
};
const AGENT_ARGS: Props = { name: "Alice", stringeeUserId: "alice", manualStatus: "AVAILABLE" };

const KEYPRESS_STATE: Props = {
  node: "NO_ROOT",
  nodeKey: "1",
  action: "routeToQueue",
  queueId: "QU_SALES",
  stringeeId: "NO_KE_F0BSI4Q82DDWS9RM",
  tree: "TR_MAIN",
};
const KEYPRESS_ARGS: Props = { node: "NO_ROOT", nodeKey: "1", action: "routeToQueue", queueId: "QU_SALES" };

const SIP_STATE: Props = {
  username: "100",
  password: "desk-password-1",
  extension: 100,
  stringeeId: "246_100",
  sipUsername: "246_100",
  emailAddress: null,
};
const SIP_ARGS: Props = { username: "100", password: "desk-password-1", extension: 100 };

const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false, stables: ["stringeeId"] };
const UPDATE = { changes: true, replaces: [], deleteBeforeReplace: false, stables: ["stringeeId"] };

describe("sameValue", () => {
  it.each([
    [undefined, null],
    [undefined, ""],
    [null, ""],
    ["a", "a"],
    [1, 1],
    [false, false],
    [{ a: 1 }, { a: 1 }],
    [
      [1, 2],
      [1, 2],
    ],
  ])("%j and %j are the same", (a, b) => {
    expect(sameValue(a, b)).toBe(true);
  });

  it.each([
    [undefined, "a"],
    [false, undefined],
    [0, undefined],
    [1, "1"],
    ["a", "b"],
    [true, false],
    [{ a: 1 }, { a: 2 }],
  ])("%j and %j differ", (a, b) => {
    expect(sameValue(a, b)).toBe(false);
  });
});

describe("diff never needs the API", () => {
  it.each([
    ["Number", number, NUMBER_STATE, NUMBER_ARGS],
    ["Agent", agent, AGENT_STATE, AGENT_ARGS],
    ["IvrKeypress", keypress, KEYPRESS_STATE, KEYPRESS_ARGS],
    ["SipPhone", sipPhone, SIP_STATE, SIP_ARGS],
  ] as const)("%s: check and diff run with a client factory that throws", (_title, lc, state, args) => {
    expect(lc.diff(state, checked(lc, args))).toEqual(NO_CHANGE);
    expect(lc.diff(state, checked(lc, { ...args, importId: "X" })).changes).toBe(false);
  });
});

describe("Number diff", () => {
  const news = (extra: Props = {}) => checked(number, { ...NUMBER_ARGS, ...extra });

  it("no change when state has extra outputs and the default recordOutboundCalls is implied", () => {
    expect(number.diff(NUMBER_STATE, news())).toEqual(NO_CHANGE);
  });

  it("no change between undefined, null and an empty nickname / ivrMenu", () => {
    const state = { ...NUMBER_STATE, nickname: null, ivrMenu: "" };
    expect(number.diff(state, news({ nickname: undefined }))).toEqual(NO_CHANGE);
    expect(number.diff({ ...state, nickname: "" }, news({ nickname: "" }))).toEqual(NO_CHANGE);
    expect(number.diff({ ...state, nickname: undefined }, news({ nickname: null }))).toEqual(NO_CHANGE);
  });

  it("no change for whitespace around declared values (check trims them)", () => {
    expect(number.diff(NUMBER_STATE, news({ number: " 84986225112 ", nickname: " Hotline " }))).toEqual(
      NO_CHANGE,
    );
  });

  it("a new phone number is an in-place update, not a replacement", () => {
    expect(number.diff(NUMBER_STATE, news({ number: "84986225113" }))).toEqual(UPDATE);
  });

  it.each([
    ["nickname", { nickname: "Sales line" }],
    ["allowOutboundCalls", { allowOutboundCalls: false }],
    ["recordOutboundCalls", { recordOutboundCalls: true }],
    ["queueId", { queueId: "QU_SUPPORT" }],
    ["removing queueId", { queueId: undefined }],
    ["switching to IVR", { enableIvr: true, ivrMenu: "TR_MAIN", queueId: undefined }],
  ])("%s changes are updates", (_what, extra) => {
    expect(number.diff(NUMBER_STATE, news(extra))).toEqual(UPDATE);
  });
});

describe("Agent diff", () => {
  const news = (extra: Props = {}) => checked(agent, { ...AGENT_ARGS, ...extra });

  it("no change when only the runtime outputs (currentManualStatus, systemStatus) differ", () => {
    expect(agent.diff({ ...AGENT_STATE, currentManualStatus: "AVAILABLE", systemStatus: 1 }, news())).toEqual(
      NO_CHANGE,
    );
  });

  it("no change between an absent phone number in state and null / empty in the program", () => {
    expect(agent.diff({ ...AGENT_STATE, phoneNumber: null }, news({ phoneNumber: "" }))).toEqual(NO_CHANGE);
  });

  it("a manualStatus change is an update", () => {
    expect(agent.diff(AGENT_STATE, news({ manualStatus: "NOT AVAILABLE" }))).toEqual(UPDATE);
  });

  it("the declared routingType 1 equals the default", () => {
    expect(agent.diff(AGENT_STATE, news({ routingType: 1 }))).toEqual(NO_CHANGE);
  });

  it.each([
    ["name", { name: "Alice B." }],
    ["stringeeUserId", { stringeeUserId: "alice2" }],
    ["routingType and phoneNumber", { routingType: 2, phoneNumber: "84986225112" }],
  ])("%s changes are updates", (_what, extra) => {
    expect(agent.diff(AGENT_STATE, news(extra))).toEqual(UPDATE);
  });
});

describe("IvrKeypress diff", () => {
  const news = (extra: Props = {}) => checked(keypress, { ...KEYPRESS_ARGS, ...extra });

  it("no change when state has the tree output and null for the other actions' targets", () => {
    const state = {
      ...KEYPRESS_STATE,
      nextNode: null,
      sms: null,
      toPhoneNumber: "",
      fromNumberCalloutToAgent: null,
    };
    expect(keypress.diff(state, news())).toEqual(NO_CHANGE);
  });

  it("a new node replaces the keypress, creating the replacement first", () => {
    expect(keypress.diff(KEYPRESS_STATE, news({ node: "NO_OTHER" }))).toEqual({
      changes: true,
      replaces: ["node"],
      deleteBeforeReplace: false,
      stables: ["stringeeId"],
    });
  });

  it("a node change replaces even when other fields change too, and only node is listed", () => {
    const diff = keypress.diff(KEYPRESS_STATE, news({ node: "NO_OTHER", nodeKey: "2" }));
    expect(diff.replaces).toEqual(["node"]);
  });

  it.each([
    ["nodeKey", { nodeKey: "2" }],
    ["queueId", { queueId: "QU_SUPPORT" }],
    ["action", { action: "nextNode", queueId: undefined, nextNode: "NO_SALES" }],
    ["action to stopCall", { action: "stopCall", queueId: undefined }],
  ])("%s changes are in-place updates", (_what, extra) => {
    expect(keypress.diff(KEYPRESS_STATE, news(extra))).toEqual(UPDATE);
  });
});

describe("SipPhone diff", () => {
  const news = (extra: Props = {}) => checked(sipPhone, { ...SIP_ARGS, ...extra });

  it("no change when state has the prefixed id, sipUsername and emailAddress outputs", () => {
    expect(sipPhone.diff(SIP_STATE, news())).toEqual(NO_CHANGE);
  });

  it("an extension given as digit text equals the stored number", () => {
    expect(sipPhone.diff(SIP_STATE, news({ extension: "100" }))).toEqual(NO_CHANGE);
  });

  it("a new username replaces the phone, creating the replacement first", () => {
    expect(sipPhone.diff(SIP_STATE, news({ username: "101" }))).toEqual({
      changes: true,
      replaces: ["username"],
      deleteBeforeReplace: false,
      stables: ["stringeeId"],
    });
  });

  it.each([
    ["password", { password: "new-desk-password" }],
    ["extension", { extension: 101 }],
    ["removing the extension", { extension: undefined }],
  ])("a %s change is an in-place update", (_what, extra) => {
    expect(sipPhone.diff(SIP_STATE, news(extra))).toEqual(UPDATE);
  });
});
