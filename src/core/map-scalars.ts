import {
  EXTRA_SCALAR_NAMES,
  INTERVAL_PERIODS,
  LICENSE_TYPES,
  SCALAR_KINDS,
  type ExtraScalarField,
  type Interval,
  type IntervalPeriod,
  type ScalarKind,
  type SubscriptionTerms,
} from './field-catalog.js';
import type { FieldSource, IntervalSource, MappingConfig } from './mapping-config.js';
import { canonicalText } from './product.js';
import { length, readField, RecordErrors } from './record-errors.js';
import type { SfRecord } from './salesforce-product.js';
import { badCharacter } from './text-check.js';

type Scalar = string | number | boolean | null;

/**
 * One mapped value: the field's value through its value map, then checked for its kind. A value
 * the map does not name makes the record invalid (VALUE_NOT_MAPPED) rather than guessed at.
 */
export function readSource(
  record: SfRecord,
  source: FieldSource,
  kind: ScalarKind,
  what: string,
  errors: RecordErrors,
): Scalar {
  let value = readField(record, source.field, errors);
  if (value === null || value === undefined) return null;
  if (source.values) {
    const key = String(value);
    if (!Object.hasOwn(source.values, key)) {
      errors.add(
        'VALUE_NOT_MAPPED',
        `The ${what} ${JSON.stringify(value)} (${source.field}) is not in the mapping's value map for it.`,
        source.field,
      );
      return null;
    }
    value = source.values[key];
  }
  const type = kind === 'int' ? 'number' : kind === 'boolean' ? 'boolean' : 'string';
  if (typeof value !== type) {
    const given = source.values ? `maps to ${JSON.stringify(value)}` : `holds ${typeof value}`;
    errors.add(
      'FIELD_TYPE',
      `The Salesforce field ${source.field} ${given}, not ${kind === 'int' ? 'a number' : kind}.`,
      source.field,
    );
    return null;
  }
  if (kind === 'int' && !(Number.isInteger(value) && (value as number) >= 0)) {
    errors.add(
      'VALUE_INVALID',
      `The ${what} ${String(value)} (${source.field}) is not a whole number from 0.`,
      source.field,
    );
    return null;
  }
  return value as Scalar;
}

/** A text value as compared and sent: canonical, one line, within its limit. */
function checkedText(
  value: string | null,
  what: string,
  source: FieldSource,
  limit: number | undefined,
  errors: RecordErrors,
) {
  const text = canonicalText(value);
  if (text === null) return null;
  const bad = badCharacter(text, false);
  if (bad) errors.add('TEXT_INVALID_CHARACTER', `The ${what} (${source.field}) ${bad}.`, source.field);
  if (limit !== undefined && length(text) > limit)
    errors.add(
      'TEXT_TOO_LONG',
      `The ${what} (${source.field}) has ${length(text)} characters; cleverbridge takes at most ${limit}.`,
      source.field,
    );
  return text;
}

/** A plain field's value (null when the record has none), or null when the mapping leaves it out. */
export function readScalar(
  record: SfRecord,
  field: keyof typeof SCALAR_KINDS,
  config: MappingConfig,
  errors: RecordErrors,
): Scalar {
  const source = config.fields[field];
  if (!source) return null;
  const kind = SCALAR_KINDS[field];
  const value = readSource(record, source, kind, field, errors);
  if (kind === 'text') return checkedText(value as string | null, field, source, config.limits[field], errors);
  // cleverbridge has no "unset" for its flags (false is its default): empty means false, or the
  // two sides would differ for ever.
  return kind === 'boolean' ? (value ?? false) : value;
}

/** The mapped fields of field-catalog's extra list; the order quantities must not cross. */
export function readScalars(
  record: SfRecord,
  config: MappingConfig,
  errors: RecordErrors,
): Partial<Record<ExtraScalarField, Scalar>> {
  const out: Partial<Record<ExtraScalarField, Scalar>> = {};
  for (const field of EXTRA_SCALAR_NAMES)
    if (config.fields[field]) out[field] = readScalar(record, field, config, errors);
  const { minimumOrderQuantity: min, maximumOrderQuantity: max } = out;
  if (typeof min === 'number' && typeof max === 'number' && min > max)
    errors.add('ORDER_QUANTITY_INVALID', `The minimum order quantity ${min} is above the maximum ${max}.`);
  return out;
}

/** An interval: a length from 1 and one of the guide's periods; null when the length is empty. */
function readInterval(record: SfRecord, source: IntervalSource, what: string, errors: RecordErrors): Interval | null {
  const value = readField(record, source.value.field, errors);
  if (value === null || value === undefined) return null;
  const mapped = source.value.values ? readSource(record, source.value, 'int', `${what} length`, errors) : value;
  if (typeof mapped !== 'number' || !Number.isInteger(mapped) || mapped < 1) {
    if (mapped !== null)
      errors.add(
        'INTERVAL_VALUE_INVALID',
        `The ${what} length ${JSON.stringify(mapped)} is not a whole number from 1.`,
        source.value.field,
      );
    return null;
  }
  const period = readSource(record, source.intervalPeriod, 'text', `${what} period`, errors);
  if (typeof period !== 'string' || !(INTERVAL_PERIODS as readonly string[]).includes(period)) {
    errors.add(
      'INTERVAL_PERIOD_INVALID',
      `The ${what} period ${JSON.stringify(period)} is not one of ${INTERVAL_PERIODS.join(', ')}.`,
      source.intervalPeriod.field,
    );
    return null;
  }
  return { intervalPeriod: period as IntervalPeriod, value: mapped };
}

/**
 * The subscription terms, as far as the mapping sets them; null for a one-time product (its
 * recurring interval is empty). An empty setting takes cleverbridge's default, as the guide
 * shows it (false, UNDEFINED, no recurrence count), so the two sides compare alike.
 */
export function readSubscription(
  record: SfRecord,
  config: MappingConfig,
  errors: RecordErrors,
): SubscriptionTerms | null {
  const source = config.subscription;
  if (!source) return null;
  const recurring = readInterval(record, source.recurringInterval, 'subscription interval', errors);
  if (!recurring) return null;
  const terms: SubscriptionTerms = { recurringInterval: recurring };
  if (source.initialInterval)
    terms.initialInterval = readInterval(record, source.initialInterval, 'initial interval', errors);
  if (source.recurrenceCount)
    terms.recurrenceCount = readSource(record, source.recurrenceCount, 'int', 'recurrence count', errors) as
      number | null;
  for (const flag of ['allowDeactivation', 'startNewIntervalOnPayment'] as const) {
    const flagSource = source[flag];
    if (flagSource) terms[flag] = (readSource(record, flagSource, 'boolean', flag, errors) as boolean | null) ?? false;
  }
  if (source.licenseType) {
    const type = readSource(record, source.licenseType, 'text', 'license type', errors) ?? 'UNDEFINED';
    if (!(LICENSE_TYPES as readonly unknown[]).includes(type))
      errors.add(
        'VALUE_INVALID',
        `The license type ${JSON.stringify(type)} is not one of ${LICENSE_TYPES.join(', ')}.`,
        source.licenseType.field,
      );
    terms.licenseType = String(type);
  }
  return terms;
}
