// A lost response never duplicates or orphans. The GitOps program runs against an emulator that applies
// writes and then drops the connection before answering ("drop-response"), or answers 429 / 503 / resets /
// hangs at random. Whatever happens, one `pulumi up` (or `destroy`) must converge: exactly the declared
// objects exist afterwards, each is tracked in the stack's state, and a preview shows no change.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EmulatorControl, type LoggedRequest } from "../support/emulatorControl";
import { PulumiProject, REPO_ROOT } from "./harness";
import { DEV_COUNTS, PROD_COUNTS, SPEC_AUDIO } from "./specCounts";

const read = (file: string) => readFileSync(join(REPO_ROOT, file), "utf8");

/** API path of each emulator collection. */
const PATHS: Record<string, string> = {
  number: "/v1/number",
  agent: "/v1/agent",
  ivrkeypress: "/v1/ivrkeypress",
  sipphone: "/v1/sipphone",
  queue: "/v1/queue",
  ivrtree: "/v1/ivrtree",
  ivrnode: "/v1/ivrnode",
  group: "/v1/group",
  groupagent: "/v1/manage-agents-in-group",
  grouprouting: "/v1/routing-call-to-groups",
  blacklistnumber: "/v1/blacklistnumber",
  greetingfile: "/v1/greetingfile",
};
const COLLECTIONS = Object.keys(PATHS);

/** Share of API requests that get a 429, 503 or reset fault in the prod case. */
const FAULT_RATE = 0.2;
/** Probability of each of the three fault rules, consulted in turn: 1 - (1 - PER_KIND)^3 = FAULT_RATE. */
const PER_KIND = 1 - Math.cbrt(1 - FAULT_RATE);
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

interface StateResource {
  type: string;
  urn: string;
  outputs?: Record<string, unknown>;
}

describe("a lost response never duplicates or orphans", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;

  const all = () => emu.control<Record<string, Record<string, unknown>[]>>("GET", "/objects");
  const counts = async (): Promise<Record<string, number>> => {
    const objects = await all();
    return Object.fromEntries(COLLECTIONS.map((c) => [c, objects[c]?.length ?? 0]));
  };
  /** The Stringee resources in the stack's state (type `pulumi-nodejs:dynamic/stringee:<Kind>`). */
  const stateResources = async (stack?: string): Promise<StateResource[]> => {
    const state = JSON.parse(await project.exportState(stack)) as {
      deployment?: { resources?: StateResource[] };
    };
    return (state.deployment?.resources ?? []).filter((r) => r.type.includes("stringee:"));
  };
  /** Every emulator object is tracked in state (no orphan) and every tracked id exists (no dangling id). */
  const expectStateMatchesAccount = async (stack?: string) => {
    const tracked = new Set(
      (await stateResources(stack)).map((r) => String(r.outputs?.["stringeeId"] ?? "")).filter((id) => id),
    );
    const objects = await all();
    const remote: string[] = [];
    for (const c of COLLECTIONS)
      for (const o of objects[c] ?? []) {
        if (c === "groupagent") continue; // memberships have no id on the wire (checked by count)
        // SIP phones are listed by their prefixed username, greeting files by their sid.
        const id =
          c === "sipphone" ? String(o["username"]).replace(/^\d+_/, "") : String(o["id"] ?? o["sid"]);
        remote.push(id);
      }
    const trackedShort = new Set([...tracked].map((id) => id.replace(/^\d+_/, "")));
    expect(remote.filter((id) => !trackedShort.has(id))).toEqual([]);
    const memberships = (await stateResources(stack)).filter((r) => r.type.endsWith(":GroupMember")).length;
    expect(memberships).toBe((objects["groupagent"] ?? []).length);
  };
  const faulted = (log: LoggedRequest[], kind?: string) =>
    log.filter((r) => r.fault !== undefined && (kind === undefined || r.fault === kind));
  const summary = (log: LoggedRequest[]) => {
    const byKind: Record<string, number> = {};
    for (const r of faulted(log)) byKind[r.fault!] = (byKind[r.fault!] ?? 0) + 1;
    return byKind;
  };

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    project = await PulumiProject.create({
      name: "stringee-lost-responses-e2e",
      files: {
        "index.ts": read("program/index.ts"),
        "contact-center.dev.yaml": read("contact-center.dev.yaml"),
        "contact-center.prod.yaml": read("contact-center.prod.yaml"),
        ...SPEC_AUDIO,
      },
    });
    const credentials = {
      "stringee:apiKeySid": emu.apiKeySid,
      "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
      "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
    };
    await project.setConfig(credentials, {
      "stringee:apiKeySecret": emu.apiKeySecret,
      deskPassword900: "dev-desk-900-password",
    });
    await project.pulumiOk(["stack", "init", "prod"]);
    await project.setConfig(
      credentials,
      {
        "stringee:apiKeySecret": emu.apiKeySecret,
        deskPassword100: "prod-desk-100-password",
        deskPassword101: "prod-desk-101-password",
      },
      "prod",
    );
    await project.pulumiOk(["stack", "select", "dev"]);
  }, 120_000);

  afterEach(async () => {
    await emu.control("DELETE", "/faults");
  });

  afterAll(async () => {
    project?.dispose();
    await emu?.close();
  });

  it("up converges in one run when the answer to every create is lost", async () => {
    const n = total(DEV_COUNTS);
    await emu.control("POST", "/faults", { method: "POST", kind: "drop-response", probability: 1, count: n });
    await emu.clearRequests();
    const t0 = Date.now();
    const up = await project.pulumi(["up", "--yes", "--skip-preview"]);
    const took = seconds(t0);
    const log = await emu.requests();
    const posts = log.filter((r) => r.method === "POST");
    console.log(
      `lost creates: ${faulted(log, "drop-response").length} create answers dropped, ${posts.length} POSTs, ` +
        `${log.length} requests, up in ${took} s (exit ${up.code})`,
    );
    expect(up.code === 0 ? "" : `${up.stdout}\n${up.stderr}`).toBe("");
    // Every object was created exactly once: the lost answers were recovered by lookup, never re-POSTed.
    expect(await counts()).toEqual(DEV_COUNTS);
    expect(faulted(log, "drop-response")).toHaveLength(n);
    expect(posts).toHaveLength(n);
    await expectStateMatchesAccount();
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 240_000);

  it("destroy converges in one run when the answer to every delete is lost", async () => {
    // One rule per object, so that the first DELETE of each object is applied and its answer dropped.
    const objects = await all();
    let rules = 0;
    for (const c of COLLECTIONS) {
      const list = objects[c] ?? [];
      if (c === "groupagent") {
        // Memberships are deleted on the collection path, with a body.
        if (list.length > 0) {
          await emu.control("POST", "/faults", {
            method: "DELETE",
            path: `^${escape(PATHS[c]!)}$`,
            kind: "drop-response",
            count: list.length,
          });
          rules += list.length;
        }
        continue;
      }
      for (const o of list) {
        const id =
          c === "sipphone"
            ? `(\\d+_)?${escape(String(o["username"]).replace(/^\d+_/, ""))}`
            : escape(String(o["id"]));
        await emu.control("POST", "/faults", {
          method: "DELETE",
          path: `^${escape(PATHS[c]!)}/${id}$`,
          kind: "drop-response",
          count: 1,
        });
        rules++;
      }
    }
    expect(rules).toBe(total(DEV_COUNTS));
    await emu.clearRequests();
    const t0 = Date.now();
    const destroy = await project.pulumi(["destroy", "--yes", "--skip-preview"]);
    const took = seconds(t0);
    const log = await emu.requests();
    console.log(
      `lost deletes: ${faulted(log, "drop-response").length} delete answers dropped, ` +
        `${log.filter((r) => r.method === "DELETE").length} DELETEs, ${log.length} requests, destroy in ${took} s ` +
        `(exit ${destroy.code})`,
    );
    expect(destroy.code === 0 ? "" : `${destroy.stdout}\n${destroy.stderr}`).toBe("");
    expect(faulted(log, "drop-response")).toHaveLength(rules);
    expect(Object.values(await counts()).every((c) => c === 0)).toBe(true);
    expect(await stateResources()).toEqual([]);
  }, 240_000);

  it("up of the prod spec converges in one run under 429, 503, resets and two hangs", async () => {
    // Each kind fires with probability PER_KIND on any request the kinds before it spared, so that one
    // request in five (FAULT_RATE) gets a fault; the two hangs cost one 15 s client timeout each.
    for (const fault of [
      { kind: "status", status: 429, retryAfter: 1, probability: PER_KIND },
      { kind: "status", status: 503, probability: PER_KIND },
      { kind: "reset", probability: PER_KIND },
      { kind: "hang", probability: PER_KIND, count: 2 },
    ])
      await emu.control("POST", "/faults", fault);
    await emu.clearRequests();
    const t0 = Date.now();
    const up = await project.pulumi(["up", "--yes", "--skip-preview", "--stack", "prod"]);
    const took = seconds(t0);
    const log = await emu.requests();
    await emu.control("DELETE", "/faults");
    console.log(
      `prod under faults: ${faulted(log).length} faults injected ${JSON.stringify(summary(log))} ` +
        `over ${log.length} requests (${((100 * faulted(log).length) / log.length).toFixed(0)}%), ` +
        `up in ${took} s (exit ${up.code})`,
    );
    // Never a duplicate, even when the run fails.
    const after = await counts();
    expect(COLLECTIONS.filter((c) => after[c]! > PROD_COUNTS[c as keyof typeof PROD_COUNTS])).toEqual([]);
    expect(up.code === 0 ? "" : up.stdout.slice(up.stdout.indexOf("Diagnostics:"))).toBe("");
    expect(faulted(log).length).toBeGreaterThan(0);
    expect(after).toEqual(PROD_COUNTS);
    await expectStateMatchesAccount("prod");
    await project.pulumiOk(["preview", "--expect-no-changes", "--stack", "prod"]);
  }, 300_000);
});
