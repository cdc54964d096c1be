import { canonicalId } from '../record-id.js';
import { parseDate, parseDateTime } from '../datetime.js';
import { SfError, SfErrorCode, type SfErrorDetail } from '../errors.js';
import { NUMBER_TYPES, TEXT_TYPES, type FieldDef } from '../schema/model.js';

/** The SOAP type names Salesforce's JSON deserializer reports in its errors. */
const DESERIALIZER_TYPE: Record<FieldDef['type'], string> = {
  id: 'id',
  reference: 'id',
  string: 'string',
  textarea: 'string',
  picklist: 'string',
  url: 'string',
  email: 'string',
  phone: 'string',
  boolean: 'boolean',
  double: 'double',
  currency: 'currency',
  percent: 'double',
  int: 'int',
  date: 'date',
  datetime: 'datetime',
};

function jsonToken(value: unknown): string {
  if (typeof value === 'string') return 'VALUE_STRING';
  if (typeof value === 'number') return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  if (value === true) return 'VALUE_TRUE';
  if (value === false) return 'VALUE_FALSE';
  return Array.isArray(value) ? 'START_ARRAY' : 'START_OBJECT';
}

const cannotDeserialize = (f: FieldDef, value: unknown) =>
  new SfError(
    400,
    SfErrorCode.JsonParserError,
    `Cannot deserialize instance of ${DESERIALIZER_TYPE[f.type]} from ${jsonToken(value)} value ${typeof value === 'object' ? JSON.stringify(value) : String(value)} or request may be missing a required field`,
  );

/**
 * Turns a JSON value into what the store keeps for the field, as the platform's deserializer
 * does: numbers and booleans may arrive as strings, but a value that cannot become the field's
 * type fails the whole request (JSON_PARSER_ERROR).
 */
export function decodeFieldValue(f: FieldDef, value: unknown): unknown {
  if (value === null) return null;
  if (typeof value === 'object') throw cannotDeserialize(f, value);
  if (TEXT_TYPES.has(f.type) || f.type === 'id' || f.type === 'reference') return String(value);
  if (f.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    throw cannotDeserialize(f, value);
  }
  if (NUMBER_TYPES.has(f.type)) {
    const n =
      typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(n) || (f.type === 'int' && !Number.isInteger(n))) throw cannotDeserialize(f, value);
    return n;
  }
  if (typeof value !== 'string') throw cannotDeserialize(f, value);
  const parsed = f.type === 'datetime' ? parseDateTime(value) : parseDate(value);
  if (parsed === null) throw cannotDeserialize(f, value);
  return parsed;
}

const fieldError = (errorCode: SfErrorDetail['errorCode'], message: string, f: FieldDef): SfErrorDetail => ({
  errorCode,
  message,
  fields: [f.name],
});

/** Rounds half away from zero to the field's scale, as the platform stores numbers. */
function roundToScale(n: number, scale: number): number {
  const factor = 10 ** scale;
  return (Math.sign(n) * Math.round(Math.abs(n) * factor)) / factor;
}

function trimJava(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * Checks a decoded value against the field's limits (length, restricted picklist, numeric
 * range, id format). Returns the value to store (numbers rounded to the field's scale, ids in
 * their 18-character form) or the error that fails this record alone.
 */
export function checkFieldValue(f: FieldDef, value: unknown): { value: unknown } | { error: SfErrorDetail } {
  if (value === null) return { value };
  if (TEXT_TYPES.has(f.type)) {
    // The platform keeps no empty text (it is null) and no leading or trailing whitespace
    // (Apex developer guide, "Primitive Data Types": "sObject String field values follow the
    // same rules as in the SOAP API"). Which characters count is not published; Java's
    // String.trim (everything up to U+0020) is assumed, so a no-break space survives.
    const text = trimJava(value as string);
    if (text === '') return { value: null };
    if (f.picklistValues && f.restrictedPicklist && !f.picklistValues.includes(text)) {
      const message =
        f.name === 'CurrencyIsoCode'
          ? `${f.label}: invalid currency code: ${text}`
          : `${f.label}: bad value for restricted picklist field: ${text}`;
      return { error: fieldError(SfErrorCode.InvalidOrNullForRestrictedPicklist, message, f) };
    }
    if (text.length > f.length) {
      return {
        error: fieldError(
          SfErrorCode.StringTooLong,
          `${f.label}: data value too large: ${text.slice(0, 60)} (max length=${f.length})`,
          f,
        ),
      };
    }
    return { value: text };
  }
  if (NUMBER_TYPES.has(f.type)) {
    const rounded = roundToScale(value as number, f.scale);
    if (Math.abs(Math.trunc(rounded)) >= 10 ** (f.precision - f.scale)) {
      return {
        error: fieldError(
          SfErrorCode.NumberOutsideValidRange,
          `${f.label}: value outside of valid range on numeric field: ${String(value)}`,
          f,
        ),
      };
    }
    return { value: rounded };
  }
  if (f.type === 'reference' || f.type === 'id') {
    const id18 = canonicalId(value as string);
    if (!id18)
      return {
        error: fieldError(SfErrorCode.MalformedId, `${f.label}: id value of incorrect type: ${String(value)}`, f),
      };
    return { value: id18 };
  }
  return { value };
}
