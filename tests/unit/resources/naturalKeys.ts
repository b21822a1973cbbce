// Reads what a resource constructed under Pulumi's mocks carries about its natural key: the conflict the
// program-side claim found (provider/resources/uniqueness.ts), which the provider's check then refuses.
import * as pulumi from "@pulumi/pulumi";
import { NATURAL_KEY_CONFLICT } from "../../../provider/kinds/framework";

/** The message refusing `resource`'s natural key as a second declaration, or undefined when it is its own. */
export async function naturalKeyConflict(resource: pulumi.Resource): Promise<string | undefined> {
  const output = (resource as unknown as Record<string, unknown>)[NATURAL_KEY_CONFLICT];
  if (!pulumi.Output.isInstance(output)) return undefined;
  // The value itself, known or not: under preview mocks an output the engine left unset is unknown, and an
  // `apply` on it would never run. (`promise()` is the SDK's own accessor, internal but long-standing.)
  const value = await (output as unknown as { promise(): Promise<unknown> }).promise();
  return typeof value === "string" ? value : undefined;
}
