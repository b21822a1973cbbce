// stringee.QueueGroupRouting without sockets: check, diff (never needs the API; queueId and groupId
// replace the routing, primaryGroup changes in place), the lifecycle over the real client answered
// in-process by the emulator (`<queue>/<id>` ids), the serialized provider, and program-side uniqueness of
// queue + group under Pulumi's mocks.
import * as pulumi from "@pulumi/pulumi";
import { Lifecycle, UNKNOWN, alreadyExistsMessage } from "../../../provider/kinds/framework";
import {
  checkQueueGroupRouting,
  queueGroupRoutingDefinition,
} from "../../../provider/kinds/queueGroupRouting";
import { QueueGroupRouting } from "../../../provider/resources/queueGroupRouting";
import { emulatedStringee, type EmulatedStringee } from "./emulatedClient";
import { naturalKeyConflict } from "./naturalKeys";

type Props = Record<string, unknown>;

const ARGS: Props = { queueId: "QU_SALES", groupId: "GR_SUPPORT", primaryGroup: true };

describe("QueueGroupRouting check", () => {
  it.each([
    {
      rule: "queueId is required",
      raw: { groupId: "GR_SUPPORT" },
      property: "queueId",
      mentions: ["QueueGroupRouting requires queueId", "the queue id, for example queue.stringeeId"],
    },
    {
      rule: "groupId is required",
      raw: { queueId: "QU_SALES", groupId: null },
      property: "groupId",
      mentions: ["QueueGroupRouting requires groupId", "the group id, for example group.stringeeId"],
    },
    {
      rule: "a queueId longer than 64 characters is refused",
      raw: { ...ARGS, queueId: "Q".repeat(65) },
      property: "queueId",
      mentions: ["at most 64 characters"],
    },
    ...[1, 0, "true", "yes"].map((value) => ({
      rule: `primaryGroup ${JSON.stringify(value)} is refused: true or false only`,
      raw: { ...ARGS, primaryGroup: value },
      property: "primaryGroup",
      mentions: ["must be true or false", `got ${typeof value === "string" ? `"${value}"` : value}`],
    })),
    ...(
      [
        ["queue_id", "queueId"],
        ["group_id", "groupId"],
        ["primary_group", "primaryGroup"],
      ] as const
    ).map(([snake, camel]) => ({
      rule: `the API's snake_case name ${snake} is refused with a hint`,
      raw: { ...ARGS, [snake]: "x" },
      property: snake,
      mentions: [`QueueGroupRouting has no property ${snake}`, `Did you mean ${camel}?`, "camelCase"],
    })),
    {
      rule: "queue (a likely typo) is refused with the known properties",
      raw: { ...ARGS, queue: "QU_SALES" },
      property: "queue",
      mentions: [
        "QueueGroupRouting has no property queue",
        "Known properties: queueId, groupId, primaryGroup",
      ],
    },
  ])("$rule", (c) => {
    const failures = checkQueueGroupRouting(c.raw).failures;
    expect(failures.map((f) => f.property)).toEqual([c.property]);
    expect(failures[0]!.reason).toContain(c.property);
    for (const text of c.mentions) expect(failures[0]!.reason).toContain(text);
  });

  it("canonicalises valid inputs: ids trimmed, primaryGroup defaults to false", () => {
    expect(checkQueueGroupRouting({ queueId: " QU_SALES", groupId: "GR_SUPPORT " })).toEqual({
      inputs: { queueId: "QU_SALES", groupId: "GR_SUPPORT", primaryGroup: false },
      failures: [],
    });
    expect(checkQueueGroupRouting(ARGS)).toEqual({ inputs: ARGS, failures: [] });
  });

  it("never judges values unknown at preview", () => {
    const raw = { queueId: UNKNOWN, groupId: UNKNOWN, primaryGroup: UNKNOWN };
    expect(checkQueueGroupRouting(raw)).toEqual({ inputs: raw, failures: [] });
  });

  it("Lifecycle.check keeps a string importId (bare or <queue>/<id>)", () => {
    const lc = new Lifecycle(queueGroupRoutingDefinition, () => {
      throw new Error("check must not need a client");
    });
    expect(lc.check({ ...ARGS, importId: "QU_SALES/GR_RO_1", __provider: "text" })).toEqual({
      inputs: { ...ARGS, importId: "QU_SALES/GR_RO_1" },
      failures: [],
    });
  });
});

// ---- diff ----

const offline = new Lifecycle(queueGroupRoutingDefinition, () => {
  throw new Error("no client in diff");
});
const news = (raw: Props): Props => {
  const result = offline.check(raw);
  expect(result.failures).toEqual([]);
  return result.inputs as Props;
};
const STATE: Props = { ...ARGS, stringeeId: "GR_RO_767XB0XBNTX6Z751" };
const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false, stables: ["stringeeId"] };
const replaces = (...fields: string[]) => ({
  changes: true,
  replaces: fields,
  deleteBeforeReplace: false,
  stables: ["stringeeId"],
});

describe("QueueGroupRouting diff", () => {
  it("no change for the same routing, spaces and an importId", () => {
    expect(offline.diff(STATE, news(ARGS))).toEqual(NO_CHANGE);
    expect(offline.diff(STATE, news({ ...ARGS, queueId: " QU_SALES " }))).toEqual(NO_CHANGE);
    expect(offline.diff(STATE, news({ ...ARGS, importId: "QU_SALES/GR_RO_767XB0XBNTX6Z751" }))).toEqual(
      NO_CHANGE,
    );
  });

  it("the default primaryGroup false equals a stored false", () => {
    expect(
      offline.diff({ ...STATE, primaryGroup: false }, news({ queueId: "QU_SALES", groupId: "GR_SUPPORT" })),
    ).toEqual(NO_CHANGE);
  });

  it("a primaryGroup change is an in-place update", () => {
    expect(offline.diff(STATE, news({ ...ARGS, primaryGroup: false }))).toEqual(replaces());
  });

  it("another queue replaces the routing, creating the replacement first", () => {
    expect(offline.diff(STATE, news({ ...ARGS, queueId: "QU_OTHER" }))).toEqual(replaces("queueId"));
  });

  it("another group replaces the routing", () => {
    expect(offline.diff(STATE, news({ ...ARGS, groupId: "GR_OTHER" }))).toEqual(replaces("groupId"));
  });

  it("queue, group and flag all changed: only queueId and groupId are listed as replacements", () => {
    expect(
      offline.diff(STATE, news({ queueId: "QU_OTHER", groupId: "GR_OTHER", primaryGroup: false })),
    ).toEqual(replaces("queueId", "groupId"));
  });
});

// ---- lifecycle over the real client and the emulator ----

describe("QueueGroupRouting lifecycle", () => {
  let emu: EmulatedStringee;
  beforeEach(() => {
    emu = emulatedStringee();
    emu.seed("queue", { id: "QU_SALES", name: "Sales" });
    emu.seed("queue", { id: "QU_OTHER", name: "Other" });
    emu.seed("group", { id: "GR_SUPPORT", name: "Support" });
  });
  const lc = new Lifecycle(queueGroupRoutingDefinition, () => emu.client);
  const seed = (extra: Props = {}) =>
    emu.seed("grouprouting", {
      id: "GR_RO_EXISTING",
      queue_id: "QU_SALES",
      group_id: "GR_SUPPORT",
      primary_group: true,
      ...extra,
    });
  const state = (id: string, extra: Props = {}) => ({ ...ARGS, stringeeId: id, ...extra });
  const rejectionOf = async (p: Promise<unknown>): Promise<Error> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    return err as Error;
  };

  it("create looks queue + group up, creates once and returns the routing id", async () => {
    const result = await lc.create(news(ARGS));
    const [created] = emu.objects("grouprouting");
    expect(emu.callsOf("queueGroupRoutings.findByNaturalKey")).toEqual([
      [{ queueId: "QU_SALES", groupId: "GR_SUPPORT" }],
    ]);
    expect(emu.callsOf("queueGroupRoutings.create")).toEqual([[ARGS]]);
    expect(result).toEqual({ id: created?.["id"], outs: state(String(created?.["id"])) });
    expect(emu.writes()).toEqual(["queueGroupRoutings.create"]);
  });

  it("create sends the default primaryGroup false when it is not declared", async () => {
    await lc.create(news({ queueId: "QU_SALES", groupId: "GR_SUPPORT" }));
    expect(emu.callsOf("queueGroupRoutings.create")).toEqual([[{ ...ARGS, primaryGroup: false }]]);
  });

  it("create refuses a routing that already exists remotely and tells how to adopt it", async () => {
    const id = seed({ primary_group: false });
    const err = await rejectionOf(lc.create(news(ARGS)));
    expect(err.message).toBe(
      alreadyExistsMessage("QueueGroupRouting", "group GR_SUPPORT of queue QU_SALES", id),
    );
    expect(err.message).toContain(`add \`importId: "${id}"\``);
    expect(emu.writes()).toEqual([]);
  });

  it("create with importId <queue>/<id> adopts the routing and updates only primaryGroup", async () => {
    const id = seed({ primary_group: false });
    const result = await lc.create(news({ ...ARGS, importId: `QU_SALES/${id}` }));
    expect(emu.callsOf("queueGroupRoutings.create")).toEqual([]);
    expect(emu.callsOf("queueGroupRoutings.update")).toEqual([[id, { primaryGroup: true }]]);
    expect(result).toEqual({ id, outs: state(id, { importId: `QU_SALES/${id}` }) });
  });

  it("create with a bare importId looks the routing up on the declared queue; a match sends no write", async () => {
    const id = seed();
    const result = await lc.create(news({ ...ARGS, importId: id }));
    expect(result.id).toBe(id);
    expect(emu.callsOf("queueGroupRoutings.findById")).toEqual([["QU_SALES", id]]);
    expect(emu.writes()).toEqual([]);
  });

  it("create with importId refuses a routing of another queue: queueId cannot be changed", async () => {
    const id = seed({ queue_id: "QU_OTHER" });
    const err = await rejectionOf(lc.create(news({ ...ARGS, importId: `QU_OTHER/${id}` })));
    expect(err.message).toContain(
      `importId: QueueGroupRouting ${id} cannot be adopted because queueId differ`,
    );
    expect(err.message).toContain('declared "QU_SALES"');
    expect(err.message).toContain('Stringee has "QU_OTHER"');
    expect(emu.writes()).toEqual([]);
  });

  it("an unknown importId fails clearly", async () => {
    const err = await rejectionOf(lc.create(news({ ...ARGS, importId: "QU_SALES/GR_RO_NOPE" })));
    expect(err.message).toContain(
      'importId: no QueueGroupRouting with id "QU_SALES/GR_RO_NOPE" exists in Stringee',
    );
  });

  it("read mirrors a primaryGroup changed out of band (drift)", async () => {
    const id = seed({ primary_group: false });
    await expect(lc.read(id, state(id))).resolves.toEqual({
      id,
      props: state(id, { primaryGroup: false }),
      inputs: { ...ARGS, primaryGroup: false },
    });
  });

  it("read (as QueueGroupRouting.get does) takes the queue from a <queue>/<id> id", async () => {
    const id = seed();
    await expect(lc.read(`QU_SALES/${id}`, {})).resolves.toEqual({ id, props: state(id), inputs: ARGS });
    expect(emu.callsOf("queueGroupRoutings.findById")).toEqual([["QU_SALES", id]]);
  });

  it("read of a bare id without any known queue explains the <queue>/<id> form", async () => {
    await expect(lc.read("GR_RO_X", {})).rejects.toThrow(
      'QueueGroupRouting id "GR_RO_X" needs its queue: use "<queue id>/<routing id>".',
    );
  });

  it("read returns {} when the routing is gone, and when its queue is gone", async () => {
    await expect(lc.read("GR_RO_GONE", state("GR_RO_GONE"))).resolves.toEqual({});
    const id = seed({ queue_id: "QU_OTHER" });
    // The emulator refuses to delete a queue a routing uses: forced out of band, it leaves the routing behind.
    emu.remove("queue", "QU_OTHER", { force: true });
    await expect(lc.read(id, state(id, { queueId: "QU_OTHER" }))).resolves.toEqual({});
  });

  it("update sends only primaryGroup", async () => {
    const id = seed();
    const result = await lc.update(id, state(id), news({ ...ARGS, primaryGroup: false }));
    expect(emu.callsOf("queueGroupRoutings.update")).toEqual([[id, { primaryGroup: false }]]);
    expect(result).toEqual({ outs: state(id, { primaryGroup: false }) });
  });

  it("update of a <queue>/<id> id strips the queue", async () => {
    const id = seed();
    await lc.update(`QU_SALES/${id}`, state(id), news({ ...ARGS, primaryGroup: false }));
    expect(emu.callsOf("queueGroupRoutings.update")).toEqual([[id, { primaryGroup: false }]]);
  });

  it("update with nothing changed sends nothing", async () => {
    const id = seed();
    await lc.update(id, state(id), news(ARGS));
    expect(emu.writes()).toEqual([]);
  });

  it("delete strips the queue from a <queue>/<id> id; a routing already gone is done", async () => {
    const id = seed();
    await lc.delete(`QU_SALES/${id}`, state(id));
    expect(emu.callsOf("queueGroupRoutings.delete")).toEqual([[id]]);
    expect(emu.objects("grouprouting")).toEqual([]);
    await expect(lc.delete(id, state(id))).resolves.toBeUndefined();
  });
});

// ---- program-side uniqueness ----

describe("one QueueGroupRouting per queue and group in a program", () => {
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
      "routing-uniqueness",
      "test",
      true,
    ),
  );

  it("refuses a second routing of the same queue to the same group, naming both resources", async () => {
    new QueueGroupRouting("sales-support", {
      queueId: "QU_SALES",
      groupId: "GR_SUPPORT",
      primaryGroup: true,
    });
    expect(
      await naturalKeyConflict(
        new QueueGroupRouting("sales-support-backup", { queueId: "QU_SALES ", groupId: "GR_SUPPORT" }),
      ),
    ).toContain(
      'QueueGroupRouting "sales-support-backup" declares the same queueId and groupId (QU_SALES / GR_SUPPORT) as ' +
        'QueueGroupRouting "sales-support"; Stringee allows only one. ' +
        "Remove one of the two declarations or change its queueId and groupId.",
    );
  });

  it("accepts another group on the queue, the group on another queue, and lookups", async () => {
    new QueueGroupRouting("q1-g1", { queueId: "QU_1", groupId: "GR_1" });
    expect(
      await naturalKeyConflict(new QueueGroupRouting("q1-g2", { queueId: "QU_1", groupId: "GR_2" })),
    ).toBeUndefined();
    expect(
      await naturalKeyConflict(new QueueGroupRouting("q2-g1", { queueId: "QU_2", groupId: "GR_1" })),
    ).toBeUndefined();
    expect(await naturalKeyConflict(QueueGroupRouting.get("lookup-1", "QU_1/GR_RO_1"))).toBeUndefined();
    expect(await naturalKeyConflict(QueueGroupRouting.get("lookup-2", "QU_1/GR_RO_1"))).toBeUndefined();
  });

  it("registers the thin provider loading stringee-pulumi/runtime", async () => {
    const r = new QueueGroupRouting("registered-routing", { queueId: "QU_REG", groupId: "GR_REG" });
    const urn = await new Promise<string>((resolve) => r.urn.apply(resolve));
    expect(urn).toContain("pulumi-nodejs:dynamic/stringee:QueueGroupRouting");
    const provider = String(registered.find((x) => x.name === "registered-routing")?.inputs["__provider"]);
    expect(provider).toContain('require("stringee-pulumi/runtime")');
    expect(provider).toContain('.provider("queueGroupRouting")');
  });
});
