// Changes made behind Pulumi's back, for all ten resource kinds, through the real Pulumi CLI against one
// emulator. One stack per scenario, each declaring one object of every kind:
//  (a) edited by hand: refresh shows the drift, up restores the declaration (except what Stringee's lists do
//      not show: a SIP phone's extension is not in the documented list, so refresh cannot see it);
//  (b) deleted by hand: refresh drops them, up creates them again;
//  (c) deleted and re-created by hand under the same natural keys (new ids): refresh drops the old ids and
//      up refuses to take over the new objects silently ("already exists … add importId", naming the switch);
//      one `STRINGEE_ADOPT_EXISTING=true pulumi up` then adopts the whole tree in one run, with no POST.
// After every step: exactly one object per natural key (no duplicate), and the emulator's self-check passes.
import { EmulatorControl } from "../support/emulatorControl";
import { PulumiProject, type CliResult } from "./harness";
import { KINDS, NAMES, PROGRAM, duplicatesByNaturalKey, type Name } from "./tenKinds";

/** The Pulumi resources a diagnostics section names, with the id of the object their error says exists. */
function alreadyExisting(result: CliResult): Record<string, string> {
  const out: Record<string, string> = {};
  const text = result.stdout.slice(result.stdout.indexOf("Diagnostics:"));
  const pattern =
    /stringee:\w+ \((\w+)\):\s+error: .*? already exists in Stringee \(id (\S+)\) but is not managed/g;
  for (const m of text.matchAll(pattern)) out[m[1]!] = m[2]!;
  return out;
}

const summary = (r: CliResult) =>
  (/Resources:\n([\s\S]*?)\n\n/.exec(r.stdout)?.[1] ?? "").replace(/\s+/g, " ").trim();

describe("changes made outside Pulumi, for every resource kind", () => {
  let emu: EmulatorControl;
  const projects: PulumiProject[] = [];

  const objects = () => emu.control<Record<string, Record<string, unknown>[]>>("GET", "/objects");

  /** Fails on any natural key held by two objects; returns how many objects of each collection `prefix` owns. */
  const expectNoDuplicates = async (prefix: string): Promise<Record<string, number>> => {
    const all = await objects();
    expect(duplicatesByNaturalKey(all)).toEqual([]);
    const consistency = await emu.consistency();
    expect(consistency.problems).toEqual([]);
    return owned(all, prefix);
  };

  /** Objects of each collection that belong to the stack using `prefix` (named after it, or linked to them). */
  const owned = (all: Record<string, Record<string, unknown>[]>, prefix: string): Record<string, number> => {
    const mine = (value: unknown) =>
      String(value).startsWith(prefix) || String(value).startsWith(`246_${prefix}`);
    const ids = new Set<string>();
    for (const c of ["queue", "group", "ivrtree"])
      for (const o of all[c] ?? []) if (mine(o["name"] ?? o["tree_name"])) ids.add(String(o["id"]));
    for (const o of all["agent"] ?? []) if (mine(o["stringee_user_id"])) ids.add(String(o["id"]));
    for (const o of all["ivrnode"] ?? []) if (ids.has(String(o["tree"]))) ids.add(String(o["id"]));
    const count = (c: string, test: (o: Record<string, unknown>) => boolean) =>
      (all[c] ?? []).filter(test).length;
    return {
      queue: count("queue", (o) => mine(o["name"])),
      group: count("group", (o) => mine(o["name"])),
      agent: count("agent", (o) => mine(o["stringee_user_id"])),
      groupagent: count("groupagent", (o) => ids.has(String(o["agent_id"]))),
      grouprouting: count("grouprouting", (o) => ids.has(String(o["queue_id"]))),
      ivrtree: count("ivrtree", (o) => mine(o["tree_name"])),
      ivrnode: count("ivrnode", (o) => ids.has(String(o["tree"]))),
      ivrkeypress: count("ivrkeypress", (o) => ids.has(String(o["node"]))),
      number: count("number", (o) => mine(o["nickname"])),
      sipphone: count("sipphone", (o) => mine(o["username"])),
    };
  };
  const ONE_EACH = Object.fromEntries(Object.values(KINDS).map((c) => [c, 1]));

  /** A new stack of the program with its own natural keys, deployed with one `up`. */
  const deploy = async (prefix: string, phone: string): Promise<PulumiProject> => {
    const project = await PulumiProject.create({
      name: `oob-${prefix.toLowerCase()}`,
      files: { "index.ts": PROGRAM },
    });
    projects.push(project);
    await project.setConfig(
      {
        "stringee:apiKeySid": emu.apiKeySid,
        "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
        "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
        prefix,
        phone,
      },
      { "stringee:apiKeySecret": emu.apiKeySecret, sipPassword: `${prefix}-sip-password` },
    );
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(await expectNoDuplicates(prefix)).toEqual(ONE_EACH);
    return project;
  };
  const idsOf = async (project: PulumiProject) => (await project.outputs())["ids"] as Record<Name, string>;

  beforeAll(async () => {
    emu = await EmulatorControl.start();
  });

  afterAll(async () => {
    for (const p of projects) p.dispose();
    await emu?.close();
  });

  it("(a) edits made by hand show as drift on refresh and up restores every declaration the lists show", async () => {
    const prefix = "Edit";
    const project = await deploy(prefix, "84900000101");
    const ids = await idsOf(project);
    const [groupId, agentId] = [ids.group, ids.agent];
    await emu.patch("queue", ids.queue, { name: "Queue renamed by hand" });
    await emu.patch("group", ids.group, { name: "Group renamed by hand" });
    await emu.patch("agent", ids.agent, { name: "Agent renamed by hand" });
    await emu.patch("grouprouting", ids.routing, { primary_group: false });
    await emu.patch("ivrtree", ids.tree, { tree_name: "Tree renamed by hand" });
    await emu.patch("ivrnode", ids.node, { node_play_content: "Changed by hand." });
    await emu.patch("ivrkeypress", ids.key, { action: 6 });
    await emu.patch("number", ids.number, { nickname: "Edit hotline renamed by hand" });
    await emu.patch("sipphone", ids.phone, { extension: 199 });
    // A membership has no field to edit: the dashboard's edit is moving the agent to another group.
    const other = await emu.seed("group", { name: "Other group (by hand)" });
    await emu.remove("groupagent", `${groupId}:${agentId}`);
    await emu.seed("groupagent", { group_id: other, agent_id: agentId });

    const refresh = await project.pulumiOk(["refresh", "--yes", "--diff", "--skip-preview"]);
    console.log(`(a) refresh after 10 edits by hand: ${summary(refresh)}`);
    for (const drift of [
      /name\s*:\s*"Edit Queue" => "Queue renamed by hand"/,
      /name\s*:\s*"Edit Group" => "Group renamed by hand"/,
      /name\s*:\s*"Edit Agent" => "Agent renamed by hand"/,
      /primaryGroup\s*:\s*true => false/,
      /treeName\s*:\s*"Edit Tree" => "Tree renamed by hand"/,
      /nodePlayContent\s*:\s*"Press 1\." => "Changed by hand\."/,
      /action\s*:\s*"routeToQueue" => "stopCall"/,
      /nickname\s*:\s*"Edit hotline" => "Edit hotline renamed by hand"/,
    ])
      expect(refresh.stdout).toMatch(drift);
    // The strict SIP phone list has no extension: the declared value stands, no drift is shown.
    expect(refresh.stdout).not.toMatch(/extension\s*:\s*100 => 199/);
    expect(refresh.stdout).toMatch(/8 updated/);
    expect(refresh.stdout).toMatch(/1 deleted/); // the moved membership
    await expectNoDuplicates(prefix);

    await emu.clearRequests();
    const up = await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    const log = await emu.requests();
    console.log(`(a) up restoring: ${summary(up)}; ${log.length} API requests`);
    expect(up.stdout).toMatch(/8 updated/);
    expect(up.stdout).toMatch(/1 created/);
    const all = await objects();
    const byId = (c: string, id: string) => all[c]?.find((o) => o["id"] === id || o["username"] === id);
    expect(byId("queue", ids.queue)?.["name"]).toBe("Edit Queue");
    expect(byId("group", ids.group)?.["name"]).toBe("Edit Group");
    expect(byId("agent", ids.agent)?.["name"]).toBe("Edit Agent");
    expect(byId("grouprouting", ids.routing)?.["primary_group"]).toBe(1);
    expect(byId("ivrtree", ids.tree)?.["tree_name"]).toBe("Edit Tree");
    expect(byId("ivrnode", ids.node)?.["node_play_content"]).toBe("Press 1.");
    expect(byId("ivrkeypress", ids.key)).toMatchObject({ action: 2, queue_id: ids.queue });
    expect(byId("number", ids.number)?.["nickname"]).toBe("Edit hotline");
    // Not seen, not restored (README: "What refresh cannot see"); `up` re-applies it once the declaration changes.
    expect(byId("sipphone", ids.phone)?.["extension"]).toBe(199);
    // Back in its declared group; the membership made by hand elsewhere is not this stack's and stays.
    const memberships = (all["groupagent"] ?? []).filter((m) => m["agent_id"] === agentId);
    expect(memberships.map((m) => m["group_id"]).sort()).toEqual([groupId, other].sort());
    // Every id but the membership's is unchanged: restored in place, nothing replaced.
    expect(await idsOf(project)).toEqual(ids);
    expect(log.filter((r) => r.method === "DELETE")).toEqual([]);
    expect(await expectNoDuplicates(prefix)).toEqual({ ...ONE_EACH, groupagent: 2 });
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 600_000);

  it("(b) objects of all ten kinds deleted by hand are dropped by refresh and created again by up", async () => {
    const prefix = "Gone";
    const project = await deploy(prefix, "84900000102");
    const ids = await idsOf(project);
    // In an order Stringee accepts: dependents first.
    await emu.remove("ivrkeypress", ids.key);
    await emu.remove("number", ids.number);
    await emu.remove("grouprouting", ids.routing);
    await emu.remove("groupagent", ids.member.replace("/", ":"));
    await emu.remove("ivrnode", ids.node);
    await emu.remove("ivrtree", ids.tree);
    await emu.remove("agent", ids.agent);
    await emu.remove("group", ids.group);
    await emu.remove("queue", ids.queue);
    await emu.remove("sipphone", ids.phone);
    expect(await expectNoDuplicates(prefix)).toEqual(
      Object.fromEntries(Object.values(KINDS).map((c) => [c, 0])),
    );

    const refresh = await project.pulumiOk(["refresh", "--yes", "--skip-preview"]);
    console.log(`(b) refresh after 10 deletes by hand: ${summary(refresh)}`);
    expect(refresh.stdout).toMatch(/10 deleted/);
    const preview = await project.pulumiOk(["preview"]);
    expect(preview.stdout).toMatch(/10 to create/);

    await emu.clearRequests();
    const up = await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    const posts = (await emu.requests()).filter((r) => r.method === "POST").length;
    console.log(`(b) up recreating: ${summary(up)}; ${posts} POSTs`);
    expect(up.stdout).toMatch(/10 created/);
    expect(posts).toBe(10);
    const after = await idsOf(project);
    for (const name of NAMES.filter((n) => n !== "phone")) expect(after[name]).not.toBe(ids[name]);
    expect(await expectNoDuplicates(prefix)).toEqual(ONE_EACH);
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 600_000);

  it("(c) objects deleted and re-created by hand under the same natural keys are refused, then adopted in one run with STRINGEE_ADOPT_EXISTING=true", async () => {
    const prefix = "Again";
    const project = await deploy(prefix, "84900000103");
    const old = await idsOf(project);
    // Deleted by hand, then made again by hand with the same names, keys and links: new ids everywhere,
    // except the SIP phone, whose id is its username (it is found again by refresh; see below).
    for (const [collection, id] of [
      ["ivrkeypress", old.key],
      ["number", old.number],
      ["grouprouting", old.routing],
      ["groupagent", old.member.replace("/", ":")],
      ["ivrnode", old.node],
      ["ivrtree", old.tree],
      ["agent", old.agent],
      ["group", old.group],
      ["queue", old.queue],
      ["sipphone", old.phone],
    ] as const)
      await emu.remove(collection, id);
    const queue = await emu.seed("queue", { name: `${prefix} Queue` });
    const group = await emu.seed("group", { name: `${prefix} Group` });
    const agent = await emu.seed("agent", { name: `${prefix} Agent`, stringee_user_id: `${prefix}_agent` });
    await emu.seed("groupagent", { group_id: group, agent_id: agent });
    const routing = await emu.seed("grouprouting", { queue_id: queue, group_id: group, primary_group: true });
    const tree = await emu.seed("ivrtree", { tree_name: `${prefix} Tree` });
    const node = await emu.seed("ivrnode", {
      tree,
      node_name: `${prefix} Menu`,
      node_play_mode: "talk",
      node_play_content: "Press 1.",
    });
    const key = await emu.seed("ivrkeypress", { node, node_key: "1", action: 2, queue_id: queue });
    const number = await emu.seed("number", {
      number: "84900000103",
      nickname: `${prefix} hotline`,
      allow_outbound_calls: true,
      enable_ivr: true,
      ivr_menu: tree,
    });
    // Re-created with another extension (and a password Pulumi cannot see: the API never returns it).
    await emu.seed("sipphone", { username: `${prefix}100`, password: "set-by-hand", extension: 150 });
    expect(await expectNoDuplicates(prefix)).toEqual(ONE_EACH);

    const refresh = await project.pulumiOk(["refresh", "--yes", "--diff", "--skip-preview"]);
    console.log(`(c) refresh after 10 deletes and re-creates by hand: ${summary(refresh)}`);
    // Nine old ids are gone; the SIP phone is found under its unchanged id. The extension set by hand is not in
    // the strict list, so the declared one stands.
    expect(refresh.stdout).toMatch(/9 deleted/);
    expect(refresh.stdout).not.toMatch(/extension\s*:\s*100 => 150/);

    // A plain up refuses the objects whose parents are known (the roots), naming the id to import and the
    // switch; nothing is POSTed.
    await emu.clearRequests();
    const refused = await project.pulumi(["up", "--yes", "--skip-preview", "--continue-on-error"]);
    expect(refused.code).not.toBe(0);
    const roots = alreadyExisting(refused);
    expect(Object.keys(roots).sort()).toEqual(["agent", "group", "queue", "tree"]);
    for (const message of refused.stdout.match(/error: .*already exists in Stringee.*/g) ?? []) {
      expect(message).toMatch(/To manage it, add `importId: "[^"]+"` to this resource's arguments/);
      expect(message).toContain("adopt them all in one run with `STRINGEE_ADOPT_EXISTING=true pulumi up`");
    }
    expect(await expectNoDuplicates(prefix)).toEqual(ONE_EACH);

    // One up with the switch adopts the whole tree (tree, node, keypress, queue, routing, group, agent,
    // membership, number): each create finds its object by natural key once its parents are adopted.
    const t0 = Date.now();
    const adoptedRun = await project.pulumi(["up", "--yes", "--skip-preview"], {
      STRINGEE_ADOPT_EXISTING: "true",
    });
    const log = await emu.requests();
    console.log(
      `(c) plain up refused ${Object.keys(roots).join(", ")}; one STRINGEE_ADOPT_EXISTING=true up: ` +
        `${summary(adoptedRun)} in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
        `${log.filter((r) => r.method === "POST").length} POSTs, ${log.filter((r) => r.method === "PUT").length} PUTs`,
    );
    expect(adoptedRun.code === 0 ? "" : adoptedRun.stdout).toBe("");
    expect(adoptedRun.stdout).toMatch(/9 created/);
    expect(log.filter((r) => r.method === "POST")).toEqual([]);
    // Every object made by hand is the one now tracked; the phone kept its id (its username) throughout.
    expect(await idsOf(project)).toEqual({
      queue,
      group,
      agent,
      member: `${group}/${agent}`,
      routing,
      tree,
      node,
      key,
      number,
      phone: old.phone,
    });
    expect(
      (await objects())["sipphone"]?.find((p) => p["username"] === `246_${prefix}100`)?.["extension"],
    ).toBe(150);
    expect(await expectNoDuplicates(prefix)).toEqual(ONE_EACH);
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 900_000);
});
