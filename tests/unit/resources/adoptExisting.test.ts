// The recovery switch STRINGEE_ADOPT_EXISTING: off by default (a create that finds its natural key taken
// refuses), on for the one `pulumi up` that follows an interrupted run (the create adopts the object of
// the same natural key under the importId rules, without a POST and without recording an importId).
import type * as pulumi from "@pulumi/pulumi";
import { Lifecycle, alreadyExistsMessage, type ResourceDefinition } from "../../../provider/kinds/framework";
import { numberDefinition } from "../../../provider/kinds/number";
import { sipPhoneDefinition } from "../../../provider/kinds/sipPhone";
import { configure } from "../../../provider/runtime";
import { ADOPT_EXISTING_ENV, resolveAdoptExisting } from "../../../provider/settings";
import { fakeStringee, type FakeStringee } from "./fakeClient";

type Props = Record<string, unknown>;

let fake: FakeStringee;
beforeEach(() => {
  fake = fakeStringee();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function lifecycle(spec: ResourceDefinition<any, any>, adoptExisting?: boolean): Lifecycle<any, any> {
  return adoptExisting === undefined
    ? new Lifecycle(spec, () => fake.client)
    : new Lifecycle(
        spec,
        () => fake.client,
        () => adoptExisting,
      );
}

function checked(lc: { check(raw: Props): pulumi.dynamic.CheckResult }, raw: Props): Props {
  const result = lc.check(raw);
  expect(result.failures).toEqual([]);
  return result.inputs as Props;
}

const NUMBER: Props = {
  number: "84986225112",
  nickname: "Hotline",
  allowOutboundCalls: true,
  enableIvr: false,
  queueId: "QU_SALES",
};
const NUMBER_INPUTS = { ...NUMBER, recordOutboundCalls: false };
const seedNumber = (extra: Props = {}) => {
  fake.numbers.push({ id: "NU_EXISTING", ...NUMBER_INPUTS, ...extra } as never);
  return "NU_EXISTING";
};

describe("create with an existing object of the same natural key", () => {
  it("refuses by default and points to the recovery procedure", async () => {
    const id = seedNumber();
    const lc = lifecycle(numberDefinition);
    await expect(lc.create(checked(lc, NUMBER))).rejects.toThrow(
      alreadyExistsMessage("Number", "number 84986225112", id),
    );
    expect(alreadyExistsMessage("Number", "number 84986225112", id)).toContain(
      `"Recovering from an interrupted run" in the README (${ADOPT_EXISTING_ENV}=true)`,
    );
    expect(fake.writes()).toEqual([]);
  });

  it("refuses when the switch is explicitly off", async () => {
    seedNumber();
    const lc = lifecycle(numberDefinition, false);
    await expect(lc.create(checked(lc, NUMBER))).rejects.toThrow(/not managed by this stack/);
    expect(fake.writes()).toEqual([]);
  });

  it("adopts it when the switch is on: no POST, only the differing fields are updated, no importId recorded", async () => {
    const id = seedNumber({ nickname: "Half-created", recordOutboundCalls: true });
    const lc = lifecycle(numberDefinition, true);
    const result = await lc.create(checked(lc, NUMBER));
    expect(result).toEqual({ id, outs: { ...NUMBER_INPUTS, stringeeId: id } });
    expect(fake.callsOf("numbers.create")).toEqual([]);
    expect(fake.callsOf("numbers.update")).toEqual([
      [id, { nickname: "Hotline", recordOutboundCalls: false }],
    ]);
    expect(fake.numbers).toEqual([{ id, ...NUMBER_INPUTS }]);
  });

  it("adopting an object that already matches sends no write at all", async () => {
    const id = seedNumber();
    const lc = lifecycle(numberDefinition, true);
    expect((await lc.create(checked(lc, NUMBER))).id).toBe(id);
    expect(fake.writes()).toEqual([]);
  });

  it("adopting a SIP phone sends the declared password, which the API never returns", async () => {
    fake.sipPhones.push({ username: "246_100", shortUsername: "100", extension: 100 } as never);
    const lc = lifecycle(sipPhoneDefinition, true);
    const args = { username: "100", password: "desk-password-1", extension: 100 };
    const result = await lc.create(checked(lc, args));
    expect(result.id).toBe("246_100");
    expect(fake.callsOf("sipPhones.create")).toEqual([]);
    expect(fake.callsOf("sipPhones.update")).toEqual([
      ["246_100", { password: "desk-password-1", extension: 100 }],
    ]);
    expect(result.outs).not.toHaveProperty("importId");
  });

  it("still creates, once, what does not exist when the switch is on", async () => {
    const lc = lifecycle(numberDefinition, true);
    const result = await lc.create(checked(lc, NUMBER));
    expect(result.id).toBe("NU_FAKE0001");
    expect(fake.writes()).toEqual(["numbers.create"]);
  });

  it("an explicit importId still wins and is still recorded when the switch is on", async () => {
    const id = seedNumber();
    const lc = lifecycle(numberDefinition, true);
    const result = await lc.create(checked(lc, { ...NUMBER, importId: id }));
    expect(result.outs).toMatchObject({ stringeeId: id, importId: id });
    expect(fake.callsOf("numbers.findByNumber")).toEqual([]);
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

  it("configure fails on a misspelt switch, so the preview reports it before anything is created", () => {
    process.env[ADOPT_EXISTING_ENV] = "ture";
    expect(() => configure(() => undefined)).toThrow(/STRINGEE_ADOPT_EXISTING must be true or false/);
  });

  it("configure accepts the switch on and off", () => {
    for (const value of ["true", "false"]) {
      process.env[ADOPT_EXISTING_ENV] = value;
      expect(() => configure(() => undefined)).not.toThrow();
    }
  });
});
