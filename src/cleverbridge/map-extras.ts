import {
  CONTENT_FIELDS,
  EXTRA_LOCALIZED_FIELDS,
  EXTRA_SCALAR_NAMES,
  type Interval,
  type IntervalPeriod,
  type SubscriptionTerms,
} from '../core/field-catalog.js';
import type { MappingConfig } from '../core/mapping-config.js';
import { canonicalLocalized, canonicalText, type ExtraFields, type LocalizedText } from '../core/product.js';
import type { CbInterval, CbLocalized, CbSubscription, CleverbridgeProduct } from './product-shape.js';
import { REFERENCE_OUTPUTS } from './queries.js';

/**
 * The fields a mapping adds, read from cleverbridge's answer in canonical form; only those the
 * mapping manages, so both sides carry the same ones.
 */

export function localized(entries: CbLocalized[] | null | undefined, languages: ReadonlySet<string>): LocalizedText {
  const values: Record<string, string> = {};
  for (const entry of entries ?? []) {
    // The platform answers "no text" as one entry without a language.
    if (entry.language && languages.has(entry.language.id) && entry.value) values[entry.language.id] = entry.value;
  }
  return canonicalLocalized(values);
}

export function extraFields(
  cb: CleverbridgeProduct,
  config: MappingConfig,
  languages: ReadonlySet<string>,
): ExtraFields {
  const out: Record<string, unknown> = {};
  for (const field of EXTRA_LOCALIZED_FIELDS) {
    if (!config.text[field]) continue;
    const entries = CONTENT_FIELDS.has(field) ? cb.contentSettings?.[field] : cb[field];
    out[field] = localized(entries as CbLocalized[] | null | undefined, languages);
  }
  for (const field of EXTRA_SCALAR_NAMES) {
    if (!config.fields[field]) continue;
    const reference = REFERENCE_OUTPUTS[field];
    const value = reference ? ((cb[reference] as { id?: unknown } | null)?.id ?? null) : (cb[field] ?? null);
    out[field] = typeof value === 'string' ? canonicalText(value) : value;
  }
  return out as ExtraFields;
}

const interval = (i: CbInterval | null | undefined): Interval | null =>
  i && i.intervalPeriod !== null && i.value !== null
    ? { intervalPeriod: i.intervalPeriod as IntervalPeriod, value: i.value }
    : null;

/** The terms of a cleverbridge subscription, limited to the settings the mapping sets; null when one-time. */
export function subscriptionTerms(
  cb: CbSubscription | null | undefined,
  config: MappingConfig,
): SubscriptionTerms | null {
  const source = config.subscription;
  const recurring = interval(cb?.recurringInterval);
  if (!source || !cb || !recurring) return null;
  const terms: SubscriptionTerms = { recurringInterval: recurring };
  if (source.initialInterval) terms.initialInterval = interval(cb.initialInterval);
  if (source.recurrenceCount) terms.recurrenceCount = cb.recurrenceCount ?? null;
  if (source.allowDeactivation) terms.allowDeactivation = cb.allowDeactivation ?? false;
  if (source.startNewIntervalOnPayment) terms.startNewIntervalOnPayment = cb.startNewIntervalOnPayment ?? false;
  if (source.licenseType) terms.licenseType = cb.licenseType?.id ?? 'UNDEFINED';
  return terms;
}
