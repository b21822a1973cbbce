// stringee.Number's lifecycle over real HTTP against the emulator: create, read, update in place, drift
// and deletion made out of band, repeated delete, a lost create answer, and adoption by importId.
import { alreadyExistsMessage } from "../../../provider/kinds/framework";
import { numberDefinition } from "../../../provider/kinds/number";
import { checked, rejectionOf, startResourceHarness, type Props, type ResourceHarness } from "./harness";

let h: ResourceHarness;
let queueId: string;
let treeId: string;

beforeAll(async () => {
  h = await startResourceHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(async () => {
  await h.reset();
  queueId = await h.seed("queue", { name: "Sales" });
  treeId = await h.seed("ivrtree", { tree_name: "Main menu" });
  await h.clearRequests();
});

const lc = () => h.lifecycle(numberDefinition);
const args = (): Props => ({
  number: "84986225112",
  nickname: "Hotline",
  allowOutboundCalls: true,
  enableIvr: false,
  queueId,
});
// recordOutboundCalls left out: not managed (the strict list does not show it either).
const inputs = (): Props => ({ ...args() });

async function created(): Promise<{ id: string; outs: Props }> {
  const result = await lc().create(checked(lc(), args()));
  await h.clearRequests();
  return { id: result.id, outs: result.outs as Props };
}

describe("Number against the emulator", () => {
  it("create makes one number with the declared fields and returns its listed id", async () => {
    const result = await lc().create(checked(lc(), args()));
    expect(result.id).toMatch(/^NU_[A-Z0-9]{16}$/);
    expect(result.outs).toEqual({ ...inputs(), stringeeId: result.id });
    expect(await h.objects("number")).toEqual([
      expect.objectContaining({
        id: result.id,
        number: "84986225112",
        nickname: "Hotline",
        allow_outbound_calls: 1,
        enable_ivr: 0,
        ivr_menu: null,
        queue_id: queueId,
        record_outbound_calls: 0,
      }),
    ]);
    expect((await h.counts())["POST /v1/number"]).toBe(1);
  });

  it("read returns the outputs and the canonical inputs", async () => {
    const { id, outs } = await created();
    // A read reports what the list shows of the unmanaged recordOutboundCalls: nothing, in the strict reading.
    expect(await lc().read(id, outs)).toEqual({ id, props: { ...outs, apiDefaults: {} }, inputs: inputs() });
    expect(Object.keys(await h.counts())).toEqual(["GET /v1/number"]);
  });

  it("update changes the number in place with one PUT, phone number included", async () => {
    const { id, outs } = await created();
    const news = checked(lc(), {
      ...args(),
      number: "84986225113",
      nickname: "Sales line",
      recordOutboundCalls: true,
    });
    const result = await lc().update(id, outs, news);
    expect(result.outs).toEqual({ ...news, stringeeId: id, apiDefaults: {} });
    expect(await h.object("number", id)).toMatchObject({
      number: "84986225113",
      nickname: "Sales line",
      record_outbound_calls: 1,
      queue_id: queueId,
    });
    const counts = await h.counts();
    expect(counts["PUT /v1/number/:id"]).toBe(1);
    expect(counts["POST /v1/number"]).toBeUndefined();
    expect(counts["DELETE /v1/number/:id"]).toBeUndefined();
  });

  it("update switches routing to the IVR and clears the queue", async () => {
    const { id, outs } = await created();
    const news = checked(lc(), { ...args(), queueId: undefined, enableIvr: true, ivrMenu: treeId });
    await lc().update(id, outs, news);
    expect(await h.object("number", id)).toMatchObject({ enable_ivr: 1, ivr_menu: treeId, queue_id: null });
    expect((await lc().read(id, { ...news, stringeeId: id })).inputs).toEqual(news);
  });

  it("update clears a removed nickname", async () => {
    const { id, outs } = await created();
    await lc().update(id, outs, checked(lc(), { ...args(), nickname: undefined }));
    expect((await h.object("number", id))?.["nickname"]).toBeNull();
  });

  it("read shows a change made out of band (drift) and diff then reports it", async () => {
    const { id, outs } = await created();
    await h.patch("number", id, { nickname: "Changed in dashboard", allow_outbound_calls: 0 });
    const result = await lc().read(id, outs);
    const drifted = { ...inputs(), nickname: "Changed in dashboard", allowOutboundCalls: false };
    expect(result).toEqual({ id, props: { ...drifted, stringeeId: id, apiDefaults: {} }, inputs: drifted });
    expect(lc().diff(result.props as Props, checked(lc(), args())).changes).toBe(true);
  });

  it("read returns {} once the number was deleted out of band", async () => {
    const { id, outs } = await created();
    await h.remove("number", id);
    await expect(lc().read(id, outs)).resolves.toEqual({});
  });

  it("delete removes the number; deleting again is a no-op", async () => {
    const { id, outs } = await created();
    await lc().delete(id, outs);
    expect(await h.objects("number")).toEqual([]);
    await expect(lc().delete(id, outs)).resolves.toBeUndefined();
    expect((await h.counts())["DELETE /v1/number/:id"]).toBe(2);
    const deletes = (await h.requests()).requests.filter((r) => r.method === "DELETE");
    expect(deletes.map((r) => r.r)).toEqual([0, -1]);
  });

  it("a create whose answer is lost ends with exactly one number, under the right id", async () => {
    await h.fault({ method: "POST", path: "^/v1/number$", kind: "drop-response" });
    const result = await lc().create(checked(lc(), args()));
    const numbers = await h.objects("number");
    expect(numbers).toHaveLength(1);
    expect(numbers[0]?.["id"]).toBe(result.id);
    expect(result.outs).toEqual({ ...inputs(), stringeeId: result.id });
    const requests = (await h.requests()).requests.filter((r) => r.method === "POST");
    expect(requests).toEqual([expect.objectContaining({ path: "/v1/number", fault: "drop-response" })]);
  });

  it("create refuses a number created out of band and tells how to adopt it", async () => {
    const id = await h.seed("number", { number: "84986225112", allow_outbound_calls: 1, enable_ivr: 0 });
    const err = await rejectionOf(lc().create(checked(lc(), args())));
    expect(err.message).toBe(alreadyExistsMessage("Number", "number 84986225112", id));
    expect((await h.counts())["POST /v1/number"]).toBeUndefined();
  });

  it("importId adopts a number created out of band: no POST, one PUT for the differing fields", async () => {
    const id = await h.seed("number", {
      number: "84986225112",
      nickname: "Legacy",
      allow_outbound_calls: 1,
      enable_ivr: 0,
      queue_id: queueId,
    });
    await h.clearRequests();
    const result = await lc().create(checked(lc(), { ...args(), importId: id }));
    expect(result).toEqual({ id, outs: { ...inputs(), stringeeId: id, importId: id, apiDefaults: {} } });
    const counts = await h.counts();
    expect(counts["POST /v1/number"]).toBeUndefined();
    expect(counts["PUT /v1/number/:id"]).toBe(1);
    expect(await h.objects("number")).toEqual([expect.objectContaining({ id, nickname: "Hotline" })]);
  });

  it("importId of a number that does not exist fails and creates nothing", async () => {
    const err = await rejectionOf(lc().create(checked(lc(), { ...args(), importId: "NU_DOESNOTEXIST0000" })));
    expect(err.message).toContain('no Number with id "NU_DOESNOTEXIST0000" exists in Stringee');
    expect(await h.objects("number")).toEqual([]);
  });
});
