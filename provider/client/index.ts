// Public entry point of the Stringee API client: one StringeeClient per set of credentials, one
// property per API collection, camelCase domain types only. Never imports Pulumi.
import { AgentsApi } from "./agents";
import { BlacklistNumbersApi } from "./blacklistNumbers";
import { CallSettingsApi } from "./callSettings";
import { GreetingFilesApi } from "./greetingFiles";
import { GroupMembersApi } from "./groupMembers";
import { GroupsApi } from "./groups";
import { StringeeHttp, type StringeeHttpOptions } from "./http";
import { IvrKeypressesApi } from "./ivrKeypresses";
import { IvrNodesApi } from "./ivrNodes";
import { IvrTreesApi } from "./ivrTrees";
import { NumbersApi } from "./numbers";
import { QueueGroupRoutingsApi } from "./queueGroupRoutings";
import { QueuesApi } from "./queues";
import { SipPhonesApi } from "./sipPhones";

/** Options of a {@link StringeeClient}: credentials, hosts, timeouts and retries. */
export interface StringeeClientOptions extends StringeeHttpOptions {
  /**
   * Stringee project id, when known. Only used to tell a short SIP username that looks prefixed
   * (`7_x`) from a prefixed one (`246_x`); learned from the API otherwise.
   */
  projectId?: string | number;
}

/** A typed client of the Stringee contact-center and SIP phone APIs. */
export class StringeeClient {
  /** The shared transport (auth, retries, paging). */
  readonly http: StringeeHttp;
  /** `/v1/number`: contact-center numbers. */
  readonly numbers: NumbersApi;
  /** `/v1/agent`: agents. */
  readonly agents: AgentsApi;
  /** `/v1/ivrkeypress`: IVR keypresses. */
  readonly ivrKeypresses: IvrKeypressesApi;
  /** `/v1/sipphone` (platform API host): SIP phones. */
  readonly sipPhones: SipPhonesApi;
  /** `/v1/queue`: call queues. */
  readonly queues: QueuesApi;
  /** `/v1/ivrtree`: IVR trees. */
  readonly ivrTrees: IvrTreesApi;
  /** `/v1/ivrnode`: IVR nodes. */
  readonly ivrNodes: IvrNodesApi;
  /** `/v1/group`: agent groups. */
  readonly groups: GroupsApi;
  /** `/v1/manage-agents-in-group`: which agents are in which group. */
  readonly groupMembers: GroupMembersApi;
  /** `/v1/routing-call-to-groups`: which groups a queue routes calls to. */
  readonly queueGroupRoutings: QueueGroupRoutingsApi;
  /** `/v1/blacklistnumber`: callers blocked in the IVR or in queues. */
  readonly blacklistNumbers: BlacklistNumbersApi;
  /** `/v1/greetingfile` (platform API host): audio files queues and IVR nodes play. */
  readonly greetingFiles: GreetingFilesApi;
  /** `/v1/callsettings`: the project's call settings (one object, GET and PUT). */
  readonly callSettings: CallSettingsApi;

  /** Builds every collection on one shared transport; nothing is sent until a method is called. */
  constructor(options: StringeeClientOptions) {
    this.http = new StringeeHttp(options);
    this.numbers = new NumbersApi(this.http);
    this.agents = new AgentsApi(this.http);
    this.ivrKeypresses = new IvrKeypressesApi(this.http);
    this.sipPhones = new SipPhonesApi(this.http, options.projectId);
    this.groupMembers = new GroupMembersApi(this.http);
    this.queueGroupRoutings = new QueueGroupRoutingsApi(this.http);
    // A new parent has no children yet: its children's first creates need not list them. A parent read
    // without being written (refresh) is followed by reads of its children: their listing is fetched early.
    this.ivrNodes = new IvrNodesApi(this.http, [this.ivrKeypresses]);
    this.queues = new QueuesApi(this.http, [this.queueGroupRoutings]);
    this.ivrTrees = new IvrTreesApi(this.http, [this.ivrNodes]);
    this.groups = new GroupsApi(this.http, [this.groupMembers]);
    this.blacklistNumbers = new BlacklistNumbersApi(this.http);
    this.greetingFiles = new GreetingFilesApi(this.http);
    this.callSettings = new CallSettingsApi(this.http);
  }

  /** Releases keep-alive sockets so the process can exit. */
  close(): void {
    this.http.close();
  }
}

export { signRestToken, TokenSource, REST_TOKEN_HEADER } from "./auth";
export type { RestTokenClaims, SignRestTokenOptions, TokenSourceOptions } from "./auth";
export {
  StringeeApiError,
  PartialCreateError,
  isNotFound,
  isAlreadyExists,
  isOutcomeUnknown,
} from "./errors";
export type { ApiOutcome, StringeeApiErrorInit } from "./errors";
export { StringeeHttp, DEFAULT_API_BASE_URL, DEFAULT_ICC_BASE_URL } from "./http";
export type { ApiBase, ApiEnvelope, StringeeHttpOptions } from "./http";
export type { RetryOptions } from "./retry";
export type { CreateResult, DeleteResult } from "./recovery";
export { ListingCache, lookupBeforeCreate, DEFAULT_LISTING_TTL_MS } from "./listings";
export type { ListingStats, WriteKind } from "./listings";
export { sameId, sameSipUsername, stripIdPrefix, unseenFields } from "./normalize";
export { NumbersApi } from "./numbers";
export type { StringeeNumber, NumberInput, NumberUpdate, NumberKey } from "./numbers";
export { AgentsApi } from "./agents";
export type { Agent, AgentInput, AgentUpdate, AgentKey, AgentRoutingType } from "./agents";
export { IvrKeypressesApi } from "./ivrKeypresses";
export type {
  IvrKeypress,
  IvrKeypressInput,
  IvrKeypressUpdate,
  IvrKeypressKey,
  KeypressAction,
} from "./ivrKeypresses";
export { SipPhonesApi } from "./sipPhones";
export type { SipPhone, SipPhoneInput, SipPhoneUpdate, SipPhoneKey, SipPhoneCreateResult } from "./sipPhones";
export { QueuesApi } from "./queues";
export type { Queue, QueueInput, QueueUpdate, QueueKey, QueueCondRouting } from "./queues";
export { IvrTreesApi } from "./ivrTrees";
export type { IvrTree, IvrTreeInput, IvrTreeUpdate, IvrTreeKey } from "./ivrTrees";
export { IvrNodesApi } from "./ivrNodes";
export type {
  IvrNode,
  IvrNodeInput,
  IvrNodeUpdate,
  IvrNodeKey,
  IvrNodeCreateResult,
  IvrNodePlayMode,
} from "./ivrNodes";
export { GroupsApi } from "./groups";
export type { Group, GroupInput, GroupUpdate, GroupKey } from "./groups";
export { GroupMembersApi } from "./groupMembers";
export type { GroupMember, GroupMemberKey, GroupMemberAddResult } from "./groupMembers";
export { BlacklistNumbersApi } from "./blacklistNumbers";
export type {
  BlacklistNumber,
  BlacklistNumberInput,
  BlacklistNumberUpdate,
  BlacklistNumberKey,
} from "./blacklistNumbers";
export { GreetingFilesApi } from "./greetingFiles";
export type {
  GreetingFile,
  GreetingFileInput,
  GreetingFileKey,
  GreetingFileCreateResult,
  GreetingFileFormat,
} from "./greetingFiles";
export { CallSettingsApi, CALL_SETTINGS_DEFAULTS } from "./callSettings";
export type { CallSettings } from "./callSettings";
export { QueueGroupRoutingsApi } from "./queueGroupRoutings";
export type {
  QueueGroupRouting,
  QueueGroupRoutingInput,
  QueueGroupRoutingUpdate,
  QueueGroupRoutingKey,
} from "./queueGroupRoutings";
