import { formatDateTime } from '../datetime.js';
import type { FieldDef, SObjectDef, StoredRecord } from '../schema/model.js';
import { readField, walkParents } from '../store/read-field.js';
import type { RecordStore } from '../store/record-store.js';
import type { CompiledQuery } from './compile-query.js';
import type { QueryRow } from './run-query.js';

export const sobjectUrl = (version: string, object: string, id: string) =>
  `/services/data/v${version}/sobjects/${object}/${id}`;

export const attributes = (version: string, object: SObjectDef, record: StoredRecord) => ({
  type: object.name,
  url: sobjectUrl(version, object.name, record.Id as string),
});

/** A stored value as the REST API writes it in JSON. */
export function formatValue(f: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return f.type === 'datetime' ? formatDateTime(value as number) : value;
}

export interface ProjectionContext {
  store: RecordStore;
  /** API version of the request, for attribute URLs (`62.0`). */
  version: string;
  /** A record's rows of one subquery as JSON: a query result, or null when there are none. */
  children: (rows: QueryRow[], query: CompiledQuery) => unknown;
}

type Json = Record<string, unknown>;

/**
 * A query row in the REST API's JSON: `attributes`, then the selected fields in SELECT order,
 * parent fields nested under their relationship name (null when the reference is empty) and
 * subqueries as nested query results.
 */
export function projectRow(row: QueryRow, q: CompiledQuery, ctx: ProjectionContext): Json {
  const out: Json = { attributes: attributes(ctx.version, q.object, row.record) };
  let subquery = 0;
  for (const column of q.columns) {
    if (column.kind === 'children') {
      out[column.name] = ctx.children(row.children[subquery++] ?? [], column.query);
      continue;
    }
    const { hops, field } = column.path;
    let target: Json | null = out;
    for (let i = 0; i < hops.length && target; i++) {
      const hop = hops[i] as (typeof hops)[number];
      const name = hop.reference.relationshipName as string;
      if (target[name] === undefined) {
        const parent = walkParents(ctx.store, row.record, hops, i + 1);
        target[name] = parent ? { attributes: attributes(ctx.version, hop.object, parent) } : null;
      }
      target = target[name] as Json | null;
    }
    if (!target) continue;
    const owner = walkParents(ctx.store, row.record, hops) as StoredRecord;
    target[field.name] = formatValue(field, readField(ctx.store, owner, field));
  }
  return out;
}

/** A whole record (or the named fields) as GET /sobjects/{type}/{id} answers it. */
export function projectRecord(
  store: RecordStore,
  version: string,
  object: SObjectDef,
  record: StoredRecord,
  fields: readonly FieldDef[] = object.fields,
): Json {
  const out: Json = { attributes: attributes(version, object, record) };
  for (const f of fields) out[f.name] = formatValue(f, readField(store, record, f));
  return out;
}
