// Greeting files (api.stringee.com /v1/greetingfile), following Stringee's "Greeting file management" page:
// an upload is `POST /v1/greetingfile?uploadType=simple&desc=…` with the WAV or MP3 bytes as the body, and
// answers `{ r, filename, fileSid, message }` without `project` (the platform host's envelope). The list and
// the delete were not readable on the page: public type definitions give the list shape
// (`data.greeting_files[{ sid, filename, desc1, created }]`, `total` as text) and `DELETE /v1/greetingfile/{sid}`.
// A file cannot be changed once uploaded. See ASSUMPTIONS.md for the size limit and the paging.
import { createHash, randomInt } from "node:crypto";
import { R, fail, ok } from "../codes";
import type { CollectionDefinition } from "./types";

/** Largest upload accepted, in bytes (undocumented: see ASSUMPTIONS.md). */
export const MAX_GREETING_BYTES = 5 * 1024 * 1024;

/** The audio formats the page names ("the uploaded WAV/MP3 file"), told apart by their first bytes. */
export function audioFormat(bytes: Buffer): "wav" | "mp3" | undefined {
  const text = (from: number, to: number) => bytes.toString("latin1", from, to);
  if (bytes.length >= 12 && text(0, 4) === "RIFF" && text(8, 12) === "WAVE") return "wav";
  if (bytes.length >= 3 && text(0, 3) === "ID3") return "mp3";
  // An MPEG audio frame without a tag: 11 sync bits, then Layer III.
  const [b0, b1] = [bytes[0] ?? 0, bytes[1] ?? 0];
  if (bytes.length >= 4 && b0 === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) === 0x02) return "mp3";
  return undefined;
}

// The page's sample filename: ten capital letters, the upload time in milliseconds, the format's extension.
function storedName(format: string, now: number): string {
  let letters = "";
  for (let i = 0; i < 10; i++) letters += String.fromCharCode(65 + randomInt(26));
  return `${letters}-${now}.${format}`;
}

/** The greeting file collection. */
export const greetingfileCollection: CollectionDefinition = {
  name: "greetingfile",
  label: "Greeting file",
  path: "/v1/greetingfile",
  envelope: "api",
  // `fileSid` is 16 capitals and digits without a prefix (`DEMTU17RTDTI88VT`).
  idPrefix: null,
  listedIdKey: "sid",
  fields: {
    desc1: { type: "string" },
    filename: { type: "string", internal: true },
    created: { type: "int", internal: true },
    format: { type: "string", internal: true, oneOf: ["wav", "mp3"] },
    size: { type: "int", internal: true, min: 0 },
    sha256: { type: "string", internal: true },
  },
  unique: [],
  createIdKey: "fileSid",
  listKey: "greeting_files",
  totalKey: "total",
  paged: true,
  pageMeta: false,
  defaultLimit: 10,
  updatable: false,
  upload: {
    maxBytes: MAX_GREETING_BYTES,
    accept(query, bytes) {
      const uploadType = query.get("uploadType");
      if (uploadType !== "simple")
        return fail(
          R.INVALID_FIELD,
          uploadType === "multipart"
            ? "uploadType multipart is not served by the emulator; use uploadType=simple"
            : 'uploadType is required and must be "simple"',
        );
      if (bytes.length === 0) return fail(R.INVALID_FIELD, "the body must be the WAV or MP3 file");
      const format = audioFormat(bytes);
      if (format === undefined) return fail(R.INVALID_FIELD, "only WAV or MP3 files can be uploaded");
      const now = Date.now();
      return ok({
        desc1: query.get("desc"),
        filename: storedName(format, now),
        created: now,
        format,
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      });
    },
  },
  messages: {
    create: "Upload file success",
    list: "Load greeting files success",
    update: "Update greeting file success",
    delete: "Delete greeting file success",
    notFound: "Greeting file not found",
  },
  // The type definitions list `{ sid, filename, desc1, created }`; what the emulator knows of the content
  // (its format, size and SHA-256) is for the controls only.
  controlOnly: ["format", "size", "sha256"],
  toWire(record) {
    return {
      sid: record.id,
      filename: record.filename,
      desc1: record.desc1,
      created: record.created,
      format: record.format,
      size: record.size,
      sha256: record.sha256,
    };
  },
  // Key order of the page's sample response; no `project` on the platform host.
  createResponse(record) {
    return { r: 0, filename: record.filename, fileSid: record.id, message: "Upload file success" };
  },
};
