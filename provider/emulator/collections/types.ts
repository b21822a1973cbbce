// The description every collection module exports: its URL, id prefix, field rules, cross-field
// rules, uniqueness keys, messages and wire shape. The store and the router are generic over it.
import type { Result } from "../codes";
import type { CollectionName, FieldRules, FieldValue, FieldValues } from "../schema";

/** A stored object: its id plus validated field values. */
export type StoredRecord = { readonly id: string } & FieldValues;

/**
 * Which reading of the documents the emulator answers with. `strict` (the default) is the strictest
 * answer any published sample shows: list items with exactly the samples' fields, unprefixed ids in
 * create answers, `""` for an unset tree root, 403 `keySid invalid` for refused tokens. `lenient` is the
 * richer reading (every field in lists, prefixed ids everywhere, 401 with a reason): see ASSUMPTIONS.md.
 */
export type Reading = "strict" | "lenient";

/** Read access to the other collections, for cross-collection rules and wire shapes. */
export interface StoreView {
  readonly projectId: number;
  readonly accountId: number;
  /** The reading the API answers with. */
  readonly reading: Reading;
  /** Whether IVR trees, nodes and keypresses get numeric ids (the keypress doc's second list sample). */
  readonly numericIds: boolean;
  get(name: CollectionName, id: string): StoredRecord | undefined;
  list(name: CollectionName): StoredRecord[];
}

/** Write access the collection hooks need to keep derived data (an IVR tree's root node) right. */
export interface StoreHooksAccess extends StoreView {
  setInternal(name: CollectionName, id: string, patch: Record<string, FieldValue>): void;
}

/** The success messages Stringee answers with, and the not-found message. */
export interface CollectionMessages {
  create: string;
  list: string;
  update: string;
  delete: string;
  notFound: string;
}

/**
 * The messages of a collection whose samples follow `Create <subject> success` (and Update, Delete), with its
 * own list and not-found messages (`Load group(s) success`, `Group not found`).
 */
export function crudMessages(subject: string, list: string, notFound: string): CollectionMessages {
  return {
    create: `Create ${subject} success`,
    list,
    update: `Update ${subject} success`,
    delete: `Delete ${subject} success`,
    notFound,
  };
}

/** Everything the store and the router need to know about one collection. */
export interface CollectionDefinition {
  readonly name: CollectionName;
  /** Human name used in messages ("Number", "IVR node"). */
  readonly label: string;
  /** Collection URL path, e.g. "/v1/number". */
  readonly path: string;
  /** "icc": envelopes carry `project`; "api" (api.stringee.com, sipphone): they do not. */
  readonly envelope: "icc" | "api";
  /** Prefix of generated ids; null when the id is taken from a field ({@link idField}) or has none. */
  readonly idPrefix: string | null;
  /** Random characters after the prefix of a generated id (default 16; the blacklist's `BNXJ3OWK` has 6). */
  readonly idLength?: number;
  /** Wire key of the id in list items (default `id`; greeting files: `sid`). */
  readonly listedIdKey?: string;
  /** Field whose value is the id (sipphone: username). */
  readonly idField?: string;
  readonly fields: FieldRules;
  /** Each entry is a set of fields whose values together must be unique in the collection. */
  readonly unique: readonly (readonly string[])[];
  /** Key of the new id in the create response ("numberID"). */
  readonly createIdKey: string;
  /** Key of the array in list responses ("numbers"). */
  readonly listKey: string;
  /** Key of the (string) total in list responses ("totalCount", "totalAgents", "total"). */
  readonly totalKey: string;
  /** Lists are paged (page, limit, totalPages, currentPage). */
  readonly paged: boolean;
  /**
   * Whether a paged list answers `totalPages`, `currentPage` and `limit` (default true). Without them the
   * only paging figure is the total, and a client that does not ask for the next page misses objects.
   */
  readonly pageMeta?: boolean;
  /** Page size when `limit` is not given (default 50). */
  readonly defaultLimit?: number;
  /** Whether `PUT {path}/{id}` exists (default true; greeting files cannot be changed, only deleted). */
  readonly updatable?: boolean;
  /**
   * Objects are created by uploading a file (`POST {path}?…` with the raw bytes as body), not a JSON body:
   * the largest body accepted, and what turns the query and the bytes into the object's field values.
   */
  readonly upload?: {
    readonly maxBytes: number;
    accept(query: URLSearchParams, bytes: Buffer): Result<FieldValues>;
  };
  /**
   * Whether `PUT`/`DELETE {path}/{id}` exist (default true). Group memberships have no item routes:
   * they are removed by `DELETE {path}` with a body naming them ({@link deleteBy}).
   */
  readonly itemRoutes?: boolean;
  /** Fields of a `DELETE {path}` JSON body that together identify the object to delete. */
  readonly deleteBy?: readonly string[];
  /** Derives the id from the validated fields instead of generating one (group memberships). */
  naturalId?(values: FieldValues): string;
  /** A query parameter the list requires, naming a parent object the listed objects belong to. */
  readonly listFilter?: { param: string; field: string; parent: CollectionName };
  readonly messages: CollectionMessages;
  /** Cross-field rules on the merged record; may normalise it (e.g. clear fields the action ignores). */
  finish?(record: StoredRecord, view: StoreView): Result<StoredRecord>;
  /** Runs after every create, update and delete of this collection. */
  afterWrite?(before: StoredRecord | null, after: StoredRecord | null, store: StoreHooksAccess): void;
  /** The object with every field the emulator keeps (the lenient list shape, and what the controls show). */
  toWire(record: StoredRecord, view: StoreView): Record<string, unknown>;
  /**
   * Wire fields of {@link toWire} that the documents' list samples do not show: left out of list items in
   * the strict reading (the API may accept a field on create and never list it).
   */
  readonly lenientOnly?: readonly string[];
  /** Wire fields of {@link toWire} no list shows in either reading: the emulator's own records, for the controls. */
  readonly controlOnly?: readonly string[];
  /** Adjusts a strict list item after {@link lenientOnly} is applied (`""` where a sample shows it). */
  strictItem?(item: Record<string, unknown>, record: StoredRecord, view: StoreView): Record<string, unknown>;
  /**
   * Whether the create answer carries the id as the list shows it, prefix included. Default false: the
   * strict reading answers the id without its prefix, as most create samples do (`"numberID": "Z1SQ…"`).
   */
  readonly createAnswersListedId?: boolean;
  /** Fields (and `id`) that become JSON numbers when the emulator runs with numeric ids. */
  readonly numericIdFields?: readonly string[];
  /** Body of a successful update; defaults to `{ r, project, message }`. */
  updateResponse?(id: string, view: StoreView): Record<string, unknown>;
  /** Body of a successful create, replacing the default `{ r, project, <createIdKey>, message }`. */
  createResponse?(
    record: StoredRecord,
    view: StoreView,
    body: Record<string, unknown>,
  ): Record<string, unknown>;
  /** Extra fields of a successful create response, after the id. */
  createExtras?(record: StoredRecord, view: StoreView): Record<string, unknown>;
}

/** The first fields of an ICC list item, in the order of the number, keypress and IVR tree samples. */
export function listedHeader(record: StoredRecord, view: StoreView): Record<string, unknown> {
  return { id: record.id, account: view.accountId, project: view.projectId };
}
