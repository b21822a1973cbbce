// stringee-pulumi: Stringee contact-center configuration as Pulumi resources.
// Configure the provider with stack config `stringee:apiKeySid` / `stringee:apiKeySecret` (secret) /
// `stringee:iccBaseUrl` / `stringee:apiBaseUrl`, or the STRINGEE_* environment variables.
export { Number } from "./resources/number";
export type { NumberArgs } from "./resources/number";
export { Agent } from "./resources/agent";
export type { AgentArgs } from "./resources/agent";
export type { AgentRoutingType } from "./kinds/agent";
export { IvrKeypress } from "./resources/ivrKeypress";
export type { IvrKeypressArgs } from "./resources/ivrKeypress";
export type { IvrKeypressAction, IvrNodeKey } from "./kinds/ivrKeypress";
export { SipPhone } from "./resources/sipPhone";
export type { SipPhoneArgs } from "./resources/sipPhone";
export { Queue } from "./resources/queue";
export type { QueueArgs } from "./resources/queue";
export type { QueueCondRouting, QueueSchedule } from "./kinds/queue";
export { IvrTree } from "./resources/ivrTree";
export type { IvrTreeArgs } from "./resources/ivrTree";
export { IvrNode } from "./resources/ivrNode";
export type { IvrNodeArgs } from "./resources/ivrNode";
export type { IvrNodePlayMode } from "./kinds/ivrNode";
export { Group } from "./resources/group";
export type { GroupArgs } from "./resources/group";
export { GroupMember } from "./resources/groupMember";
export type { GroupMemberArgs } from "./resources/groupMember";
export { QueueGroupRouting } from "./resources/queueGroupRouting";
export type { QueueGroupRoutingArgs } from "./resources/queueGroupRouting";
export { deployContactCenter, resolveSpecFile } from "./spec/program";
export type { DeployContactCenterOptions, DeployedContactCenter } from "./spec/program";
export { SETTING_SOURCES, resolveSettings, requireSettings } from "./settings";
export type { ProviderSettings, ConfigLookup } from "./settings";
export { StringeeClient, StringeeApiError } from "./client";
export type { StringeeClientOptions } from "./client";
