import type { Condition, Query, ValueQueryCondition, WhereClause } from '@jetstreamapp/soql-parser-js';
import { malformedQuery, SfError, SfErrorCode, unsupportedSoql } from '../errors.js';
import type { SObjectDef, StoredRecord } from '../schema/model.js';
import { TEXT_TYPES } from '../schema/model.js';
import type { SchemaView } from '../schema/schema-view.js';
import { readPath, resolveFieldPath, type FieldPath } from '../store/read-field.js';
import type { RecordStore } from '../store/record-store.js';
import { comparableValue, compare, likePattern, literalFor, type Comparable } from './soql-literals.js';

export type Predicate = (record: StoredRecord) => boolean;

export interface WhereContext {
  schema: SchemaView;
  store: RecordStore;
  object: SObjectDef;
  alias: string | undefined;
  /** Compiles the inner query of `field IN (SELECT ...)`; absent where semi-joins are not allowed. */
  semiJoin: ((inner: Query, outer: FieldPath) => () => ReadonlySet<string>) | undefined;
}

export interface CompiledWhere {
  test: Predicate;
  /** When the clause requires Id to be one of these, the only records worth reading. */
  idHint: string[] | null;
}

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: Condition | ValueQueryCondition };

/**
 * soql-parser-js gives a WHERE clause as a right-leaning list with parenthesis counts on each
 * condition; SOQL's grouping is recovered by flattening it back into tokens.
 */
function tokens(clause: WhereClause | undefined, out: Token[] = []): Token[] {
  if (!clause) return out;
  const left = clause.left as (Partial<Condition> & { openParen?: number; closeParen?: number }) | null;
  for (let i = 0; i < (left?.openParen ?? 0); i++) out.push('(');
  if (left && ('field' in left || 'fn' in left)) {
    out.push({ condition: left as Condition });
    for (let i = 0; i < (left.closeParen ?? 0); i++) out.push(')');
  }
  if ('operator' in clause && clause.operator) out.push(clause.operator);
  if ('right' in clause) tokens(clause.right, out);
  return out;
}

type Node =
  | { kind: 'and' | 'or'; items: Node[] }
  | { kind: 'not'; item: Node }
  | { kind: 'condition'; condition: Condition | ValueQueryCondition };

/**
 * SOQL's grammar: operands joined by one kind of operator (AND and OR never mix without
 * parentheses), or NOT and a single operand, which then is the whole clause or group: NOT mixes
 * with AND or OR only inside parentheses (`A AND (NOT B)`, never `A AND NOT B` or `NOT A AND B`).
 * The SOQL reference: "Parentheses are required whenever you mix the operators."
 */
function parseTokens(list: Token[]): Node {
  let pos = 0;
  const describe = (t: Token | undefined) =>
    t === undefined ? '<EOF>' : typeof t === 'string' ? `'${t}'` : 'condition';
  const unexpected = (t: Token | undefined) => malformedQuery(`unexpected token: ${describe(t)}`);

  const operand = (): Node => {
    const t = list[pos];
    if (t === '(') {
      pos++;
      const inner = expression();
      if (list[pos] !== ')') throw unexpected(list[pos]);
      pos++;
      return inner;
    }
    if (t !== undefined && typeof t === 'object') {
      pos++;
      return { kind: 'condition', condition: t.condition };
    }
    throw unexpected(t);
  };

  const expression = (): Node => {
    if (list[pos] === 'NOT') {
      pos++;
      return { kind: 'not', item: operand() };
    }
    const items = [operand()];
    let joiner: 'AND' | 'OR' | undefined;
    while (list[pos] === 'AND' || list[pos] === 'OR') {
      const op = list[pos] as 'AND' | 'OR';
      if (joiner && op !== joiner) throw unexpected(op);
      joiner = op;
      pos++;
      items.push(operand());
    }
    return items.length === 1 ? (items[0] as Node) : { kind: joiner === 'AND' ? 'and' : 'or', items };
  };

  const root = expression();
  if (pos !== list.length) throw unexpected(list[pos]);
  return root;
}

function valuesOf(condition: Condition): { values: string[]; types: string[] } {
  const c = condition as { value: string | string[]; literalType?: string | string[] };
  const values = Array.isArray(c.value) ? c.value : [c.value];
  const types = Array.isArray(c.literalType)
    ? c.literalType
    : values.map(() => (c.literalType as string | undefined) ?? 'STRING');
  return { values, types };
}

function compileCondition(
  condition: Condition | ValueQueryCondition,
  ctx: WhereContext,
): { test: Predicate; idHint: string[] | null } {
  if ('fn' in condition) throw unsupportedSoql(`The function ${condition.fn.functionName ?? ''}() in WHERE`);
  const c = condition as Condition & { field: string; operator: string };
  const path = resolveFieldPath(ctx.schema, ctx.object, c.field, ctx.alias);
  const f = path.field;
  if (!f.filterable)
    throw new SfError(400, SfErrorCode.InvalidField, `field '${path.text}' can not be filtered in a query call`);
  const read = (r: StoredRecord) => comparableValue(f, readPath(ctx.store, r, path));
  const op = c.operator.toUpperCase();

  if ('valueQuery' in condition && condition.valueQuery) {
    if (op !== 'IN' && op !== 'NOT IN') throw unexpectedOperator(op);
    if (!ctx.semiJoin) throw unsupportedSoql('A semi-join inside a subquery or another semi-join');
    if (f.type !== 'id' && f.type !== 'reference')
      throw malformedQuery(`semi join must be on an id or reference field, not '${path.text}'`);
    const ids = ctx.semiJoin(condition.valueQuery, path);
    const test: Predicate = (r) => {
      const v = read(r);
      return typeof v === 'string' && ids().has(v);
    };
    return { test: op === 'IN' ? test : (r) => !test(r), idHint: null };
  }

  if (op === 'INCLUDES' || op === 'EXCLUDES') {
    throw new SfError(
      400,
      SfErrorCode.InvalidQueryFilterOperator,
      'includes or excludes operator only valid on multipicklist field',
    );
  }
  const { values, types } = valuesOf(c);
  if (op === 'LIKE') {
    if (!TEXT_TYPES.has(f.type) || types[0] !== 'STRING')
      throw new SfError(400, SfErrorCode.InvalidQueryFilterOperator, `invalid operator on ${f.type} field`);
    const pattern = likePattern(values[0] as string);
    return {
      test: (r) => {
        const v = readPath(ctx.store, r, path);
        return typeof v === 'string' && pattern.test(v);
      },
      idHint: null,
    };
  }
  const literals = values.map((v, i) => literalFor(f, v, types[i] as string));
  if (op === 'IN' || op === 'NOT IN') {
    const set = new Set<Comparable>(literals);
    const inList: Predicate = (r) => set.has(read(r));
    const idHint =
      f.type === 'id' && path.hops.length === 0 && op === 'IN'
        ? (literals.filter((l) => l !== null) as string[])
        : null;
    return { test: op === 'IN' ? inList : (r) => !inList(r), idHint };
  }
  const literal = literals[0] as Comparable;
  if (f.type === 'boolean' && op !== '=' && op !== '!=')
    throw new SfError(400, SfErrorCode.InvalidQueryFilterOperator, 'invalid operator on boolean field');
  const equal: Predicate = (r) => read(r) === literal;
  switch (op) {
    case '=':
      return {
        test: equal,
        idHint: f.type === 'id' && path.hops.length === 0 && literal !== null ? [literal as string] : null,
      };
    case '!=':
    case '<>':
      return { test: (r) => !equal(r), idHint: null };
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const accept = {
        '<': (n: number) => n < 0,
        '<=': (n: number) => n <= 0,
        '>': (n: number) => n > 0,
        '>=': (n: number) => n >= 0,
      }[op];
      return {
        test: (r) => {
          const v = read(r);
          return v !== null && literal !== null && accept(compare(v, literal));
        },
        idHint: null,
      };
    }
    default:
      throw unexpectedOperator(op);
  }
}

const unexpectedOperator = (op: string) => malformedQuery(`unexpected token: '${op}'`);

function compileNode(node: Node, ctx: WhereContext): CompiledWhere {
  switch (node.kind) {
    case 'condition':
      return compileCondition(node.condition, ctx);
    case 'not': {
      const inner = compileNode(node.item, ctx).test;
      return { test: (r) => !inner(r), idHint: null };
    }
    case 'and': {
      const parts = node.items.map((n) => compileNode(n, ctx));
      const tests = parts.map((p) => p.test);
      return { test: (r) => tests.every((t) => t(r)), idHint: parts.find((p) => p.idHint)?.idHint ?? null };
    }
    case 'or': {
      const tests = node.items.map((n) => compileNode(n, ctx).test);
      return { test: (r) => tests.some((t) => t(r)), idHint: null };
    }
  }
}

export function compileWhere(where: WhereClause, ctx: WhereContext): CompiledWhere {
  return compileNode(parseTokens(tokens(where)), ctx);
}
