import { SCALAR_KINDS, SUBSCRIPTION_SCALAR_NAMES, type ScalarField, type SubscriptionScalar } from './field-catalog.js';
import { LOCALIZED_FIELDS, type LocalizedField, type ProductField } from './product.js';

/**
 * One Salesforce field feeding one cleverbridge value. `values` maps the field's values (a
 * picklist's API names) to what cleverbridge takes; a value missing from it makes the record
 * invalid (VALUE_NOT_MAPPED). Null: the value is taken as it is.
 */
export interface FieldSource {
  field: string;
  values: Readonly<Record<string, string | number | boolean>> | null;
}

/** Where a subscription's interval comes from: its length and its period. */
export interface IntervalSource {
  value: FieldSource;
  intervalPeriod: FieldSource;
}

/** Where a subscription's terms come from; a product whose recurring interval is empty is one-time. */
export interface SubscriptionSource extends Partial<Record<SubscriptionScalar, FieldSource>> {
  recurringInterval: IntervalSource;
  initialInterval?: IntervalSource;
}

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
  /** Product2 fields for the plain fields; absent or null leaves the field to cleverbridge after creation. */
  fields: Readonly<Partial<Record<ScalarField, FieldSource | null>>>;
  /** Product2 fields for the subscription terms; null: every product is one-time as far as catalog-sync knows. */
  subscription: SubscriptionSource | null;
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
  /** Longest text cleverbridge accepts, in characters, per field; a field without one is not checked. */
  limits: Readonly<Partial<Record<LocalizedField | ScalarField, number>>>;
}

/** The cleverbridge fields catalog-sync keeps equal to Salesforce; all others are cleverbridge's own. */
export function managedFields(config: MappingConfig): ProductField[] {
  const fields: ProductField[] = ['status', 'price'];
  for (const field of LOCALIZED_FIELDS) if (config.text[field]) fields.push(field);
  for (const field of Object.keys(SCALAR_KINDS) as ScalarField[]) if (config.fields[field]) fields.push(field);
  if (config.subscription) fields.push('subscription');
  return fields;
}

/** All cleverbridge languages in scope, the default first. */
export const languagesInScope = (config: MappingConfig): string[] => [
  config.defaultLanguage,
  ...Object.keys(config.translations).filter((l) => l !== config.defaultLanguage),
];

/** Every Product2 field a source list names. */
export function sourceFields(config: MappingConfig): string[] {
  const out: string[] = [];
  for (const source of Object.values(config.fields)) if (source) out.push(source.field);
  const sub = config.subscription;
  if (sub) {
    for (const interval of [sub.recurringInterval, sub.initialInterval])
      if (interval) out.push(interval.value.field, interval.intervalPeriod.field);
    for (const name of SUBSCRIPTION_SCALAR_NAMES) if (sub[name]) out.push(sub[name].field);
  }
  return out;
}
