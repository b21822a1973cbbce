// Field validation: types, loose forms Stringee accepts, defaults, partial updates.
import {
  bool01,
  coerceField,
  validateCreate,
  validateUpdate,
  type FieldRules,
} from "../../../provider/emulator/schema";

const defs: FieldRules = {
  name: { type: "string", required: true },
  flag: { type: "boolean", required: true },
  nick: { type: "string" },
  level: { type: "int", min: 1, max: 3, default: 1 },
  mode: { type: "string", oneOf: ["talk", "play"], default: "talk" },
  owner: { type: "string", immutable: true },
  secret: { type: "string", writeOnly: true, required: true, requiredOnUpdate: true },
  counter: { type: "int", internal: true, default: 0 },
};

describe("coerceField", () => {
  it("accepts true/false and 1/0 for booleans, nothing else", () => {
    expect(coerceField("b", { type: "boolean" }, 1)).toEqual({ ok: true, value: true });
    expect(coerceField("b", { type: "boolean" }, false)).toEqual({ ok: true, value: false });
    expect(coerceField("b", { type: "boolean" }, "true")).toEqual({
      ok: false,
      r: 1,
      message: "b must be a boolean (true/false or 1/0)",
    });
  });

  it("accepts integers and digit strings for ints, and names the field in range errors", () => {
    expect(coerceField("n", { type: "int" }, "42")).toEqual({ ok: true, value: 42 });
    expect(coerceField("n", { type: "int" }, 1.5)).toMatchObject({
      ok: false,
      message: "n must be an integer",
    });
    expect(coerceField("speed", { type: "int", min: -3, max: 3 }, 4)).toMatchObject({
      message: "speed must be between -3 and 3",
    });
    expect(coerceField("t", { type: "int", min: 3 }, 2)).toMatchObject({ message: "t must be >= 3" });
  });

  it("refuses null for fields with a non-null default and accepts it for unset-able ones", () => {
    expect(coerceField("level", { type: "int", default: 1 }, null)).toMatchObject({
      ok: false,
      message: "level must not be null",
    });
    expect(coerceField("nick", { type: "string" }, null)).toEqual({ ok: true, value: null });
  });

  it("checks string type, emptiness, length, pattern and allowed values", () => {
    expect(coerceField("s", { type: "string" }, 5)).toMatchObject({ message: "s must be a string" });
    expect(coerceField("s", { type: "string", required: true }, "  ")).toMatchObject({
      message: "s must not be empty",
    });
    expect(coerceField("s", { type: "string", maxLength: 3 }, "abcd")).toMatchObject({
      message: "s must be at most 3 characters",
    });
    expect(coerceField("s", { type: "string", pattern: /^\d+$/, patternHint: "digits" }, "x")).toMatchObject({
      message: "s is invalid: digits",
    });
    expect(coerceField("m", { type: "string", oneOf: ["a", "b"] }, "c")).toMatchObject({
      message: "m must be one of a, b",
    });
  });
});

describe("validateCreate", () => {
  it("reports the first missing required field by name", () => {
    expect(validateCreate(defs, { flag: true, secret: "x" })).toEqual({
      ok: false,
      r: 1,
      message: "name is required",
    });
    expect(validateCreate(defs, { name: "", flag: true, secret: "x" })).toMatchObject({
      message: "name is required",
    });
  });

  it("fills defaults, nulls unset optional fields, ignores unknown keys and internal fields", () => {
    const result = validateCreate(defs, { name: "a", flag: 0, secret: "x", extra: 1, counter: 9 });
    expect(result).toEqual({
      ok: true,
      value: {
        name: "a",
        flag: false,
        nick: null,
        level: 1,
        mode: "talk",
        owner: null,
        secret: "x",
        counter: 0,
      },
    });
  });

  it("out of band: internal fields may be set and write-only ones omitted", () => {
    const result = validateCreate(defs, { name: "a", flag: true, counter: 9 }, { outOfBand: true });
    expect(result).toMatchObject({ ok: true, value: { counter: 9, secret: null } });
  });
});

describe("validateUpdate", () => {
  const existing = {
    name: "a",
    flag: true,
    nick: null,
    level: 2,
    mode: "talk",
    owner: "o1",
    secret: null,
    counter: 0,
  };

  it("merges a partial body over the existing values", () => {
    expect(validateUpdate(defs, existing, { nick: "n", secret: "s" })).toEqual({
      ok: true,
      value: { ...existing, nick: "n", secret: "s" },
    });
  });

  it("refuses changing an immutable field but accepts resending the same value", () => {
    expect(validateUpdate(defs, existing, { owner: "o2", secret: "s" })).toMatchObject({
      ok: false,
      message: "owner cannot be changed",
    });
    expect(validateUpdate(defs, existing, { owner: "o1", secret: "s" }).ok).toBe(true);
    expect(validateUpdate(defs, existing, { owner: "o2" }, { outOfBand: true }).ok).toBe(true);
  });

  it("requires fields marked requiredOnUpdate and refuses emptying required ones", () => {
    expect(validateUpdate(defs, existing, { nick: "x" })).toMatchObject({ message: "secret is required" });
    expect(validateUpdate(defs, existing, { name: null, secret: "s" })).toMatchObject({
      message: "name must not be null",
    });
  });
});

describe("bool01", () => {
  it("shows booleans as 1/0 and keeps null", () => {
    expect([bool01(true), bool01(false), bool01(null)]).toEqual([1, 0, null]);
  });
});
