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
  contentSettings:
    | ({ description: CbLocalized[] | null; shortDescription: CbLocalized[] | null } & {
        [field: string]: CbLocalized[] | null | undefined;
      })
    | null;
  price: {
    isGross: boolean | null;
    baseCurrency: { id: string } | null;
    volumePricingMethod: { id: string } | null;
    priceAbsoluteValues: CbPriceValue[] | null;
  } | null;
  /** Selected only when the mapping sets subscription terms. */
  subscriptionSettings?: CbSubscription | null;
  /** The fields the mapping adds (localized texts, scalars, references as `{ id }`), when selected. */
  [field: string]: unknown;
}

export interface CbInterval {
  intervalPeriod: string | null;
  value: number | null;
}

export interface CbSubscription {
  recurrenceCount: number | null;
  startNewIntervalOnPayment: boolean | null;
  allowDeactivation: boolean | null;
  licenseType: { id: string } | null;
  initialInterval: CbInterval | null;
  recurringInterval: CbInterval | null;
}
