// stringee.GroupMember without sockets: check, diff (never needs the API; group and agent both replace
// the membership, creating the new one first), the lifecycle over the real client answered in-process by
// the emulator (`<group>/<agent>` ids, nothing to update in place), the serialized provider, and
// program-side uniqueness of group + agent under Pulumi's mocks.
import * as pulumi from "@pulumi/pulumi";
import { Lifecycle, UNKNOWN, alreadyExistsMessage } from "../../../provider/kinds/framework";
import { Agent } from "../../../provider/resources/agent";
import { checkGroupMember, groupMemberDefinition, memberId } from "../../../provider/kinds/groupMember";
import { GroupMember } from "../../../provider/resources/groupMember";
import { emulatedStringee, type EmulatedStringee } from "./emulatedClient";
import { naturalKeyConflict } from "./naturalKeys";

type Props = Record<string, unknown>;

const ARGS: Props = { group: "GR_SUPPORT", agent: "AG_ALICE" };
const ID = "GR_SUPPORT/AG_ALICE";

describe("GroupMember check", () => {
  it.each([
    {
      rule: "group is required",
      raw: { agent: "AG_ALICE" },
      property: "group",
      mentions: ["GroupMember requires group", "the group id, for example group.stringeeId"],
    },
    {
      rule: "agent is required",
      raw: { group: "GR_SUPPORT", agent: "" },
      property: "agent",
      mentions: ["GroupMember requires agent", "the agent id, for example agent.stringeeId"],
    },
    {
      rule: "a group id longer than 64 characters is refused",
      raw: { ...ARGS, group: "G".repeat(65) },
      property: "group",
      mentions: ["at most 64 characters"],
    },
    {
      rule: "an agent given as an object (not its id) is refused",
      raw: { ...ARGS, agent: { id: "AG_ALICE" } },
      property: "agent",
      mentions: ["must be a string", "an object"],
    },
    {
      rule: "the API's agent_id is refused with the known properties",
      raw: { ...ARGS, agent_id: "AG_ALICE" },
      property: "agent_id",
      mentions: ["GroupMember has no property agent_id", "Known properties: group, agent"],
    },
    {
      rule: "groupId (the routing's spelling) is refused with the known properties",
      raw: { ...ARGS, groupId: "GR_SUPPORT" },
      property: "groupId",
      mentions: ["GroupMember has no property groupId", "Known properties: group, agent"],
    },
    {
      rule: "the read-only stringeeUserId is not an input",
      raw: { ...ARGS, stringeeUserId: "alice" },
      property: "stringeeUserId",
      mentions: ["GroupMember has no property stringeeUserId"],
    },
  ])("$rule", (c) => {
    const failures = checkGroupMember(c.raw).failures;
    expect(failures.map((f) => f.property)).toEqual([c.property]);
    expect(failures[0]!.reason).toContain(c.property);
    for (const text of c.mentions) expect(failures[0]!.reason).toContain(text);
  });

  it("canonicalises valid inputs: ids are trimmed", () => {
    expect(checkGroupMember({ group: " GR_SUPPORT ", agent: "AG_ALICE " })).toEqual({
      inputs: ARGS,
      failures: [],
    });
  });

  it("never judges values unknown at preview (ids of resources not created yet)", () => {
    expect(checkGroupMember({ group: UNKNOWN, agent: UNKNOWN })).toEqual({
      inputs: { group: UNKNOWN, agent: UNKNOWN },
      failures: [],
    });
  });

  it("Lifecycle.check keeps a string importId", () => {
    const lc = new Lifecycle(groupMemberDefinition, () => {
      throw new Error("check must not need a client");
    });
    expect(lc.check({ ...ARGS, importId: ID, __provider: "text", stringeeUserId: undefined })).toEqual({
      inputs: { ...ARGS, importId: ID },
      failures: [],
    });
  });

  it("memberId joins group and agent with a slash", () => {
    expect(memberId("GR_SUPPORT", "AG_ALICE")).toBe(ID);
  });
});

// ---- diff ----

const offline = new Lifecycle(groupMemberDefinition, () => {
  throw new Error("no client in diff");
});
const news = (raw: Props): Props => {
  const result = offline.check(raw);
  expect(result.failures).toEqual([]);
  return result.inputs as Props;
};
const STATE: Props = { ...ARGS, stringeeId: ID, stringeeUserId: "alice" };
const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false, stables: ["stringeeId"] };
const replaces = (...fields: string[]) => ({
  changes: true,
  replaces: fields,
  deleteBeforeReplace: false,
  stables: ["stringeeId"],
});

describe("GroupMember diff", () => {
  it("no change when only the stringeeUserId output differs, and for surrounding spaces", () => {
    expect(offline.diff(STATE, news(ARGS))).toEqual(NO_CHANGE);
    expect(
      offline.diff({ ...STATE, stringeeUserId: null }, news({ group: " GR_SUPPORT", agent: "AG_ALICE" })),
    ).toEqual(NO_CHANGE);
    expect(offline.diff(STATE, news({ ...ARGS, importId: ID }))).toEqual(NO_CHANGE);
  });

  it("another group replaces the membership, adding the new one before removing the old", () => {
    expect(offline.diff(STATE, news({ ...ARGS, group: "GR_SALES" }))).toEqual(replaces("group"));
  });

  it("another agent replaces the membership", () => {
    expect(offline.diff(STATE, news({ ...ARGS, agent: "AG_BOB" }))).toEqual(replaces("agent"));
  });

  it("both changed list both, in declaration order", () => {
    expect(offline.diff(STATE, news({ group: "GR_SALES", agent: "AG_BOB" }))).toEqual(
      replaces("group", "agent"),
    );
  });
});

// ---- lifecycle over the real client and the emulator ----

describe("GroupMember lifecycle", () => {
  let emu: EmulatedStringee;
  /** Two groups and the agent Alice. */
  const account = (reading?: "strict" | "lenient") => {
    emu = emulatedStringee({ reading });
    emu.seed("group", { id: "GR_SUPPORT", name: "Support" });
    emu.seed("group", { id: "GR_SALES", name: "Sales" });
    emu.seed("agent", { id: "AG_ALICE", name: "Alice", stringee_user_id: "alice", routing_type: 1 });
  };
  beforeEach(() => account());
  const lc = new Lifecycle(groupMemberDefinition, () => emu.client);
  const seed = (group = "GR_SUPPORT", agent = "AG_ALICE") => {
    emu.seed("groupagent", { group_id: group, agent_id: agent });
    return memberId(group, agent);
  };
  const members = () =>
    emu.objects("groupagent").map((m) => memberId(String(m["group_id"]), String(m["agent_id"])));
  const rejectionOf = async (p: Promise<unknown>): Promise<Error> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    return err as Error;
  };

  it("create looks the membership up, adds the agent once and returns <group>/<agent>", async () => {
    const result = await lc.create(news(ARGS));
    expect(emu.callsOf("groupMembers.find")).toEqual([
      ["GR_SUPPORT", "AG_ALICE"],
      ["GR_SUPPORT", "AG_ALICE"],
    ]);
    expect(emu.callsOf("groupMembers.add")).toEqual([["AG_ALICE", "GR_SUPPORT"]]);
    expect(result).toEqual({ id: ID, outs: STATE });
    expect(members()).toEqual([ID]);
  });

  it("create refuses an agent that is already a member and tells how to adopt the membership", async () => {
    seed();
    const err = await rejectionOf(lc.create(news(ARGS)));
    expect(err.message).toBe(alreadyExistsMessage("GroupMember", "agent AG_ALICE in group GR_SUPPORT", ID));
    expect(err.message).toContain(`add \`importId: "${ID}"\``);
    expect(err.message).toContain("not managed by this stack");
    expect(emu.callsOf("groupMembers.add")).toEqual([]);
  });

  it.each([
    ["lenient", ["groupMembers.find"]],
    // The strict member list does not show the agent's user id: the agent is read for it.
    ["strict", ["groupMembers.find", "agents.findById"]],
  ] as const)(
    "create with importId adopts the membership without adding anything (%s reading)",
    async (reading, calls) => {
      account(reading);
      seed();
      const result = await lc.create(news({ ...ARGS, importId: ID }));
      expect(result).toEqual({ id: ID, outs: { ...STATE, importId: ID } });
      expect(emu.callsOf("groupMembers.add")).toEqual([]);
      expect(emu.calls.map((c) => c.method)).toEqual(calls);
    },
  );

  it("create with importId refuses a membership of another group: group cannot be changed", async () => {
    seed("GR_SALES");
    const err = await rejectionOf(lc.create(news({ ...ARGS, importId: "GR_SALES/AG_ALICE" })));
    expect(err.message).toContain(
      "importId: GroupMember GR_SALES/AG_ALICE cannot be adopted because group differ",
    );
    expect(err.message).toContain('declared "GR_SUPPORT"');
    expect(err.message).toContain('Stringee has "GR_SALES"');
    expect(emu.callsOf("groupMembers.add")).toEqual([]);
  });

  it("an importId that is not <group>/<agent> is explained", async () => {
    const err = await rejectionOf(lc.create(news({ ...ARGS, importId: "AG_ALICE" })));
    expect(err.message).toBe('GroupMember id "AG_ALICE" must be "<group id>/<agent id>".');
  });

  it("an importId naming no membership fails clearly", async () => {
    const err = await rejectionOf(lc.create(news({ ...ARGS, importId: ID })));
    expect(err.message).toContain(`importId: no GroupMember with id "${ID}" exists in Stringee`);
    expect(emu.callsOf("groupMembers.add")).toEqual([]);
  });

  it("read finds the membership by its id and reports the agent's user id", async () => {
    seed();
    emu.patch("agent", "AG_ALICE", { stringee_user_id: "alice.b" });
    await expect(lc.read(ID, STATE)).resolves.toEqual({
      id: ID,
      props: { ...STATE, stringeeUserId: "alice.b" },
      inputs: ARGS,
    });
  });

  it("read (as GroupMember.get does) needs no prior state", async () => {
    seed();
    await expect(lc.read(ID, {})).resolves.toEqual({ id: ID, props: STATE, inputs: ARGS });
  });

  it("read returns {} when the agent left the group, and when the group is gone", async () => {
    await expect(lc.read(ID, STATE)).resolves.toEqual({});
    await expect(lc.read("GR_GONE/AG_ALICE", STATE)).resolves.toEqual({});
  });

  it("read of an id that is not <group>/<agent> is explained", async () => {
    await expect(lc.read("GR_SUPPORT", {})).rejects.toThrow(
      'GroupMember id "GR_SUPPORT" must be "<group id>/<agent id>".',
    );
  });

  it("update (never planned: every field replaces) sends nothing", async () => {
    seed();
    const result = await lc.update(ID, STATE, news(ARGS));
    expect(emu.writes()).toEqual([]);
    expect(emu.callsOf("groupMembers.add")).toEqual([]);
    expect(result).toEqual({ outs: STATE });
  });

  it("delete removes the agent from the group; a membership already gone is done", async () => {
    seed();
    await lc.delete(ID, STATE);
    expect(emu.callsOf("groupMembers.remove")).toEqual([["AG_ALICE", "GR_SUPPORT"]]);
    expect(members()).toEqual([]);
    await expect(lc.delete(ID, STATE)).resolves.toBeUndefined();
  });

  it("a replacement (another group) adds the new membership before the old one is removed", async () => {
    const old = await lc.create(news(ARGS));
    const next = await lc.create(news({ ...ARGS, group: "GR_SALES" }));
    expect(members()).toEqual([ID, "GR_SALES/AG_ALICE"]);
    await lc.delete(old.id, old.outs as Props);
    expect(next.id).toBe("GR_SALES/AG_ALICE");
    expect(members()).toEqual(["GR_SALES/AG_ALICE"]);
  });
});

// ---- program-side uniqueness ----

describe("one GroupMember per group and agent in a program", () => {
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
      "groupmember-uniqueness",
      "test",
      true,
    ),
  );

  it("refuses a second membership of the same agent in the same group, naming both resources", async () => {
    new GroupMember("alice-support", { group: "GR_SUPPORT", agent: "AG_ALICE" });
    expect(
      await naturalKeyConflict(
        new GroupMember("alice-support-again", { group: "GR_SUPPORT ", agent: " AG_ALICE" }),
      ),
    ).toContain(
      'GroupMember "alice-support-again" declares the same group and agent (GR_SUPPORT / AG_ALICE) as ' +
        'GroupMember "alice-support"; Stringee allows only one. ' +
        "Remove one of the two declarations or change its group and agent.",
    );
  });

  it("accepts the agent in another group, another agent in the group, and lookups", async () => {
    new GroupMember("carol-support", { group: "GR_SUPPORT", agent: "AG_CAROL" });
    expect(
      await naturalKeyConflict(new GroupMember("carol-sales", { group: "GR_SALES", agent: "AG_CAROL" })),
    ).toBeUndefined();
    expect(
      await naturalKeyConflict(new GroupMember("dave-support", { group: "GR_SUPPORT", agent: "AG_DAVE" })),
    ).toBeUndefined();
    expect(await naturalKeyConflict(GroupMember.get("lookup-1", "GR_SUPPORT/AG_CAROL"))).toBeUndefined();
    expect(await naturalKeyConflict(GroupMember.get("lookup-2", "GR_SUPPORT/AG_CAROL"))).toBeUndefined();
  });

  it("does not confuse keys of different kinds (an Agent user id equal to a member's agent id)", async () => {
    new GroupMember("erin-support", { group: "GR_SUPPORT", agent: "erin" });
    expect(
      await naturalKeyConflict(new Agent("erin", { name: "Erin", stringeeUserId: "erin" })),
    ).toBeUndefined();
  });

  it("registers the thin provider loading stringee-pulumi/runtime", async () => {
    const m = new GroupMember("registered-member", { group: "GR_REG", agent: "AG_REG" });
    const urn = await new Promise<string>((resolve) => m.urn.apply(resolve));
    expect(urn).toContain("pulumi-nodejs:dynamic/stringee:GroupMember");
    const provider = String(registered.find((r) => r.name === "registered-member")?.inputs["__provider"]);
    expect(provider).toContain('require("stringee-pulumi/runtime")');
    expect(provider).toContain('.provider("groupMember")');
  });
});
