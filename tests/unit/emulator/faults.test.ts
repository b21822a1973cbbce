// Fault rule parsing and matching, with a controlled random source.
import { FaultRegistry, parseFaultRule } from "../../../provider/emulator/faults";

function registry(...inputs: unknown[]): FaultRegistry {
  const faults = new FaultRegistry();
  for (const input of inputs) {
    const parsed = parseFaultRule(input);
    if (!parsed.ok) throw new Error(parsed.error);
    faults.add(parsed.rule);
  }
  return faults;
}

describe("parseFaultRule", () => {
  it("defaults count to 1, and to unlimited for probability rules", () => {
    expect(parseFaultRule({ kind: "hang" })).toEqual({ ok: true, rule: { kind: "hang", remaining: 1 } });
    expect(parseFaultRule({ kind: "reset", probability: 0.5 })).toEqual({
      ok: true,
      rule: { kind: "reset", probability: 0.5, remaining: null },
    });
    expect(parseFaultRule({ kind: "reset", probability: 0.5, count: 3 })).toMatchObject({
      ok: true,
      rule: { remaining: 3 },
    });
  });

  it.each([
    [{}, /kind/],
    [{ kind: "status" }, /status must be one of 429, 500, 502, 503/],
    [{ kind: "status", status: 418 }, /status/],
    [{ kind: "hang", status: 500 }, /only allowed/],
    [{ kind: "hang", path: "(" }, /regular expression/],
    [{ kind: "hang", method: "GET /x" }, /method/],
    [{ kind: "hang", count: 0 }, /count/],
    [{ kind: "hang", probability: -0.1 }, /probability/],
    [{ kind: "status", status: 429, retryAfter: 1.5 }, /retryAfter/],
    [[], /object/],
  ])("refuses %j", (input, error) => {
    expect(parseFaultRule(input)).toEqual({ ok: false, error: expect.stringMatching(error) });
  });
});

describe("FaultRegistry.decide", () => {
  it("matches method case-insensitively and path as a regular expression on the pathname", () => {
    const faults = registry({
      method: "put",
      path: "^/v1/number/[^/]+$",
      kind: "status",
      status: 500,
      count: 5,
    });
    expect(faults.decide("GET", "/v1/number/NU_1")).toBeUndefined();
    expect(faults.decide("PUT", "/v1/number")).toBeUndefined();
    expect(faults.decide("PUT", "/v1/number/NU_1")).toMatchObject({ kind: "status", status: 500 });
  });

  it("uses up counted rules and removes them", () => {
    const faults = registry({ kind: "reset", count: 2 });
    expect(faults.decide("GET", "/a")?.kind).toBe("reset");
    expect(faults.list()[0]?.remaining).toBe(1);
    expect(faults.decide("GET", "/a")?.kind).toBe("reset");
    expect(faults.decide("GET", "/a")).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it("draws independently for each matching request of a probability rule", () => {
    const faults = registry({ kind: "hang", probability: 0.5 });
    const draws = [0.1, 0.9, 0.4, 0.6];
    const results = draws.map((d) => faults.decide("GET", "/x", () => d)?.kind ?? "none");
    expect(results).toEqual(["hang", "none", "hang", "none"]);
    expect(faults.list()).toHaveLength(1);
  });

  it("counts only the requests a probability rule actually hit", () => {
    const faults = registry({ kind: "hang", probability: 0.5, count: 1 });
    expect(faults.decide("GET", "/x", () => 0.9)).toBeUndefined();
    expect(faults.decide("GET", "/x", () => 0.1)?.kind).toBe("hang");
    expect(faults.decide("GET", "/x", () => 0.1)).toBeUndefined();
  });

  it("consults rules in creation order and falls through to the next when one does not fire", () => {
    const faults = registry({ kind: "hang", probability: 0 }, { kind: "drop-response" });
    expect(faults.decide("POST", "/v1/agent", () => 0.5)).toMatchObject({
      kind: "drop-response",
      ruleId: "fault-2",
    });
  });

  it("removes a single rule by id and clears all", () => {
    const faults = registry({ kind: "hang", count: 9 }, { kind: "reset", count: 9 });
    expect(faults.remove("fault-1")).toBe(true);
    expect(faults.remove("fault-1")).toBe(false);
    expect(faults.list().map((r) => r.kind)).toEqual(["reset"]);
    faults.clear();
    expect(faults.decide("GET", "/")).toBeUndefined();
  });
});
