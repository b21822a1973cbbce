// stringee.GreetingFile: the Pulumi resource class. What it manages, how (HTTP calls, replacement, natural
// key) and how its inputs are checked: provider/kinds/greetingFile.ts.
import {
  greetingFileDefinition,
  type GreetingFileInputs,
  type GreetingFileOutputs,
} from "../kinds/greetingFile";
import { resourceClass, type ArgsOf, type OutputsOf } from "./base";

// ---- Args (what users write) ----

/** Arguments of a {@link GreetingFile}: the file and its description (check reads the rest from the file). */
export type GreetingFileArgs = ArgsOf<Pick<GreetingFileInputs, "file" | "description">>;

// ---- the resource class ----

/**
 * A WAV or MP3 file uploaded for queues (`waitGreeting`, `holdGreeting`) and IVR nodes in play mode: pass
 * `fileName` to them. A new content replaces the upload (the new one first). Import: set `importId` to the
 * file's sid (and leave `file` out to adopt it as it is); read-only lookup with `GreetingFile.get`.
 */
export class GreetingFile extends resourceClass<GreetingFileArgs>(greetingFileDefinition) {}

// Pulumi sets these properties from the provider's outputs; the interface types them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from OutputsOf
export interface GreetingFile extends OutputsOf<GreetingFileOutputs> {}
