import * as pulumi from "@pulumi/pulumi";
pulumi.runtime.setMocks(
  {
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
    call: (args) => args.inputs,
  },
  "proj",
  "stack",
  true,
);
import { Number } from "../../../provider/resources/number";
it("x", async () => {
  new Number("a", { number: "84986225112", allowOutboundCalls: true, enableIvr: false });
  const saved = process.listeners("unhandledRejection");
  console.log(saved.length);
  process.removeAllListeners("unhandledRejection");
  const errs: unknown[] = [];
  process.on("unhandledRejection", (e) => errs.push(e));
  try {
    const b = new Number("b", {
      number: pulumi.output("84986225112"),
      allowOutboundCalls: true,
      enableIvr: false,
    });
    await new Promise<void>((r) => b.urn.apply(() => r()));
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    process.removeAllListeners("unhandledRejection");
    for (const l of saved) process.on("unhandledRejection", l);
  }
  console.log(errs.map(String));
});
