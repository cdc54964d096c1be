import { canonicalId, recordId } from '../record-id.js';
import type { FieldDef, SObjectDef, StoredRecord } from '../schema/model.js';
import type { OrgSchema } from '../schema/org-schema.js';

/** The 2-character instance part of every id the emulated org issues. */
export const ORG_INSTANCE = '5g';

/** One record written by a commit: what it was before (none for a create) and after. */
export interface StoreChange {
  object: SObjectDef;
  before: StoredRecord | undefined;
  after: StoredRecord;
  /** Which API made the change (Change Data Capture's changeOrigin); empty for other writes. */
  origin: string;
}

/** Told every committed write, one call per commit, in commit order. */
export type CommitListener = (changes: readonly StoreChange[]) => void;

interface UndoEntry {
  object: SObjectDef;
  id: string;
  previous: StoredRecord | undefined;
}

/** How an indexed value is compared: ids in their 18-character form, text case-insensitively. */
export function indexKey(f: FieldDef, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (f.type === 'id' || f.type === 'reference') return canonicalId(String(value));
  if (typeof value === 'string' && !f.caseSensitive) return value.toLowerCase();
  return String(value);
}

/**
 * The org's records, one table per object, indexed by id, by parent (for child relationships and
 * cascades) and by external-id and unique fields. Records are never mutated in place: a write
 * stores a new object, so a query cursor holding the old one keeps a consistent snapshot, and a
 * transaction can roll back by putting the previous versions back.
 */
export class RecordStore {
  readonly schema: OrgSchema;
  #tables = new Map<string, Map<string, StoredRecord>>();
  /** `Object.Field` -> parent id -> child ids (deleted children included). */
  #children = new Map<string, Map<string, Set<string>>>();
  /** `Object.Field` -> value key -> ids of live records, for external-id and unique fields. */
  #values = new Map<string, Map<string, Set<string>>>();
  #sequences = new Map<string, number>();
  #autoNumbers = new Map<string, number>();
  #undo: UndoEntry[] | null = null;
  /** Object -> id -> when it was deleted, for records purged from the recycle bin. */
  #purged = new Map<string, Map<string, number>>();
  #listener: CommitListener | null = null;
  /** The writes of the commit in progress (a transaction or an atomic group), or null. */
  #pending: StoreChange[] | null = null;

  constructor(schema: OrgSchema) {
    this.schema = schema;
    for (const object of schema.objects()) this.#tables.set(object.name, new Map());
  }

  table(object: SObjectDef): ReadonlyMap<string, StoredRecord> {
    return this.#tables.get(object.name) as Map<string, StoredRecord>;
  }

  /** The record with this id (15 or 18 characters) of any object, deleted or not. */
  find(id: string): { object: SObjectDef; record: StoredRecord } | undefined {
    const id18 = canonicalId(id);
    const object = id18 ? this.schema.byKeyPrefix(id18.slice(0, 3)) : undefined;
    const record = object && id18 ? this.table(object).get(id18) : undefined;
    return object && record ? { object, record } : undefined;
  }

  get(object: SObjectDef, id: string): StoredRecord | undefined {
    const id18 = canonicalId(id);
    return id18 ? this.table(object).get(id18) : undefined;
  }

  /** Ids of the records whose reference field `field` of `childObject` points at `parentId`. */
  childIds(childObject: SObjectDef, field: string, parentId: string): ReadonlySet<string> {
    return this.#children.get(`${childObject.name}.${field}`)?.get(parentId) ?? EMPTY;
  }

  /** Live records whose external-id or unique field holds `value`. */
  idsWithValue(object: SObjectDef, f: FieldDef, value: unknown): string[] {
    const k = indexKey(f, value);
    return k === null ? [] : [...(this.#values.get(`${object.name}.${f.name}`)?.get(k) ?? EMPTY)];
  }

  /** A new id for the object: its key prefix, the org instance and the next sequence number. */
  nextId(object: SObjectDef): string {
    const next = (this.#sequences.get(object.keyPrefix) ?? 0) + 1;
    this.#sequences.set(object.keyPrefix, next);
    return recordId(object.keyPrefix, ORG_INSTANCE, next);
  }

  /** Makes later nextId() calls skip past a sequence number a seed used. */
  reserveSequence(keyPrefix: string, sequence: number): void {
    this.#sequences.set(keyPrefix, Math.max(this.#sequences.get(keyPrefix) ?? 0, sequence));
  }

  nextAutoNumber(object: SObjectDef, f: FieldDef): string {
    const k = `${object.name}.${f.name}`;
    const n = (this.#autoNumbers.get(k) ?? 0) + 1;
    this.#autoNumbers.set(k, n);
    const format = f.autoNumber ?? '{0}';
    return format.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'));
  }

  /**
   * Inserts or replaces a record (by its Id), keeping every index in step. The commit listener
   * hears of it when its commit ends: at once, or with the rest of its transaction or group.
   */
  put(object: SObjectDef, record: StoredRecord, origin = ''): void {
    const id = record.Id as string;
    const table = this.table(object) as Map<string, StoredRecord>;
    const previous = table.get(id);
    this.#undo?.push({ object, id, previous });
    this.#write(object, id, previous, record);
    if (!this.#listener) return;
    const change = { object, before: previous, after: record, origin };
    if (this.#pending) this.#pending.push(change);
    else this.#listener([change]);
  }

  /** The one listener told of every commit (the org's change event bus); null stops telling. */
  onCommit(listener: CommitListener | null): void {
    this.#listener = listener;
  }

  /**
   * Runs `work` as one commit: its writes reach the commit listener together when it ends (a
   * delete with what it cascades to). Inside a transaction it is part of that transaction's commit.
   */
  atomically<T>(work: () => T): T {
    if (this.#pending) return work();
    const pending: StoreChange[] = [];
    this.#pending = pending;
    try {
      const result = work();
      this.#pending = null;
      if (pending.length > 0) this.#listener?.(pending);
      return result;
    } finally {
      this.#pending = null;
    }
  }

  /**
   * Removes a deleted record for good (it left the recycle bin), outside any transaction's undo;
   * its deletion stays in the delete log that getDeleted reads.
   */
  purge(object: SObjectDef, id: string): void {
    const previous = this.table(object).get(id);
    if (!previous) return;
    let log = this.#purged.get(object.name);
    if (!log) this.#purged.set(object.name, (log = new Map()));
    log.set(id, previous.SystemModstamp as number);
    this.#write(object, id, previous, undefined);
  }

  /** Records of the object purged from the recycle bin: id -> when they were deleted. */
  purgedDeletions(object: SObjectDef): ReadonlyMap<string, number> {
    return this.#purged.get(object.name) ?? new Map();
  }

  count(object: SObjectDef): number {
    return this.table(object).size;
  }

  /**
   * Runs `work` so that everything it writes can be undone: `work` gets a rollback function that
   * restores the state from before the call (sequence numbers stay spent, as on the platform).
   */
  transaction<T>(work: (rollback: () => void) => T): T {
    if (this.#undo) throw new Error('transactions do not nest');
    const undo: UndoEntry[] = [];
    this.#undo = undo;
    const rollback = () => {
      for (let i = undo.length - 1; i >= 0; i--) {
        const { object, id, previous } = undo[i] as UndoEntry;
        this.#write(object, id, this.table(object).get(id), previous);
      }
      undo.length = 0;
      // What was rolled back was never committed: nobody hears of it.
      if (this.#pending) this.#pending.length = 0;
    };
    try {
      return this.atomically(() => work(rollback));
    } catch (error) {
      rollback();
      throw error;
    } finally {
      this.#undo = null;
    }
  }

  #write(object: SObjectDef, id: string, before: StoredRecord | undefined, after: StoredRecord | undefined): void {
    const table = this.table(object) as Map<string, StoredRecord>;
    if (after) table.set(id, after);
    else table.delete(id);
    for (const f of object.fields) {
      if (f.type === 'reference' && this.schema.object(f.referenceTo ?? '')) {
        this.#reindex(
          this.#children,
          `${object.name}.${f.name}`,
          id,
          refKey(before?.[f.name]),
          refKey(after?.[f.name]),
        );
      }
      if (f.externalId || f.unique) {
        const live = (r: StoredRecord | undefined) => (r && r.IsDeleted !== true ? indexKey(f, r[f.name]) : null);
        this.#reindex(this.#values, `${object.name}.${f.name}`, id, live(before), live(after));
      }
    }
  }

  #reindex(
    index: Map<string, Map<string, Set<string>>>,
    name: string,
    id: string,
    from: string | null,
    to: string | null,
  ) {
    if (from === to) return;
    let byValue = index.get(name);
    if (!byValue) index.set(name, (byValue = new Map()));
    if (from !== null) {
      const ids = byValue.get(from);
      ids?.delete(id);
      if (ids?.size === 0) byValue.delete(from);
    }
    if (to !== null) {
      let ids = byValue.get(to);
      if (!ids) byValue.set(to, (ids = new Set()));
      ids.add(id);
    }
  }
}

const EMPTY: ReadonlySet<string> = new Set();

const refKey = (value: unknown): string | null => (typeof value === 'string' ? value : null);
