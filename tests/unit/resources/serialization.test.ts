// The provider Pulumi stores in state is JavaScript text. It must stay thin: the resource kind and a
// `require("stringee-pulumi/runtime")`, never the client, got, jsonwebtoken, a token or a secret. Today's
// resources store the compact text of serializedProvider; states written by earlier versions hold what
// Pulumi's closure serializer made of a provider object (`serializeFunction(() => provider, { allowSecrets:
// true })`), which the runtime must keep serving. Both are produced here while secrets are present in the
// environment and in the runtime's settings, then run with a stand-in `require` to prove they delegate every
// call to the runtime.
import * as pulumi from "@pulumi/pulumi";
import * as vm from "node:vm";
import { signRestToken } from "../../../provider/client";
import { serializedProvider, type ResourceKind } from "../../../provider/kinds/framework";
import { legacyProvider } from "../../support/legacyProvider";
import { KINDS as REGISTRY } from "../../../provider/kinds";
import { configure, provider as runtimeProvider } from "../../../provider/runtime";

const SECRET_SENTINEL = "SENTINEL-api-key-secret-7f3a9c1e";
const SID_SENTINEL = "SK_SENTINEL_SID_42";
const CONFIG_SECRET_SENTINEL = "SENTINEL-config-secret-0b9d";
// Every kind the registry knows, so that a new one is covered without editing this list.
const KINDS = Object.keys(REGISTRY) as ResourceKind[];
const MAX_BYTES = 10 * 1024;

const serialized = new Map<ResourceKind, pulumi.runtime.SerializedFunction>();
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const name of ["STRINGEE_API_KEY_SECRET", "STRINGEE_API_KEY_SID"]) savedEnv[name] = process.env[name];
  process.env["STRINGEE_API_KEY_SECRET"] = SECRET_SENTINEL;
  process.env["STRINGEE_API_KEY_SID"] = SID_SENTINEL;
  // The runtime module now holds settings with a secret, as it would in the provider process.
  configure((key) => (key === "stringee:apiKeySecret" ? CONFIG_SECRET_SENTINEL : undefined));
  for (const kind of KINDS) {
    const provider = legacyProvider(kind);
    serialized.set(kind, await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true }));
  }
}, 60_000);

afterAll(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  configure(() => undefined);
  const sizes = KINDS.map((k) => `${k} ${serialized.get(k)?.text.length ?? "?"} B`).join(", ");
  process.stderr.write(`serialized provider sizes: ${sizes}\n`);
});

function textOf(kind: ResourceKind): string {
  const sf = serialized.get(kind);
  if (sf === undefined) throw new Error(`${kind} was not serialized`);
  return sf.text;
}

/** Loads the serialized module as the dynamic-provider host does, with `require` replaced by a recorder. */
function load(kind: ResourceKind) {
  const required: string[] = [];
  const calls: { kind: string; operation: string; method: string; args: unknown[] }[] = [];
  const runtime = {
    configure: (lookup: (key: string) => string | undefined) => {
      calls.push({
        kind: "-",
        operation: "configure",
        method: "configure",
        args: [lookup("stringee:apiKeySid")],
      });
    },
    lifecycle: (k: string, operation: string) =>
      new Proxy(
        {},
        {
          get:
            (_t, method: string) =>
            (...args: unknown[]) => {
              calls.push({ kind: k, operation, method, args });
              return { from: "runtime", method };
            },
        },
      ),
  };
  const fakeRequire = (name: string) => {
    required.push(name);
    if (name !== "stringee-pulumi/runtime") throw new Error(`unexpected require(${JSON.stringify(name)})`);
    return runtime;
  };
  const module = { exports: {} as Record<string, unknown> };
  vm.runInNewContext(textOf(kind), { exports: module.exports, module, require: fakeRequire });
  const handler = module.exports["handler"] as () => pulumi.dynamic.ResourceProvider;
  return { provider: handler(), required, calls };
}

describe.each(KINDS)("the %s provider serialized by earlier versions (in their users' states)", (kind) => {
  it('loads the implementation by package name: require("stringee-pulumi/runtime")', () => {
    const text = textOf(kind);
    expect(text).toContain('require("stringee-pulumi/runtime")');
    expect(text).toContain(`kind: ${JSON.stringify(kind)}`);
  });

  it(`is small (< ${MAX_BYTES} bytes)`, () => {
    expect(Buffer.byteLength(textOf(kind))).toBeLessThan(MAX_BYTES);
  });

  it("captures neither the client, got, jsonwebtoken, the auth header nor any secret or token", () => {
    const text = textOf(kind);
    expect(serialized.get(kind)?.containsSecrets).toBe(false);
    expect(text).not.toMatch(/\bgot\b/);
    expect(text).not.toContain("jsonwebtoken");
    expect(text).not.toContain("StringeeClient");
    expect(text).not.toContain("StringeeHttp");
    expect(text.toLowerCase()).not.toContain("x-stringee-auth");
    expect(text).not.toContain("apiKeySecret");
    expect(text).not.toContain(SECRET_SENTINEL);
    expect(text).not.toContain(SID_SENTINEL);
    expect(text).not.toContain(CONFIG_SECRET_SENTINEL);
    // No JWT: neither a token signed with the sentinel nor anything shaped like one.
    const nowSeconds = Math.floor(Date.now() / 1000);
    const token = signRestToken({ apiKeySid: SID_SENTINEL, apiKeySecret: SECRET_SENTINEL, nowSeconds });
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]*/);
  });

  it("delegates every operation to the runtime's lifecycle for its kind", async () => {
    const { provider, required, calls } = load(kind);
    const olds = { a: 1 };
    const news = { b: 2 };
    await provider.configure?.({ config: { get: (k: string) => `cfg:${k}`, require: (k: string) => k } });
    await expect(provider.check?.(olds, news)).resolves.toEqual({ from: "runtime", method: "check" });
    await provider.diff?.("id-1", olds, news);
    await provider.create(news);
    await provider.read?.("id-1", olds);
    await provider.update?.("id-1", olds, news);
    await provider.delete?.("id-1", olds);
    expect(required.every((name) => name === "stringee-pulumi/runtime")).toBe(true);
    expect(calls).toEqual([
      { kind: "-", operation: "configure", method: "configure", args: ["cfg:stringee:apiKeySid"] },
      { kind, operation: "check", method: "check", args: [news, olds] },
      { kind, operation: "diff", method: "diff", args: [olds, news] },
      { kind, operation: "create", method: "create", args: [news] },
      { kind, operation: "read", method: "read", args: ["id-1", olds] },
      { kind, operation: "update", method: "update", args: ["id-1", olds, news] },
      { kind, operation: "delete", method: "delete", args: ["id-1", olds] },
    ]);
  });
});

describe.each(KINDS)("the compact %s provider text stored in state", (kind) => {
  /** Runs the text as the dynamic-provider host does (require-from-string), with a stand-in runtime. */
  function loadCompact() {
    const required: string[] = [];
    const built: string[] = [];
    const stand = { marker: "runtime provider" };
    const fakeRequire = (name: string) => {
      required.push(name);
      return {
        provider: (k: string) => {
          built.push(k);
          return stand;
        },
      };
    };
    const module = { exports: {} as Record<string, unknown> };
    vm.runInNewContext(serializedProvider(kind), { exports: module.exports, module, require: fakeRequire });
    const handler = module.exports["handler"] as () => unknown;
    return { result: handler(), required, built, stand };
  }

  it("is one line under 100 bytes that holds nothing but the kind", () => {
    const text = serializedProvider(kind);
    expect(Buffer.byteLength(text)).toBeLessThan(100);
    expect(text.trim().split("\n")).toHaveLength(1);
    for (const sentinel of [SECRET_SENTINEL, SID_SENTINEL, CONFIG_SECRET_SENTINEL])
      expect(text).not.toContain(sentinel);
  });

  it("returns the runtime's provider for its kind, loaded by package name", () => {
    const { result, required, built, stand } = loadCompact();
    expect(required).toEqual(["stringee-pulumi/runtime"]);
    expect(built).toEqual([kind]);
    expect(result).toBe(stand);
  });
});

describe("the runtime's provider (what the compact text returns)", () => {
  it("configures the runtime from the stack config and runs each operation of the kind's lifecycle", async () => {
    const p = runtimeProvider("number");
    const saved = [process.env["STRINGEE_API_KEY_SECRET"], process.env["STRINGEE_API_KEY_SID"]];
    delete process.env["STRINGEE_API_KEY_SECRET"];
    delete process.env["STRINGEE_API_KEY_SID"];
    // Configured without credentials: check refuses, naming the missing settings, before any API call.
    await p.configure?.({ config: { get: () => undefined, require: (k: string) => k } });
    try {
      await expect(
        p.check?.({}, { number: "84986225112", allowOutboundCalls: true, enableIvr: false }),
      ).rejects.toThrow(/missing: stringee:apiKeySid, stringee:apiKeySecret/);
      // diff needs no settings: the same inputs are no change.
      const inputs = { number: "84986225112", allowOutboundCalls: true, enableIvr: false };
      await expect(p.diff?.("NU_1", inputs, inputs)).resolves.toMatchObject({ changes: false });
    } finally {
      if (saved[0] !== undefined) process.env["STRINGEE_API_KEY_SECRET"] = saved[0];
      if (saved[1] !== undefined) process.env["STRINGEE_API_KEY_SID"] = saved[1];
    }
  });
});

describe("the package the serialized provider requires", () => {
  it("resolves stringee-pulumi/runtime to the built runtime exporting configure and lifecycle", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const runtime = require("stringee-pulumi/runtime") as Record<string, unknown>;
    expect(typeof runtime["configure"]).toBe("function");
    expect(typeof runtime["lifecycle"]).toBe("function");
    expect(typeof runtime["provider"]).toBe("function");
  });
});
