// stringee.Group without sockets: check, diff (never needs the API; a rename is in place and the
// member count never diffs), the lifecycle over the real client answered in-process by the emulator
// (numberOfAgents output, refusal to delete a group a queue still routes to), the serialized provider,
// and program-side uniqueness of the name under Pulumi's mocks.
import * as pulumi from "@pulumi/pulumi";
import { Lifecycle, UNKNOWN, alreadyExistsMessage } from "../../../provider/kinds/framework";
import { checkGroup, groupDefinition } from "../../../provider/kinds/group";
import { Group } from "../../../provider/resources/group";
import { emulatedStringee, type EmulatedStringee } from "./emulatedClient";
import { naturalKeyConflict } from "./naturalKeys";

type Props = Record<string, unknown>;

const ARGS: Props = { name: "Support" };

describe("Group check", () => {
  it.each([
    { rule: "name is required", raw: {}, property: "name", mentions: ["Group requires name"] },
    {
      rule: "an empty name is refused",
      raw: { name: "" },
      property: "name",
      mentions: ["Group requires name"],
    },
    {
      rule: "a name longer than 100 characters is refused",
      raw: { name: "g".repeat(101) },
      property: "name",
      mentions: ["at most 100 characters", "got 101"],
    },
    {
      rule: "name must be a string",
      raw: { name: true },
      property: "name",
      mentions: ["must be a string", "got true"],
    },
    {
      rule: "the read-only numberOfAgents is not an input",
      raw: { ...ARGS, numberOfAgents: 3 },
      property: "numberOfAgents",
      mentions: ["Group has no property numberOfAgents", "Known properties: name"],
    },
    {
      rule: "the API's number_of_agent is refused with the known properties",
      raw: { ...ARGS, number_of_agent: 3 },
      property: "number_of_agent",
      mentions: ["Group has no property number_of_agent", "Known properties: name"],
    },
    {
      rule: "groupName (a likely typo) is refused",
      raw: { ...ARGS, groupName: "Support" },
      property: "groupName",
      mentions: ["Group has no property groupName", "Known properties: name"],
    },
  ])("$rule", (c) => {
    const failures = checkGroup(c.raw).failures;
    expect(failures.map((f) => f.property)).toEqual([c.property]);
    expect(failures[0]!.reason).toContain(c.property);
    for (const text of c.mentions) expect(failures[0]!.reason).toContain(text);
  });

  it("a snake_case spelling of a known property gets a camelCase hint", () => {
    // Group has a single one-word property; the hint machinery still maps snake_case names.
    const failures = checkGroup({ ...ARGS, na_me: "x" }).failures;
    expect(failures).toEqual([
      { property: "na_me", reason: "Group has no property na_me. Known properties: name." },
    ]);
  });

  it("canonicalises valid inputs: the name is trimmed", () => {
    expect(checkGroup({ name: "  Support " })).toEqual({ inputs: ARGS, failures: [] });
  });

  it("never judges values unknown at preview", () => {
    expect(checkGroup({ name: UNKNOWN })).toEqual({ inputs: { name: UNKNOWN }, failures: [] });
  });

  it("Lifecycle.check keeps a string importId and refuses another type", () => {
    const lc = new Lifecycle(groupDefinition, () => {
      throw new Error("check must not need a client");
    });
    expect(lc.check({ ...ARGS, importId: "GR_1", __provider: "text" })).toEqual({
      inputs: { ...ARGS, importId: "GR_1" },
      failures: [],
    });
    expect(lc.check({ ...ARGS, importId: ["GR_1"] }).failures).toEqual([
      { property: "importId", reason: 'importId must be a Stringee id string; got ["GR_1"].' },
    ]);
  });
});

// ---- diff ----

const offline = new Lifecycle(groupDefinition, () => {
  throw new Error("no client in diff");
});
const news = (raw: Props): Props => {
  const result = offline.check(raw);
  expect(result.failures).toEqual([]);
  return result.inputs as Props;
};
const STATE: Props = { name: "Support", stringeeId: "GR_PPOJHJCJVDFC7VQC", numberOfAgents: 2 };
const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false, stables: ["stringeeId"] };

describe("Group diff", () => {
  it("no change when only numberOfAgents differs, and for surrounding spaces", () => {
    expect(offline.diff(STATE, news(ARGS))).toEqual(NO_CHANGE);
    expect(offline.diff({ ...STATE, numberOfAgents: 0 }, news({ name: " Support " }))).toEqual(NO_CHANGE);
    expect(offline.diff(STATE, news({ ...ARGS, importId: "GR_PPOJHJCJVDFC7VQC" }))).toEqual(NO_CHANGE);
  });

  it("a rename is an in-place update, never a replacement", () => {
    expect(offline.diff(STATE, news({ name: "Tier 1" }))).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
      stables: ["stringeeId"],
    });
  });
});

// ---- lifecycle over the real client and the emulator ----

describe("Group lifecycle", () => {
  let emu: EmulatedStringee;
  beforeEach(() => {
    emu = emulatedStringee();
  });
  const lc = new Lifecycle(groupDefinition, () => emu.client);
  const seed = (extra: Props = {}) => emu.seed("group", { id: "GR_EXISTING", name: "Support", ...extra });
  /** Puts a new agent `agentId` into the group. */
  const addMember = (groupId: string, agentId: string) => {
    emu.seed("agent", { id: agentId, name: agentId, stringee_user_id: agentId.toLowerCase() });
    emu.seed("groupagent", { group_id: groupId, agent_id: agentId });
  };
  const state = (id: string, extra: Props = {}) => ({ ...ARGS, stringeeId: id, numberOfAgents: 0, ...extra });
  const rejectionOf = async (p: Promise<unknown>): Promise<Error> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    return err as Error;
  };

  it("create looks the name up, creates once and reports numberOfAgents", async () => {
    const result = await lc.create(news(ARGS));
    const [created] = emu.objects("group");
    expect(emu.callsOf("groups.findByNaturalKey")).toEqual([[{ name: "Support" }]]);
    expect(emu.callsOf("groups.create")).toEqual([[ARGS]]);
    expect(result).toEqual({ id: created?.["id"], outs: state(String(created?.["id"])) });
    expect(emu.writes()).toEqual(["groups.create"]);
  });

  it("create refuses a name that already exists remotely and tells how to adopt it with importId", async () => {
    const id = seed();
    const err = await rejectionOf(lc.create(news(ARGS)));
    expect(err.message).toBe(alreadyExistsMessage("Group", 'name "Support"', id));
    expect(err.message).toContain(`add \`importId: "${id}"\``);
    expect(err.message).toContain("change the name");
    expect(emu.writes()).toEqual([]);
  });

  it("create with importId adopts the group (renaming it when needed) and reports its members", async () => {
    const id = seed({ name: "Support (legacy)" });
    addMember(id, "AG_1");
    addMember(id, "AG_2");
    const result = await lc.create(news({ ...ARGS, importId: id }));
    expect(emu.callsOf("groups.create")).toEqual([]);
    expect(emu.callsOf("groups.findByNaturalKey")).toEqual([]);
    expect(emu.callsOf("groups.update")).toEqual([[id, { name: "Support" }]]);
    expect(result).toEqual({ id, outs: state(id, { numberOfAgents: 2, importId: id }) });
  });

  it("adopting by an id without its prefix stores the id as the API lists it", async () => {
    seed();
    const result = await lc.create(news({ ...ARGS, importId: "EXISTING" }));
    expect(result.id).toBe("GR_EXISTING");
    expect(result.outs).toMatchObject({ stringeeId: "GR_EXISTING", importId: "EXISTING" });
    expect(emu.writes()).toEqual([]);
  });

  it("an unknown importId fails clearly", async () => {
    const err = await rejectionOf(lc.create(news({ ...ARGS, importId: "GR_NOPE" })));
    expect(err.message).toContain('importId: no Group with id "GR_NOPE" exists in Stringee');
    expect(emu.writes()).toEqual([]);
  });

  it("read mirrors a rename (drift) and the current member count", async () => {
    const id = seed({ name: "Renamed" });
    addMember(id, "AG_1");
    const result = await lc.read(id, state(id));
    expect(result).toEqual({
      id,
      props: { name: "Renamed", stringeeId: id, numberOfAgents: 1 },
      inputs: { name: "Renamed" },
    });
  });

  it("read returns {} when the group is gone", async () => {
    await expect(lc.read("GR_GONE", state("GR_GONE"))).resolves.toEqual({});
  });

  it("read (as Group.get does) needs no prior state", async () => {
    const id = seed();
    await expect(lc.read(id, {})).resolves.toEqual({ id, props: state(id), inputs: ARGS });
  });

  it("update renames in place and sends only the name", async () => {
    const id = seed();
    const result = await lc.update(id, state(id), news({ name: "Tier 1" }));
    expect(emu.callsOf("groups.update")).toEqual([[id, { name: "Tier 1" }]]);
    expect(result).toEqual({ outs: state(id, { name: "Tier 1" }) });
  });

  it("update with nothing changed sends nothing", async () => {
    const id = seed();
    await lc.update(id, state(id, { numberOfAgents: 5 }), news(ARGS));
    expect(emu.writes()).toEqual([]);
  });

  it("delete removes the group; a group already gone is done", async () => {
    const id = seed();
    await lc.delete(id, state(id));
    expect(emu.objects("group")).toEqual([]);
    await expect(lc.delete(id, state(id))).resolves.toBeUndefined();
    expect(emu.callsOf("groups.delete")).toEqual([[id], [id]]);
  });

  it("delete surfaces the refusal while a queue still routes to the group", async () => {
    const id = seed();
    emu.seed("queue", { id: "QU_1", name: "Sales" });
    emu.seed("grouprouting", { id: "GR_RO_1", queue_id: "QU_1", group_id: id, primary_group: false });
    await expect(lc.delete(id, state(id))).rejects.toThrow(/r=3/);
    expect(emu.objects("group")).toHaveLength(1);
  });
});

// ---- program-side uniqueness ----

describe("one Group per name in a program", () => {
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
      "group-uniqueness",
      "test",
      true,
    ),
  );

  it("refuses a second Group with the same name, naming both resources", async () => {
    new Group("support", { name: "Support" });
    expect(await naturalKeyConflict(new Group("support-2", { name: " Support" }))).toContain(
      'Group "support-2" declares the same name (Support) as Group "support"; Stringee allows only one. ' +
        "Remove one of the two declarations or change its name.",
    );
  });

  it("accepts different names and read-only lookups", async () => {
    new Group("tier-1", { name: "Tier 1" });
    expect(await naturalKeyConflict(new Group("tier-2", { name: "Tier 2" }))).toBeUndefined();
    expect(await naturalKeyConflict(Group.get("lookup-1", "GR_1"))).toBeUndefined();
    expect(await naturalKeyConflict(Group.get("lookup-2", "GR_1"))).toBeUndefined();
  });

  it("registers the thin provider loading stringee-pulumi/runtime", async () => {
    const g = new Group("registered-group", { name: "Registered" });
    const urn = await new Promise<string>((resolve) => g.urn.apply(resolve));
    expect(urn).toContain("pulumi-nodejs:dynamic/stringee:Group");
    const provider = String(registered.find((r) => r.name === "registered-group")?.inputs["__provider"]);
    expect(provider).toContain('require("stringee-pulumi/runtime")');
    expect(provider).toContain('.provider("group")');
  });
});
