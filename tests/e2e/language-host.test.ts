// Behaviour of our Node.js language host (tools/pulumi-cli/pulumi-language-nodejs) where it differs from
// the official one, as tools/pulumi-cli/README.md lists it. Only our host can run here (the Go module proxy
// refuses the official one), so these tests pin down ours; the README says what the official host does.
import { PulumiProject } from "./harness";

describe("our Node.js language host, through the real Pulumi CLI", () => {
  let project: PulumiProject;

  afterAll(() => project?.dispose());

  // The official host reads the program's stderr through a line scanner with a 64 KiB limit; past it the
  // scanner stops reading and the program blocks on its next write. Ours passes stderr through as bytes.
  it("runs a program that writes a 256 KiB line to stderr to the end, passing the line through", async () => {
    project = await PulumiProject.create({
      name: "long-stderr-line",
      files: {
        "index.ts": `process.stderr.write("x".repeat(256 * 1024) + " END-OF-LONG-LINE\\n");
process.stderr.write("second line\\n");
export const done = true;
`,
      },
    });
    const up = await project.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(await project.outputs()).toEqual({ done: true });
    expect(up.stdout + up.stderr).toContain("END-OF-LONG-LINE");
    expect(up.stdout + up.stderr).toContain("second line");
  }, 180_000);
});
