// Optional Queue and IvrNode settings removed from the program go back to Stringee's documented defaults,
// through the real Pulumi CLI against the emulator (strict reading): the preview shows each change, one `up`
// sends them, and afterwards nothing is left to do. Settings that were never declared stay unmanaged: a
// dashboard edit of one is neither shown as drift nor reverted. Among the cleared queue settings are two
// that the strict list does not show (maximumQueueSize, condRouting): their change is found from the state.
import { EmulatorControl } from "../support/emulatorControl";
import { PulumiProject } from "./harness";

/** The program: one queue, one tree, one node; `settings` (stack config, JSON) adds the optional ones. */
const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as stringee from "stringee-pulumi";

const cfg = new pulumi.Config();
const settings = cfg.getObject<{ queue?: Record<string, unknown>; node?: Record<string, unknown> }>("settings") ?? {};
const queue = new stringee.Queue("sales", { name: "Cleared Sales", ...(settings.queue ?? {}) });
const tree = new stringee.IvrTree("main", { treeName: "Cleared Main" });
const node = new stringee.IvrNode("menu", {
  tree: tree.stringeeId, nodeName: "Menu", nodePlayMode: "talk", nodePlayContent: "Press 1.", ...(settings.node ?? {}),
});
export const ids = { queue: queue.stringeeId, node: node.stringeeId };
`;

/** What the program declares at first: every optional setting away from its default, bar holdGreeting and sched. */
const DECLARED = {
  queue: {
    recordCalls: false,
    agentWrapUpAfterCalls: false,
    wrapUpTimeLimit: 45,
    schedule: 2,
    waitAgentAnswerTimeout: 30,
    waitGreeting: "Please hold the line",
    maximumQueueSize: 20,
    maximumQueueWaitTime: 300,
    fromNumberCalloutToAgent: "842873000111",
    getListAgentsUrl: "https://crm.example.com/agents",
    condRouting: "appOrSipPhone",
  },
  node: { bargeIn: false, loopCount: 3, voice: "en_male_demo", speed: 2, keypressTimeout: 9 },
};

/** Stringee's documented defaults, in wire form (queue page and IVR node page). */
const QUEUE_DEFAULTS = {
  record_calls: 1,
  agent_wrap_up_after_calls: 1,
  wrap_up_time_limit: 10,
  schedule: 1,
  wait_agent_answer_timeout: 15,
  wait_greeting: null,
  maximum_queue_size: 5,
  maximum_queue_wait_time: 60,
  from_number_callout_to_agent: null,
  get_list_agents_url: null,
  cond_routing: 1,
};
const NODE_DEFAULTS = {
  bargeIn: 1,
  loop_count: 1,
  voice: "hn_female_thutrang_phrase_48k-hsmm",
  speed: 0,
  keypress_timeout: 5,
};

describe("optional settings removed from the program", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;
  const started = Date.now();

  const queue = async () => (await emu.objects("queue")).find((q) => q["name"] === "Cleared Sales");
  const node = async () => (await emu.objects("ivrnode")).find((n) => n["node_name"] === "Menu");

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    project = await PulumiProject.create({
      name: "stringee-cleared-settings-e2e",
      files: { "index.ts": PROGRAM },
    });
    await project.useEmulator(emu);
  }, 120_000);

  afterAll(async () => {
    console.log(`cleared-settings: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    project?.dispose();
    await emu?.close();
  });

  it("go back to Stringee's documented defaults: shown by the preview, sent by one up, then no change left", async () => {
    await project.setConfig({ settings: JSON.stringify(DECLARED) });
    await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(await queue()).toMatchObject({ record_calls: 0, maximum_queue_size: 20, cond_routing: 2 });
    expect(await node()).toMatchObject({ bargeIn: 0, loop_count: 3, speed: 2 });

    // Settings never declared, edited in the dashboard: not managed, so neither drift nor reverted below.
    const ids = (await project.outputs())["ids"] as { queue: string; node: string };
    await emu.patch("queue", ids.queue, { hold_greeting: "Set in the dashboard" });
    await emu.patch("ivrnode", ids.node, { sched: 250 });

    await project.pulumiOk(["config", "rm", "settings"]);
    const preview = await project.pulumiOk(["preview", "--diff"]);
    const shown = preview.stdout;
    console.log(`cleared-settings preview:\n${shown.slice(shown.indexOf("Previewing"))}`);
    for (const change of [
      /recordCalls\s*: false => true/,
      /agentWrapUpAfterCalls\s*: false => true/,
      /wrapUpTimeLimit\s*: 45 => 10/,
      /schedule\s*: 2 => 1/,
      /waitAgentAnswerTimeout\s*: 30 => 15/,
      /maximumQueueSize\s*: 20 => 5/,
      /maximumQueueWaitTime\s*: 300 => 60/,
      /condRouting\s*: "appOrSipPhone" => "app"/,
      /bargeIn\s*: false => true/,
      /loopCount\s*: 3 => 1/,
      /voice\s*: "en_male_demo" => "hn_female_thutrang_phrase_48k-hsmm"/,
      /speed\s*: 2 => 0/,
      /keypressTimeout\s*: 9 => 5/,
    ])
      expect(shown).toMatch(change);
    // Text settings whose default is no value are shown as removed.
    for (const cleared of ["waitGreeting", "fromNumberCalloutToAgent", "getListAgentsUrl"])
      expect(shown).toMatch(new RegExp(`- ${cleared}\\s*:`));
    // What check set back, named for the reviewer; those settings are not managed after this run.
    expect(shown).toMatch(/\+ resetToDefaults\s*: \[/);
    expect(shown).toMatch(/2 to update/);
    expect(shown).not.toMatch(/holdGreeting|sched\s*:/);

    await emu.clearRequests();
    const up = await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    const writes = (await emu.requests()).filter((r) => r.method !== "GET");
    console.log(
      `cleared-settings up: ${writes.map((r) => `${r.method} ${r.path}`).join(", ")}; ` +
        `queue ${JSON.stringify(await queue())}; node ${JSON.stringify(await node())}`,
    );
    expect(up.stdout).toMatch(/2 updated/);
    expect(writes.map((r) => r.method)).toEqual(["PUT", "PUT"]);
    expect(await queue()).toMatchObject({ ...QUEUE_DEFAULTS, hold_greeting: "Set in the dashboard" });
    expect(await node()).toMatchObject({ ...NODE_DEFAULTS, sched: 250 });

    // Converged, and no longer managed: the next preview, a refresh and a preview after it change nothing.
    await project.pulumiOk(["preview", "--expect-no-changes"]);
    await project.pulumiOk(["refresh", "--yes", "--expect-no-changes"]);
    await emu.clearRequests();
    await project.pulumiOk(["up", "--yes", "--expect-no-changes"]);
    expect((await emu.requests()).filter((r) => r.method !== "GET")).toEqual([]);
    await emu.patch("queue", ids.queue, { record_calls: false });
    await project.pulumiOk(["preview", "--refresh", "--expect-no-changes"]);
  }, 300_000);
});
