import type { FieldChange } from '../core/diff.js';
import {
  CONTENT_FIELDS,
  EXTRA_LOCALIZED_FIELDS,
  EXTRA_SCALAR_NAMES,
  REFERENCE_FIELDS,
  type SubscriptionTerms,
} from '../core/field-catalog.js';
import { languagesInScope, type MappingConfig } from '../core/mapping-config.js';
import type { CanonicalPrice, CanonicalProduct, KeptPriceValue, LocalizedText } from '../core/product.js';

/**
 * Canonical products as createProduct / updateProduct inputs, in the current reference's
 * spelling (names, salesTaxCodeId). An update names only the fields that change; a localized
 * list names every language in scope, "" removing one (the API merges per language).
 */

type Json = Record<string, unknown>;

const localizedInput = (text: LocalizedText, languages: readonly string[]) =>
  languages.map((languageId) => ({ languageId, value: text[languageId] ?? '' }));

const createLocalized = (text: LocalizedText) =>
  Object.entries(text).map(([languageId, value]) => ({ languageId, value }));

function priceInput(price: CanonicalPrice, kept: readonly KeptPriceValue[]): Json {
  return {
    baseCurrencyId: price.baseCurrency,
    isGross: price.isGross,
    volumePricingMethod: price.volumePricingMethod,
    // The list replaces cleverbridge's whole list: values catalog-sync does not manage go back in.
    priceAbsoluteValues: [
      ...price.tiers.map((t) => ({ currencyId: t.currency, quantity: t.quantity, interval: 0, value: t.value })),
      ...kept.map((k) => ({ currencyId: k.currency, quantity: k.quantity, interval: k.interval, value: k.value })),
    ],
  };
}

/** What identifies the product and its plain settings, in a create or an ensure. */
const identity = (clientId: number, key: string, p: CanonicalProduct): Json => ({
  clientId,
  internalId: key,
  productType: p.productType,
  status: p.status,
  salesTaxCodeId: p.salesTaxCode,
  numberOfLicenses: p.numberOfLicenses,
});

/**
 * The subscription settings input. cleverbridge merges what it is given; a one-time product has
 * no recurring interval, which `subscriptionSettings: null` clears.
 */
const subscriptionInput = (terms: SubscriptionTerms | null): Json | null => (terms ? { ...terms } : null);

/**
 * The extra fields a product carries, into `input` and its contentSettings. `languages` null: a
 * create, which names only the texts there are; else every language in scope (an ensure).
 */
function extraInputs(p: CanonicalProduct, input: Json, content: Json, languages: readonly string[] | null) {
  for (const field of EXTRA_LOCALIZED_FIELDS) {
    const text = p[field];
    if (text === undefined || (languages === null && Object.keys(text).length === 0)) continue;
    (CONTENT_FIELDS.has(field) ? content : input)[field] =
      languages === null ? createLocalized(text) : localizedInput(text, languages);
  }
  for (const field of EXTRA_SCALAR_NAMES) {
    const value = p[field];
    // An ensure clears what Salesforce left empty, except a reference cleverbridge fills in itself.
    const clears = languages !== null && !(REFERENCE_FIELDS as readonly string[]).includes(field);
    if (value !== undefined && (value !== null || clears)) input[field] = value;
  }
}

export function createProductInput(clientId: number, key: string, p: CanonicalProduct): Json {
  const input: Json = {
    ...identity(clientId, key, p),
    names: createLocalized(p.names),
    price: priceInput(p.price, []),
  };
  if (p.internalName !== null) input.internalName = p.internalName;
  if (p.internalCategory !== null) input.internalCategory = p.internalCategory;
  if (Object.keys(p.additionalNameInformation).length > 0)
    input.additionalNameInformation = createLocalized(p.additionalNameInformation);
  const content: Json = {};
  if (Object.keys(p.descriptions).length > 0) content.description = createLocalized(p.descriptions);
  if (Object.keys(p.shortDescriptions).length > 0) content.shortDescription = createLocalized(p.shortDescriptions);
  extraInputs(p, input, content, null);
  if (p.subscription) input.subscriptionSettings = subscriptionInput(p.subscription);
  if (Object.keys(content).length > 0) input.contentSettings = content;
  return input;
}

export function updateProductInput(
  cbId: number,
  changes: readonly FieldChange[],
  config: MappingConfig,
  kept: readonly KeptPriceValue[],
): Json {
  const languages = languagesInScope(config);
  const input: Json = { id: cbId };
  const content: Json = {};
  for (const change of changes) {
    const c = change as FieldChange;
    switch (c.field) {
      case 'names':
      case 'additionalNameInformation':
        input[c.field] = localizedInput(c.to as LocalizedText, languages);
        break;
      case 'descriptions':
        content.description = localizedInput(c.to as LocalizedText, languages);
        break;
      case 'shortDescriptions':
        content.shortDescription = localizedInput(c.to as LocalizedText, languages);
        break;
      case 'price':
        input.price = priceInput(c.to as CanonicalPrice, kept);
        break;
      case 'salesTaxCode':
        input.salesTaxCodeId = c.to;
        break;
      case 'subscription':
        input.subscriptionSettings = subscriptionInput(c.to as SubscriptionTerms | null);
        break;
      default:
        if ((EXTRA_LOCALIZED_FIELDS as readonly string[]).includes(c.field))
          (CONTENT_FIELDS.has(c.field) ? content : input)[c.field] = localizedInput(c.to as LocalizedText, languages);
        else input[c.field] = c.to;
    }
  }
  if (Object.keys(content).length > 0) input.contentSettings = content;
  return input;
}

/**
 * An update by internalId carrying the whole product: how a create whose outcome is unknown is
 * retried. If the first attempt did create the product, this makes it exactly right; if not,
 * cleverbridge answers NOT_FOUND and the create is sent again. Never a duplicate.
 */
export function ensureProductInput(clientId: number, key: string, p: CanonicalProduct, config: MappingConfig): Json {
  const languages = languagesInScope(config);
  const input: Json = {
    ...identity(clientId, key, p),
    internalName: p.internalName,
    internalCategory: p.internalCategory,
    names: localizedInput(p.names, languages),
    additionalNameInformation: localizedInput(p.additionalNameInformation, languages),
    contentSettings: {
      description: localizedInput(p.descriptions, languages),
      shortDescription: localizedInput(p.shortDescriptions, languages),
    },
    price: priceInput(p.price, []),
  };
  extraInputs(p, input, input.contentSettings as Json, languages);
  if (config.subscription) input.subscriptionSettings = subscriptionInput(p.subscription);
  return input;
}
