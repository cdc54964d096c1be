import type { SObjectDef, StoredRecord } from '../schema/model.js';
import { readPath } from '../store/read-field.js';
import type { RecordStore } from '../store/record-store.js';
import type { CompiledQuery } from './compile-query.js';
import { comparableValue, compare, type Comparable } from './soql-literals.js';

/**
 * A selected record with the rows of each child subquery (in the order of the query's
 * subqueries). Records are the store's immutable versions, so a row set is a snapshot.
 */
export interface QueryRow {
  record: StoredRecord;
  children: QueryRow[][];
}

export interface QueryOutcome {
  rows: QueryRow[];
  /** Rows selected; for SELECT COUNT() the answer itself. */
  totalSize: number;
}

function sortRows(q: CompiledQuery, store: RecordStore, records: StoredRecord[]): StoredRecord[] {
  if (q.orderBy.length === 0) return records;
  const keyed = records.map((record) => ({
    record,
    keys: q.orderBy.map((k) => comparableValue(k.path.field, readPath(store, record, k.path))),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < q.orderBy.length; i++) {
      const k = q.orderBy[i] as CompiledQuery['orderBy'][number];
      const x = a.keys[i] as Comparable;
      const y = b.keys[i] as Comparable;
      if (x === y) continue;
      if (x === null || y === null) return (x === null) === k.nullsFirst ? -1 : 1;
      const c = compare(x, y);
      if (c !== 0) return k.descending ? -c : c;
    }
    return 0;
  });
  return keyed.map((k) => k.record);
}

function candidates(
  q: CompiledQuery,
  store: RecordStore,
  among: Iterable<StoredRecord> | undefined,
): Iterable<StoredRecord> {
  if (among) return among;
  if (q.idHint) {
    const found = new Map<string, StoredRecord>();
    for (const id of q.idHint) {
      const r = store.get(q.object, id);
      if (r) found.set(r.Id as string, r);
    }
    return found.values();
  }
  return store.table(q.object).values();
}

/**
 * Runs a compiled query. `includeDeleted` is queryAll (records in the recycle bin too); `among`
 * restricts the scan, e.g. to one parent's children for a subquery.
 */
export function runQuery(
  q: CompiledQuery,
  store: RecordStore,
  includeDeleted: boolean,
  among?: Iterable<StoredRecord>,
): QueryOutcome {
  const matched: StoredRecord[] = [];
  for (const r of candidates(q, store, among)) {
    if ((includeDeleted || r.IsDeleted !== true) && (q.where === null || q.where(r))) matched.push(r);
  }
  const end = q.limit === null ? undefined : q.offset + q.limit;
  if (q.count) return { rows: [], totalSize: matched.slice(q.offset, end).length };
  const selected = sortRows(q, store, matched).slice(q.offset, end);
  const subqueries = q.columns.flatMap((c) => (c.kind === 'children' ? [c] : []));
  const rows = selected.map((record) => ({
    record,
    children: subqueries.map((c) => {
      const child = c.query.object as SObjectDef;
      const ids = store.childIds(child, c.relationship.field, record.Id as string);
      const records = [...ids].map((id) => store.get(child, id) as StoredRecord);
      return runQuery(c.query, store, includeDeleted, records).rows;
    }),
  }));
  return { rows, totalSize: rows.length };
}
