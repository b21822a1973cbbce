// Credentials through the real Pulumi CLI against the emulator: a wrong API key secret gives one clear
// error after one request (no retry storm), short-lived tokens are renewed during a long run without a
// refused request, a secret rotated in the stack config between runs is picked up (the stale one still costs
// one request), and a missing secret or a bad token lifetime fail at preview before any API call.
// (That the emulator refuses a genuinely expired token is tested in tests/integration/emulator/auth.test.ts.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EmulatorControl } from "../support/emulatorControl";
import { JS_STACK, PulumiProject, REPO_ROOT, distinctErrors } from "./harness";
import { COLLECTIONS, PROD_COUNTS, SPEC_AUDIO } from "./specCounts";

const read = (file: string) => readFileSync(join(REPO_ROOT, file), "utf8");
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

describe("credentials through the real Pulumi CLI", () => {
  let emu: EmulatorControl;
  let project: PulumiProject;

  const counts = async (): Promise<Record<string, number>> => {
    const all = await emu.control<Record<string, unknown[]>>("GET", "/objects");
    return Object.fromEntries(COLLECTIONS.map((c) => [c, all[c]?.length ?? 0]));
  };

  beforeAll(async () => {
    emu = await EmulatorControl.start();
    project = await PulumiProject.create(
      {
        name: "stringee-credentials-e2e",
        files: {
          "index.ts": read("program/index.ts"),
          "contact-center.prod.yaml": read("contact-center.prod.yaml"),
          ...SPEC_AUDIO,
        },
      },
      "prod",
    );
    await project.setConfig(
      {
        "stringee:apiKeySid": emu.apiKeySid,
        "stringee:iccBaseUrl": emu.emulator.iccBaseUrl,
        "stringee:apiBaseUrl": emu.emulator.apiBaseUrl,
      },
      { deskPassword100: "prod-desk-100-password", deskPassword101: "prod-desk-101-password" },
    );
  }, 120_000);

  afterAll(async () => {
    project?.dispose();
    await emu?.close();
  });

  it("a missing API key secret fails at preview, naming it, before any API call", async () => {
    await emu.clearRequests();
    const preview = await project.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    const errors = distinctErrors(preview);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Stringee credentials are not configured \(missing: stringee:apiKeySecret\)/);
    expect(errors[0]).toMatch(/pulumi config set --secret stringee:apiKeySecret/);
    expect(errors[0]).toMatch(/STRINGEE_API_KEY_SECRET/);
    expect(await emu.requests()).toEqual([]);
  }, 180_000);

  it("a wrong API key secret fails up with one clear error after a single request, and nothing is created", async () => {
    await project.setConfig({}, { "stringee:apiKeySecret": "not-the-right-secret-42" });
    await emu.clearRequests();
    await emu.clearAuthStats();
    const t0 = Date.now();
    const up = await project.pulumi(["up", "--yes", "--skip-preview"]);
    const took = seconds(t0);
    const log = await emu.requests();
    const errors = distinctErrors(up);
    const errored = /(\d+) errored/.exec(up.stdout)?.[1];
    console.log(
      `wrong secret: up exit ${up.code} in ${took} s, ${log.length} API request(s) ` +
        `(${log.map((r) => `${r.method} ${r.path} -> ${r.status}`).join(", ")}), ${errored} resource(s) errored, ` +
        `${errors.length} distinct error message(s):\n${errors.join("\n")}`,
    );
    expect(up.code).not.toBe(0);
    // One request proves the key wrong; every other resource fails on that answer without sending anything.
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 403, r: 5 });
    expect(await emu.authStats()).toMatchObject({ accepted: 0, refused: { "bad-signature": 1 } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^error: Stringee refused the API credentials \(GET \/v1\/\S+ failed: r=5 "keySid invalid" \(HTTP 403\)\)/,
    );
    expect(errors[0]).toContain("stringee:apiKeySecret (or STRINGEE_API_KEY_SECRET)");
    expect(errors[0]).toContain("pulumi config set --secret stringee:apiKeySecret <SECRET>");
    expect(errors[0]).not.toContain("not-the-right-secret-42");
    expect(Object.values(await counts()).every((n) => n === 0)).toBe(true);
  }, 180_000);

  it("short-lived tokens are renewed during a long up: several tokens, no refused request, converged", async () => {
    // 10 s tokens, renewed 5 s before expiry; 1.5 s per request makes the run outlast several of them.
    await project.setConfig(
      { "stringee:tokenTtlSeconds": "10" },
      { "stringee:apiKeySecret": emu.apiKeySecret },
    );
    await emu.setLatency(1500);
    await emu.clearRequests();
    await emu.clearAuthStats();
    const t0 = Date.now();
    const up = await project.pulumi(["up", "--yes", "--skip-preview"]);
    const took = (Date.now() - t0) / 1000;
    await emu.setLatency(0);
    const log = await emu.requests();
    const auth = await emu.authStats();
    console.log(
      `token renewal: up exit ${up.code} in ${took.toFixed(1)} s, ${log.length} API requests, ` +
        `${auth.distinctTokens} distinct tokens accepted (requests per token: ${auth.tokens.map((t) => t.requests).join(", ")}; ` +
        `lifetimes exp - signing: ${[...new Set(auth.tokens.map((t) => t.exp - Number(t.jti?.split("-").pop())))].join(", ")} s), ` +
        `refused: ${JSON.stringify(auth.refused)}`,
    );
    expect(up.code === 0 ? "" : up.stdout.slice(up.stdout.indexOf("Diagnostics:"))).toBe("");
    expect(took).toBeGreaterThan(15);
    expect(auth.distinctTokens).toBeGreaterThanOrEqual(3);
    expect(auth.refused).toEqual({});
    expect(auth.accepted).toBe(log.length);
    expect(log.filter((r) => r.status !== 200)).toEqual([]);
    // Each token lived 10 s (exp minus the signing second in its jti) and was used only while valid.
    for (const token of auth.tokens) {
      expect(token.exp - Number(token.jti?.split("-").pop())).toBe(10);
      expect(token.lastUsed).toBeLessThanOrEqual(token.exp);
    }
    expect(await counts()).toEqual(PROD_COUNTS);
    await project.pulumiOk(["preview", "--expect-no-changes"]);
  }, 300_000);

  it("a secret rotated in the stack config between runs is picked up: the stale one costs one request, no token of it is sent again", async () => {
    // The stack deployed above, read with the current secret; these are the tokens of the old secret.
    await emu.clearAuthStats();
    await project.pulumiOk(["preview", "--refresh", "--expect-no-changes"]);
    const before = await emu.authStats();
    expect(before.accepted).toBeGreaterThan(0);

    // The key's secret is rotated in the dashboard; the stack config still has the old one.
    const rotated = "rotated-secret-of-the-key-0123";
    await emu.rotateApiKey(rotated);
    await emu.clearRequests();
    await emu.clearAuthStats();
    const stale = await project.pulumi(["preview", "--refresh"]);
    const staleLog = await emu.requests();
    expect(stale.code).not.toBe(0);
    expect(distinctErrors(stale)).toHaveLength(1);
    expect(distinctErrors(stale)[0]).toMatch(/Stringee refused the API credentials/);
    expect(staleLog).toHaveLength(1);
    expect(await emu.authStats()).toMatchObject({ accepted: 0, refused: { "bad-signature": 1 } });

    // The new secret in the stack config. A preview that runs the program uses it: every request is accepted
    // (a token signed with the old secret would be refused), and none of the old tokens comes back.
    await project.setConfig({}, { "stringee:apiKeySecret": rotated });
    await emu.clearRequests();
    await emu.clearAuthStats();
    await project.pulumiOk(["preview", "--refresh", "--run-program", "--expect-no-changes"]);
    const log = await emu.requests();
    const after = await emu.authStats();
    expect(log.length).toBeGreaterThan(0);
    expect(after.refused).toEqual({});
    expect(after.accepted).toBe(log.length);
    const oldJtis = new Set(before.tokens.map((t) => t.jti));
    expect(after.tokens.filter((t) => oldJtis.has(t.jti))).toEqual([]);

    // A refresh that does not run the program uses the settings the last update recorded with the provider
    // (Pulumi's doing): still the old secret, one request, and the message says what to do.
    await emu.clearRequests();
    const recorded = await project.pulumi(["refresh", "--yes"]);
    const recordedLog = await emu.requests();
    expect(recorded.code).not.toBe(0);
    expect(distinctErrors(recorded)).toHaveLength(1);
    expect(distinctErrors(recorded)[0]).toContain("unless run with `--run-program`");
    expect(`${stale.stdout}${stale.stderr}${recorded.stdout}${recorded.stderr}`).not.toMatch(JS_STACK);
    expect(recordedLog).toHaveLength(1);
    // Run with the program once, the new secret is recorded: plain refreshes use it from then on.
    await emu.clearAuthStats();
    await project.pulumiOk(["refresh", "--yes", "--run-program"]);
    await project.pulumiOk(["refresh", "--yes", "--expect-no-changes"]);
    expect((await emu.authStats()).refused).toEqual({});
    console.log(
      `rotated secret: stale secret in the config ${staleLog.length} request ` +
        `(${staleLog.map((r) => `${r.method} ${r.path} -> ${r.status}`).join(", ")}); new secret: ${log.length} requests, ` +
        `${after.accepted} accepted, ${after.distinctTokens} token(s) (jti ${after.tokens.map((t) => t.jti).join(", ")}; ` +
        `before the rotation ${before.tokens.map((t) => t.jti).join(", ")}), refused ${JSON.stringify(after.refused)}; ` +
        `plain refresh with the recorded (old) settings: ${recordedLog.length} request, refused`,
    );
  }, 300_000);

  it("a token lifetime out of range fails at preview, naming the setting and the range", async () => {
    await project.setConfig({ "stringee:tokenTtlSeconds": "5" });
    await emu.clearRequests();
    const preview = await project.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(`${preview.stdout}${preview.stderr}`).toMatch(
      /stringee:tokenTtlSeconds \(or STRINGEE_TOKEN_TTL_SECONDS\) must be a whole number of seconds between 10 and 86400; got "5"/,
    );
    expect(await emu.requests()).toEqual([]);
    await project.pulumiOk(["config", "rm", "stringee:tokenTtlSeconds"]);
    await project.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(Object.values(await counts()).every((n) => n === 0)).toBe(true);
  }, 240_000);
});
