// The JSON Schema of the spec, for editors (yaml-language-server, VS Code): generated from the zod schema, so
// it never drifts from the types. scripts/generate-schema.ts writes it to schema/contact-center.schema.json.
import { z } from "zod";
import { contactCenterSpecSchema } from "./schema";

/** Where the generated schema is committed, relative to the repository root. */
export const JSON_SCHEMA_FILE = "schema/contact-center.schema.json";

/** The `$id` of the generated schema. */
export const JSON_SCHEMA_ID = "https://stringee-pulumi.dev/schema/contact-center.schema.json";

/** The JSON Schema (draft-07, what users write: display names optional, null entries allowed). */
export function contactCenterJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(contactCenterSpecSchema, {
    target: "draft-07",
    io: "input",
    override: (ctx) => {
      const s = ctx.jsonSchema as Record<string, unknown>;
      // z.int() adds the safe-integer bounds; they say nothing to a reader.
      if (s["minimum"] === Number.MIN_SAFE_INTEGER) delete s["minimum"];
      if (s["maximum"] === Number.MAX_SAFE_INTEGER) delete s["maximum"];
    },
  }) as Record<string, unknown>;
  const { $schema, description, ...rest } = generated;
  return {
    $schema,
    $id: JSON_SCHEMA_ID,
    title: "Stringee contact-center spec",
    description: `${String(description)} One file per stack: contact-center.<stack>.yaml. Objects refer to each other by name (their map key).`,
    ...rest,
  };
}

/** The schema as pretty JSON with a trailing newline (scripts/generate-schema.ts formats it with Prettier). */
export function renderContactCenterJsonSchema(): string {
  return `${JSON.stringify(contactCenterJsonSchema(), null, 2)}\n`;
}
