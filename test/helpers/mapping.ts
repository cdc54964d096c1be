import { loadMapping } from '../../src/config/mapping-schema.js';
import type { MappingConfig } from '../../src/core/mapping-config.js';
import type { CanonicalProduct } from '../../src/core/product.js';
import type { CleverbridgeProduct } from '../../src/cleverbridge/product-shape.js';
import type { SalesforceProduct, SfRecord } from '../../src/core/salesforce-product.js';

/** The default mapping shipped in config/mapping.json. */
export const defaultMapping = (): MappingConfig =>
  loadMapping(new URL('../../config/mapping.json', import.meta.url).pathname);

/** A Product2 with its related records, as the Salesforce reader assembles it. */
export function sfProduct(
  over: {
    record?: Record<string, unknown>;
    priceEntries?: SfRecord[];
    tiers?: SfRecord[];
    translations?: SfRecord[];
  } = {},
): SalesforceProduct {
  return {
    record: {
      Id: '01t5g0000000001AAA',
      Name: 'Antivirus',
      ProductCode: 'AV-1',
      Family: 'Security',
      Description: null,
      IsActive: true,
      ...over.record,
    },
    priceEntries: over.priceEntries ?? [{ CurrencyIsoCode: 'USD', UnitPrice: 19.99, IsActive: true }],
    tiers: over.tiers ?? [],
    translations: over.translations ?? [],
  };
}

/** The Salesforce records the default mapping turns into `p` (for round-trip tests). */
export function sfFromCanonical(key: string, p: CanonicalProduct, config: MappingConfig): SalesforceProduct {
  const codeOf = (language: string) => config.translations[language];
  const translations = new Map<string, Record<string, unknown>>();
  const translate = (language: string, field: string, value: string) => {
    const code = codeOf(language)!;
    const row = translations.get(code) ?? { Language: code, Name: null, Description: null };
    row[field] = value;
    translations.set(code, row);
  };
  for (const [language, value] of Object.entries(p.names))
    if (language !== config.defaultLanguage) translate(language, 'Name', value);
  for (const [language, value] of Object.entries(p.descriptions))
    if (language !== config.defaultLanguage) translate(language, 'Description', value);
  return {
    record: {
      Id: key,
      Name: p.names[config.defaultLanguage] ?? null,
      Description: p.descriptions[config.defaultLanguage] ?? null,
      ProductCode: p.internalName,
      Family: p.internalCategory,
      IsActive: p.status === 'FULLY_AVAILABLE',
    },
    priceEntries: p.price.tiers
      .filter((t) => t.quantity === 1)
      .map((t) => ({ CurrencyIsoCode: t.currency, UnitPrice: t.value, IsActive: true })),
    tiers: p.price.tiers
      .filter((t) => t.quantity > 1)
      .map((t) => ({ CurrencyIsoCode: t.currency, Min_Quantity__c: t.quantity, Unit_Price__c: t.value })),
    translations: [...translations.values()],
  };
}

/** A cleverbridge answer for product `id` with every selected field null. */
export const bareCleverbridgeProduct = (id: number): CleverbridgeProduct => ({
  id,
  internalId: null,
  status: null,
  productType: null,
  salesTaxCode: null,
  numberOfLicenses: null,
  internalName: null,
  internalCategory: null,
  names: null,
  additionalNameInformation: null,
  contentSettings: null,
  price: null,
  subscriptionSettings: null,
});
