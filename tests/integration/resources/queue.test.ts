// stringee.Queue's lifecycle over real HTTP against the emulator: declared settings are sent and
// managed, the others keep Stringee's defaults (reported in `apiDefaults`, never diffed), and a queue a
// group routing still uses cannot be deleted.
import { alreadyExistsMessage } from "../../../provider/kinds/framework";
import { queueDefinition } from "../../../provider/kinds/queue";
import type { Reading } from "../../../provider/emulator/collections";
import { checked, rejectionOf, startResourceHarness, type Props, type ResourceHarness } from "./harness";

describe.each<Reading>(["strict", "lenient"])("Queue against the emulator (%s reading)", (reading) => {
  let h: ResourceHarness;

  beforeAll(async () => {
    h = await startResourceHarness(reading);
  });

  afterAll(async () => {
    await h.close();
  });

  beforeEach(async () => {
    await h.reset();
  });

  const lc = () => h.lifecycle(queueDefinition);
  const ARGS: Props = { name: "Sales", recordCalls: false };
  /**
   * The emulator's defaults (Stringee's queue page) for the settings ARGS leaves out, as far as the list shows
   * them: the strict list has no maximum sizes and no cond_routing, so they cannot be reported.
   */
  const DEFAULTS: Props = {
    agentWrapUpAfterCalls: true,
    wrapUpTimeLimit: 10,
    schedule: 1,
    waitAgentAnswerTimeout: 15,
    ...(reading === "lenient" ? { maximumQueueSize: 5, maximumQueueWaitTime: 60, condRouting: "app" } : {}),
  };

  async function created(): Promise<{ id: string; outs: Props }> {
    const result = await lc().create(checked(lc(), ARGS));
    await h.clearRequests();
    return { id: result.id, outs: result.outs as Props };
  }

  describe("lifecycle", () => {
    it("create makes one queue with the declared settings and reports the defaults of the others", async () => {
      const result = await lc().create(checked(lc(), ARGS));
      expect(result.id).toMatch(/^QU_[A-Z0-9]{16}$/);
      expect(result.outs).toEqual({ ...ARGS, stringeeId: result.id, apiDefaults: DEFAULTS });
      expect(await h.objects("queue")).toEqual([
        expect.objectContaining({
          id: result.id,
          name: "Sales",
          record_calls: 0,
          agent_wrap_up_after_calls: 1,
          wrap_up_time_limit: 10,
          maximum_queue_size: 5,
          wait_greeting: null,
        }),
      ]);
      expect((await h.counts())["POST /v1/queue"]).toBe(1);
    });

    it("read returns the outputs and only the declared inputs", async () => {
      const { id, outs } = await created();
      expect(await lc().read(id, outs)).toEqual({ id, props: outs, inputs: ARGS });
    });

    it("update renames and changes a setting in place with one PUT carrying only the changes", async () => {
      const { id, outs } = await created();
      const news = checked(lc(), { ...ARGS, name: "Sales EU", wrapUpTimeLimit: 30 });
      const result = await lc().update(id, outs, news);
      const { wrapUpTimeLimit: _sent, ...others } = DEFAULTS;
      expect(result.outs).toEqual({ ...news, stringeeId: id, apiDefaults: others });
      expect(await h.object("queue", id)).toMatchObject({
        name: "Sales EU",
        wrap_up_time_limit: 30,
        record_calls: 0,
        maximum_queue_size: 5,
      });
      const counts = await h.counts();
      expect(counts["PUT /v1/queue/:id"]).toBe(1);
      expect(counts["POST /v1/queue"]).toBeUndefined();
    });

    it("read shows out-of-band changes of declared fields as drift; undeclared ones only in apiDefaults", async () => {
      const { id, outs } = await created();
      await h.patch("queue", id, { name: "Renamed", record_calls: 1, maximum_queue_size: 50 });
      const result = await lc().read(id, outs);
      expect(result.inputs).toEqual({ name: "Renamed", recordCalls: true });
      expect(result.props).toEqual({
        name: "Renamed",
        recordCalls: true,
        stringeeId: id,
        apiDefaults: { ...DEFAULTS, ...(reading === "lenient" ? { maximumQueueSize: 50 } : {}) },
      });
      // The next preview wants the declared values back, and nothing for the unmanaged setting.
      const diff = lc().diff(result.props as Props, checked(lc(), ARGS));
      expect(diff.changes).toBe(true);
      await lc().update(id, result.props as Props, checked(lc(), ARGS));
      expect(await h.object("queue", id)).toMatchObject({
        name: "Sales",
        record_calls: 0,
        maximum_queue_size: 50,
      });
    });

    it("read returns {} once the queue was deleted out of band", async () => {
      const { id, outs } = await created();
      await h.remove("queue", id);
      await expect(lc().read(id, outs)).resolves.toEqual({});
    });

    it("delete removes the queue; deleting again is a no-op", async () => {
      const { id, outs } = await created();
      await lc().delete(id, outs);
      expect(await h.objects("queue")).toEqual([]);
      await expect(lc().delete(id, outs)).resolves.toBeUndefined();
      expect((await h.counts())["DELETE /v1/queue/:id"]).toBe(2);
    });

    it("a create whose answer is lost ends with exactly one queue, under the right id", async () => {
      await h.fault({ method: "POST", path: "^/v1/queue$", kind: "drop-response" });
      const result = await lc().create(checked(lc(), ARGS));
      const queues = await h.objects("queue");
      expect(queues).toHaveLength(1);
      expect(queues[0]?.["id"]).toBe(result.id);
      expect((await h.counts())["POST /v1/queue"]).toBe(1);
      expect(result.outs).toMatchObject({ ...ARGS, stringeeId: result.id });
    });

    it("create refuses a queue created out of band with the same name and tells how to adopt it", async () => {
      const id = await h.seed("queue", { name: "Sales" });
      const err = await rejectionOf(lc().create(checked(lc(), ARGS)));
      expect(err.message).toBe(alreadyExistsMessage("Queue", 'name "Sales"', id));
      expect(err.message).toContain(`importId: "${id}"`);
      expect(await h.objects("queue")).toHaveLength(1);
    });

    it("importId adopts a queue created out of band and sends only the differing declared fields", async () => {
      const id = await h.seed("queue", { name: "Sales (legacy)", record_calls: true, maximum_queue_size: 9 });
      await h.clearRequests();
      const result = await lc().create(checked(lc(), { ...ARGS, importId: id }));
      expect(result.id).toBe(id);
      expect(result.outs).toEqual({
        ...ARGS,
        stringeeId: id,
        importId: id,
        apiDefaults: { ...DEFAULTS, ...(reading === "lenient" ? { maximumQueueSize: 9 } : {}) },
      });
      expect(await h.objects("queue")).toEqual([
        expect.objectContaining({ id, name: "Sales", record_calls: 0, maximum_queue_size: 9 }),
      ]);
      const counts = await h.counts();
      expect(counts["POST /v1/queue"]).toBeUndefined();
      expect(counts["PUT /v1/queue/:id"]).toBe(1);
    });

    it("deleting a queue that a group routing still uses is refused with the API's r=3 message", async () => {
      const { id, outs } = await created();
      const group = await h.seed("group", { name: "Support" });
      const routing = await h.seed("grouprouting", { queue_id: id, group_id: group, primary_group: 1 });
      const err = await rejectionOf(lc().delete(id, outs));
      expect(err.message).toBe(
        `DELETE /v1/queue/${id} failed: r=3 "Queue ${id} is still referenced by Group routing ${routing} (queue_id)" (HTTP 200)`,
      );
      expect(await h.object("queue", id)).toBeDefined();
      await h.remove("grouprouting", routing);
      await expect(lc().delete(id, outs)).resolves.toBeUndefined();
      expect(await h.objects("queue")).toEqual([]);
    });
  });
});
