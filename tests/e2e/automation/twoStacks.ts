// Run by tests/e2e/automation.test.ts as a Node process of its own: Pulumi's Automation API with inline
// programs, two stacks (two Stringee accounts, each an emulator given in the environment) declaring the
// same natural keys, driven at the same time from this one process, twice in a row: up, preview, a rename
// (a resource renamed with an alias, an agent's display name changed), up again, destroy. It prints one JSON
// line per step ({ round, stack, step, ... }), then `done` with the handles still open, and returns without
// calling process.exit: the test checks that the process then ends by itself.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, type OpMap, type Stack } from "@pulumi/pulumi/automation";
import * as stringee from "stringee-pulumi";

/** One account: an emulator's base URL and API key (from the environment the test sets). */
interface Account {
  stack: string;
  url: string;
  sid: string;
  secret: string;
}

const ACCOUNTS: Account[] = ["A", "B"].map((s) => ({
  stack: s.toLowerCase(),
  url: process.env[`EMULATOR_${s}_URL`] ?? "",
  sid: process.env[`EMULATOR_${s}_SID`] ?? "",
  secret: process.env[`EMULATOR_${s}_SECRET`] ?? "",
}));

const REPO_ROOT = resolve(__dirname, "..", "..", "..");

/**
 * The inline program: the same natural keys in every stack. `renamed` moves the queue to a new resource name
 * (an alias keeps it the same object) and changes the agent's display name (an in-place update).
 */
function program(renamed: boolean): () => Promise<Record<string, pulumi.Output<string>>> {
  return async () => {
    const queue = new stringee.Queue(
      renamed ? "sales-queue" : "sales",
      { name: "Sales" },
      renamed ? { aliases: [{ name: "sales" }] } : {},
    );
    const group = new stringee.Group("team", { name: "Team" });
    new stringee.QueueGroupRouting("routing", {
      queueId: queue.stringeeId,
      groupId: group.stringeeId,
      primaryGroup: true,
    });
    const agent = new stringee.Agent("alice", {
      name: renamed ? "Alice (renamed)" : "Alice",
      stringeeUserId: "alice",
    });
    new stringee.GroupMember("alice-team", { group: group.stringeeId, agent: agent.stringeeId });
    const tree = new stringee.IvrTree("main", { treeName: "Main" });
    const menu = new stringee.IvrNode("menu", {
      tree: tree.stringeeId,
      nodeName: "Menu",
      nodePlayMode: "talk",
      nodePlayContent: "Press 1.",
    });
    new stringee.IvrKeypress("menu-1", {
      node: menu.stringeeId,
      nodeKey: "1",
      action: "routeToQueue",
      queueId: queue.stringeeId,
    });
    new stringee.SipPhone("desk", {
      username: "100",
      password: new pulumi.Config().requireSecret("deskPassword"),
    });
    return { queue: queue.stringeeId, agent: agent.stringeeId, tree: tree.stringeeId };
  };
}

/** The operations of a change summary other than `same`. */
const changes = (summary: OpMap | undefined): Record<string, number> =>
  Object.fromEntries(Object.entries(summary ?? {}).filter(([op, n]) => op !== "same" && (n ?? 0) > 0));

const report = (line: Record<string, unknown>) => console.log(JSON.stringify(line));

async function stackOf(account: Account, root: string): Promise<Stack> {
  const workDir = join(root, "project");
  for (const dir of [workDir, join(root, "state"), join(root, "pulumi-home")])
    mkdirSync(dir, { recursive: true });
  try {
    // The dynamic providers load stringee-pulumi/runtime from the project folder's node_modules.
    symlinkSync(join(REPO_ROOT, "node_modules"), join(workDir, "node_modules"), "dir");
  } catch {
    // already linked by the other stack
  }
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: account.stack, projectName: "stringee-automation-e2e", program: program(false) },
    {
      workDir,
      pulumiHome: join(root, "pulumi-home"),
      projectSettings: {
        name: "stringee-automation-e2e",
        runtime: "nodejs",
        backend: { url: `file://${join(root, "state")}` },
      },
      envVars: {
        PULUMI_CONFIG_PASSPHRASE: "automation-e2e",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      },
    },
  );
  await stack.setAllConfig({
    "stringee:apiKeySid": { value: account.sid },
    "stringee:apiKeySecret": { value: account.secret, secret: true },
    "stringee:iccBaseUrl": { value: account.url },
    "stringee:apiBaseUrl": { value: account.url },
    deskPassword: { value: `desk-password-${account.stack}`, secret: true },
  });
  return stack;
}

/** One round for one stack; every step reported. */
async function round(n: number, stack: Stack): Promise<void> {
  const name = stack.name;
  const up = await stack.up({ program: program(false) });
  report({
    round: n,
    stack: name,
    step: "up",
    changes: changes(up.summary.resourceChanges),
    outputs: Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value])),
  });
  const preview = await stack.preview({ program: program(false) });
  report({ round: n, stack: name, step: "preview", changes: changes(preview.changeSummary) });
  const renamed = await stack.up({ program: program(true) });
  report({
    round: n,
    stack: name,
    step: "up renamed",
    changes: changes(renamed.summary.resourceChanges),
    outputs: Object.fromEntries(Object.entries(renamed.outputs).map(([k, v]) => [k, v.value])),
  });
  const after = await stack.preview({ program: program(true) });
  report({ round: n, stack: name, step: "preview renamed", changes: changes(after.changeSummary) });
  const destroyed = await stack.destroy();
  report({ round: n, stack: name, step: "destroy", changes: changes(destroyed.summary.resourceChanges) });
}

async function main(): Promise<void> {
  if (ACCOUNTS.some((a) => !a.url || !a.sid || !a.secret))
    throw new Error("EMULATOR_{A,B}_{URL,SID,SECRET} are required");
  const root = mkdtempSync(join(tmpdir(), "stringee-automation-"));
  try {
    const stacks = [];
    for (const account of ACCOUNTS) stacks.push(await stackOf(account, root));
    for (const n of [1, 2]) {
      // Settled, not raced: a failing stack must not cut the other one short (nor the clean-up below).
      const results = await Promise.allSettled(stacks.map((stack) => round(n, stack)));
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failures.length > 0)
        throw new Error(
          failures.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason))).join("\n"),
        );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  () => {
    // Whatever is left keeps the process alive: the test expects it to end by itself. (The last `pulumi`
    // commands may still be exiting at this point.)
    report({ step: "done", handles: process.getActiveResourcesInfo() });
  },
  (err: unknown) => {
    report({ step: "failed", error: err instanceof Error ? err.message : String(err) });
    process.exitCode = 1;
  },
);
