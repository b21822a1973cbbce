// Id format: collection prefix plus 16 random uppercase letters and digits.
import { ID_RANDOM_LENGTH, isGeneratedId, newId } from "../../../provider/emulator/ids";

describe("object ids", () => {
  it.each(["NU_", "AG_", "NO_KE_", "QU_", "TR_", "NO_"])(
    "are %s followed by 16 characters from [A-Z0-9]",
    (prefix) => {
      const id = newId(prefix);
      expect(id).toMatch(new RegExp(`^${prefix}[A-Z0-9]{16}$`));
      expect(id).toHaveLength(prefix.length + ID_RANDOM_LENGTH);
      expect(isGeneratedId(id, prefix)).toBe(true);
    },
  );

  it("do not repeat across many draws", () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newId("NU_")));
    expect(ids.size).toBe(2000);
  });

  it("isGeneratedId rejects other prefixes, lengths and lowercase", () => {
    expect(isGeneratedId("AG_S53F60KUWL19L663", "NU_")).toBe(false);
    expect(isGeneratedId("NU_S53F60KUWL19L66", "NU_")).toBe(false);
    expect(isGeneratedId("NU_s53f60kuwl19l663", "NU_")).toBe(false);
  });
});
