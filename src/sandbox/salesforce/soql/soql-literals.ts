import { canonicalId } from '../record-id.js';
import { parseDate, parseDateTime } from '../datetime.js';
import { malformedQuery, SfError, SfErrorCode, unsupportedSoql } from '../errors.js';
import { NUMBER_TYPES, TEXT_TYPES, type FieldDef } from '../schema/model.js';

/** A literal converted for comparison with one field: text lower-cased, ids in 18 characters. */
export type Comparable = string | number | boolean | null;

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  N: '\n',
  r: '\r',
  R: '\r',
  t: '\t',
  T: '\t',
  b: '\b',
  B: '\b',
  f: '\f',
  F: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/**
 * The text of a quoted SOQL string literal. `like` keeps `\%` and `\_` as escaped wildcards
 * (returned as NUL-prefixed markers for the LIKE compiler); elsewhere they are illegal, like any
 * escape SOQL does not define.
 */
export function unquote(literal: string, like = false): string {
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[++i] ?? '';
    if (next in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[next];
    else if ((next === '%' || next === '_') && like) out += `\0${next}`;
    else if ((next === 'u' || next === 'U') && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else
      throw malformedQuery(
        `Invalid string literal ${literal}. Illegal character sequence '\\${next}' in string literal.`,
      );
  }
  return out;
}

/** A LIKE pattern as an anchored, case-insensitive regular expression. */
export function likePattern(literal: string): RegExp {
  const text = unquote(literal, true);
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\0') source += (text[++i] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

function typeName(f: FieldDef): string {
  if (f.type === 'datetime') return 'dateTime';
  if (f.type === 'reference') return 'id';
  if (TEXT_TYPES.has(f.type)) return 'string';
  return f.type;
}

const mismatch = (f: FieldDef) =>
  new SfError(
    400,
    SfErrorCode.InvalidField,
    `value of filter criterion for field '${f.name}' must be of type ${typeName(f)} and should ${TEXT_TYPES.has(f.type) || f.type === 'id' || f.type === 'reference' ? '' : 'not '}be enclosed in quotes`,
  );

/** Converts one WHERE literal for comparison with `f`, refusing what SOQL refuses. */
export function literalFor(f: FieldDef, value: string, literalType: string): Comparable {
  switch (literalType) {
    case 'NULL':
      return null;
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL':
      throw unsupportedSoql(`The date literal ${value}`);
    case 'INTEGER_WITH_CURRENCY_PREFIX':
    case 'DECIMAL_WITH_CURRENCY_PREFIX':
      throw unsupportedSoql(`The currency-prefixed literal ${value}`);
    case 'APEX_BIND_VARIABLE':
      throw malformedQuery(`unexpected token: '${value}'`);
  }
  if (f.type === 'id' || f.type === 'reference') {
    if (literalType !== 'STRING') throw mismatch(f);
    const text = unquote(value);
    const id = canonicalId(text);
    if (!id) throw new SfError(400, SfErrorCode.InvalidQueryFilterOperator, `invalid ID field: ${text}`);
    return id;
  }
  if (TEXT_TYPES.has(f.type)) {
    if (literalType !== 'STRING') throw mismatch(f);
    return unquote(value).toLowerCase();
  }
  if (f.type === 'boolean') {
    if (literalType !== 'BOOLEAN') throw mismatch(f);
    return value.toUpperCase() === 'TRUE';
  }
  if (NUMBER_TYPES.has(f.type)) {
    if (literalType !== 'INTEGER' && literalType !== 'DECIMAL') throw mismatch(f);
    return Number(value);
  }
  if (f.type === 'datetime') {
    const ms = literalType === 'DATETIME' ? parseDateTime(value) : null;
    if (ms === null) throw mismatch(f);
    return ms;
  }
  const date = literalType === 'DATE' ? parseDate(value) : null;
  if (date === null) throw mismatch(f);
  return date;
}

/** A stored value in the form literalFor() gives, so the two compare directly. */
export function comparableValue(f: FieldDef, value: unknown): Comparable {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && TEXT_TYPES.has(f.type)) return value.toLowerCase();
  return value as Comparable;
}

/** Orders two non-null comparables of one field (text compares case-insensitively). */
export function compare(a: Exclude<Comparable, null>, b: Exclude<Comparable, null>): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
