import { SHIELDWARE_CLIENT_ID } from '../../shieldware-ids.js';
import { syntheticCatalog, type SyntheticProduct } from '../../synthetic-catalog.js';
import type { CatalogState, Localized, StoredProduct } from '../model.js';
import { product } from './build.js';
import { shieldwareCatalog } from './shieldware.js';

const toLocalized = (values: Record<string, string>): Localized =>
  Object.entries(values).map(([language, value]) => ({ language, value }));

/**
 * How a synthetic product looks once in cleverbridge, linked to Salesforce by its internalId,
 * as catalog-sync's default mapping writes it (internal name and category from ProductCode and
 * Family): synthetic:N on both sides is a catalog already in sync.
 */
export function syntheticStoredProduct(p: SyntheticProduct, id: number): StoredProduct {
  const stamp = new Date(Date.UTC(2024, 0, 1) + p.index * 60_000).toISOString();
  return product({
    id,
    clientId: SHIELDWARE_CLIENT_ID,
    internalId: p.product2Id,
    internalName: p.productCode,
    internalCategory: p.family,
    status: p.active ? 'FULLY_AVAILABLE' : 'DEACTIVATED',
    billingType: p.recurring ? 'RECURRING' : 'ONE_TIME',
    names: toLocalized(p.names),
    contentSettings: { description: toLocalized(p.descriptions) },
    supportContactId: 1625,
    salesTaxCode: 'DC010500',
    price: {
      id: 1_000_000 + p.index,
      isGross: false,
      baseCurrency: 'USD',
      volumePricingMethod: 'PRICE_SCALE',
      tiers: p.prices.map((t) => ({ currency: t.currency, quantity: t.quantity, interval: 0, value: t.value })),
    },
    subscriptionSettings: p.recurring && {
      allowDeactivation: true,
      deactivationProductListId: null,
      initialInterval: { ...p.recurring },
      recurringInterval: { ...p.recurring },
      licenseType: 'UNDEFINED',
      recurrenceCount: null,
      startNewIntervalOnPayment: true,
    },
    creationDate: stamp,
    lastModifyDate: stamp,
  });
}

/**
 * Shieldware's client account with N synthetic products instead of the guide's (the guide's
 * products are left out so a benchmark measures exactly N).
 */
export function syntheticCleverbridgeCatalog(count: number, seed: number): CatalogState {
  const base = shieldwareCatalog();
  const firstId = 500_000;
  const products: StoredProduct[] = [];
  for (const p of syntheticCatalog(count, seed)) products.push(syntheticStoredProduct(p, firstId + p.index));
  return { ...base, nextProductId: firstId + count, nextPriceId: 2_000_000 + count, products };
}
