// Placeholder: `stringee-pulumi graph` is being built (issue 9).
import type { Command } from "./main";

/** The `graph` command. */
export const command: Command = {
  summary: "(not built yet)",
  run: async () => {
    process.stderr.write("stringee-pulumi graph: not built yet\n");
    return 1;
  },
};
