import type { MappingConfig } from './mapping-config.js';
import type { RecordError } from './plan-types.js';
import {
  canonicalLocalized,
  canonicalTiers,
  BASE_LOCALIZED_FIELDS,
  LOCALIZED_FIELDS,
  type CanonicalProduct,
  type LocalizedField,
  type LocalizedText,
  type PriceTier,
  type ProductField,
} from './product.js';
import type { SalesforceProduct } from './salesforce-product.js';
import { toId18 } from './salesforce-id.js';
import { badCharacter } from './text-check.js';
import { CONTENT_FIELDS, REFERENCE_FIELDS } from './field-catalog.js';
import { length, readField, readText, RecordErrors } from './record-errors.js';
import { readScalar, readScalars, readSubscription } from './map-scalars.js';

/** The result of mapping one Salesforce product: a canonical product, or why it cannot be synced. */
export type MappedRecord =
  /** `ignore`: fields this record cannot speak for (an inactive product's unusable price). */
  | { ok: true; key: string; product: CanonicalProduct; ignore: ProductField[] }
  /** `productCode`: the product's internalName as mapped, when it could be read (people search by it). */
  | { ok: false; key: string; label: string | null; productCode: string | null; errors: RecordError[] };

const MAX_PRICE = 1_000_000_000;
/** A JSON scalar as text; anything else (an object, which String() may not even convert) is none. */
const scalarText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
const LABELS: Readonly<Partial<Record<LocalizedField, string>>> = {
  names: 'name',
  additionalNameInformation: 'additional name information',
  descriptions: 'description',
  shortDescriptions: 'short description',
};
/** Texts that are one line in the shop; descriptions and the other content texts may have line breaks. */
const MULTILINE = new Set<string>(['descriptions', 'shortDescriptions', ...CONTENT_FIELDS]);
/** ISO 4217 currencies without a minor unit: an amount in them is whole. */
const ZERO_DECIMAL = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'UYI',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);

function readLocalized(
  sf: SalesforceProduct,
  field: LocalizedField,
  config: MappingConfig,
  errors: RecordErrors,
): LocalizedText {
  const source = config.text[field];
  if (!source) return {};
  const values: Record<string, string | null> = {};
  values[config.defaultLanguage] = readText(sf.record, source.field, errors);
  if (source.translationField) {
    for (const [language, code] of Object.entries(config.translations)) {
      const translation = sf.translations.find((t) => t.Language === code);
      if (translation) values[language] = readText(translation, source.translationField, errors);
    }
  }
  for (const [language, languageField] of Object.entries(source.languageFields)) {
    values[language] = readText(sf.record, languageField, errors);
  }
  const text = canonicalLocalized(values);
  const limit = config.limits[field];
  for (const [language, value] of Object.entries(text)) {
    const bad = badCharacter(value, MULTILINE.has(field));
    if (bad) errors.add('TEXT_INVALID_CHARACTER', `The ${language} ${LABELS[field] ?? field} ${bad}.`, field);
    if (limit !== undefined && length(value) > limit) {
      // Normalization can lengthen a text (U+0958 becomes two characters): say so, or the
      // manager counts fewer characters in Salesforce than we do.
      const raw = values[language];
      const grown = raw && length(raw) !== length(value) ? ' once Unicode-normalized (NFC)' : '';
      errors.add(
        'TEXT_TOO_LONG',
        `The ${language} ${LABELS[field] ?? field} has ${length(value)} characters${grown}; cleverbridge takes at most ${limit}.`,
        field,
      );
    }
  }
  return text;
}

/**
 * A money amount as cleverbridge takes it: a finite number from 0, at most 2 decimal places
 * (none in a currency without a minor unit, which would otherwise be rounded on the way).
 */
function readAmount(value: unknown, currency: string, what: string, errors: RecordErrors): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > MAX_PRICE) {
    errors.add('PRICE_INVALID', `The ${what} ${JSON.stringify(value)} is not an amount from 0 to ${MAX_PRICE}.`);
    return null;
  }
  if (Math.abs(n * 100 - Math.round(n * 100)) > 1e-6) {
    errors.add('PRICE_PRECISION', `The ${what} ${n} has more than 2 decimal places.`);
    return null;
  }
  if (ZERO_DECIMAL.has(currency) && !Number.isInteger(n)) {
    errors.add('PRICE_PRECISION', `The ${what} ${n} has decimals; ${currency} amounts are whole.`);
    return null;
  }
  return n;
}

function readTiers(sf: SalesforceProduct, config: MappingConfig, errors: RecordErrors): PriceTier[] {
  const inScope = new Set(config.currencies);
  const tiers: PriceTier[] = [];
  const seen = new Set<string>();
  const add = (currency: string, quantity: number, value: number, what: string) => {
    const key = `${currency}/${quantity}`;
    if (seen.has(key))
      errors.add('PRICE_DUPLICATE', `There are two ${what}s for ${currency} from quantity ${quantity}.`);
    else tiers.push({ currency, quantity, value });
    seen.add(key);
  };
  for (const entry of sf.priceEntries) {
    const currency = scalarText(entry.CurrencyIsoCode).toUpperCase();
    if (entry.IsActive === false || !inScope.has(currency)) continue;
    const value = readAmount(entry.UnitPrice, currency, `${currency} price`, errors);
    if (value !== null) add(currency, 1, value, 'price');
  }
  const t = config.tiers;
  if (t) {
    for (const tier of sf.tiers) {
      const currency = scalarText(tier[t.currencyField]).toUpperCase();
      if (!inScope.has(currency)) continue;
      const quantity = tier[t.minQuantityField];
      if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 2) {
        errors.add(
          'TIER_INVALID',
          `A ${currency} volume tier starts at quantity ${JSON.stringify(quantity)}; tiers start at 2 or more.`,
        );
        continue;
      }
      const value = readAmount(
        tier[t.unitPriceField],
        currency,
        `${currency} tier price from quantity ${quantity}`,
        errors,
      );
      if (value !== null) add(currency, quantity, value, 'volume tier');
    }
  }
  // A currency may have tiers without a quantity-1 price (the guide's own catalog has such):
  // cleverbridge converts the base price for the quantities below the first tier.
  const withBase = new Set(tiers.filter((x) => x.quantity === 1).map((x) => x.currency));
  if (!withBase.has(config.price.baseCurrency)) {
    errors.add(
      'BASE_PRICE_MISSING',
      `The product has no active standard price in ${config.price.baseCurrency}, the base currency.`,
    );
  }
  return canonicalTiers(tiers);
}

function readLicenses(sf: SalesforceProduct, config: MappingConfig, errors: RecordErrors): number {
  const source = config.fields.numberOfLicenses;
  if (!source) return config.defaults.numberOfLicenses;
  const value = source.values
    ? readScalar(sf.record, 'numberOfLicenses', config, errors)
    : readField(sf.record, source.field, errors);
  if (value === null || value === undefined) return config.defaults.numberOfLicenses;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    errors.add(
      'LICENSES_INVALID',
      `The number of licenses ${JSON.stringify(value)} is not a whole number from 1.`,
      source.field,
    );
  }
  return value as number;
}

/** The localized texts the mapping names; the four the default mapping has are always present. */
function readTexts(sf: SalesforceProduct, config: MappingConfig, errors: RecordErrors) {
  const texts: Partial<Record<LocalizedField, LocalizedText>> = {};
  for (const field of LOCALIZED_FIELDS)
    if (config.text[field] || (BASE_LOCALIZED_FIELDS as readonly string[]).includes(field))
      texts[field] = readLocalized(sf, field, config, errors);
  return texts as Record<(typeof BASE_LOCALIZED_FIELDS)[number], LocalizedText> &
    Partial<Record<LocalizedField, LocalizedText>>;
}

/** Maps one Product2 and its related records to the canonical product, or to its errors. */
export function mapSalesforceProduct(sf: SalesforceProduct, config: MappingConfig): MappedRecord {
  const errors = new RecordErrors();
  const rawId = scalarText(sf.record.Id);
  const key = toId18(rawId) ?? rawId;
  const label = typeof sf.record.Name === 'string' ? sf.record.Name : null;
  const active = readField(sf.record, 'IsActive', errors);

  const texts = readTexts(sf, config, errors);
  if (!texts.names[config.defaultLanguage]) {
    errors.add('NAME_MISSING', `The product has no ${config.defaultLanguage} name.`, config.text.names?.field);
  }
  // Price errors are kept apart: an inactive product's prices are often deactivated with it,
  // and that must not keep the product from being deactivated in cleverbridge.
  const priceErrors = new RecordErrors();
  const tax = (readScalar(sf.record, 'salesTaxCode', config, errors) as string | null)?.trim();
  const product: CanonicalProduct = {
    status: active === false ? 'DEACTIVATED' : 'FULLY_AVAILABLE',
    productType: config.defaults.productType,
    salesTaxCode: tax ? tax : config.defaults.salesTaxCode,
    numberOfLicenses: readLicenses(sf, config, errors),
    internalName: readScalar(sf.record, 'internalName', config, errors) as string | null,
    internalCategory: readScalar(sf.record, 'internalCategory', config, errors) as string | null,
    ...texts,
    ...readScalars(sf.record, config, errors),
    price: {
      baseCurrency: config.price.baseCurrency,
      isGross: config.price.isGross,
      volumePricingMethod: config.price.volumePricingMethod,
      tiers: readTiers(sf, config, priceErrors),
    },
    subscription: readSubscription(sf.record, config, errors),
  };
  if (!toId18(key)) {
    errors.add('ID_INVALID', `"${key}" is not a Salesforce id.`, 'Id');
  }
  const ignore: ProductField[] = [];
  if (priceErrors.list.length > 0) {
    if (product.status === 'DEACTIVATED') ignore.push('price');
    else errors.list.push(...priceErrors.list);
  }
  // An empty reference leaves cleverbridge's own choice standing (its default support contact).
  for (const field of REFERENCE_FIELDS) if (config.fields[field] && product[field] === null) ignore.push(field);
  if (errors.list.length > 0)
    return { ok: false, key, label, productCode: product.internalName ?? null, errors: errors.list };
  return { ok: true, key, product, ignore };
}
