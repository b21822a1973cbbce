// Placeholder: `stringee-pulumi export` is being built (issue 9).
import type { Command } from "./main";

/** The `export` command. */
export const command: Command = {
  summary: "(not built yet)",
  run: async () => {
    process.stderr.write("stringee-pulumi export: not built yet\n");
    return 1;
  },
};
