import { languagesInScope, type MappingConfig } from '../core/mapping-config.js';
import type { CleverbridgeActual } from '../core/plan-types.js';
import { canonicalText, canonicalTiers, type KeptPriceValue, type PriceTier } from '../core/product.js';
import type { CleverbridgeProduct } from './product-shape.js';
import { extraFields, localized, subscriptionTerms } from './map-extras.js';

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
      subscription: subscriptionTerms(cb.subscriptionSettings, config),
      ...extraFields(cb, config, languages),
    },
  };
}
