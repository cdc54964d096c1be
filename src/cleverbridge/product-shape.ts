/**
 * A cleverbridge product as the reader selects it (see src/cleverbridge/queries.ts): the
 * managed fields and what identifies the product. Every field may be null in an answer.
 */
export interface CbLocalized {
  value: string | null;
  language: { id: string } | null;
}

export interface CbPriceValue {
  currency: { id: string } | null;
  quantity: number | null;
  interval: number | null;
  value: number | null;
}

export interface CleverbridgeProduct {
  id: number;
  internalId: string | null;
  status: { id: string } | null;
  productType: { id: string } | null;
  salesTaxCode: { code: string | null } | null;
  numberOfLicenses: number | null;
  internalName: string | null;
  internalCategory: string | null;
  names: CbLocalized[] | null;
  additionalNameInformation: CbLocalized[] | null;
  contentSettings: { description: CbLocalized[] | null; shortDescription: CbLocalized[] | null } | null;
  price: {
    isGross: boolean | null;
    baseCurrency: { id: string } | null;
    volumePricingMethod: { id: string } | null;
    priceAbsoluteValues: CbPriceValue[] | null;
  } | null;
  subscriptionSettings: { recurringInterval: { intervalPeriod: string; value: number } | null } | null;
}
