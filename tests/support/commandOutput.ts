// What a CLI command run in process (`runGraph([...])`) writes, captured test by test, for the commands'
// unit tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What the current test's commands wrote so far, and a temp folder of the test's own. */
export interface CommandOutput {
  /** Standard output; tests may empty it between two runs. */
  out: string;
  /** Standard error; tests may empty it between two runs. */
  err: string;
  /** A new temp folder, removed after the test. */
  dir: string;
}

/**
 * Call inside a `describe`: before each of its tests, standard output and error are captured into the
 * returned object (emptied) and `dir` is a new temp folder named after `prefix`; after each test both
 * streams are restored and the folder removed.
 */
export function captureCommandOutput(prefix: string): CommandOutput {
  const io: CommandOutput = { out: "", err: "", dir: "" };
  beforeEach(() => {
    io.out = "";
    io.err = "";
    jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      io.out += String(chunk);
      return true;
    });
    jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      io.err += String(chunk);
      return true;
    });
    io.dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(io.dir, { recursive: true, force: true });
  });
  return io;
}
