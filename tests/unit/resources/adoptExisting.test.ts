// The recovery switch STRINGEE_ADOPT_EXISTING: off by default (a create that finds its natural key taken
// refuses), on for the one `pulumi up` that follows an interrupted run (the create adopts the object of
// the same natural key under the importId rules, without a POST and without recording an importId).
import type * as pulumi from "@pulumi/pulumi";
import { Lifecycle, alreadyExistsMessage, type ResourceDefinition } from "../../../provider/kinds/framework";
import { numberDefinition } from "../../../provider/kinds/number";
import { sipPhoneDefinition } from "../../../provider/kinds/sipPhone";
import { configure, lifecycle as runtimeLifecycle } from "../../../provider/runtime";
import { ADOPT_EXISTING_ENV, resolveAdoptExisting } from "../../../provider/settings";
import type { EmulatedStringee } from "./emulatedClient";
import {
  NUMBER_ARGS as NUMBER,
  NUMBER_INPUTS,
  NUMBER_WIRE,
  numberAccount,
  seedNumber,
} from "./numberFixture";

type Props = Record<string, unknown>;

let emu: EmulatedStringee;
beforeEach(() => {
  emu = numberAccount();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function lifecycle(spec: ResourceDefinition<any, any>, adoptExisting?: boolean): Lifecycle<any, any> {
  return adoptExisting === undefined
    ? new Lifecycle(spec, () => emu.client)
    : new Lifecycle(
        spec,
        () => emu.client,
        () => adoptExisting,
      );
}

function checked(lc: { check(raw: Props): pulumi.dynamic.CheckResult }, raw: Props): Props {
  const result = lc.check(raw);
  expect(result.failures).toEqual([]);
  return result.inputs as Props;
}

describe("create with an existing object of the same natural key", () => {
  it("refuses by default and points to the recovery procedure", async () => {
    const id = seedNumber(emu);
    const lc = lifecycle(numberDefinition);
    await expect(lc.create(checked(lc, NUMBER))).rejects.toThrow(
      alreadyExistsMessage("Number", "number 84986225112", id),
    );
    expect(alreadyExistsMessage("Number", "number 84986225112", id)).toContain(
      `adopt them all in one run with \`${ADOPT_EXISTING_ENV}=true pulumi up\` (see "Recovering from an interrupted run" in the README)`,
    );
    expect(emu.writes()).toEqual([]);
  });

  it("refuses when the switch is explicitly off", async () => {
    seedNumber(emu);
    const lc = lifecycle(numberDefinition, false);
    await expect(lc.create(checked(lc, NUMBER))).rejects.toThrow(/not managed by this stack/);
    expect(emu.writes()).toEqual([]);
  });

  it("adopts it when the switch is on: no POST, only the differing fields are updated, no importId recorded", async () => {
    const id = seedNumber(emu, { nickname: "Half-created", record_outbound_calls: 1 });
    const lc = lifecycle(numberDefinition, true);
    const result = await lc.create(checked(lc, NUMBER));
    expect(result).toEqual({ id, outs: { ...NUMBER_INPUTS, stringeeId: id, apiDefaults: {} } });
    expect(emu.callsOf("numbers.create")).toEqual([]);
    // recordOutboundCalls is not declared, so not managed: adoption leaves it as it is.
    expect(emu.callsOf("numbers.update")).toEqual([[id, { nickname: "Hotline" }]]);
    expect(emu.objects("number")).toMatchObject([{ id, ...NUMBER_WIRE, record_outbound_calls: 1 }]);
  });

  it("adopting an object that already matches sends no write at all", async () => {
    // Only the lenient list shows record_outbound_calls, so only there can the object be seen to match.
    emu = numberAccount({ reading: "lenient" });
    const id = seedNumber(emu);
    const lc = lifecycle(numberDefinition, true);
    expect((await lc.create(checked(lc, NUMBER))).id).toBe(id);
    expect(emu.writes()).toEqual([]);
  });

  it("adopting a SIP phone sends the declared password, which the API never returns", async () => {
    emu.seed("sipphone", { username: "100", extension: 100 });
    const lc = lifecycle(sipPhoneDefinition, true);
    const args = { username: "100", password: "desk-password-1", extension: 100 };
    const result = await lc.create(checked(lc, args));
    expect(result.id).toBe("246_100");
    expect(emu.callsOf("sipPhones.create")).toEqual([]);
    expect(emu.callsOf("sipPhones.update")).toEqual([
      ["246_100", { password: "desk-password-1", extension: 100 }],
    ]);
    expect(result.outs).not.toHaveProperty("importId");
  });

  it("still creates, once, what does not exist when the switch is on", async () => {
    const lc = lifecycle(numberDefinition, true);
    const result = await lc.create(checked(lc, NUMBER));
    expect(emu.objects("number")).toMatchObject([{ id: result.id, ...NUMBER_WIRE }]);
    expect(emu.writes()).toEqual(["numbers.create"]);
  });

  it("an explicit importId still wins and is still recorded when the switch is on", async () => {
    const id = seedNumber(emu);
    const lc = lifecycle(numberDefinition, true);
    const result = await lc.create(checked(lc, { ...NUMBER, importId: id }));
    expect(result.outs).toMatchObject({ stringeeId: id, importId: id });
    expect(emu.callsOf("numbers.findByNaturalKey")).toEqual([]);
  });
});

describe("resolveAdoptExisting", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["  ", false],
    ["false", false],
    ["0", false],
    ["FALSE", false],
    ["true", true],
    ["1", true],
    [" True ", true],
  ])("%j means %s", (value, expected) => {
    expect(resolveAdoptExisting(value === undefined ? {} : { [ADOPT_EXISTING_ENV]: value })).toBe(expected);
  });

  it("refuses any other value, naming the variable and the accepted values", () => {
    expect(() => resolveAdoptExisting({ [ADOPT_EXISTING_ENV]: "yes" })).toThrow(
      'STRINGEE_ADOPT_EXISTING must be true or false (1 or 0); got "yes".',
    );
  });
});

describe("runtime", () => {
  const saved = process.env[ADOPT_EXISTING_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[ADOPT_EXISTING_ENV];
    else process.env[ADOPT_EXISTING_ENV] = saved;
    configure(() => undefined);
  });

  it("a misspelt switch fails every check, so the preview reports it before anything is created", () => {
    process.env[ADOPT_EXISTING_ENV] = "ture";
    // Not thrown by configure: Pulumi configures each kind once per process, later resources would run unconfigured.
    expect(() => configure(() => undefined)).not.toThrow();
    for (const kind of ["number", "queue"] as const)
      expect(() => runtimeLifecycle(kind, "check")).toThrow(/STRINGEE_ADOPT_EXISTING must be true or false/);
  });

  it("configure accepts the switch on and off", () => {
    for (const value of ["true", "false"]) {
      process.env[ADOPT_EXISTING_ENV] = value;
      expect(() => configure(() => undefined)).not.toThrow();
    }
  });
});
