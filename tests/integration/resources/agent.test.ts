// stringee.Agent's lifecycle over real HTTP against the emulator, including the runtime-owned manual
// status: declared values are sent, the agents' own changes are reported but never reverted.
import { agentDefinition } from "../../../provider/kinds/agent";
import { alreadyExistsMessage } from "../../../provider/kinds/framework";
import type { Reading } from "../../../provider/emulator/collections";
import { checked, rejectionOf, startResourceHarness, type Props, type ResourceHarness } from "./harness";

describe.each<Reading>(["strict", "lenient"])("Agent against the emulator (%s reading)", (reading) => {
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

  const lc = () => h.lifecycle(agentDefinition);
  const ARGS: Props = { name: "Alice", stringeeUserId: "alice", manualStatus: "AVAILABLE" };
  // routingType left out is not managed; only the lenient list shows what Stringee applied.
  const INPUTS: Props = { ...ARGS };
  const API_DEFAULTS = reading === "lenient" ? { routingType: 1 } : {};

  async function created(): Promise<{ id: string; outs: Props }> {
    const result = await lc().create(checked(lc(), ARGS));
    await h.clearRequests();
    return { id: result.id, outs: result.outs as Props };
  }

  describe("lifecycle", () => {
    it("create makes one agent and reports the live statuses", async () => {
      const result = await lc().create(checked(lc(), ARGS));
      expect(result.id).toMatch(/^AG_[A-Z0-9]{16}$/);
      expect(result.outs).toEqual({
        ...INPUTS,
        stringeeId: result.id,
        currentManualStatus: "AVAILABLE",
        systemStatus: 0,
        apiDefaults: API_DEFAULTS,
      });
      expect(await h.objects("agent")).toEqual([
        expect.objectContaining({
          id: result.id,
          name: "Alice",
          stringee_user_id: "alice",
          manual_status: "AVAILABLE",
          routing_type: 1,
          phone_number: null,
        }),
      ]);
    });

    it("read returns the outputs and the canonical inputs", async () => {
      const { id, outs } = await created();
      expect(await lc().read(id, outs)).toEqual({ id, props: outs, inputs: INPUTS });
    });

    it("update changes name, status and routing in place with one PUT", async () => {
      const { id, outs } = await created();
      const news = checked(lc(), {
        name: "Alice B.",
        stringeeUserId: "alice",
        manualStatus: "NOT AVAILABLE",
        routingType: 2,
        phoneNumber: "84986225112",
      });
      const result = await lc().update(id, outs, news);
      expect(result.outs).toMatchObject({ ...news, stringeeId: id, currentManualStatus: "NOT AVAILABLE" });
      expect(await h.object("agent", id)).toMatchObject({
        name: "Alice B.",
        manual_status: "NOT AVAILABLE",
        routing_type: 2,
        phone_number: "84986225112",
      });
      const counts = await h.counts();
      expect(counts["PUT /v1/agent/:id"]).toBe(1);
      expect(counts["POST /v1/agent"]).toBeUndefined();
    });

    it("switching routingType back to 1 clears the phone number", async () => {
      const first = await lc().create(checked(lc(), { ...ARGS, routingType: 2, phoneNumber: "84986225112" }));
      await lc().update(first.id, first.outs as Props, checked(lc(), { ...ARGS, routingType: 1 }));
      expect(await h.object("agent", first.id)).toMatchObject({ routing_type: 1, phone_number: null });
    });

    it("read shows an out-of-band rename as drift but keeps the declared manualStatus", async () => {
      const { id, outs } = await created();
      await h.patch("agent", id, { name: "Renamed", manual_status: "NOT AVAILABLE", system_status: 1 });
      const result = await lc().read(id, outs);
      expect(result.inputs).toEqual({ ...INPUTS, name: "Renamed" });
      expect(result.props).toEqual({
        ...INPUTS,
        name: "Renamed",
        stringeeId: id,
        currentManualStatus: "NOT AVAILABLE",
        systemStatus: 1,
        apiDefaults: API_DEFAULTS,
      });
      // Only the rename is drift: the agent's own status change is not fought.
      const diff = lc().diff(result.props as Props, checked(lc(), { ...ARGS, name: "Renamed" }));
      expect(diff.changes).toBe(false);
    });

    it("read returns {} once the agent was deleted out of band", async () => {
      const { id, outs } = await created();
      await h.remove("agent", id);
      await expect(lc().read(id, outs)).resolves.toEqual({});
    });

    it("delete removes the agent; deleting again is a no-op", async () => {
      const { id, outs } = await created();
      await lc().delete(id, outs);
      expect(await h.objects("agent")).toEqual([]);
      await expect(lc().delete(id, outs)).resolves.toBeUndefined();
      expect((await h.counts())["DELETE /v1/agent/:id"]).toBe(2);
    });

    it("a create whose answer is lost ends with exactly one agent, under the right id", async () => {
      await h.fault({ method: "POST", path: "^/v1/agent$", kind: "drop-response" });
      const result = await lc().create(checked(lc(), ARGS));
      const agents = await h.objects("agent");
      expect(agents).toHaveLength(1);
      expect(agents[0]?.["id"]).toBe(result.id);
      expect((await h.counts())["POST /v1/agent"]).toBe(1);
    });

    it("create refuses an agent created out of band and tells how to adopt it", async () => {
      const id = await h.seed("agent", { name: "Alice", stringee_user_id: "alice" });
      const err = await rejectionOf(lc().create(checked(lc(), ARGS)));
      expect(err.message).toBe(alreadyExistsMessage("Agent", "stringeeUserId alice", id));
    });

    it("importId adopts an agent created out of band and updates the differing fields", async () => {
      const id = await h.seed("agent", {
        name: "Alice (legacy)",
        stringee_user_id: "alice",
        manual_status: "AVAILABLE",
      });
      await h.clearRequests();
      const result = await lc().create(checked(lc(), { ...ARGS, importId: id }));
      expect(result.id).toBe(id);
      expect(result.outs).toMatchObject({ ...INPUTS, stringeeId: id, importId: id });
      expect(await h.objects("agent")).toEqual([expect.objectContaining({ id, name: "Alice" })]);
      const counts = await h.counts();
      expect(counts["POST /v1/agent"]).toBeUndefined();
      expect(counts["PUT /v1/agent/:id"]).toBe(1);
    });

    it("a declared routingType 2 and its phone number survive refresh", async () => {
      const routed = { ...ARGS, routingType: 2, phoneNumber: "84986225112" };
      const first = await lc().create(checked(lc(), routed));
      const read = await lc().read(first.id, first.outs as Props);
      expect(read.inputs).toEqual(routed);
      expect(lc().diff(read.props as Props, checked(lc(), routed)).changes).toBe(false);
    });
  });
});
