// Every wire normalisation rule, as tables.
import {
  boolToWire,
  compact,
  idToWire,
  sameId,
  sameSipUsername,
  shortSipUsername,
  sipProjectPrefix,
  stripIdPrefix,
  wireBool,
  wireCount,
  wireId,
  wireInt,
  wireNumber,
  wireString,
} from "../../../provider/client/normalize";

describe("wireBool reads 0/1, '0'/'1' and JSON booleans; null and junk are unset", () => {
  it.each([
    [1, true],
    [0, false],
    ["1", true],
    ["0", false],
    [true, true],
    [false, false],
    ["true", true],
    ["false", false],
    [null, undefined],
    [undefined, undefined],
    ["", undefined],
    [2, undefined],
    ["yes", undefined],
  ])("wireBool(%p) = %p", (input, expected) => {
    expect(wireBool(input)).toBe(expected);
  });
});

describe("wireId turns numbers into strings and 0/'0'/null/'' into unset", () => {
  it.each([
    ["NU_S53F60KUWL19L663", "NU_S53F60KUWL19L663"],
    [17, "17"],
    [10, "10"],
    ["17", "17"],
    [" QU_1 ", "QU_1"],
    [0, undefined],
    ["0", undefined],
    [null, undefined],
    ["", undefined],
    [undefined, undefined],
    [true, undefined],
    [Number.NaN, undefined],
  ])("wireId(%p) = %p", (input, expected) => {
    expect(wireId(input)).toBe(expected);
  });
});

describe("wireInt reads numbers and numeric strings, keeping 0", () => {
  it.each([
    [5, 5],
    ["5", 5],
    [0, 0],
    ["0", 0],
    ["-3", -3],
    [2.7, 2],
    [null, undefined],
    ["", undefined],
    ["abc", undefined],
    [undefined, undefined],
  ])("wireInt(%p) = %p", (input, expected) => {
    expect(wireInt(input)).toBe(expected);
  });

  it("wireNumber keeps fractions", () => {
    expect(wireNumber("1.5")).toBe(1.5);
    expect(wireNumber(-2)).toBe(-2);
    expect(wireNumber("x")).toBeUndefined();
  });
});

describe("wireString treats null and '' as unset", () => {
  it.each([
    ["Number 112", "Number 112"],
    ["", undefined],
    [null, undefined],
    [undefined, undefined],
    [42, "42"],
    [{}, undefined],
  ])("wireString(%p) = %p", (input, expected) => {
    expect(wireString(input)).toBe(expected);
  });
});

describe("wireCount reads totals sent as strings or numbers", () => {
  it.each([
    ["1", 1],
    [1, 1],
    ["0", 0],
    ["12", 12],
    [null, undefined],
    ["", undefined],
    [-1, undefined],
  ])("wireCount(%p) = %p", (input, expected) => {
    expect(wireCount(input)).toBe(expected);
  });
});

describe("sameId treats a known prefix as optional", () => {
  it.each([
    ["NU_S53F60KUWL19L663", "S53F60KUWL19L663", true],
    ["S53F60KUWL19L663", "NU_S53F60KUWL19L663", true],
    ["AG_X", "X", true],
    ["NO_KE_F0BS", "F0BS", true],
    ["QU_H7CF", "H7CF", true],
    ["TR_5DFM", "5DFM", true],
    ["NO_294U", "294U", true],
    ["NO_KE_F0BS", "NO_KE_F0BS", true],
    [17, "17", true],
    ["NU_A", "AG_A", true],
    ["NU_A", "NU_B", false],
    ["NO_KE_A", "KE_A", false],
    [0, 0, false],
    [null, null, false],
    ["", "", false],
    [undefined, "X", false],
  ])("sameId(%p, %p) = %p", (a, b, expected) => {
    expect(sameId(a, b)).toBe(expected);
  });

  it("strips the longest known prefix first", () => {
    expect(stripIdPrefix("NO_KE_F0BSI4Q82DDWS9RM")).toBe("F0BSI4Q82DDWS9RM");
    expect(stripIdPrefix("NO_294UFJIAVSI91WID")).toBe("294UFJIAVSI91WID");
    expect(stripIdPrefix("Z1SQMO3W5UIHUGHC")).toBe("Z1SQMO3W5UIHUGHC");
    expect(stripIdPrefix("NU_")).toBe("NU_");
  });
});

describe("SIP usernames are listed with a project prefix and addressed by the short name", () => {
  it.each([
    ["246_100", undefined, "100"],
    ["246_100", "246", "100"],
    ["246_100", "1", "246_100"],
    ["100", undefined, "100"],
    ["1_test", undefined, "test"],
    ["246_7_x", "246", "7_x"],
  ])("shortSipUsername(%p, %p) = %p", (name, project, expected) => {
    expect(shortSipUsername(name, project)).toBe(expected);
  });

  it.each([
    ["246_100", "100", true],
    ["100", "246_100", true],
    ["246_100", "246_100", true],
    ["246_100", "101", false],
    ["246_7_x", "7_x", true],
    [undefined, "100", false],
  ])("sameSipUsername(%p, %p) = %p", (a, b, expected) => {
    expect(sameSipUsername(a, b)).toBe(expected);
  });

  it("reads the project prefix", () => {
    expect(sipProjectPrefix("246_100")).toBe("246");
    expect(sipProjectPrefix("test")).toBeUndefined();
  });
});

describe("encoding for requests", () => {
  it("sends booleans as JSON booleans, as the documented requests do", () => {
    expect(boolToWire(true)).toBe(true);
    expect(boolToWire(false)).toBe(false);
    expect(boolToWire(undefined)).toBeUndefined();
  });

  it("leaves out undefined references and sends null to clear one", () => {
    expect(idToWire(undefined)).toBeUndefined();
    expect(idToWire(null)).toBeNull();
    expect(idToWire("QU_1")).toBe("QU_1");
  });

  it("compact drops undefined fields but keeps null, false and 0", () => {
    expect(compact({ a: undefined, b: null, c: false, d: 0, e: "" })).toEqual({
      b: null,
      c: false,
      d: 0,
      e: "",
    });
  });
});
