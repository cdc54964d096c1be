import { LOCALIZED_FIELDS, type LocalizedField, type ProductField } from './product.js';

/** Where one localized text comes from in Salesforce. */
export interface TextSource {
  /** Product2 field holding the default language's text, e.g. "Name". */
  field: string;
  /** Product2DataTranslation field holding the other languages' texts; null to not use translations. */
  translationField: string | null;
  /** Product2 fields holding one language's text, e.g. { DE: "Name_DE__c" }; they win over translations. */
  languageFields: Readonly<Record<string, string>>;
}

/** The validated mapping: which Salesforce data feeds each cleverbridge field (config/mapping.json). */
export interface MappingConfig {
  /** cleverbridge language whose texts are Product2's own fields. */
  defaultLanguage: string;
  /** Other cleverbridge languages in scope -> their Salesforce language code (Product2DataTranslation.Language). */
  translations: Readonly<Record<string, string>>;
  /** Currencies in scope; prices in others are left out. */
  currencies: readonly string[];
  price: {
    baseCurrency: string;
    isGross: boolean;
    volumePricingMethod: string;
    /** The name or id of the price book whose entries are the prices; null: the standard one. */
    priceBook: string | null;
  };
  /** Which Product2 records are synced at all. */
  scope: {
    /** A SOQL condition on Product2's own fields (validated); null: every product. */
    where: string | null;
    /** A synced product that leaves the scope: deactivated, deleted, or kept and no longer managed. */
    leavePolicy: 'deactivate' | 'delete' | 'keep';
  };
  /** Volume tiers: a child object of Product2, or null when prices have no tiers. */
  tiers: {
    object: string;
    /** The child relationship on Product2 (for subqueries) and the lookup field to Product2. */
    relationship: string;
    productField: string;
    currencyField: string;
    minQuantityField: string;
    unitPriceField: string;
  } | null;
  text: Readonly<Partial<Record<LocalizedField, TextSource>>>;
  /** Product2 fields for the plain fields; null leaves the field to cleverbridge after creation. */
  fields: {
    internalName: string | null;
    internalCategory: string | null;
    salesTaxCode: string | null;
    numberOfLicenses: string | null;
  };
  /** Values a new product gets for what Salesforce does not say. */
  defaults: {
    productType: string;
    salesTaxCode: string;
    numberOfLicenses: number;
  };
  /** Product2 fields catalog-sync writes each product's sync outcome to; null to write nothing. */
  writeBack: {
    status: string;
    productId: string;
    error: string;
    lastSynced: string;
  } | null;
  /** Longest text cleverbridge accepts, in characters, per field. */
  limits: Readonly<Record<LocalizedField | 'internalName' | 'internalCategory', number>>;
}

/** The cleverbridge fields catalog-sync keeps equal to Salesforce; all others are cleverbridge's own. */
export function managedFields(config: MappingConfig): ProductField[] {
  const fields: ProductField[] = ['status', 'price'];
  for (const field of LOCALIZED_FIELDS) if (config.text[field]) fields.push(field);
  for (const field of ['internalName', 'internalCategory', 'salesTaxCode', 'numberOfLicenses'] as const) {
    if (config.fields[field]) fields.push(field);
  }
  return fields;
}

/** All cleverbridge languages in scope, the default first. */
export const languagesInScope = (config: MappingConfig): string[] => [
  config.defaultLanguage,
  ...Object.keys(config.translations).filter((l) => l !== config.defaultLanguage),
];
