// Emulator soak: scenarios run back to back, twice over, against ONE emulator process that is never
// restarted: GitOps stacks (dev, prod) and a stack of all ten resource kinds go through up, refresh,
// out-of-band edits and deletes, lost answers, injected 429/503/resets and destroy. After every scenario
// the emulator's own self-check (GET /__emulator/consistency) must pass, no natural key may be held twice,
// every object must be tracked by a stack (no orphan), and the request log and the heap must stay bounded.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EmulatorControl, type ConsistencyReport, type LoggedRequest } from "../support/emulatorControl";
import { PulumiProject, REPO_ROOT, type CliResult } from "./harness";
import { PROGRAM as TEN_KINDS, duplicatesByNaturalKey } from "./tenKinds";
import { COLLECTIONS, DEV_COUNTS, PROD_COUNTS, SPEC_AUDIO } from "./specCounts";

const read = (file: string) => readFileSync(join(REPO_ROOT, file), "utf8");
const BOTH = Object.fromEntries(
  COLLECTIONS.map((c) => [
    c,
    DEV_COUNTS[c as keyof typeof DEV_COUNTS] + PROD_COUNTS[c as keyof typeof PROD_COUNTS],
  ]),
);
/** Request log capacity of the soaked emulator: small enough for the soak to fill it several times. */
const LOG_CAPACITY = 200;
/** Heap growth allowed between the end of the first and of the last cycle (after a full collection). */
const MAX_HEAP_GROWTH = 8 * 1024 * 1024;
const CYCLES = 3;
const MiB = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

interface StateResource {
  type: string;
  outputs?: Record<string, unknown>;
}

/** One line of the report table. */
interface Row {
  scenario: string;
  objects: number;
  faults: string;
  retries: number;
  duplicates: number;
  orphans: number;
  result: string;
  requests: number;
  logSize: number;
  heap: number;
}

describe("emulator soak: scenarios back to back against one emulator process", () => {
  let emu: EmulatorControl;
  let gitops: PulumiProject;
  let kinds: PulumiProject;
  const rows: Row[] = [];
  const reports: ConsistencyReport[] = [];
  let lastSeq = 0;

  const objects = () => emu.control<Record<string, Record<string, unknown>[]>>("GET", "/objects");
  const counts = async () => {
    const all = await objects();
    return Object.fromEntries(COLLECTIONS.map((c) => [c, all[c]?.length ?? 0]));
  };
  const ok = (r: CliResult, what: string) => {
    if (r.code !== 0)
      throw new Error(`${what} exited ${r.code}\n${r.stdout.slice(r.stdout.indexOf("Diagnostics:"))}`);
  };

  /** Stringee resources in the state of every stack that may hold some. */
  const tracked = async (): Promise<StateResource[]> => {
    const out: StateResource[] = [];
    for (const [project, stack] of [
      [gitops, "dev"],
      [gitops, "prod"],
      [kinds, "soak"],
    ] as const) {
      const state = JSON.parse(await project.exportState(stack)) as {
        deployment?: { resources?: StateResource[] };
      };
      out.push(...(state.deployment?.resources ?? []).filter((r) => r.type.includes("stringee:")));
    }
    return out;
  };

  /** Objects in the emulator that no stack tracks (memberships, which have no wire id, by count). */
  const orphans = async (): Promise<number> => {
    const resources = await tracked();
    const ids = new Set(resources.map((r) => String(r.outputs?.["stringeeId"] ?? "").replace(/^\d+_/, "")));
    const all = await objects();
    let count = 0;
    for (const c of COLLECTIONS) {
      if (c === "groupagent") continue;
      for (const o of all[c] ?? []) {
        // SIP phones are listed by their prefixed username, greeting files by their sid.
        const id =
          c === "sipphone" ? String(o["username"]).replace(/^\d+_/, "") : String(o["id"] ?? o["sid"]);
        if (!ids.has(id)) count++;
      }
    }
    const members = resources.filter((r) => r.type.endsWith(":GroupMember")).length;
    return count + Math.max(0, (all["groupagent"] ?? []).length - members);
  };

  /** Runs one scenario, then checks the emulator and records the scenario's figures. */
  const scenario = async (name: string, run: () => Promise<string>): Promise<void> => {
    const result = await run();
    await emu.clearFaults();
    const log: LoggedRequest[] = (await emu.requests()).filter((r) => r.seq > lastSeq);
    const truncated = log.length > 0 && log[0]!.seq > lastSeq + 1;
    lastSeq = Math.max(lastSeq, ...log.map((r) => r.seq));
    const byKind: Record<string, number> = {};
    for (const r of log) if (r.fault) byKind[r.fault] = (byKind[r.fault] ?? 0) + 1;
    const report = await emu.consistency();
    reports.push(report);
    const all = await objects();
    const row: Row = {
      scenario: name,
      objects: Object.values(all).reduce((n, list) => n + list.length, 0),
      faults:
        Object.entries(byKind)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ") || "none",
      // Attempts that got no usable answer (injected fault, 429, 5xx, reset, hang): each was retried,
      // recovered by a lookup, or ended the run.
      retries: log.filter((r) => r.fault !== undefined || r.status === null || (r.status ?? 0) >= 429).length,
      duplicates: duplicatesByNaturalKey(all).length,
      orphans: await orphans(),
      result: `${result}; self-check ${report.ok ? "ok" : `FAILED: ${report.problems.join("; ")}`}${truncated ? " (log wrapped)" : ""}`,
      requests: log.length,
      logSize: report.requestLog.size,
      heap: report.memory.heapUsed,
    };
    rows.push(row);
    expect(report.problems).toEqual([]);
    expect(row.duplicates).toBe(0);
    expect(row.orphans).toBe(0);
    expect(report.requestLog.size).toBeLessThanOrEqual(LOG_CAPACITY);
    expect(report.server.timers).toBe(0);
    expect(report.faultRules).toBe(0);
  };

  beforeAll(async () => {
    emu = await EmulatorControl.spawn({ requestLogCapacity: LOG_CAPACITY });
    const credentials = {
      "stringee:apiKeySid": emu.apiKeySid,
      "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
      "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
    };
    gitops = await PulumiProject.create({
      name: "stringee-soak-gitops",
      files: {
        "index.ts": read("program/index.ts"),
        "contact-center.dev.yaml": read("contact-center.dev.yaml"),
        "contact-center.prod.yaml": read("contact-center.prod.yaml"),
        ...SPEC_AUDIO,
      },
    });
    await gitops.setConfig(credentials, {
      "stringee:apiKeySecret": emu.apiKeySecret,
      deskPassword900: "soak-desk-900-password",
    });
    await gitops.pulumiOk(["stack", "init", "prod"]);
    await gitops.setConfig(
      credentials,
      {
        "stringee:apiKeySecret": emu.apiKeySecret,
        deskPassword100: "soak-desk-100-password",
        deskPassword101: "soak-desk-101-password",
      },
      "prod",
    );
    await gitops.pulumiOk(["stack", "select", "dev"]);
    kinds = await PulumiProject.create(
      { name: "stringee-soak-kinds", files: { "index.ts": TEN_KINDS } },
      "soak",
    );
    await kinds.setConfig(
      { ...credentials, prefix: "Soak", phone: "84900000201" },
      { "stringee:apiKeySecret": emu.apiKeySecret, sipPassword: "soak-sip-password" },
    );
  }, 180_000);

  afterAll(async () => {
    if (rows.length > 0) {
      const table = [
        "| scenario | objects after | faults injected | retries | duplicates | orphans | result | requests | log size | heap after GC |",
        "|---|---|---|---|---|---|---|---|---|---|",
        ...rows.map(
          (r) =>
            `| ${r.scenario} | ${r.objects} | ${r.faults} | ${r.retries} | ${r.duplicates} | ${r.orphans} | ${r.result} | ${r.requests} | ${r.logSize} | ${MiB(r.heap)} MiB |`,
        ),
      ].join("\n");
      console.log(`soak report:\n${table}`);
    }
    gitops?.dispose();
    kinds?.dispose();
    await emu?.close();
  });

  it(`runs ${CYCLES} cycles of 8 scenarios with the emulator consistent after each, and its memory bounded`, async () => {
    const heapAtCycleEnd: number[] = [];
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const c = `#${cycle}`;
      await scenario(`${c} dev: up`, async () => {
        const up = await gitops.pulumi(["up", "--yes", "--skip-preview", "--stack", "dev"]);
        ok(up, "up dev");
        expect(await counts()).toEqual(DEV_COUNTS);
        return "converged";
      });

      await scenario(`${c} prod: up under 429/503/resets (15%)`, async () => {
        const each = 1 - Math.cbrt(1 - 0.15);
        await emu.fault({ kind: "status", status: 429, retryAfter: 1, probability: each });
        await emu.fault({ kind: "status", status: 503, probability: each });
        await emu.fault({ kind: "reset", probability: each });
        const up = await gitops.pulumi(["up", "--yes", "--skip-preview", "--stack", "prod"]);
        await emu.clearFaults();
        ok(up, "up prod under faults");
        await gitops.pulumiOk(["preview", "--expect-no-changes", "--stack", "prod"]);
        expect(await counts()).toEqual(BOTH);
        return "converged, then no-change preview";
      });

      await scenario(`${c} dev: 3 edits + 2 deletes by hand, refresh, up`, async () => {
        const all = await objects();
        const agent = all["agent"]!.find((a) => a["stringee_user_id"] === "dev_sales_1")!;
        const queue = all["queue"]!.find((q) => q["name"] === "Sales (dev)")!;
        const number = all["number"]!.find((n) => n["number"] === "84986225190")!;
        const key = all["ivrkeypress"]!.find((k) => k["node_key"] === "EMPTY_KEY")!;
        await emu.patch("agent", String(agent["id"]), { name: "Edited by hand" });
        await emu.patch("queue", String(queue["id"]), { record_calls: false });
        await emu.patch("number", String(number["id"]), { nickname: "Edited by hand" });
        await emu.remove("ivrkeypress", String(key["id"]));
        await emu.remove("sipphone", "dev900");
        const refresh = await gitops.pulumi(["refresh", "--yes", "--skip-preview", "--stack", "dev"]);
        ok(refresh, "refresh dev");
        expect(refresh.stdout).toMatch(/3 updated/);
        expect(refresh.stdout).toMatch(/2 deleted/);
        const up = await gitops.pulumi(["up", "--yes", "--skip-preview", "--stack", "dev"]);
        ok(up, "up dev after drift");
        expect(up.stdout).toMatch(/2 created/);
        expect(up.stdout).toMatch(/3 updated/);
        await gitops.pulumiOk(["preview", "--expect-no-changes", "--stack", "dev"]);
        expect(await counts()).toEqual(BOTH);
        return "drift shown, restored";
      });

      await scenario(`${c} ten kinds: up, every create answer lost`, async () => {
        await emu.fault({ method: "POST", kind: "drop-response", probability: 1, count: 10 });
        const up = await kinds.pulumi(["up", "--yes", "--skip-preview"]);
        ok(up, "up ten kinds");
        await kinds.pulumiOk(["preview", "--expect-no-changes"]);
        return "converged (lost answers recovered by lookup)";
      });

      await scenario(`${c} ten kinds: destroy, every delete answer lost`, async () => {
        // One rule per object, so that the first DELETE of each is applied and its answer dropped (a
        // retry then finds it gone).
        const ids = (await kinds.outputs())["ids"] as Record<string, string>;
        const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        const paths = [
          `/v1/ivrkeypress/${escape(ids["key"]!)}`,
          `/v1/number/${escape(ids["number"]!)}`,
          `/v1/routing-call-to-groups/${escape(ids["routing"]!)}`,
          "/v1/manage-agents-in-group",
          `/v1/ivrnode/${escape(ids["node"]!)}`,
          `/v1/ivrtree/${escape(ids["tree"]!)}`,
          `/v1/agent/${escape(ids["agent"]!)}`,
          `/v1/group/${escape(ids["group"]!)}`,
          `/v1/queue/${escape(ids["queue"]!)}`,
          "/v1/sipphone/(\\d+_)?Soak100",
        ];
        for (const path of paths)
          await emu.fault({ method: "DELETE", path: `^${path}$`, kind: "drop-response" });
        const destroy = await kinds.pulumi(["destroy", "--yes", "--skip-preview"]);
        ok(destroy, "destroy ten kinds");
        return "destroyed";
      });

      await scenario(`${c} dev: destroy under 503 (20%)`, async () => {
        await emu.fault({ kind: "status", status: 503, probability: 0.2 });
        const destroy = await gitops.pulumi(["destroy", "--yes", "--skip-preview", "--stack", "dev"]);
        ok(destroy, "destroy dev");
        return "destroyed";
      });

      await scenario(`${c} prod: refresh, destroy`, async () => {
        ok(await gitops.pulumi(["refresh", "--yes", "--skip-preview", "--stack", "prod"]), "refresh prod");
        ok(await gitops.pulumi(["destroy", "--yes", "--skip-preview", "--stack", "prod"]), "destroy prod");
        return "destroyed";
      });

      await scenario(`${c} end of cycle: account empty`, async () => {
        expect(Object.values(await counts()).every((n) => n === 0)).toBe(true);
        return "empty";
      });
      heapAtCycleEnd.push(reports.at(-1)!.memory.heapUsed);
    }
    const last = reports.at(-1)!;
    console.log(
      `soak memory: heap after GC at the end of each cycle ${heapAtCycleEnd.map(MiB).join(" -> ")} MiB, ` +
        `rss ${MiB(last.memory.rss)} MiB; request log ${last.requestLog.size}/${last.requestLog.capacity} entries, ` +
        `${last.requestLog.dropped} dropped, ${lastSeq} requests served`,
    );
    expect(last.memory.gc).toBe(true);
    // The soak served more requests than the log holds, and the log stayed at its capacity.
    expect(lastSeq).toBeGreaterThan(LOG_CAPACITY);
    expect(last.requestLog.size).toBe(LOG_CAPACITY);
    expect(last.requestLog.dropped).toBeGreaterThan(0);
    expect(heapAtCycleEnd.at(-1)! - heapAtCycleEnd[0]!).toBeLessThan(MAX_HEAP_GROWTH);
  }, 1_800_000);
});
