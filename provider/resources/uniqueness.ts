// Program-side uniqueness: Stringee allows one Number per phone number, one keypress per node and key, one
// SIP phone per username and one call settings object per project (a key of no fields). Two declarations of
// the same key in one program would fight each other, so the second is refused before any API call.
//
// How it is refused: the resource gets the conflict as the input `naturalKeyConflict`, and the provider's
// check fails on it (provider/kinds/framework.ts). Pulumi then prints one line naming the resource, the
// property and the fix, and never creates the duplicate. Throwing from the program instead would print a
// JavaScript stack whenever the key is only known after the program's main module has run (an output of
// another resource), and could not stop a resource already registered.
//
// The claims belong to one run of the program. Each run has its own Stack resource (the CLI's single run,
// and every run of an Automation API inline program, several of which may share one process, one after the
// other or at once), so the claims are kept per Stack: a program run again in the same process, under
// another stack or with a resource renamed, starts afresh instead of meeting its earlier run's claims.
import * as pulumi from "@pulumi/pulumi";

const claimsByRun = new WeakMap<pulumi.Resource, Map<string, string>>();
// Resources made outside any stack (unit tests under Pulumi's mocks) share one set of claims.
const claimsOutsideRuns = new Map<string, string>();

function claimsOfThisRun(): Map<string, string> {
  const stack = pulumi.runtime.getStackResource();
  if (stack === undefined) return claimsOutsideRuns;
  let claims = claimsByRun.get(stack);
  if (claims === undefined) {
    claims = new Map();
    claimsByRun.set(stack, claims);
  }
  return claims;
}

/**
 * Records that resource `name` of kind `title` owns the natural key made of `fields` of `values` (no fields:
 * the kind's one object per project), and returns the conflict: undefined when the key is free (or not fully
 * known), else the message refusing the second declaration, naming both resources, the key's fields and the
 * fix. Plain values are claimed at once; when some are outputs of other resources the claim is made when
 * they resolve (during preview when known), and the result is an output.
 */
export function claimNaturalKey(
  title: string,
  fields: readonly string[],
  values: Record<string, unknown>,
  name: string,
): pulumi.Input<string | undefined> {
  const parts = fields.map((f) => values[f] as pulumi.Input<string | undefined>);
  // Chosen now, while the run that constructs the resource is the current one.
  const claims = claimsOfThisRun();
  const claim = (raw: (string | undefined)[]): string | undefined => {
    // The same normalisation as check(): "84986225112" and " 84986225112 " are one number.
    const trimmed = raw.map((v) => v?.trim());
    if (trimmed.some((v) => v === undefined || v === "")) return undefined;
    const key = `${title}\u0000${trimmed.join("\u0000")}`;
    const owner = claims.get(key);
    if (owner !== undefined && owner !== name) {
      // A key of no fields: the kind is one object per Stringee project (the call settings).
      return fields.length === 0
        ? `${title} "${name}" and ${title} "${owner}" both declare the project's ${title}; a Stringee project has ` +
            `one, so two declarations would overwrite each other. Keep one ${title} in this program (and one per project across stacks).`
        : `${title} "${name}" declares the same ${fields.join(" and ")} (${trimmed.join(" / ")}) as ${title} "${owner}"; ` +
            `Stringee allows only one. Remove one of the two declarations or change its ${fields.join(" and ")}.`;
    }
    claims.set(key, name);
    return undefined;
  };
  if (parts.every((p) => typeof p === "string" || p === undefined))
    return claim(parts as (string | undefined)[]);
  return pulumi.all(parts).apply(claim);
}
