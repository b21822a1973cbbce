// Command line parsing and the state file (plain files, no sockets).
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCli } from "../../../provider/emulator/cli";
import { loadState, saveState } from "../../../provider/emulator/state";
import { Store } from "../../../provider/emulator/store";

describe("parseCli", () => {
  it("reads flags in both --flag value and --flag=value forms", () => {
    expect(
      parseCli(
        [
          "--port",
          "8080",
          "--api-key-sid=SK",
          "--api-key-secret",
          "s",
          "--project-id",
          "7",
          "--state",
          "f.json",
        ],
        {},
      ),
    ).toEqual({
      port: 8080,
      apiKeySid: "SK",
      apiKeySecret: "s",
      projectId: 7,
      stateFile: "f.json",
    });
  });

  it("falls back to environment variables, flags winning", () => {
    const env = {
      STRINGEE_EMULATOR_PORT: "9000",
      STRINGEE_API_KEY_SID: "SK_ENV",
      STRINGEE_API_KEY_SECRET: "env-secret",
      STRINGEE_EMULATOR_STATE: "env.json",
    };
    expect(parseCli([], env)).toEqual({
      port: 9000,
      apiKeySid: "SK_ENV",
      apiKeySecret: "env-secret",
      projectId: undefined,
      stateFile: "env.json",
    });
    expect(parseCli(["--port", "0"], env).port).toBe(0);
  });

  it("defaults the port to 0 and refuses missing keys, bad numbers and unknown flags", () => {
    expect(parseCli(["--api-key-sid", "a", "--api-key-secret", "b"], {}).port).toBe(0);
    expect(() => parseCli(["--api-key-secret", "b"], {})).toThrow(/api-key-sid/);
    expect(() => parseCli(["--api-key-sid", "a"], {})).toThrow(/api-key-secret/);
    expect(() => parseCli(["--api-key-sid", "a", "--api-key-secret", "b", "--port", "99999"], {})).toThrow(
      /--port/,
    );
    expect(() => parseCli(["--verbose"], {})).toThrow(/unknown argument/);
    expect(() => parseCli(["--port"], {})).toThrow(/needs a value/);
  });
});

describe("state file", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("round-trips a snapshot and leaves no temporary file behind", () => {
    const store = new Store(246, 408);
    store.create("queue", { name: "Q" });
    const file = join(dir, "state.json");
    saveState(file, store.snapshot());
    expect(readdirSync(dir)).toEqual(["state.json"]);
    expect(loadState(file)).toEqual(store.snapshot());
  });

  it("answers undefined for a missing file and throws on a foreign one", () => {
    expect(loadState(join(dir, "absent.json"))).toBeUndefined();
    const foreign = join(dir, "foreign.json");
    writeFileSync(foreign, '{"hello": 1}');
    expect(() => loadState(foreign)).toThrow(/not an emulator state file/);
    expect(existsSync(foreign)).toBe(true);
  });
});
