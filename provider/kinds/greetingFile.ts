// stringee.GreetingFile: an audio file (WAV or MP3) from the user's repository, uploaded for queues
// (`Queue.waitGreeting`, `holdGreeting`) and IVR nodes in play mode, which name it by `fileName`.
//   create -> POST   /v1/greetingfile?uploadType=simple&desc=… (platform API host), the file's bytes as the body
//   read   -> GET    /v1/greetingfile?page&limit (no GET by id)
//   delete -> DELETE /v1/greetingfile/{sid} (not found = done)
// Stringee cannot change an uploaded file: a new content (another SHA-256) or a new description replaces it,
// the new upload first (queues and nodes switch to its file name, then the old file is deleted).
// Natural key: the description Stringee stores (`desc`), which carries the content's SHA-256, so an upload
// whose answer was lost is found again instead of uploaded twice.
// check reads the file (size, format from its first bytes, SHA-256) and never calls the API: a missing file, a
// format other than WAV or MP3, or a file over 5 MiB fails the preview.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type { GreetingFile as RemoteFile, GreetingFileFormat } from "../client";
import { Validator, defineKind, isUnknown, orUndefined, type Checked } from "./framework";

// ---- values users choose from ----

/** The formats Stringee plays. */
export type { GreetingFileFormat } from "../client";

/**
 * Largest file uploaded, in bytes (5 MiB). Stringee documents no limit: 5 MiB holds minutes of telephone audio
 * and stays under what comparable platforms accept (see provider/emulator/ASSUMPTIONS.md, Greeting files).
 */
export const MAX_GREETING_BYTES = 5 * 1024 * 1024;

/** Longest description: Stringee's `desc` also carries ` (sha256:<64 hex>)`. */
export const MAX_GREETING_DESCRIPTION = 150;

// ---- resolved inputs and outputs ----

/** The canonical inputs, as stored in state. */
export interface GreetingFileInputs {
  /**
   * Path of the WAV or MP3 file (at most 5 MiB). A relative path is resolved against the program's working
   * folder (the spec's folder for `greetings:`). Left out with `importId`, an existing upload is adopted as it is.
   */
  file?: string;
  /** A description kept with the upload in Stringee (at most 150 characters). Changing it uploads the file again. */
  description?: string;
  /** SHA-256 of the file's content (hex), read by check: a change uploads the new content (replacement). */
  contentHash?: string;
  /** The file's format, from its first bytes (read by check). */
  format?: GreetingFileFormat;
  /** The file's size in bytes (read by check). */
  size?: number;
}

/** What the resource reports: its canonical inputs, plus what the API shows. */
export interface GreetingFileOutputs extends GreetingFileInputs {
  /** The name Stringee gave the upload (`VYWKDLWVXL-1531544847245.mp3`): pass it to queues and IVR nodes. */
  fileName: string;
  /** The upload's sid (also its id). */
  fileSid: string;
}

const FIELDS = ["file", "description"] as const;
const READ_FROM_FILE = ["contentHash", "format", "size"] as const;

// ---- validation ----

/** The format of `bytes` from their first bytes (a RIFF/WAVE header; an ID3 tag or an MPEG Layer III frame). */
export function sniffFormat(bytes: Buffer): GreetingFileFormat | undefined {
  if (
    bytes.subarray(0, 4).toString("latin1") === "RIFF" &&
    bytes.subarray(8, 12).toString("latin1") === "WAVE"
  )
    return "wav";
  if (bytes.subarray(0, 3).toString("latin1") === "ID3") return "mp3";
  const [sync, flags] = [bytes[0], bytes[1] ?? 0];
  return sync === 0xff && (flags & 0xe0) === 0xe0 && (flags & 0x06) === 0x02 ? "mp3" : undefined;
}

/** What check learns from the file: its content, or why it cannot be uploaded. */
function readAudio(file: string): { bytes: Buffer; format: GreetingFileFormat } | { problem: string } {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { problem: `${file} is not a file.` };
    size = stat.size;
  } catch {
    return {
      problem: `${file} does not exist. Relative paths are resolved against the program's folder (for a spec, the spec's folder); commit the audio file or fix the path.`,
    };
  }
  if (size === 0) return { problem: `${file} is empty.` };
  if (size > MAX_GREETING_BYTES)
    return {
      problem: `${file} is ${size} bytes; a greeting file may be at most ${MAX_GREETING_BYTES} bytes (5 MiB). Shorten it or lower its bit rate.`,
    };
  const bytes = readFileSync(file);
  const format = sniffFormat(bytes);
  if (format === undefined)
    return {
      problem: `${file} is not a WAV or MP3 file (Stringee plays only those; the file's first bytes are checked, not its name). Convert it, for example with ffmpeg -i in.ogg out.mp3.`,
    };
  return { bytes, format };
}

/** SHA-256 of a file's content, hex. */
export function contentHashOf(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Validates raw GreetingFile inputs and reads the file (runs at preview; never calls the API). */
export function checkGreetingFile(raw: Record<string, unknown>): Checked<GreetingFileInputs> {
  const { inputs, failures, file } = checkDeclaration(raw);
  if (file !== undefined && !isUnknown(file)) {
    const read = readAudio(path.resolve(file));
    if ("problem" in read) failures.push({ property: "file", reason: read.problem });
    else
      Object.assign(inputs, {
        contentHash: contentHashOf(read.bytes),
        format: read.format,
        size: read.bytes.length,
      });
  }
  return { inputs, failures };
}

/**
 * The rules of a GreetingFile's declaration, without reading the file: for places where the file is not at
 * hand (a spec read from another revision, export).
 */
export function checkGreetingDeclaration(raw: Record<string, unknown>): Checked<GreetingFileInputs> {
  const { inputs, failures } = checkDeclaration(raw);
  return { inputs, failures };
}

function checkDeclaration(raw: Record<string, unknown>): Checked<GreetingFileInputs> & { file?: string } {
  const v = new Validator(raw, "GreetingFile");
  // What check read from the file comes back with the inputs (create and update check again): always read anew.
  v.rejectUnknown([...FIELDS, ...READ_FROM_FILE]);
  const adopting = typeof raw["importId"] === "string" && raw["importId"] !== "";
  const file = v.string("file", {
    required: !adopting,
    maxLength: 4096,
    hint: "the path of a WAV or MP3 file in your repository",
  });
  const description = v.string("description", {
    maxLength: MAX_GREETING_DESCRIPTION,
    pattern: /^[^\r\n]*$/,
    hint: "use one line of text",
  });
  return { inputs: { file, description }, failures: v.failures, file };
}

// ---- API mapping ----

// `desc` is the description with the content's hash: `Hold music (sha256:<hex>)`, or `sha256:<hex>` alone.
const TAGGED = /^(?:(.*) \()?sha256:([0-9a-f]{64})(\))?$/s;

/** The `desc` sent with an upload: the description and the content's SHA-256 (the natural key). */
export function descOf(i: Pick<GreetingFileInputs, "description" | "contentHash">): string {
  const tag = `sha256:${i.contentHash ?? ""}`;
  return i.description === undefined ? tag : `${i.description} (${tag})`;
}

/** The description and content hash a `desc` holds; one uploaded elsewhere is all description. */
export function parseDesc(desc: string | undefined): Pick<GreetingFileInputs, "description" | "contentHash"> {
  const m = desc === undefined ? null : TAGGED.exec(desc);
  // Both parentheses or none: `x (sha256:…)` and `sha256:…` are tags, `x (sha256:…` is text.
  if (m === null || (m[1] === undefined) !== (m[3] === undefined)) return { description: desc };
  return { description: m[1], contentHash: m[2] };
}

function fromRemote(f: RemoteFile, prior: Partial<GreetingFileInputs>): GreetingFileInputs {
  return { file: prior.file, format: prior.format, size: prior.size, ...parseDesc(f.description) };
}

// ---- the provider object ----

/** How the framework manages a GreetingFile. */
export const greetingFileDefinition = defineKind<GreetingFileInputs, RemoteFile>({
  kind: "greetingFile",
  naturalKey: ["contentHash", "description"],
  importIdForm: "the file's sid (fileSid, e.g. DEMTU17RTDTI88VT)",
  outputs: ["fileName", "fileSid"],
  check: checkGreetingFile,
  replaceOn: ["contentHash", "description"],
  diffed: ["contentHash", "description"],
  // Without a file (an adopted upload) the content is not managed.
  computed: ["contentHash"],
  local: ["file", "format", "size"],
  // The provider may run in another folder than the program: the path is made absolute where it was written.
  resolveArgs: (args) =>
    typeof args["file"] === "string" && args["file"] !== ""
      ? { ...args, file: path.resolve(args["file"]) }
      : args,
  describeKey: (i) => `with description ${JSON.stringify(descOf(i))}`,
  findById: (c, id) => orUndefined(c.greetingFiles.findById(id)),
  // An upload is found by its content and description; without a file there is nothing to find.
  findByKey: async (c, i) =>
    i.contentHash === undefined
      ? undefined
      : orUndefined(c.greetingFiles.findByNaturalKey({ description: descOf(i) })),
  idOf: (f) => f.sid,
  create: async (c, i) => {
    if (i.file === undefined || i.contentHash === undefined)
      throw new Error(
        "GreetingFile: there is no file to upload. A GreetingFile without `file` can only adopt an existing upload (importId); add `file` to upload one.",
      );
    const bytes = readFileSync(i.file);
    if (contentHashOf(bytes) !== i.contentHash)
      throw new Error(`GreetingFile: ${i.file} changed during this run; run \`pulumi up\` again.`);
    const description = descOf(i);
    const created = await c.greetingFiles.create({ description, content: bytes, format: i.format ?? "wav" });
    const fileName = created.fileName ?? (await c.greetingFiles.findById(created.id))?.fileName ?? "";
    return { id: created.id, remote: { sid: created.id, fileName, description } };
  },
  update: async () => {
    // Every compared field replaces the file: Stringee cannot change an upload.
  },
  delete: async (c, id) => {
    await c.greetingFiles.delete(id);
  },
  toInputs: fromRemote,
  observed: (f) => ({ fileName: f?.fileName ?? null, fileSid: f?.sid ?? null }),
});
