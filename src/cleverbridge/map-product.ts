import { languagesInScope, type MappingConfig } from '../core/mapping-config.js';
import type { CleverbridgeActual } from '../core/plan-types.js';
import {
  canonicalLocalized,
  canonicalText,
  canonicalTiers,
  type KeptPriceValue,
  type LocalizedText,
  type PriceTier,
  type Subscription,
} from '../core/product.js';
import type { CbLocalized, CleverbridgeProduct } from './product-shape.js';

function localized(entries: CbLocalized[] | null | undefined, languages: ReadonlySet<string>): LocalizedText {
  const values: Record<string, string> = {};
  for (const entry of entries ?? []) {
    // The platform answers "no text" as one entry without a language.
    if (entry.language && languages.has(entry.language.id) && entry.value) values[entry.language.id] = entry.value;
  }
  return canonicalLocalized(values);
}

/**
 * cleverbridge's product in canonical form, limited to what the mapping manages: languages and
 * currencies in scope, interval-0 prices. Any status but DEACTIVATED counts as available, so a
 * product a cleverbridge user hid or restricted keeps that finer status while it is active.
 */
export function mapCleverbridgeProduct(cb: CleverbridgeProduct, config: MappingConfig): CleverbridgeActual {
  const languages = new Set(languagesInScope(config));
  const currencies = new Set(config.currencies);
  const tiers: PriceTier[] = [];
  const kept: KeptPriceValue[] = [];
  for (const v of cb.price?.priceAbsoluteValues ?? []) {
    if (!v.currency || v.value === null) continue;
    const value = { currency: v.currency.id, quantity: v.quantity ?? 1, interval: v.interval ?? 0, value: v.value };
    if (value.interval === 0 && currencies.has(value.currency)) tiers.push(value);
    else kept.push(value);
  }
  const recurring = cb.subscriptionSettings?.recurringInterval;
  return {
    cbId: cb.id,
    internalId: cb.internalId,
    keptPriceValues: kept,
    product: {
      status: cb.status?.id === 'DEACTIVATED' ? 'DEACTIVATED' : 'FULLY_AVAILABLE',
      productType: cb.productType?.id ?? '',
      salesTaxCode: cb.salesTaxCode?.code ?? '',
      numberOfLicenses: cb.numberOfLicenses ?? 1,
      internalName: canonicalText(cb.internalName),
      internalCategory: canonicalText(cb.internalCategory),
      names: localized(cb.names, languages),
      additionalNameInformation: localized(cb.additionalNameInformation, languages),
      descriptions: localized(cb.contentSettings?.description, languages),
      shortDescriptions: localized(cb.contentSettings?.shortDescription, languages),
      price: {
        baseCurrency: cb.price?.baseCurrency?.id ?? '',
        isGross: cb.price?.isGross ?? false,
        volumePricingMethod: cb.price?.volumePricingMethod?.id ?? '',
        tiers: canonicalTiers(tiers),
      },
      subscription: recurring
        ? { intervalPeriod: recurring.intervalPeriod as Subscription['intervalPeriod'], value: recurring.value }
        : null,
    },
  };
}
