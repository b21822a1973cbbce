// Groups, agents in groups and queue-to-group routings over HTTP: the wire shapes of Stringee's
// group pages, the routes (membership DELETE with a body, no item routes), r codes, cascades,
// refused deletes, paging, and the /__emulator/objects controls for the three collections.
import { useHarness } from "./harness";

describe("groups, memberships and group routings over HTTP", () => {
  // The account rules do not depend on the reading; the lenient one answers create ids in their listed form,
  // which these tests then use in paths (readings.test.ts covers the strict answers).
  const h = useHarness({ reading: "lenient" });

  async function agent(userId = "alice", name = "Alice"): Promise<string> {
    return (await h.api("POST", "/v1/agent", { name, stringee_user_id: userId })).body.agentID;
  }
  async function group(name = "Support group"): Promise<string> {
    return (await h.api("POST", "/v1/group", { name })).body.groupID;
  }
  async function queue(name = "Hotline"): Promise<string> {
    return (await h.api("POST", "/v1/queue", { name })).body.queueID;
  }

  describe("/v1/group", () => {
    it("creates, lists, updates and deletes with the documented shapes", async () => {
      const created = await h.api("POST", "/v1/group", { name: "Support group" });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({
        r: 0,
        project: 246,
        groupID: expect.stringMatching(/^GR_[A-Z0-9]{16}$/),
        message: "Create group success",
      });
      expect(Object.keys(created.body)).toEqual(["r", "project", "groupID", "message"]);
      const id = created.body.groupID;

      const listed = await h.api("GET", "/v1/group");
      expect(listed.body).toEqual({
        r: 0,
        message: "Load group(s) success",
        project: 246,
        data: {
          totalGroups: "1",
          totalPages: 1,
          currentPage: 1,
          limit: 50,
          groups: [{ id, account: 408, project: 246, name: "Support group", number_of_agent: 0 }],
        },
      });

      expect((await h.api("PUT", `/v1/group/${id}`, { name: "Tier 1" })).body).toEqual({
        r: 0,
        project: 246,
        message: "Update group success",
      });
      expect((await h.api("GET", "/v1/group")).body.data.groups[0].name).toBe("Tier 1");
      expect((await h.api("DELETE", `/v1/group/${id}`)).body).toEqual({
        r: 0,
        project: 246,
        message: "Delete group success",
      });
      expect((await h.api("DELETE", `/v1/group/${id}`)).body).toEqual({
        r: -1,
        project: 246,
        message: "Group not found",
      });
      expect((await h.api("PUT", `/v1/group/${id}`, { name: "x" })).body.r).toBe(-1);
    });

    it("requires a name, allows duplicate names and pages like the other ICC lists", async () => {
      expect((await h.api("POST", "/v1/group", {})).body).toEqual({
        r: 1,
        project: 246,
        message: "name is required",
      });
      await group("Same");
      await group("Same");
      await group("Other");
      const page = await h.api("GET", "/v1/group?page=2&limit=2");
      expect(page.body.data).toMatchObject({ totalGroups: "3", totalPages: 2, currentPage: 2, limit: 2 });
      expect(page.body.data.groups.map((g: { name: string }) => g.name)).toEqual(["Other"]);
    });
  });

  describe("/v1/manage-agents-in-group", () => {
    it("adds, lists and removes with the documented shapes, plus the agent's name and user id", async () => {
      const agentId = await agent();
      const groupId = await group();
      const added = await h.api("POST", "/v1/manage-agents-in-group", {
        agent_id: agentId,
        group_id: groupId,
      });
      expect(added.body).toEqual({
        r: 0,
        project: 246,
        agentID: agentId,
        groupID: groupId,
        message: "Add agent to Group success",
      });
      expect(Object.keys(added.body)).toEqual(["r", "project", "agentID", "groupID", "message"]);

      const listed = await h.api("GET", `/v1/manage-agents-in-group?group=${groupId}`);
      expect(listed.body).toEqual({
        r: 0,
        message: "Load group agent success",
        project: 246,
        data: {
          totalCount: "1",
          totalPages: 1,
          currentPage: 1,
          limit: 50,
          groupAgents: [
            {
              account: 408,
              project: 246,
              agent_id: agentId,
              group_id: groupId,
              agent_name: "Alice",
              stringee_user_id: "alice",
            },
          ],
        },
      });
      expect((await h.api("GET", "/v1/group")).body.data.groups[0].number_of_agent).toBe(1);

      const removed = await h.api("DELETE", "/v1/manage-agents-in-group", {
        agent_id: agentId,
        group_id: groupId,
      });
      expect(removed.body).toEqual({ r: 0, project: 246, message: "Remove agent from Group success" });
      expect(
        (await h.api("GET", `/v1/manage-agents-in-group?group=${groupId}`)).body.data.groupAgents,
      ).toEqual([]);
    });

    it("answers r = 2 for an existing member, r = 4 for unknown agents or groups, r = -1 for a missing membership", async () => {
      const agentId = await agent();
      const groupId = await group();
      const body = { agent_id: agentId, group_id: groupId };
      expect((await h.api("POST", "/v1/manage-agents-in-group", body)).body.r).toBe(0);
      expect((await h.api("POST", "/v1/manage-agents-in-group", body)).body).toMatchObject({
        r: 2,
        project: 246,
      });
      expect(
        (await h.api("POST", "/v1/manage-agents-in-group", { agent_id: "AG_NOPE", group_id: groupId })).body,
      ).toMatchObject({ r: 4, message: expect.stringContaining("agent_id") });
      expect(
        (await h.api("POST", "/v1/manage-agents-in-group", { agent_id: agentId, group_id: "GR_NOPE" })).body,
      ).toMatchObject({ r: 4, message: expect.stringContaining("group_id") });
      expect((await h.api("POST", "/v1/manage-agents-in-group", { agent_id: agentId })).body).toMatchObject({
        r: 1,
        message: "group_id is required",
      });

      expect((await h.api("DELETE", "/v1/manage-agents-in-group", body)).body.r).toBe(0);
      expect((await h.api("DELETE", "/v1/manage-agents-in-group", body)).body).toEqual({
        r: -1,
        project: 246,
        message: "Agent is not in the group",
      });
      expect((await h.api("DELETE", "/v1/manage-agents-in-group", { agent_id: agentId })).body).toMatchObject(
        {
          r: 1,
          message: "group_id is required",
        },
      );
      expect(
        (await h.api("DELETE", "/v1/manage-agents-in-group", undefined, { raw: "{not json" })).body.r,
      ).toBe(5);
    });

    it("needs ?group= naming an existing group, and has no item routes", async () => {
      expect((await h.api("GET", "/v1/manage-agents-in-group")).body).toMatchObject({
        r: 1,
        message: "group is required",
      });
      expect((await h.api("GET", "/v1/manage-agents-in-group?group=GR_NOPE")).body).toMatchObject({
        r: -1,
        message: "Group not found",
      });
      const item = await h.api("DELETE", "/v1/manage-agents-in-group/anything");
      expect(item.status).toBe(404);
      expect(item.body.r).toBe(7);
      const put = await h.api("PUT", "/v1/manage-agents-in-group", {});
      expect(put.status).toBe(405);
      expect(put.headers.get("allow")).toBe("GET, POST, DELETE");
    });

    it("deleting an agent or a group removes its memberships", async () => {
      const alice = await agent("alice");
      const bob = await agent("bob", "Bob");
      const support = await group("Support");
      const sales = await group("Sales");
      for (const [a, g] of [
        [alice, support],
        [bob, support],
        [alice, sales],
      ]) {
        expect((await h.api("POST", "/v1/manage-agents-in-group", { agent_id: a, group_id: g })).body.r).toBe(
          0,
        );
      }
      expect((await h.api("DELETE", `/v1/agent/${alice}`)).body.r).toBe(0);
      const left = (await h.api("GET", `/v1/manage-agents-in-group?group=${support}`)).body.data;
      expect(left.groupAgents.map((m: { agent_id: string }) => m.agent_id)).toEqual([bob]);
      expect((await h.api("DELETE", `/v1/group/${support}`)).body.r).toBe(0);
      expect((await h.control("GET", "/objects/groupagent")).body).toEqual({ groupagent: [] });
    });
  });

  describe("/v1/routing-call-to-groups", () => {
    it("creates, lists per queue, updates primary_group and deletes with the documented shapes", async () => {
      const queueId = await queue();
      const groupId = await group();
      const created = await h.api("POST", "/v1/routing-call-to-groups", {
        queue_id: queueId,
        group_id: groupId,
        primary_group: 1,
      });
      expect(created.body).toEqual({
        r: 0,
        project: 246,
        groupRoutingID: expect.stringMatching(/^GR_RO_[A-Z0-9]{16}$/),
        message: "Create group routing success",
      });
      const id = created.body.groupRoutingID;
      const listed = await h.api("GET", `/v1/routing-call-to-groups?queue=${queueId}`);
      expect(listed.body).toEqual({
        r: 0,
        message: "Load group routing success",
        project: 246,
        data: {
          totalCount: "1",
          totalPages: 1,
          currentPage: 1,
          limit: 50,
          groupRoutings: [
            { id, account: 408, project: 246, queue_id: queueId, group_id: groupId, primary_group: 1 },
          ],
        },
      });
      expect((await h.api("PUT", `/v1/routing-call-to-groups/${id}`, { primary_group: false })).body).toEqual(
        {
          r: 0,
          project: 246,
          message: "Update group routing success",
        },
      );
      expect(
        (await h.api("GET", `/v1/routing-call-to-groups?queue=${queueId}`)).body.data.groupRoutings[0]
          .primary_group,
      ).toBe(0);
      const otherQueue = await queue("Other");
      expect(
        (await h.api("PUT", `/v1/routing-call-to-groups/${id}`, { queue_id: otherQueue })).body,
      ).toMatchObject({ r: 1, message: "queue_id cannot be changed" });
      expect((await h.api("DELETE", `/v1/routing-call-to-groups/${id}`)).body).toEqual({
        r: 0,
        project: 246,
        message: "Delete group routing success",
      });
      expect((await h.api("DELETE", `/v1/routing-call-to-groups/${id}`)).body).toMatchObject({
        r: -1,
        message: "Group routing not found",
      });
    });

    it("answers r = 2 for a second routing of the same queue and group, r = 4 for unknown ones", async () => {
      const queueId = await queue();
      const groupId = await group();
      const body = { queue_id: queueId, group_id: groupId, primary_group: 0 };
      expect((await h.api("POST", "/v1/routing-call-to-groups", body)).body.r).toBe(0);
      expect((await h.api("POST", "/v1/routing-call-to-groups", body)).body.r).toBe(2);
      expect(
        (await h.api("POST", "/v1/routing-call-to-groups", { ...body, queue_id: "QU_NOPE" })).body.r,
      ).toBe(4);
      expect(
        (await h.api("POST", "/v1/routing-call-to-groups", { ...body, group_id: "GR_NOPE" })).body.r,
      ).toBe(4);
      expect(
        (await h.api("POST", "/v1/routing-call-to-groups", { ...body, primary_group: "yes" })).body,
      ).toMatchObject({ r: 1, message: expect.stringContaining("primary_group") });
      expect((await h.api("GET", "/v1/routing-call-to-groups")).body).toMatchObject({
        r: 1,
        message: "queue is required",
      });
      expect((await h.api("GET", "/v1/routing-call-to-groups?queue=QU_NOPE")).body).toMatchObject({
        r: -1,
        message: "Queue not found",
      });
    });

    it("refuses (r = 3) deleting a routed group or a routing queue; a group with members only is deletable", async () => {
      const queueId = await queue();
      const groupId = await group();
      const agentId = await agent();
      await h.api("POST", "/v1/manage-agents-in-group", { agent_id: agentId, group_id: groupId });
      const id = (
        await h.api("POST", "/v1/routing-call-to-groups", {
          queue_id: queueId,
          group_id: groupId,
          primary_group: 1,
        })
      ).body.groupRoutingID;
      expect((await h.api("DELETE", `/v1/group/${groupId}`)).body).toMatchObject({
        r: 3,
        message: expect.stringContaining(id),
      });
      expect((await h.api("DELETE", `/v1/queue/${queueId}`)).body.r).toBe(3);
      expect((await h.api("DELETE", `/v1/routing-call-to-groups/${id}`)).body.r).toBe(0);
      expect((await h.api("DELETE", `/v1/group/${groupId}`)).body.r).toBe(0);
      expect((await h.api("DELETE", `/v1/queue/${queueId}`)).body.r).toBe(0);
      expect((await h.api("GET", "/v1/agent")).body.data.agents).toHaveLength(1);
    });
  });

  describe("controls", () => {
    it("list, create, edit and delete the three collections out of band", async () => {
      const agentId = await agent();
      const queueId = await queue();
      const seeded = await h.control("POST", "/objects/group", { id: "GR_SEEDED", name: "Seeded" });
      expect(seeded.body).toEqual({ id: "GR_SEEDED" });
      const member = await h.control("POST", "/objects/groupagent", {
        agent_id: agentId,
        group_id: "GR_SEEDED",
      });
      expect(member.body).toEqual({ id: `GR_SEEDED:${agentId}` });
      const routing = await h.control("POST", "/objects/grouprouting", {
        queue_id: queueId,
        group_id: "GR_SEEDED",
        primary_group: true,
      });
      expect(routing.status).toBe(200);

      const all = (await h.control("GET", "/objects")).body;
      expect(all.group).toEqual([
        { id: "GR_SEEDED", account: 408, project: 246, name: "Seeded", number_of_agent: 1 },
      ]);
      expect(all.groupagent).toEqual([
        expect.objectContaining({ agent_id: agentId, group_id: "GR_SEEDED", stringee_user_id: "alice" }),
      ]);
      expect(all.grouprouting).toEqual([expect.objectContaining({ id: routing.body.id, primary_group: 1 })]);
      expect((await h.control("GET", `/objects/groupagent/GR_SEEDED:${agentId}`)).body).toMatchObject({
        agent_id: agentId,
      });

      expect(
        (await h.control("PATCH", `/objects/grouprouting/${routing.body.id}`, { primary_group: 0 })).body,
      ).toMatchObject({ ok: true, object: { primary_group: 0 } });
      expect(
        (await h.control("POST", "/objects/groupagent", { agent_id: "AG_NOPE", group_id: "GR_SEEDED" }))
          .status,
      ).toBe(400);
      expect((await h.control("DELETE", "/objects/group/GR_SEEDED")).status).toBe(409);
      expect((await h.control("DELETE", "/objects/group/GR_SEEDED?force=true")).body).toEqual({ ok: true });
      const after = (await h.control("GET", "/objects")).body;
      expect(after.groupagent).toEqual([]);
      expect(after.grouprouting).toHaveLength(1);
      expect((await h.control("DELETE", `/objects/grouprouting/${routing.body.id}`)).body).toEqual({
        ok: true,
      });
    });

    it("request-log counts use the collection paths", async () => {
      const agentId = await agent();
      const groupId = await group();
      await h.control("DELETE", "/requests");
      await h.api("POST", "/v1/manage-agents-in-group", { agent_id: agentId, group_id: groupId });
      await h.api("DELETE", "/v1/manage-agents-in-group", { agent_id: agentId, group_id: groupId });
      await h.api("PUT", `/v1/group/${groupId}`, { name: "Renamed" });
      expect((await h.control("GET", "/requests")).body.counts).toEqual({
        "POST /v1/manage-agents-in-group": 1,
        "DELETE /v1/manage-agents-in-group": 1,
        "PUT /v1/group/:id": 1,
      });
    });
  });
});
