// The registry of resource kinds: one definition per Stringee entity (provider/kinds/<kind>.ts), read by the
// dynamic providers (runtime.ts), the resource classes, the YAML spec, export and graph. Loading it never
// loads the Pulumi SDK, so the command line stays light.
import { agentDefinition } from "./agent";
import { blacklistNumberDefinition } from "./blacklistNumber";
import { callSettingsDefinition } from "./callSettings";
import { greetingFileDefinition } from "./greetingFile";
import type { ResourceDefinition, ResourceKind } from "./framework";
import { groupDefinition } from "./group";
import { groupMemberDefinition } from "./groupMember";
import { ivrKeypressDefinition } from "./ivrKeypress";
import { ivrNodeDefinition } from "./ivrNode";
import { ivrTreeDefinition } from "./ivrTree";
import { numberDefinition } from "./number";
import { queueDefinition } from "./queue";
import { queueGroupRoutingDefinition } from "./queueGroupRouting";
import { sipPhoneDefinition } from "./sipPhone";

/** Every kind's definition, by kind. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const KINDS: Readonly<Record<ResourceKind, ResourceDefinition<any, any>>> = {
  number: numberDefinition,
  agent: agentDefinition,
  ivrKeypress: ivrKeypressDefinition,
  sipPhone: sipPhoneDefinition,
  queue: queueDefinition,
  ivrTree: ivrTreeDefinition,
  ivrNode: ivrNodeDefinition,
  group: groupDefinition,
  groupMember: groupMemberDefinition,
  queueGroupRouting: queueGroupRoutingDefinition,
  callSettings: callSettingsDefinition,
  blacklistNumber: blacklistNumberDefinition,
  greetingFile: greetingFileDefinition,
};

export type { ResourceDefinition, ResourceKind } from "./framework";
