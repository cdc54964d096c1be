import { canonicalId } from '../record-id.js';
import { SfError, SfErrorCode, type SfErrorDetail } from '../errors.js';
import type { SObjectDef } from '../schema/model.js';
import type { RecordStore } from '../store/record-store.js';

/** How long a deleted record stays in the recycle bin before Salesforce deletes it for good. */
export const RECYCLE_BIN_DAYS = 15;
const RETENTION_MS = RECYCLE_BIN_DAYS * 24 * 60 * 60 * 1000;
/** Ids one emptyRecycleBin() call takes at most. */
export const EMPTY_RECYCLE_BIN_MAX_IDS = 200;

export interface RecordRef {
  object: SObjectDef;
  id: string;
}

/** One element of emptyRecycleBin()'s answer, in the order of the ids given. */
export interface EmptyRecycleBinResult {
  id: string;
  success: boolean;
  errors: SfErrorDetail[];
}

interface BinItem {
  object: SObjectDef;
  deletedAt: number;
  /** The children deleted along with it: they come back with it, and go for good with it. */
  cascaded: RecordRef[];
}

const failed = (id: string, errorCode: SfErrorDetail['errorCode'], message: string): EmptyRecycleBinResult => ({
  id,
  success: false,
  errors: [{ errorCode, message, fields: [] }],
});

/**
 * The org's recycle bin: what each delete put there, and when. A record leaves it by undelete,
 * after 15 days (`purgeExpired`, by the org's clock), or by emptyRecycleBin(); a record that
 * leaves it for good is removed from the store with its children, so neither queryAll nor a
 * retrieve finds it.
 */
export class RecycleBin {
  #store: RecordStore;
  #items = new Map<string, BinItem>();
  /** A child deleted along with a parent -> that parent's id. */
  #cascadedBy = new Map<string, string>();

  constructor(store: RecordStore) {
    this.#store = store;
  }

  get size(): number {
    return this.#items.size;
  }

  add(object: SObjectDef, id: string, deletedAt: number, cascaded: RecordRef[]): void {
    this.#items.set(id, { object, deletedAt, cascaded });
    for (const child of cascaded) this.#cascadedBy.set(child.id, id);
  }

  /** Takes a record out of the bin for undelete: the children its deletion took along. */
  take(id: string): RecordRef[] {
    const item = this.#items.get(id);
    this.#forget(id);
    return item?.cascaded ?? [];
  }

  /** Deletes for good what has been in the bin 15 days or longer at `now`; answers how many. */
  purgeExpired(now: number): number {
    let purged = 0;
    for (const [id, item] of [...this.#items]) {
      if (now - item.deletedAt < RETENTION_MS) continue;
      this.#purge(item.object, id);
      purged++;
    }
    return purged;
  }

  /**
   * emptyRecycleBin(ids): each id answered in order. A record must be in the bin, and not one
   * that went there with its parent (empty the parent instead); at most 200 ids a call.
   */
  empty(ids: readonly string[]): EmptyRecycleBinResult[] {
    if (ids.length > EMPTY_RECYCLE_BIN_MAX_IDS)
      throw new SfError(400, SfErrorCode.ExceededIdLimit, `emptyRecycleBin takes at most 200 ids, not ${ids.length}`);
    return ids.map((given) => this.#emptyOne(given));
  }

  /** Empties the whole bin, as "Empty your Recycle Bin" in Setup does; answers the ids removed. */
  emptyAll(): string[] {
    const ids = [...this.#items.keys()];
    for (const id of ids) this.#purge((this.#items.get(id) as BinItem).object, id);
    return ids;
  }

  #emptyOne(given: string): EmptyRecycleBinResult {
    const id = canonicalId(given);
    const found = id ? this.#store.find(id) : undefined;
    if (!id || !found) return failed(given, SfErrorCode.InvalidCrossReferenceKey, 'invalid cross reference id');
    const parent = this.#cascadedBy.get(id);
    if (parent && found.record.IsDeleted === true)
      return failed(id, SfErrorCode.DeleteFailed, `deleted along with ${parent}: empty that record instead`);
    if (found.record.IsDeleted !== true || !this.#items.has(id))
      return failed(id, SfErrorCode.DeleteFailed, 'the record is not in the recycle bin');
    this.#purge(found.object, id);
    return { id, success: true, errors: [] };
  }

  /** Removes a record for good, with every record under it by a cascade-delete relationship. */
  #purge(object: SObjectDef, id: string): void {
    const record = this.#store.get(object, id);
    this.#forget(id);
    // A delete rolled back by its transaction leaves its entry behind: a live record stays.
    if (!record || record.IsDeleted !== true) return;
    for (const rel of this.#store.schema.childRelationships(object)) {
      if (!rel.cascadeDelete) continue;
      const child = this.#store.schema.object(rel.childObject) as SObjectDef;
      for (const childId of [...this.#store.childIds(child, rel.field, id)]) this.#purge(child, childId);
    }
    this.#store.purge(object, id);
  }

  #forget(id: string): void {
    const item = this.#items.get(id);
    this.#items.delete(id);
    this.#cascadedBy.delete(id);
    for (const child of item?.cascaded ?? []) this.#cascadedBy.delete(child.id);
  }
}
