// stringee.GreetingFile without sockets: check reads the file (missing, empty, too large, not WAV or MP3:
// refused at preview without any API call; the SHA-256, format and size otherwise), diff (a new content or
// description replaces the upload, the new one first; a moved file with the same content changes nothing),
// and the lifecycle over the real client answered in-process by the emulator: the upload's bytes, its
// description tagged with the hash, a lost answer found again, refresh, adoption without a file, delete.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Lifecycle } from "../../../provider/kinds/framework";
import {
  MAX_GREETING_BYTES,
  checkGreetingFile,
  contentHashOf,
  descOf,
  greetingFileDefinition,
  parseDesc,
} from "../../../provider/kinds/greetingFile";
import { mp3Bytes, wavBytes } from "../../support/audio";
import { emulatedStringee, type EmulatedStringee } from "./emulatedClient";

type Props = Record<string, unknown>;

let dir: string;
const file = (name: string, bytes: Buffer | string) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "greeting-unit-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("GreetingFile check", () => {
  it("reads the file: its SHA-256, format (from its bytes) and size", () => {
    const bytes = wavBytes(100);
    const p = file("hold.wav", bytes);
    expect(checkGreetingFile({ file: p, description: "Hold music" })).toEqual({
      inputs: {
        file: p,
        description: "Hold music",
        contentHash: contentHashOf(bytes),
        format: "wav",
        size: bytes.length,
      },
      failures: [],
    });
    // The name does not decide: MP3 bytes in a .wav file are an MP3.
    expect(checkGreetingFile({ file: file("named.wav", mp3Bytes()) }).inputs.format).toBe("mp3");
  });

  it.each([
    {
      what: "a missing file",
      make: () => join(dir, "nope.mp3"),
      mentions: ["does not exist", "Relative paths"],
    },
    { what: "an empty file", make: () => file("empty.mp3", ""), mentions: ["is empty"] },
    {
      what: "a text file named .mp3",
      make: () => file("fake.mp3", "hello"),
      mentions: ["not a WAV or MP3 file"],
    },
    { what: "a folder", make: () => dir, mentions: ["is not a file"] },
    {
      what: "a file over 5 MiB",
      make: () => {
        const p = file("long.wav", wavBytes());
        truncateSync(p, MAX_GREETING_BYTES + 1);
        return p;
      },
      mentions: [`${MAX_GREETING_BYTES + 1} bytes`, "at most 5242880 bytes (5 MiB)"],
    },
  ])("refuses $what, on the file property", ({ make, mentions }) => {
    const failures = checkGreetingFile({ file: make() }).failures;
    expect(failures.map((f) => f.property)).toEqual(["file"]);
    for (const m of mentions) expect(failures[0]!.reason).toContain(m);
  });

  it("needs a file unless an existing upload is adopted; the description is one line of at most 150 characters", () => {
    expect(checkGreetingFile({}).failures.map((f) => f.property)).toEqual(["file"]);
    expect(checkGreetingFile({ importId: "DEMTU17RTDTI88VT" }).failures).toEqual([]);
    const p = file("ok.mp3", mp3Bytes());
    expect(checkGreetingFile({ file: p, description: "x".repeat(151) }).failures[0]?.reason).toContain(
      "at most 150",
    );
    expect(checkGreetingFile({ file: p, description: "a\nb" }).failures[0]?.reason).toContain("one line");
    // What check read before is read again, never taken as given.
    expect(checkGreetingFile({ file: p, contentHash: "abc", size: 1 }).inputs).toMatchObject({
      contentHash: contentHashOf(mp3Bytes()),
      size: mp3Bytes().length,
    });
  });

  it("check never needs the API", () => {
    const lc = new Lifecycle(greetingFileDefinition, () => {
      throw new Error("check must not need a client");
    });
    expect(lc.check({ file: join(dir, "missing.wav") }).failures).toHaveLength(1);
  });
});

describe("GreetingFile descriptions", () => {
  const hash = "a".repeat(64);
  it("carry the content's hash and read back into description and hash", () => {
    expect(descOf({ description: "Hold music", contentHash: hash })).toBe(`Hold music (sha256:${hash})`);
    expect(descOf({ contentHash: hash })).toBe(`sha256:${hash}`);
    expect(parseDesc(`Hold music (sha256:${hash})`)).toEqual({
      description: "Hold music",
      contentHash: hash,
    });
    expect(parseDesc(`sha256:${hash}`)).toEqual({ description: undefined, contentHash: hash });
  });

  it("an upload from elsewhere is all description, and a half tag is text", () => {
    expect(parseDesc("File_for_IVR_1")).toEqual({ description: "File_for_IVR_1" });
    expect(parseDesc(`x (sha256:${hash}`)).toEqual({ description: `x (sha256:${hash}` });
    expect(parseDesc(undefined)).toEqual({ description: undefined });
  });
});

describe("GreetingFile diff", () => {
  const lc = new Lifecycle(greetingFileDefinition, () => {
    throw new Error("diff must not need a client");
  });
  const olds = { file: "/a/hold.wav", contentHash: "1".repeat(64), description: "Hold", fileName: "X.wav" };

  it("a new content replaces the upload, the new one first", () => {
    expect(lc.diff(olds, { ...olds, contentHash: "2".repeat(64) })).toMatchObject({
      changes: true,
      replaces: ["contentHash"],
      deleteBeforeReplace: false,
    });
  });

  it("a new description replaces it too; the same content at another path changes nothing", () => {
    expect(lc.diff(olds, { ...olds, description: "Music" }).replaces).toEqual(["description"]);
    expect(lc.diff(olds, { ...olds, file: "/b/other-name.wav" }).changes).toBe(false);
  });

  it("adopted without a file, the content is not managed", () => {
    expect(lc.diff(olds, { description: "Hold" }).changes).toBe(false);
  });
});

describe("GreetingFile lifecycle", () => {
  let emu: EmulatedStringee;
  const lc = () => new Lifecycle(greetingFileDefinition, () => emu.client);

  beforeEach(() => {
    emu = emulatedStringee();
  });

  it("create uploads the file's bytes with its tagged description and reports fileName and fileSid", async () => {
    const bytes = wavBytes(300, 7);
    const inputs = lc().check({ file: file("welcome.wav", bytes), description: "Welcome" }).inputs;
    const created = await lc().create(inputs);
    const [stored] = emu.objects("greetingfile");
    expect(stored).toMatchObject({
      sid: created.id,
      sha256: contentHashOf(bytes),
      size: bytes.length,
      format: "wav",
      desc1: `Welcome (sha256:${contentHashOf(bytes)})`,
    });
    expect(created.outs).toMatchObject({
      fileName: stored!["filename"],
      fileSid: created.id,
      stringeeId: created.id,
    });
    const upload = emu.requests.find((r) => r.method === "POST");
    expect(upload?.headers["content-type"]).toBe("audio/wav");
    expect(upload?.body?.equals(bytes)).toBe(true);
    // The upload's answer says all a read would: no listing after it.
    expect(emu.requests.filter((r) => r.method === "GET")).toHaveLength(1);
  });

  it("an upload whose answer is lost is found by its description: one file, its name known", async () => {
    emu.intercept({ method: "POST", path: "/v1/greetingfile", reply: "apply-then-drop" });
    const inputs = lc().check({ file: file("lost.mp3", mp3Bytes()) }).inputs;
    const created = await lc().create(inputs);
    const files = emu.objects("greetingfile");
    expect(files).toHaveLength(1);
    expect(created.outs).toMatchObject({ fileName: files[0]!["filename"] });
  });

  it("refresh sees no difference, and drops a file deleted in the dashboard", async () => {
    const inputs = lc().check({ file: file("r.mp3", mp3Bytes(3)), description: "R" }).inputs;
    const created = await lc().create(inputs);
    const read = await lc().read(created.id, created.outs as Props);
    expect(read.inputs).toEqual(inputs);
    expect(lc().diff(read.props as Props, inputs).changes).toBe(false);
    emu.remove("greetingfile", created.id);
    await expect(lc().read(created.id, created.outs as Props)).resolves.toEqual({});
  });

  it("importId without a file adopts an upload made elsewhere as it is", async () => {
    const sid = emu.seed("greetingfile", {
      desc1: "File_for_IVR_1",
      filename: "VYWKDLWVXL-1531544847245.mp3",
    });
    const adopted = await lc().create(lc().check({ importId: sid, description: "File_for_IVR_1" }).inputs);
    expect(adopted).toMatchObject({
      id: sid,
      outs: { fileName: "VYWKDLWVXL-1531544847245.mp3", importId: sid },
    });
    expect(emu.writes()).toEqual([]);
    // Without a file there is nothing to upload if it disappears.
    emu.remove("greetingfile", sid);
    await expect(
      lc().create(lc().check({ description: "File_for_IVR_1", importId: undefined }).inputs),
    ).rejects.toThrow(/GreetingFile requires file|there is no file to upload/);
  });

  it("delete removes the upload; one already gone is done", async () => {
    const created = await lc().create(lc().check({ file: file("d.wav", wavBytes()) }).inputs);
    await lc().delete(created.id, created.outs as Props);
    await lc().delete(created.id, created.outs as Props);
    expect(emu.objects("greetingfile")).toEqual([]);
  });
});
