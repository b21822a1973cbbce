// stringee.BlacklistNumber without sockets: check (digits only, both flags default to true, an entry that
// blocks nothing is refused), and the lifecycle over the real client answered in-process by the emulator,
// whose list shows the number with a leading "+": lookups and refresh treat both forms as one number.
import { blacklistNumberDefinition, checkBlacklistNumber } from "../../../provider/kinds/blacklistNumber";
import { Lifecycle, alreadyExistsMessage } from "../../../provider/kinds/framework";
import { emulatedStringee, type EmulatedStringee } from "./emulatedClient";

type Props = Record<string, unknown>;

describe("BlacklistNumber check", () => {
  it("fills both flags with true and keeps the number as written", () => {
    expect(checkBlacklistNumber({ number: " 84379361752 " })).toEqual({
      inputs: { number: "84379361752", ivrBlocked: true, queueBlocked: true },
      failures: [],
    });
  });

  it.each([
    { raw: {}, property: "number", mentions: ["BlacklistNumber requires number"] },
    { raw: { number: "+84379361752" }, property: "number", mentions: ["no '+'"] },
    { raw: { number: "0912 345 678" }, property: "number", mentions: ["digits only"] },
    { raw: { number: "84379361752", ivrBlocked: 1 }, property: "ivrBlocked", mentions: ["true or false"] },
    {
      raw: { number: "84379361752", ivrBlocked: false, queueBlocked: false },
      property: "queueBlocked",
      mentions: ["blocks nothing"],
    },
    {
      raw: { number: "84379361752", ivr_blocked: true },
      property: "ivr_blocked",
      mentions: ["Did you mean ivrBlocked?"],
    },
  ])("refuses $raw", (c) => {
    const failures = checkBlacklistNumber(c.raw).failures;
    expect(failures.map((f) => f.property)).toEqual([c.property]);
    for (const m of c.mentions) expect(failures[0]!.reason).toContain(m);
  });
});

describe("BlacklistNumber lifecycle", () => {
  let emu: EmulatedStringee;
  const lc = () => new Lifecycle(blacklistNumberDefinition, () => emu.client);
  const inputs = (raw: Props) => lc().check(raw).inputs as Props;

  beforeEach(() => {
    emu = emulatedStringee();
  });

  it("create sends the number and both flags (1/0), stores it listed with +, and refresh sees no difference", async () => {
    const created = await lc().create(inputs({ number: "84379361752", queueBlocked: false }));
    expect(created.id).toMatch(/^BN[A-Z0-9]{6}$/);
    expect(emu.objects("blacklistnumber")).toEqual([
      expect.objectContaining({ id: created.id, number: "+84379361752", ivr_blocked: 1, queue_blocked: 0 }),
    ]);
    const upload = emu.requests.find((r) => r.method === "POST");
    expect(upload?.json).toEqual({ number: "84379361752", ivr_blocked: 1, queue_blocked: 0 });
    const read = await lc().read(created.id, created.outs as Props);
    expect(read.inputs).toEqual({ number: "84379361752", ivrBlocked: true, queueBlocked: false });
    expect(
      lc().diff(read.props as Props, inputs({ number: "84379361752", queueBlocked: false })).changes,
    ).toBe(false);
  });

  it("a number listed with + is found before a create and refused as existing, with how to adopt it", async () => {
    const id = emu.seed("blacklistnumber", { number: "+84379361752", ivr_blocked: 1, queue_blocked: 1 });
    await expect(lc().create(inputs({ number: "84379361752" }))).rejects.toThrow(
      alreadyExistsMessage("BlacklistNumber", "number 84379361752", id),
    );
    expect(emu.writes()).toEqual([]);
  });

  it("importId adopts the entry and sets the flags that differ", async () => {
    const id = emu.seed("blacklistnumber", { number: "84379361752", ivr_blocked: 1, queue_blocked: 0 });
    const adopted = await lc().create(inputs({ number: "84379361752", importId: id }));
    expect(adopted.outs).toMatchObject({ importId: id, queueBlocked: true });
    expect(emu.callsOf("blacklistNumbers.update")).toEqual([
      [id, { number: "84379361752", queueBlocked: true }],
    ]);
  });

  it("refresh shows a flag changed in the dashboard; update changes it back in place, with the number", async () => {
    const created = await lc().create(inputs({ number: "84379361752" }));
    emu.patch("blacklistnumber", created.id, { ivr_blocked: 0 });
    const read = await lc().read(created.id, created.outs as Props);
    expect(read.inputs).toMatchObject({ ivrBlocked: false });
    const diff = lc().diff(read.props as Props, inputs({ number: "84379361752" }));
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    await lc().update(created.id, read.props as Props, inputs({ number: "84379361752" }));
    expect(emu.objects("blacklistnumber")[0]).toMatchObject({ ivr_blocked: 1 });
    expect(emu.callsOf("blacklistNumbers.update").at(-1)).toEqual([
      created.id,
      { ivrBlocked: true, number: "84379361752" },
    ]);
  });

  it("a new number is an update in place, and delete is idempotent", async () => {
    const created = await lc().create(inputs({ number: "84379361752" }));
    const diff = lc().diff(created.outs as Props, inputs({ number: "84379361753" }));
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    await lc().update(created.id, created.outs as Props, inputs({ number: "84379361753" }));
    expect(emu.objects("blacklistnumber")[0]).toMatchObject({ number: "+84379361753" });
    await lc().delete(created.id, created.outs as Props);
    await lc().delete(created.id, created.outs as Props);
    expect(emu.objects("blacklistnumber")).toEqual([]);
  });
});
