// Program-side checks, run under Pulumi's mocks (no engine, no sockets): two declarations of the same
// natural key in one program are refused while the program runs, naming both resources; and each
// resource class registers the thin serialized provider.
import * as pulumi from "@pulumi/pulumi";
import { Agent } from "../../../provider/resources/agent";
import { IvrKeypress } from "../../../provider/resources/ivrKeypress";
import { Number as StringeeNumber } from "../../../provider/resources/number";
import { SipPhone } from "../../../provider/resources/sipPhone";

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
  it("refuses a second Number with the same phone number, naming both resources", () => {
    new StringeeNumber("hotline", numberArgs("84986225112"));
    expect(() => new StringeeNumber("sales-line", numberArgs("84986225112"))).toThrow(
      'Number "sales-line" declares the same number (84986225112) as Number "hotline"; Stringee allows only one. ' +
        "Remove one of the two declarations or change its number.",
    );
  });

  it("the error is a Pulumi ResourceError", () => {
    new StringeeNumber("first-200", numberArgs("84986225200"));
    let err: unknown;
    try {
      new StringeeNumber("second-200", numberArgs("84986225200"));
    } catch (e) {
      err = e;
    }
    expect(pulumi.ResourceError.isInstance(err)).toBe(true);
  });

  it("phone numbers that are equal once trimmed (as check canonicalises them) are the same number", () => {
    new StringeeNumber("padded-a", numberArgs("84986225250"));
    expect(() => new StringeeNumber("padded-b", numberArgs(" 84986225250 "))).toThrow(
      'Number "padded-b" declares the same number',
    );
  });

  it("accepts Numbers with different phone numbers", () => {
    new StringeeNumber("line-a", numberArgs("84986225301"));
    expect(() => new StringeeNumber("line-b", numberArgs("84986225302"))).not.toThrow();
  });

  it("read-only lookups with .get claim nothing", () => {
    new StringeeNumber("managed", numberArgs("84986225400"));
    expect(() => StringeeNumber.get("lookup-1", "NU_1")).not.toThrow();
    expect(() => StringeeNumber.get("lookup-2", "NU_1")).not.toThrow();
  });
});

describe("one IvrKeypress per node and key", () => {
  const key = (node: string, nodeKey: "1" | "2" | "#") => ({
    node,
    nodeKey,
    action: "routeToQueue" as const,
    queueId: "QU_SALES",
  });

  it("refuses a second keypress for the same node and key, naming both resources", () => {
    new IvrKeypress("press-1", key("NO_ROOT", "1"));
    expect(() => new IvrKeypress("press-1-again", key("NO_ROOT", "1"))).toThrow(
      'IvrKeypress "press-1-again" declares the same node and nodeKey (NO_ROOT / 1) as IvrKeypress "press-1"',
    );
  });

  it("accepts the same key on another node and another key on the same node", () => {
    new IvrKeypress("root-hash", key("NO_A", "#"));
    expect(() => new IvrKeypress("other-node-hash", key("NO_B", "#"))).not.toThrow();
    expect(() => new IvrKeypress("root-2", key("NO_A", "2"))).not.toThrow();
  });
});

describe("one SipPhone per username", () => {
  it("refuses a second SIP phone with the same username, naming both resources", () => {
    new SipPhone("desk-100", { username: "100", password: "desk-password" });
    expect(() => new SipPhone("reception", { username: "100", password: "other-password" })).toThrow(
      'SipPhone "reception" declares the same username (100) as SipPhone "desk-100"; Stringee allows only one.',
    );
  });

  it("does not confuse keys of different kinds (an Agent user id equal to a SIP username)", () => {
    new SipPhone("desk-300", { username: "300", password: "desk-password" });
    expect(() => new Agent("agent-300", { name: "Agent 300", stringeeUserId: "300" })).not.toThrow();
  });
});

describe("one Agent per stringeeUserId", () => {
  it("refuses a second agent with the same stringeeUserId, naming both resources", () => {
    new Agent("alice", { name: "Alice", stringeeUserId: "alice" });
    expect(() => new Agent("alice-2", { name: "Alice again", stringeeUserId: "alice" })).toThrow(
      'Agent "alice-2" declares the same stringeeUserId (alice) as Agent "alice"',
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
    expect(provider).toContain('require("stringee-pulumi/runtime")');
    expect(provider).toContain(`kind: ${JSON.stringify(kind)}`);
    expect(Buffer.byteLength(provider)).toBeLessThan(10 * 1024);
    expect(provider).not.toContain("SENTINEL-sip-pass");
    expect(provider).not.toContain("StringeeClient");
  });
});
