// Greeting files (/v1/greetingfile on the platform API host, not the ICC host): audio that queues
// (`wait_greeting`, `hold_greeting`) and IVR nodes in play mode refer to by its Stringee `filename`. A file
// is uploaded as raw WAV or MP3 bytes (`?uploadType=simple&desc=…`), listed with only a text total (the list
// is walked page by page until the total is reached) and deleted by its sid; it cannot be changed. The
// natural key is the description: an upload whose answer was lost is found again by it.
import { CrudCollection, defineCollection } from "./collection";
import { int, ref, text } from "./fields";
import type { ApiEnvelope } from "./http";
import type { CreateResult } from "./recovery";
import { wireString } from "./normalize";

/** The formats Stringee plays ("the uploaded WAV/MP3 file"). */
export type GreetingFileFormat = "wav" | "mp3";

/** A greeting file as the list shows it. */
export interface GreetingFile {
  /** The file's sid (`fileSid` in the upload answer), e.g. `DEMTU17RTDTI88VT`. */
  sid: string;
  /** The name Stringee gave the upload (`VYWKDLWVXL-1531544847245.mp3`): what queues and IVR nodes name. */
  fileName: string;
  /** The description sent with the upload (`desc`). */
  description?: string;
  /** When it was uploaded, as the list reports it. */
  created?: number;
}

/** An upload: the bytes, their format and a description (the natural key). */
export interface GreetingFileInput {
  /** Description sent as `desc`; a later lookup finds the upload by it. */
  description: string;
  /** The file's bytes. */
  content: Buffer;
  /** Their format (decides the Content-Type). */
  format: GreetingFileFormat;
}

/** Natural key of a greeting file. */
export interface GreetingFileKey {
  /** The description sent with the upload. */
  description: string;
}

/** Result of an upload. */
export interface GreetingFileCreateResult extends CreateResult {
  /** The name Stringee gave the file, when known (from the answer, or from the listing after a lost answer). */
  fileName?: string;
}

const CONTENT_TYPES: Record<GreetingFileFormat, string> = { wav: "audio/wav", mp3: "audio/mpeg" };

/** The `/v1/greetingfile` collection, declared. */
export const GREETING_FILES = defineCollection<GreetingFile, GreetingFileKey>({
  base: "api",
  path: "/v1/greetingfile",
  itemsKey: "greeting_files",
  countKeys: ["total"],
  idField: "sid",
  createdIdKey: "fileSid",
  createdIdListed: true,
  naturalKey: ["description"],
  fields: {
    sid: ref("sid", { required: true, readOnly: true }),
    fileName: text("filename", { required: true, readOnly: true }),
    description: text("desc1", { readOnly: true }),
    created: int("created", { readOnly: true }),
  },
});

/** The `/v1/greetingfile` collection (platform API host). Files cannot be changed, only uploaded and deleted. */
export class GreetingFilesApi extends CrudCollection<
  GreetingFile,
  GreetingFileInput,
  never,
  GreetingFileKey
> {
  protected readonly def = GREETING_FILES;

  /** Uploads a file; duplicate-safe when the answer is lost (found again by its description). */
  override create(input: GreetingFileInput): Promise<GreetingFileCreateResult> {
    return this.createNoting(input, "fileName", {
      answer: (a) => wireString(a["filename"]),
      found: (f) => f.fileName,
    });
  }

  /** The upload: the bytes as the body, the description in the query. */
  protected override sendCreate(input: GreetingFileInput): Promise<ApiEnvelope> {
    return this.http.upload(
      this.def.base,
      this.def.path,
      { uploadType: "simple", desc: input.description },
      { bytes: input.content, contentType: CONTENT_TYPES[input.format] },
    );
  }
}
