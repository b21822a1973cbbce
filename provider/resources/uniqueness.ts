// Program-side uniqueness: Stringee allows one Number per phone number, one keypress per node and key,
// one SIP phone per username and one call settings object per project (a key of no fields). Two declarations of the same key in one program would fight each other, so
// the second is refused while the program runs (at preview), before any API call.
import * as pulumi from "@pulumi/pulumi";

const claimed = new Map<string, string>();

/**
 * Records that resource `name` owns the natural key made of `parts` (no parts: the kind's one object; `what`
 * then names it). Plain values are checked at once;
 * values that are outputs of other resources are checked when they resolve (during preview when known).
 */
export function claimNaturalKey(
  title: string,
  what: string,
  parts: pulumi.Input<string | undefined>[],
  name: string,
): void {
  const check = (raw: (string | undefined)[]) => {
    // The same normalisation as check(): "84986225112" and " 84986225112 " are one number.
    const values = raw.map((v) => v?.trim());
    if (values.some((v) => v === undefined || v === "")) return;
    const key = `${title}\u0000${values.join("\u0000")}`;
    const owner = claimed.get(key);
    if (owner !== undefined && owner !== name && parts.length === 0) {
      // A key of no fields: the kind is one object per Stringee project (the call settings).
      throw new pulumi.ResourceError(
        `${title} "${name}" and ${title} "${owner}" both declare the project's ${what}; a Stringee project has ` +
          `one, so two declarations would overwrite each other. Keep one ${title} in this program (and one per project across stacks).`,
        undefined,
      );
    }
    if (owner !== undefined && owner !== name) {
      throw new pulumi.ResourceError(
        `${title} "${name}" declares the same ${what} (${values.join(" / ")}) as ${title} "${owner}"; ` +
          `Stringee allows only one. Remove one of the two declarations or change its ${what}.`,
        undefined,
      );
    }
    claimed.set(key, name);
  };
  if (parts.every((p) => typeof p === "string" || p === undefined)) {
    check(parts as (string | undefined)[]);
    return;
  }
  pulumi.all(parts).apply((values) => check(values));
}
