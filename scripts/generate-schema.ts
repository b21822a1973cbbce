// Writes schema/contact-center.schema.json from the spec's zod schema (`npm run schema`): JSON.stringify,
// then Prettier with the repository's settings so `prettier --check .` stays clean. A unit test fails when
// the committed file differs from what this writes (it runs this script: Prettier cannot load inside Jest).
import * as fs from "node:fs";
import * as path from "node:path";
import * as prettier from "prettier";
import { JSON_SCHEMA_FILE, renderContactCenterJsonSchema } from "../provider/spec/jsonSchema";

/** Absolute path of the committed schema. */
export const SCHEMA_PATH = path.resolve(__dirname, "..", JSON_SCHEMA_FILE);

/** The exact text of schema/contact-center.schema.json. */
export async function renderSchemaFile(): Promise<string> {
  const options = (await prettier.resolveConfig(SCHEMA_PATH)) ?? {};
  return prettier.format(renderContactCenterJsonSchema(), { ...options, filepath: SCHEMA_PATH });
}

/** Writes the file; with `--stdout`, prints its text instead (the drift test compares that with the committed file). */
async function main(): Promise<void> {
  if (process.argv.includes("--stdout")) {
    process.stdout.write(await renderSchemaFile());
    return;
  }
  fs.mkdirSync(path.dirname(SCHEMA_PATH), { recursive: true });
  fs.writeFileSync(SCHEMA_PATH, await renderSchemaFile());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_PATH)}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
