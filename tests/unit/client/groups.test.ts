// Groups, group members and queue-group routings without sockets: mapping from Stringee's documented
// wire shapes, request bodies, paging on `totalGroups`, and the idempotent membership add/remove over
// the in-memory transport.
import { StringeeClient } from "../../../provider/client";
import { groupMemberFromWire, groupMemberToWire } from "../../../provider/client/groupMembers";
import { groupFromWire, groupToWire } from "../../../provider/client/groups";
import {
  queueGroupRoutingFromWire,
  queueGroupRoutingToWire,
} from "../../../provider/client/queueGroupRoutings";
import { sameId } from "../../../provider/client/normalize";
import { fakeTransport, type FakeHandler } from "./fakeTransport";

function client(
  handler: FakeHandler,
  pageSize = 50,
): { c: StringeeClient; seen: ReturnType<typeof fakeTransport>["seen"] } {
  const { request, seen } = fakeTransport(handler);
  const c = new StringeeClient({
    apiKeySid: "SK_UNIT",
    apiKeySecret: "unit-secret",
    iccBaseUrl: "http://icc.invalid",
    apiBaseUrl: "http://api.invalid",
    retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 },
    pageSize,
    request,
  });
  return { c, seen };
}

const ok = (extra: Record<string, unknown> = {}) => ({
  body: { r: 0, project: 246, message: "ok", ...extra },
});

describe("wire mapping", () => {
  it("maps the group list sample (number_of_agent is read-only) and sends only the name", () => {
    expect(
      groupFromWire({
        id: "GR_PPOJHJCJVDFC7VQC",
        account: 408,
        project: 246,
        name: "Support group",
        number_of_agent: 1,
      }),
    ).toEqual({ id: "GR_PPOJHJCJVDFC7VQC", name: "Support group", numberOfAgents: 1 });
    expect(groupFromWire({ id: "GR_X", name: "No count" })).toEqual({ id: "GR_X", name: "No count" });
    expect(groupFromWire({ id: "GR_X", name: "" })).toBeUndefined();
    expect(groupFromWire({ name: "No id" })).toBeUndefined();
    expect(groupToWire({ name: "Support group" })).toEqual({ name: "Support group" });
    expect(groupToWire({})).toEqual({});
  });

  it("maps the group agent list sample, with or without the agent's name and user id", () => {
    expect(
      groupMemberFromWire({
        account: 408,
        project: 246,
        agent_id: "AG_XPHOV0V7X71EFH98",
        group_id: "GR_PPOJHJCJVDFC7VQC",
      }),
    ).toEqual({ groupId: "GR_PPOJHJCJVDFC7VQC", agentId: "AG_XPHOV0V7X71EFH98" });
    expect(
      groupMemberFromWire({
        agent_id: "AG_1",
        group_id: "GR_1",
        agent_name: "Alice",
        stringee_user_id: "alice",
      }),
    ).toEqual({ groupId: "GR_1", agentId: "AG_1", agentName: "Alice", stringeeUserId: "alice" });
    expect(groupMemberFromWire({ agent_id: "AG_1", group_id: null })).toBeUndefined();
    expect(groupMemberToWire({ agentId: "AG_1", groupId: "GR_1" })).toEqual({
      agent_id: "AG_1",
      group_id: "GR_1",
    });
  });

  it("maps the group routing list sample and sends primary_group as 1/0", () => {
    expect(
      queueGroupRoutingFromWire({
        id: "GR_RO_767XB0XBNTX6Z751",
        account: 408,
        project: 246,
        queue_id: "QU_PRWHUKZJ8EMA2U0Y",
        group_id: "GR_QD72WYP4BAG4HYZ9",
        primary_group: 1,
      }),
    ).toEqual({
      id: "GR_RO_767XB0XBNTX6Z751",
      queueId: "QU_PRWHUKZJ8EMA2U0Y",
      groupId: "GR_QD72WYP4BAG4HYZ9",
      primaryGroup: true,
    });
    expect(
      queueGroupRoutingFromWire({ id: "GR_RO_1", queue_id: "QU_1", group_id: "GR_1", primary_group: "0" }),
    ).toMatchObject({ primaryGroup: false });
    expect(queueGroupRoutingFromWire({ id: "GR_RO_1", queue_id: "QU_1" })).toBeUndefined();
    expect(queueGroupRoutingToWire({ queueId: "QU_1", groupId: "GR_1", primaryGroup: true })).toEqual({
      queue_id: "QU_1",
      group_id: "GR_1",
      primary_group: 1,
    });
    expect(queueGroupRoutingToWire({ primaryGroup: false })).toEqual({ primary_group: 0 });
    expect(queueGroupRoutingToWire({})).toEqual({});
  });

  it("treats GR_ and GR_RO_ as optional prefixes (create samples show unprefixed ids)", () => {
    expect(sameId("GR_VJ2LFCVKRO0CXAM2", "VJ2LFCVKRO0CXAM2")).toBe(true);
    expect(sameId("GR_RO_767XB0XBNTX6Z751", "767XB0XBNTX6Z751")).toBe(true);
  });
});

describe("GroupsApi over the fake transport", () => {
  it("walks pages using totalGroups and turns an unprefixed create id into the listed one", async () => {
    const groups = [
      { id: "GR_A", name: "a" },
      { id: "GR_VJ2LFCVKRO0CXAM2", name: "b" },
      { id: "GR_C", name: "c" },
    ];
    const { c, seen } = client((req) => {
      if (req.method === "POST") return ok({ groupID: "VJ2LFCVKRO0CXAM2" });
      const page = Number(req.query.get("page"));
      const limit = Number(req.query.get("limit"));
      // No totalPages: the walk must stop on totalGroups.
      return ok({ data: { totalGroups: "3", groups: groups.slice((page - 1) * limit, page * limit) } });
    }, 2);
    expect((await c.groups.list()).map((g) => g.id)).toEqual(["GR_A", "GR_VJ2LFCVKRO0CXAM2", "GR_C"]);
    expect(seen.filter((r) => r.method === "GET")).toHaveLength(2);
    await expect(c.groups.create({ name: "b" })).resolves.toEqual({
      id: "GR_VJ2LFCVKRO0CXAM2",
      recovered: false,
    });
    expect(seen.find((r) => r.method === "POST")?.json).toEqual({ name: "b" });
    c.close();
  });
});

describe("GroupMembersApi over the fake transport", () => {
  it("add: r = 2 (already a member) is a success that adds nothing", async () => {
    const { c, seen } = client(() => ({ body: { r: 2, project: 246, message: "already exists" } }));
    await expect(c.groupMembers.add("AG_1", "GR_1")).resolves.toEqual({ added: false, recovered: false });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: "POST",
      path: "/v1/manage-agents-in-group",
      json: { agent_id: "AG_1", group_id: "GR_1" },
    });
    c.close();
  });

  it("add: a reset after sending is followed by a lookup; found means applied, nothing re-sent", async () => {
    const { c, seen } = client((req) =>
      req.method === "POST"
        ? { kind: "reset-after-send" }
        : ok({ data: { totalCount: "1", groupAgents: [{ agent_id: "AG_1", group_id: "GR_1" }] } }),
    );
    await expect(c.groupMembers.add("1", "GR_1")).resolves.toEqual({ added: true, recovered: true });
    expect(seen.map((r) => r.method)).toEqual(["POST", "GET"]);
    expect(seen[1]?.query.get("group")).toBe("GR_1");
    c.close();
  });

  it("add: gives up with the ambiguous error after the re-sends are used up", async () => {
    const { c, seen } = client((req) =>
      req.method === "POST"
        ? { kind: "reset-after-send" }
        : ok({ data: { totalCount: "0", groupAgents: [] } }),
    );
    await expect(c.groupMembers.add("AG_1", "GR_1")).rejects.toMatchObject({ outcome: "unknown" });
    // One POST and DEFAULT_CREATE_RESENDS (5) re-sends, each after a lookup that found nothing.
    expect(seen.filter((r) => r.method === "POST")).toHaveLength(6);
    c.close();
  }, 20_000);

  it("add: other refusals (unknown agent, r = 4) reject", async () => {
    const { c } = client(() => ({
      body: { r: 4, project: 246, message: "agent_id references an Agent that does not exist" },
    }));
    await expect(c.groupMembers.add("AG_X", "GR_1")).rejects.toMatchObject({ r: 4, outcome: "failed" });
    c.close();
  });

  it("remove: sends DELETE with the pair as a JSON body; r = -1 is success", async () => {
    let first = true;
    const { c, seen } = client(() => {
      if (first) {
        first = false;
        return ok();
      }
      return { body: { r: -1, project: 246, message: "Agent is not in the group" } };
    });
    await expect(c.groupMembers.remove("AG_1", "GR_1")).resolves.toEqual({ deleted: true });
    await expect(c.groupMembers.remove("AG_1", "GR_1")).resolves.toEqual({ deleted: false });
    expect(seen[0]).toMatchObject({
      method: "DELETE",
      path: "/v1/manage-agents-in-group",
      json: { agent_id: "AG_1", group_id: "GR_1" },
    });
    c.close();
  });

  it("find: a missing group (r = -1) reads as no membership; list rejects", async () => {
    const { c } = client(() => ({ body: { r: -1, project: 246, message: "Group not found" } }));
    await expect(c.groupMembers.find("GR_X", "AG_1")).resolves.toBeUndefined();
    await expect(c.groupMembers.list("GR_X")).rejects.toMatchObject({ r: -1 });
    c.close();
  });
});

describe("QueueGroupRoutingsApi over the fake transport", () => {
  it("lists per queue, finds by natural key with optional prefixes, updates only primary_group", async () => {
    const { c, seen } = client((req) =>
      req.method === "GET"
        ? ok({
            data: {
              totalCount: "1",
              totalPages: 1,
              groupRoutings: [{ id: "GR_RO_1", queue_id: "QU_1", group_id: "GR_G", primary_group: 0 }],
            },
          })
        : ok(),
    );
    expect(await c.queueGroupRoutings.findByNaturalKey({ queueId: "QU_1", groupId: "G" })).toEqual({
      id: "GR_RO_1",
      queueId: "QU_1",
      groupId: "GR_G",
      primaryGroup: false,
    });
    expect(seen[0]?.query.get("queue")).toBe("QU_1");
    await c.queueGroupRoutings.update("GR_RO_1", { primaryGroup: true });
    expect(seen[1]).toMatchObject({
      method: "PUT",
      path: "/v1/routing-call-to-groups/GR_RO_1",
      json: { primary_group: 1 },
    });
    c.close();
  });
});
