import {
  parseQuery,
  type FieldType,
  type OrderByClause,
  type Query,
  type Subquery,
} from '@jetstreamapp/soql-parser-js';
import { malformedQuery, SfError, SfErrorCode, unsupportedSoql } from '../errors.js';
import type { ChildRelationship, SObjectDef } from '../schema/model.js';
import type { SchemaView } from '../schema/schema-view.js';
import { resolveFieldPath, type FieldPath } from '../store/read-field.js';
import type { RecordStore } from '../store/record-store.js';
import { compileWhere, type Predicate } from './where-clause.js';

export type Column =
  | { kind: 'field'; path: FieldPath }
  | { kind: 'children'; relationship: ChildRelationship; name: string; query: CompiledQuery };

export interface SortKey {
  path: FieldPath;
  descending: boolean;
  nullsFirst: boolean;
}

/** A SOQL SELECT checked against the schema and ready to run. */
export interface CompiledQuery {
  object: SObjectDef;
  /** SELECT COUNT(): only the number of rows is answered. */
  count: boolean;
  columns: Column[];
  where: Predicate | null;
  idHint: string[] | null;
  orderBy: SortKey[];
  limit: number | null;
  offset: number;
}

/** The largest OFFSET SOQL accepts. */
export const MAX_OFFSET = 2000;

interface CompileContext {
  schema: SchemaView;
  store: RecordStore;
  /** Runs a compiled query and returns the ids it selects; used for semi-joins. */
  selectIds: (query: CompiledQuery, path: FieldPath) => ReadonlySet<string>;
}

function parse(soql: string): Query {
  if (soql.trim() === '') throw malformedQuery('A query string has to be specified');
  try {
    return parseQuery(soql);
  } catch (error) {
    const message = (error as Error).message;
    const found = /but found:? --> '([^']*)' <--|but found: '([^']*)'/.exec(message);
    const token = found ? (found[1] ?? found[2] ?? '') : '';
    if (found) throw malformedQuery(`unexpected token: ${token === '' ? '<EOF>' : `'${token}'`}`);
    throw malformedQuery(message.split('\n')[0] ?? 'unexpected token');
  }
}

function refuseUnsupportedClauses(q: Query | Subquery): void {
  if (q.groupBy || q.having) throw unsupportedSoql('GROUP BY and HAVING');
  if (q.withDataCategory || q.withSecurityEnforced || q.withAccessLevel) throw unsupportedSoql('The WITH clause');
  if (q.for || q.update) throw unsupportedSoql('FOR VIEW, FOR REFERENCE, FOR UPDATE and UPDATE TRACKING/VIEWSTAT');
  if (q.usingScope) throw unsupportedSoql('USING SCOPE');
}

function orderKeys(
  orderBy: OrderByClause | OrderByClause[] | undefined,
  object: SObjectDef,
  alias: string | undefined,
  ctx: CompileContext,
): SortKey[] {
  const clauses = orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
  return clauses.map((clause) => {
    if (!('field' in clause)) throw unsupportedSoql('ORDER BY on a function');
    const path = resolveFieldPath(ctx.schema, object, clause.field, alias);
    if (!path.field.sortable)
      throw new SfError(400, SfErrorCode.InvalidField, `field '${path.text}' can not be sorted in a query call`);
    const descending = clause.order === 'DESC';
    // SOQL puts nulls first when ascending and last when descending, unless told otherwise.
    return { path, descending, nullsFirst: clause.nulls ? clause.nulls === 'FIRST' : !descending };
  });
}

/**
 * `parent` is the outer query of a child subquery; `inSemiJoin` marks a semi-join's inner query.
 * Neither may contain a semi-join of its own.
 */
function compileSelect(
  q: Query | Subquery,
  object: SObjectDef,
  ctx: CompileContext,
  parent: Query | null,
  inSemiJoin = false,
): CompiledQuery {
  refuseUnsupportedClauses(q);
  const alias = q.sObjectAlias;
  const columns: Column[] = [];
  const seen = new Set<string>();
  let count = false;
  for (const f of (q.fields ?? []) as FieldType[]) {
    switch (f.type) {
      case 'Field':
      case 'FieldRelationship': {
        const raw = f.type === 'Field' ? f.field : [...f.relationships, f.field].join('.');
        const prefixed = 'objectPrefix' in f && f.objectPrefix ? `${f.objectPrefix}.${raw}` : raw;
        const path = resolveFieldPath(ctx.schema, object, prefixed, alias);
        const k = path.text.toLowerCase();
        if (seen.has(k)) throw malformedQuery(`duplicate field selected: ${path.text}`);
        seen.add(k);
        columns.push({ kind: 'field', path });
        break;
      }
      case 'FieldFunctionExpression':
        if (f.functionName.toUpperCase() === 'COUNT' && f.parameters.length === 0 && !parent && !inSemiJoin) {
          count = true;
          break;
        }
        throw unsupportedSoql(
          f.isAggregateFn ? `The aggregate function ${f.functionName}()` : `The function ${f.functionName}()`,
        );
      case 'FieldSubquery': {
        if (parent) throw unsupportedSoql('A subquery inside a subquery');
        const relationship = ctx.schema.childRelationship(object, f.subquery.relationshipName);
        if (!relationship) {
          throw new SfError(
            400,
            SfErrorCode.InvalidType,
            `Didn't understand relationship '${f.subquery.relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
          );
        }
        const name = relationship.relationshipName as string;
        if (seen.has(name.toLowerCase())) throw malformedQuery(`duplicate field selected: ${name}`);
        seen.add(name.toLowerCase());
        const child = ctx.schema.object(relationship.childObject) as SObjectDef;
        columns.push({
          kind: 'children',
          relationship,
          name,
          query: compileSelect(f.subquery, child, ctx, q as Query, inSemiJoin),
        });
        break;
      }
      default:
        throw unsupportedSoql(f.type === 'FieldTypeof' ? 'TYPEOF' : `The select item ${JSON.stringify(f)}`);
    }
  }
  if (count && columns.length > 0) throw malformedQuery('COUNT() must be the only element in the SELECT list.');
  if (!count && columns.length === 0) throw malformedQuery('unexpected token: FROM');
  if (q.offset !== undefined && q.offset > MAX_OFFSET) {
    throw new SfError(400, SfErrorCode.NumberOutsideValidRange, `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }
  if (parent && q.offset !== undefined && parent.limit !== 1) {
    throw malformedQuery('Subqueries with OFFSET are only allowed when the outer query has LIMIT 1');
  }
  const where = q.where
    ? compileWhere(q.where, {
        schema: ctx.schema,
        store: ctx.store,
        object,
        alias,
        semiJoin: parent || inSemiJoin ? undefined : (inner, outer) => semiJoin(inner, object, outer, ctx),
      })
    : null;
  return {
    object,
    count,
    columns,
    where: where?.test ?? null,
    idHint: where?.idHint ?? null,
    orderBy: orderKeys(q.orderBy, object, alias, ctx),
    limit: q.limit ?? null,
    offset: q.offset ?? 0,
  };
}

/** `field IN (SELECT ref FROM Other ...)`: the inner query selects one id or reference field. */
function semiJoin(
  inner: Query,
  outerObject: SObjectDef,
  outer: FieldPath,
  ctx: CompileContext,
): () => ReadonlySet<string> {
  const object = lookupObject(ctx.schema, inner.sObject);
  if (object.name === outerObject.name)
    throw malformedQuery(`The inner and outer selects should not be on the same object type (${object.name})`);
  if (inner.orderBy) throw malformedQuery('ORDER BY is not allowed in a semi-join subquery');
  const compiled = compileSelect(inner, object, ctx, null, true);
  const only = compiled.columns[0];
  if (
    compiled.count ||
    compiled.columns.length !== 1 ||
    only?.kind !== 'field' ||
    only.path.hops.length > 0 ||
    !['id', 'reference'].includes(only.path.field.type)
  ) {
    throw malformedQuery('A semi-join subquery must select exactly one id or reference field of its own object');
  }
  let ids: ReadonlySet<string> | undefined;
  // Evaluated once, when the outer query first needs it.
  return () => (ids ??= ctx.selectIds(compiled, outer));
}

export function lookupObject(schema: SchemaView, name: string | undefined): SObjectDef {
  const object = schema.object(name ?? '');
  if (!object) {
    throw new SfError(
      400,
      SfErrorCode.InvalidType,
      `sObject type '${name ?? ''}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  return object;
}

/** Parses SOQL and checks it against the org's schema; every problem fails as Salesforce fails it. */
export function compileQuery(soql: string, ctx: CompileContext): CompiledQuery {
  const q = parse(soql);
  return compileSelect(q, lookupObject(ctx.schema, q.sObject), ctx, null);
}
