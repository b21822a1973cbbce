// The emulator command line's --request-log-capacity flag (and its absence, the default).
import { parseCli } from "../../../provider/emulator/cli";

const KEYS = ["--api-key-sid", "a", "--api-key-secret", "b"];

describe("--request-log-capacity", () => {
  it("is read as a positive integer and left unset by default", () => {
    expect(parseCli([...KEYS, "--request-log-capacity", "500"], {}).requestLogCapacity).toBe(500);
    expect(parseCli([...KEYS, "--request-log-capacity=1"], {}).requestLogCapacity).toBe(1);
    expect(parseCli(KEYS, {}).requestLogCapacity).toBeUndefined();
  });

  it.each(["0", "-5", "ten", "1.5"])("refuses %p", (value) => {
    expect(() => parseCli([...KEYS, "--request-log-capacity", value], {})).toThrow(
      /--request-log-capacity must be an integer between 1 and 10000000/,
    );
  });
});
