import { canonicalId } from '../record-id.js';
import type { SObjectDef, StoredRecord } from '../schema/model.js';
import type { RecordStore } from '../store/record-store.js';

/**
 * What a system process does to records when Salesforce recalculates something on its own (a
 * picklist value renamed in Setup, a roll-up summary field created or recalculated, a backend
 * process marking related data changed): SystemModstamp moves to `now`, and nothing else does:
 * LastModifiedDate, LastModifiedById and every data field stay, no validation or object rule
 * runs. `ids` names live records of the object; without ids, every live record is touched.
 * Records in the recycle bin are left alone (their SystemModstamp is when they were deleted).
 *
 * Each record is stored as a new version (the store never mutates one in place), so a query
 * cursor opened before keeps the stamps it read, and a query after finds the new ones: SOQL
 * filters by scanning the stored versions, there is no separate SystemModstamp index to update.
 * Answers the ids touched, in the order given (creation order without ids).
 */
export function systemTouch(
  store: RecordStore,
  object: SObjectDef,
  ids: readonly string[] | undefined,
  now: number,
): string[] {
  const records = ids ? ids.map((id) => liveRecord(store, object, id)) : liveRecords(store, object);
  for (const record of records) store.put(object, { ...record, SystemModstamp: now });
  return records.map((r) => r.Id as string);
}

function liveRecords(store: RecordStore, object: SObjectDef): StoredRecord[] {
  return [...store.table(object).values()].filter((r) => r.IsDeleted !== true);
}

/** The live record, or a RangeError naming the id: nothing is touched unless every id is good. */
function liveRecord(store: RecordStore, object: SObjectDef, id: string): StoredRecord {
  const id18 = canonicalId(id);
  const record = id18 && id18.slice(0, 3) === object.keyPrefix ? store.get(object, id18) : undefined;
  if (!record) throw new RangeError(`no ${object.name} record with id ${id}`);
  if (record.IsDeleted === true) throw new RangeError(`${object.name} ${id} is in the recycle bin`);
  return record;
}
