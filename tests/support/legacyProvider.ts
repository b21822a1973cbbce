// The dynamic provider as versions up to 0.1 stored it in state: Pulumi's closure serializer applied to a
// provider object whose every call loads the runtime by package name. Users' states hold this text until
// their next `up`, so the runtime must keep serving it (unit: serialization.test.ts; through the CLI:
// tests/e2e/provider-text.test.ts).
import * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../../provider/kinds/framework";

/**
 * The provider object versions up to 0.1 passed to pulumi.dynamic.Resource, whose serialized form is in
 * their users' states: every call loads the runtime by package name.
 */
export function legacyProvider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    async configure(req: pulumi.dynamic.ConfigureRequest) {
      require("stringee-pulumi/runtime").configure((key: string) => req.config.get(key));
    },
    async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
      return require("stringee-pulumi/runtime")
        .lifecycle(kind, "check")
        .check(news, olds ?? {});
    },
    async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
      return require("stringee-pulumi/runtime").lifecycle(kind, "diff").diff(olds, news);
    },
    async create(news: Record<string, unknown>) {
      return require("stringee-pulumi/runtime").lifecycle(kind, "create").create(news);
    },
    async read(id: string, props: Record<string, unknown>) {
      return require("stringee-pulumi/runtime").lifecycle(kind, "read").read(id, props);
    },
    async update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
      return require("stringee-pulumi/runtime").lifecycle(kind, "update").update(id, olds, news);
    },
    async delete(id: string, props: Record<string, unknown>) {
      return require("stringee-pulumi/runtime").lifecycle(kind, "delete").delete(id, props);
    },
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** The text Pulumi's serializer made of {@link legacyProvider} for `kind`, as those states hold it. */
export async function legacyProviderText(kind: ResourceKind): Promise<string> {
  const provider = legacyProvider(kind);
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}
