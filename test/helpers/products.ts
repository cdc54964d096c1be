import type { CanonicalProduct } from '../../src/core/product.js';

/** A valid canonical product: one English name, one USD price; `over` replaces fields. */
export function canonicalProduct(over: Partial<CanonicalProduct> = {}): CanonicalProduct {
  return {
    status: 'FULLY_AVAILABLE',
    productType: 'PRODUCT',
    salesTaxCode: 'DC010500',
    numberOfLicenses: 1,
    internalName: null,
    internalCategory: null,
    names: { EN: 'Antivirus' },
    additionalNameInformation: {},
    descriptions: {},
    shortDescriptions: {},
    price: {
      baseCurrency: 'USD',
      isGross: false,
      volumePricingMethod: 'PRICE_SCALE',
      tiers: [{ currency: 'USD', quantity: 1, value: 10 }],
    },
    subscription: null,
    ...over,
  };
}

/** canonicalProduct with a name and a USD price. */
export const namedProduct = (name: string, usd = 10): CanonicalProduct =>
  canonicalProduct({
    names: { EN: name },
    price: { ...canonicalProduct().price, tiers: [{ currency: 'USD', quantity: 1, value: usd }] },
  });
