import type { Localized, PriceTier, StoredProduct } from '../model.js';

/** Seed helpers: compact literals for localized values, price tiers and products. */

export const loc = (...pairs: Array<[string, string]>): Localized =>
  pairs.map(([language, value]) => ({ language, value }));

/** [currency, quantity, value, interval = 0] */
export const tiers = (...rows: Array<[string, number, number, number?]>): PriceTier[] =>
  rows.map(([currency, quantity, value, interval = 0]) => ({ currency, quantity, value, interval }));

/** A product with the platform's defaults for every field not given. */
export function product(
  fields: Partial<StoredProduct> & Pick<StoredProduct, 'id' | 'clientId' | 'names'>,
): StoredProduct {
  return {
    internalId: null,
    productType: 'PRODUCT',
    status: 'FULLY_AVAILABLE',
    billingType: 'ONE_TIME',
    baseProductId: null,
    languageId: null,
    supportContactId: null,
    ean: null,
    isbn: null,
    defaultProductSelectionId: null,
    defaultAffiliateId: null,
    isDependentOnOriginalProduct: false,
    minimumOrderQuantity: null,
    maximumOrderQuantity: null,
    numberOfLicenses: 1,
    licensePeriodInMonths: null,
    internalCategory: null,
    internalName: null,
    excludeFromTracking: false,
    reportingGroupId: null,
    salesTaxCode: null,
    shippingSetId: null,
    allowDynamicProductPrice: false,
    price: null,
    subscriptionSettings: null,
    creationDate: '2020-01-01T00:00:00.000Z',
    lastModifyDate: '2020-01-01T00:00:00.000Z',
    ...fields,
  };
}
