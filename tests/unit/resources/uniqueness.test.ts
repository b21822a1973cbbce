// Program-side checks, run under Pulumi's mocks (no engine, no sockets): two declarations of the same
// natural key in one run of a program are refused (the second carries the conflict, which the provider's
// check reports), naming both resources; runs of a program in one process do not share their claims; and
// each resource class registers the thin serialized provider.
import * as pulumi from "@pulumi/pulumi";
import { Agent } from "../../../provider/resources/agent";
import { IvrKeypress } from "../../../provider/resources/ivrKeypress";
import { Number as StringeeNumber } from "../../../provider/resources/number";
import { SipPhone } from "../../../provider/resources/sipPhone";
import { naturalKeyConflict } from "./naturalKeys";
import {
  Lifecycle,
  NATURAL_KEY_CONFLICT,
  UNKNOWN,
  serializedProvider,
} from "../../../provider/kinds/framework";
import { numberDefinition } from "../../../provider/kinds/number";

const registered: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(() => {
  return pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.name}-id`, state: { ...args.inputs, __provider: undefined } };
      },
      call: (args) => args.inputs,
    },
    "uniqueness",
    "test",
    true,
  );
});

/** Waits until the resource is registered with the (mock) engine. */
function registeredOf(resource: pulumi.CustomResource): Promise<string> {
  return new Promise((resolve) => resource.urn.apply((urn) => resolve(urn)));
}

const numberArgs = (number: string) => ({ number, allowOutboundCalls: true, enableIvr: false });

describe("one Number per phone number", () => {
  it("refuses a second Number with the same phone number, naming both resources", async () => {
    new StringeeNumber("hotline", numberArgs("84986225112"));
    expect(await naturalKeyConflict(new StringeeNumber("sales-line", numberArgs("84986225112")))).toContain(
      'Number "sales-line" declares the same number (84986225112) as Number "hotline"; Stringee allows only one. ' +
        "Remove one of the two declarations or change its number.",
    );
  });

  it("phone numbers that are equal once trimmed (as check canonicalises them) are the same number", async () => {
    new StringeeNumber("padded-a", numberArgs("84986225250"));
    expect(await naturalKeyConflict(new StringeeNumber("padded-b", numberArgs(" 84986225250 ")))).toContain(
      'Number "padded-b" declares the same number',
    );
  });

  it("accepts Numbers with different phone numbers", async () => {
    new StringeeNumber("line-a", numberArgs("84986225301"));
    expect(await naturalKeyConflict(new StringeeNumber("line-b", numberArgs("84986225302")))).toBeUndefined();
  });

  it("read-only lookups with .get claim nothing", async () => {
    new StringeeNumber("managed", numberArgs("84986225400"));
    expect(await naturalKeyConflict(StringeeNumber.get("lookup-1", "NU_1"))).toBeUndefined();
    expect(await naturalKeyConflict(StringeeNumber.get("lookup-2", "NU_1"))).toBeUndefined();
  });
});

describe("one IvrKeypress per node and key", () => {
  const key = (node: string, nodeKey: "1" | "2" | "#") => ({
    node,
    nodeKey,
    action: "routeToQueue" as const,
    queueId: "QU_SALES",
  });

  it("refuses a second keypress for the same node and key, naming both resources", async () => {
    new IvrKeypress("press-1", key("NO_ROOT", "1"));
    expect(await naturalKeyConflict(new IvrKeypress("press-1-again", key("NO_ROOT", "1")))).toContain(
      'IvrKeypress "press-1-again" declares the same node and nodeKey (NO_ROOT / 1) as IvrKeypress "press-1"',
    );
  });

  it("accepts the same key on another node and another key on the same node", async () => {
    new IvrKeypress("root-hash", key("NO_A", "#"));
    expect(await naturalKeyConflict(new IvrKeypress("other-node-hash", key("NO_B", "#")))).toBeUndefined();
    expect(await naturalKeyConflict(new IvrKeypress("root-2", key("NO_A", "2")))).toBeUndefined();
  });
});

describe("one SipPhone per username", () => {
  it("refuses a second SIP phone with the same username, naming both resources", async () => {
    new SipPhone("desk-100", { username: "100", password: "desk-password" });
    expect(
      await naturalKeyConflict(new SipPhone("reception", { username: "100", password: "other-password" })),
    ).toContain(
      'SipPhone "reception" declares the same username (100) as SipPhone "desk-100"; Stringee allows only one.',
    );
  });

  it("does not confuse keys of different kinds (an Agent user id equal to a SIP username)", async () => {
    new SipPhone("desk-300", { username: "300", password: "desk-password" });
    expect(
      await naturalKeyConflict(new Agent("agent-300", { name: "Agent 300", stringeeUserId: "300" })),
    ).toBeUndefined();
  });
});

describe("one Agent per stringeeUserId", () => {
  it("refuses a second agent with the same stringeeUserId, naming both resources", async () => {
    new Agent("alice", { name: "Alice", stringeeUserId: "alice" });
    expect(
      await naturalKeyConflict(new Agent("alice-2", { name: "Alice again", stringeeUserId: "alice" })),
    ).toContain('Agent "alice-2" declares the same stringeeUserId (alice) as Agent "alice"');
  });
});

describe("how a second declaration is refused", () => {
  it("the provider's check fails on the key's last field with the message alone; unknown at preview is no failure", () => {
    const lc = new Lifecycle(numberDefinition, () => {
      throw new Error("check never calls the API");
    });
    const message =
      'Number "b" declares the same number (84986225600) as Number "a"; Stringee allows only one.';
    const refused = lc.check({ ...numberArgs("84986225600"), [NATURAL_KEY_CONFLICT]: message });
    expect(refused.failures).toEqual([{ property: "number", reason: message }]);
    const pending = lc.check({ ...numberArgs("84986225600"), [NATURAL_KEY_CONFLICT]: UNKNOWN });
    expect(pending.failures).toEqual([]);
    expect(pending.inputs).not.toHaveProperty(NATURAL_KEY_CONFLICT);
  });

  it("a key made of outputs of other resources is claimed when they resolve", async () => {
    const node = pulumi.output("NO_FROM_OUTPUT");
    const first = new IvrKeypress("output-1", { node, nodeKey: "1", action: "stopCall" });
    const second = new IvrKeypress("output-1-again", { node, nodeKey: "1", action: "stopCall" });
    expect(await naturalKeyConflict(first)).toBeUndefined();
    expect(await naturalKeyConflict(second)).toContain(
      'IvrKeypress "output-1-again" declares the same node and nodeKey (NO_FROM_OUTPUT / 1) as IvrKeypress "output-1"',
    );
  });

  it("claims belong to one run: a run again in the same process (a resource renamed) sees no duplicate", async () => {
    const run = (name: string) =>
      pulumi.runtime.runInPulumiStack(async () => {
        const declared = new StringeeNumber(name, numberArgs("84986225700"));
        return { conflict: (await naturalKeyConflict(declared)) ?? "none" };
      });
    expect(await run("hotline")).toEqual({ conflict: "none" });
    expect(await run("hotline-renamed")).toEqual({ conflict: "none" });
    // Within one run the second declaration is still refused.
    const both = await pulumi.runtime.runInPulumiStack(async () => {
      new StringeeNumber("one", numberArgs("84986225800"));
      return { conflict: await naturalKeyConflict(new StringeeNumber("two", numberArgs("84986225800"))) };
    });
    expect(both?.["conflict"]).toContain(
      'Number "two" declares the same number (84986225800) as Number "one"',
    );
  });
});

describe("the provider each resource class registers", () => {
  it.each([
    ["Number", "number", () => new StringeeNumber("ser-number", numberArgs("84986225500"))],
    ["Agent", "agent", () => new Agent("ser-agent", { name: "S", stringeeUserId: "ser" })],
    [
      "IvrKeypress",
      "ivrKeypress",
      () => new IvrKeypress("ser-key", { node: "NO_SER", nodeKey: "1", action: "stopCall" }),
    ],
    [
      "SipPhone",
      "sipPhone",
      () => new SipPhone("ser-sip", { username: "ser", password: "SENTINEL-sip-pass" }),
    ],
  ] as const)("%s: the thin provider, loading stringee-pulumi/runtime", async (type, kind, make) => {
    const resource = make();
    const urn = await registeredOf(resource);
    expect(urn).toContain(`pulumi-nodejs:dynamic/stringee:${type}`);
    const args = registered.find(
      (r) => r.type === `pulumi-nodejs:dynamic/stringee:${type}` && urn.endsWith(r.name),
    );
    const provider = String(args?.inputs["__provider"]);
    // The compact text, not the closure serializer's (about 3.3 kB, kept in every resource's state twice).
    expect(provider).toBe(serializedProvider(kind));
    expect(provider).toContain(`require("stringee-pulumi/runtime").provider(${JSON.stringify(kind)})`);
    expect(Buffer.byteLength(provider)).toBeLessThan(100);
    expect(provider).not.toContain("SENTINEL-sip-pass");
    expect(provider).not.toContain("StringeeClient");
  });
});
