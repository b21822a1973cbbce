// The emulated Stringee account: every object of every collection, with the rules a real
// account enforces (validation, uniqueness, references that must exist, deletes refused while
// referenced). Pure in-memory logic, no I/O: the server persists snapshots through state.ts.
import { createHash } from "node:crypto";
import { R, fail, ok, type Result } from "./codes";
import {
  COLLECTIONS,
  type CollectionDefinition,
  type Reading,
  type StoreHooksAccess,
  type StoredRecord,
} from "./collections";
import { defaultCallSettings, putCallSettings } from "./callsettings";
import { newId } from "./ids";
import {
  COLLECTION_NAMES,
  validateCreate,
  validateUpdate,
  type CollectionName,
  type FieldValue,
  type FieldValues,
} from "./schema";

/** Options shared by the write operations. */
export interface WriteOptions {
  /** An out-of-band write (control API): may set internal and immutable fields, may omit write-only ones. */
  outOfBand?: boolean;
  /** Skip uniqueness, reference and still-referenced checks (out-of-band only), to model drift. */
  force?: boolean;
}

/** Options of {@link Store.create}. */
export interface CreateRecordOptions extends WriteOptions {
  /** Use this id instead of a generated one (out-of-band creates). */
  id?: string;
}

/** A JSON-serialisable copy of the store's objects, as saved in the state file. */
export interface StoreSnapshot {
  version: 1;
  projectId: number;
  accountId: number;
  collections: Record<CollectionName, StoredRecord[]>;
  /** The project's call settings (absent in files saved before they were emulated: the defaults). */
  callSettings?: FieldValues;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** How the API answers (see {@link Reading}); both default to the strictest documented answers. */
export interface StoreReadingOptions {
  /** `strict` (default) or `lenient`. */
  reading?: Reading;
  /** IVR trees, nodes and keypresses get numeric ids, listed as JSON numbers (default false). */
  numericIds?: boolean;
}

/** The emulated account. */
export class Store implements StoreHooksAccess {
  private readonly data = new Map<CollectionName, Map<string, StoredRecord>>();
  private settings: FieldValues = defaultCallSettings();
  /** The reading the API answers with. */
  readonly reading: Reading;
  /** Whether IVR trees, nodes and keypresses get numeric ids. */
  readonly numericIds: boolean;

  constructor(
    readonly projectId: number,
    readonly accountId: number,
    options: StoreReadingOptions = {},
  ) {
    this.reading = options.reading ?? "strict";
    this.numericIds = options.numericIds ?? false;
    this.clear();
  }

  /** Removes every object; the call settings go back to their defaults. */
  clear(): void {
    for (const name of COLLECTION_NAMES) this.data.set(name, new Map());
    this.settings = defaultCallSettings();
  }

  /** The project's call settings (wire field names). */
  callSettings(): FieldValues {
    return { ...this.settings };
  }

  /** Changes the call settings with a PUT body (see callsettings.ts); out of band, any subset of fields. */
  updateCallSettings(body: Record<string, unknown>, options: WriteOptions = {}): Result<FieldValues> {
    const updated = putCallSettings(this.settings, body, this, options.outOfBand);
    if (updated.ok) this.settings = updated.value;
    return updated;
  }

  private table(name: CollectionName): Map<string, StoredRecord> {
    const table = this.data.get(name);
    if (!table) throw new Error(`unknown collection ${name}`);
    return table;
  }

  /** The object with this exact id. */
  get(name: CollectionName, id: string): StoredRecord | undefined {
    return this.table(name).get(id);
  }

  /** Objects of a collection in creation order. */
  list(name: CollectionName): StoredRecord[] {
    return [...this.table(name).values()];
  }

  /**
   * Resolves an id from a URL. Exact match first; SIP phones are also found by their wire
   * username (`<projectId>_<username>`).
   */
  resolveId(name: CollectionName, rawId: string): string | undefined {
    const table = this.table(name);
    if (table.has(rawId)) return rawId;
    const prefix = `${this.projectId}_`;
    if (COLLECTIONS[name].idField && rawId.startsWith(prefix) && table.has(rawId.slice(prefix.length))) {
      return rawId.slice(prefix.length);
    }
    return undefined;
  }

  /**
   * Reference fields rewritten to the stored id they name. The docs' request samples name objects by the
   * unprefixed id a create answered (`"node": "99OL694QXB2PJJLW"`) as well as by the listed one
   * (`"ivr_menu": "TR_5DFM…"`): both are accepted in bodies, and the listed form is what is stored and
   * listed. Paths take the listed form only. References to nothing are left for the reference check.
   */
  private resolveReferences<T extends FieldValues>(def: CollectionDefinition, values: T): T {
    const out: FieldValues = { ...values };
    for (const [field, rule] of Object.entries(def.fields)) {
      const value = out[field];
      if (!rule.ref || value === null || value === undefined) continue;
      const listed = this.referencedId(rule.ref, String(value));
      if (listed !== undefined) out[field] = listed;
    }
    return out as T;
  }

  /** The stored id a body reference names: exact, or the unprefixed form of a prefixed id. */
  referencedId(name: CollectionName, value: string): string | undefined {
    if (this.table(name).has(value)) return value;
    const prefix = COLLECTIONS[name].idPrefix;
    if (prefix && !value.startsWith(prefix) && this.table(name).has(prefix + value)) return prefix + value;
    return undefined;
  }

  /** Sets emulator-maintained fields without any checks (used by collection hooks). */
  setInternal(name: CollectionName, id: string, patch: Record<string, FieldValue>): void {
    const existing = this.table(name).get(id);
    if (existing) this.table(name).set(id, { ...existing, ...patch, id });
  }

  /** The object with every field the emulator keeps, as the controls show it (the lenient list shape). */
  toWire(name: CollectionName, record: StoredRecord): Record<string, unknown> {
    return this.numbered(COLLECTIONS[name], COLLECTIONS[name].toWire(record, this));
  }

  /** The object as the list endpoint shows it in this store's reading. */
  listItem(name: CollectionName, record: StoredRecord): Record<string, unknown> {
    const def = COLLECTIONS[name];
    let item = def.toWire(record, this);
    for (const field of def.controlOnly ?? []) delete item[field];
    if (this.reading === "strict") {
      for (const field of def.lenientOnly ?? []) delete item[field];
      if (def.strictItem) item = def.strictItem(item, record, this);
    }
    return this.numbered(def, item);
  }

  /** The id a create answer carries: numeric, unprefixed (strict) or as listed (lenient). */
  createAnswerId(name: CollectionName, id: string): string | number {
    const def = COLLECTIONS[name];
    if (this.usesNumericIds(def)) return Number(id);
    if (this.reading === "lenient" || def.createAnswersListedId || !def.idPrefix) return id;
    return id.startsWith(def.idPrefix) ? id.slice(def.idPrefix.length) : id;
  }

  private usesNumericIds(def: CollectionDefinition): boolean {
    return this.numericIds && def.numericIdFields !== undefined;
  }

  // The keypress doc's second list sample: `"id": 17, "tree": 7, "node": 10, "queue_id": 0`.
  private numbered(def: CollectionDefinition, item: Record<string, unknown>): Record<string, unknown> {
    if (!this.usesNumericIds(def)) return item;
    for (const field of ["id", ...(def.numericIdFields ?? [])]) {
      const value = item[field];
      if (value === null || value === "" || value === undefined) {
        if (field in item) item[field] = 0;
      } else if (typeof value === "string" && /^\d+$/.test(value)) item[field] = Number(value);
    }
    return item;
  }

  /** Creates an object from a request body. */
  create(
    name: CollectionName,
    body: Record<string, unknown>,
    options: CreateRecordOptions = {},
  ): Result<StoredRecord> {
    const def = COLLECTIONS[name];
    const validated = validateCreate(def.fields, body, { outOfBand: options.outOfBand });
    if (!validated.ok) return validated;
    const values = this.resolveReferences(def, validated.value);
    const id = this.pickId(def, values, options);
    if (!id.ok) return id;
    const prepared = this.prepare(def, { ...values, id: id.value }, null, options);
    if (!prepared.ok) return prepared;
    this.table(name).set(prepared.value.id, prepared.value);
    def.afterWrite?.(null, prepared.value, this);
    return ok(this.table(name).get(prepared.value.id) ?? prepared.value);
  }

  /** Applies a partial update. */
  update(
    name: CollectionName,
    rawId: string,
    body: Record<string, unknown>,
    options: WriteOptions = {},
  ): Result<StoredRecord> {
    const def = COLLECTIONS[name];
    const id = this.resolveId(name, rawId);
    const existing = id === undefined ? undefined : this.get(name, id);
    if (!existing) return fail(R.NOT_FOUND, def.messages.notFound);
    const merged = validateUpdate(def.fields, existing, body, { outOfBand: options.outOfBand });
    if (!merged.ok) return merged;
    const prepared = this.prepare(def, { ...merged.value, id: existing.id }, existing, options);
    if (!prepared.ok) return prepared;
    this.table(name).set(existing.id, prepared.value);
    def.afterWrite?.(existing, prepared.value, this);
    return ok(this.table(name).get(existing.id) ?? prepared.value);
  }

  /** Deletes an object, refusing while another object references it (unless forced). */
  remove(name: CollectionName, rawId: string, options: WriteOptions = {}): Result<StoredRecord> {
    const def = COLLECTIONS[name];
    const id = this.resolveId(name, rawId);
    const existing = id === undefined ? undefined : this.get(name, id);
    if (!existing) return fail(R.NOT_FOUND, def.messages.notFound);
    if (!options.force) {
      const holder = this.findReferrer(name, existing.id);
      if (holder) {
        return fail(
          R.STILL_REFERENCED,
          `${def.label} ${existing.id} is still referenced by ${COLLECTIONS[holder.collection].label} ${holder.id} (${holder.field})`,
        );
      }
    }
    this.table(name).delete(existing.id);
    def.afterWrite?.(existing, null, this);
    this.cascade(name, existing.id);
    return ok(existing);
  }

  /** Deletes the objects whose "cascade" references point at `name`/`id` (memberships of a deleted agent or group). */
  private cascade(name: CollectionName, id: string): void {
    for (const other of COLLECTION_NAMES) {
      const fields = Object.entries(COLLECTIONS[other].fields)
        .filter(([, f]) => f.ref === name && f.onDelete === "cascade")
        .map(([field]) => field);
      if (fields.length === 0) continue;
      for (const record of this.list(other)) {
        if (!fields.some((field) => record[field] === id)) continue;
        this.table(other).delete(record.id);
        COLLECTIONS[other].afterWrite?.(record, null, this);
        this.cascade(other, record.id);
      }
    }
  }

  /**
   * The first object holding a reference to `name`/`id` that blocks deleting it, ignoring
   * emulator-maintained fields and "cascade" references (deleted along with the object).
   */
  findReferrer(
    name: CollectionName,
    id: string,
  ): { collection: CollectionName; id: string; field: string } | undefined {
    for (const other of COLLECTION_NAMES) {
      const refFields = Object.entries(COLLECTIONS[other].fields).filter(
        ([, f]) => f.ref === name && !f.internal && f.onDelete !== "cascade",
      );
      if (refFields.length === 0) continue;
      for (const record of this.table(other).values()) {
        for (const [field] of refFields)
          if (record[field] === id) return { collection: other, id: record.id, field };
      }
    }
    return undefined;
  }

  private pickId(
    def: CollectionDefinition,
    values: FieldValues,
    options: CreateRecordOptions,
  ): Result<string> {
    const table = this.table(def.name);
    if (def.idField) {
      const id = String(values[def.idField]);
      return table.has(id)
        ? fail(R.ALREADY_EXISTS, `${def.label} already exists with ${def.idField}=${id}`)
        : ok(id);
    }
    if (def.naturalId && options.id === undefined) {
      const id = def.naturalId(values);
      return table.has(id) ? fail(R.ALREADY_EXISTS, `${def.label} ${id} already exists`) : ok(id);
    }
    if (options.id !== undefined) {
      if (typeof options.id !== "string" || options.id.trim() === "" || options.id.length > 64) {
        return fail(R.INVALID_FIELD, "id must be a non-empty string of at most 64 characters");
      }
      if (table.has(options.id)) return fail(R.ALREADY_EXISTS, `${def.label} ${options.id} already exists`);
      return ok(options.id);
    }
    if (this.usesNumericIds(def)) {
      const taken = [...table.keys()].map(Number).filter(Number.isInteger);
      return ok(String(Math.max(0, ...taken) + 1));
    }
    let id: string;
    do id = newId(def.idPrefix ?? "", def.idLength);
    while (table.has(id));
    return ok(id);
  }

  /** Cross-field rules, uniqueness, references, then hashing of write-only fields. */
  private prepare(
    def: CollectionDefinition,
    candidate: StoredRecord,
    existing: StoredRecord | null,
    options: WriteOptions,
  ): Result<StoredRecord> {
    const resolved = this.resolveReferences(def, candidate);
    const finished = def.finish ? def.finish(resolved, this) : ok(resolved);
    if (!finished.ok) return finished;
    const record: StoredRecord = { ...finished.value };
    if (!options.force) {
      const duplicate = this.checkUnique(def, record);
      if (!duplicate.ok) return duplicate;
      for (const [field, rule] of Object.entries(def.fields)) {
        const value = record[field];
        if (!rule.ref || value === null || value === undefined) continue;
        // Only new references are checked, so an object left dangling by a forced delete stays editable.
        if (existing && existing[field] === value) continue;
        if (!this.get(rule.ref, String(value))) {
          return fail(
            R.REFERENCE_NOT_FOUND,
            `${field} references a ${COLLECTIONS[rule.ref].label} that does not exist: ${String(value)}`,
          );
        }
      }
    }
    for (const [field, rule] of Object.entries(def.fields)) {
      if (!rule.writeOnly) continue;
      const value = record[field];
      delete record[field];
      const kept = existing?.[`${field}_sha256`];
      if (typeof value === "string") record[`${field}_sha256`] = sha256(value);
      else if (kept !== undefined) record[`${field}_sha256`] = kept;
    }
    return ok(record);
  }

  private checkUnique(def: CollectionDefinition, record: StoredRecord): Result<true> {
    for (const fields of def.unique) {
      if (fields.some((f) => record[f] === null || record[f] === undefined)) continue;
      const clash = this.list(def.name).find(
        (other) => other.id !== record.id && fields.every((f) => other[f] === record[f]),
      );
      if (clash) {
        const what = fields.map((f) => `${f}=${String(record[f])}`).join(", ");
        return fail(R.ALREADY_EXISTS, `${def.label} already exists with ${what} (${clash.id})`);
      }
    }
    return ok(true);
  }

  /** A deep copy of every object, for the state file. */
  snapshot(): StoreSnapshot {
    const collections = {} as Record<CollectionName, StoredRecord[]>;
    for (const name of COLLECTION_NAMES) collections[name] = this.list(name).map((r) => ({ ...r }));
    return {
      version: 1,
      projectId: this.projectId,
      accountId: this.accountId,
      collections,
      callSettings: this.callSettings(),
    };
  }

  /** Replaces every object with those of a snapshot (trusted: written by {@link snapshot}). */
  restore(snapshot: StoreSnapshot): void {
    this.clear();
    for (const name of COLLECTION_NAMES) {
      for (const record of snapshot.collections[name] ?? []) {
        if (record && typeof record.id === "string") this.table(name).set(record.id, { ...record });
      }
    }
    if (snapshot.callSettings) this.settings = { ...this.settings, ...snapshot.callSettings };
  }
}
