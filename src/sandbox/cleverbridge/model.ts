/**
 * How the emulator stores a product. Enum-valued fields hold the GraphQL enum names
 * ("FULLY_AVAILABLE", "EUR", "EN"); references to client-level records hold their ids.
 * Rarely used parts are optional so that a 100,000-product synthetic catalog stays small.
 */

/** One value per language, in the order they were written (the API answers in that order). */
export type Localized = Array<{ language: string; value: string }>;

export interface PriceTier {
  currency: string;
  quantity: number;
  interval: number;
  value: number;
}

export interface StoredPrice {
  id: number;
  isGross: boolean;
  baseCurrency: string;
  volumePricingMethod: string;
  tiers: PriceTier[];
}

export interface Interval {
  intervalPeriod: string;
  value: number;
}

export interface StoredSubscription {
  allowDeactivation: boolean;
  deactivationProductListId: number | null;
  initialInterval: Interval | null;
  recurringInterval: Interval | null;
  licenseType: string;
  recurrenceCount: number | null;
  startNewIntervalOnPayment: boolean;
}

/** An image per language, referring to one of the client's uploaded files (webbinaries). */
export type LocalizedImage = Array<{ language: string; webbinaryId: number | null }>;

export interface StoredContent {
  deliveryImageId?: number | null;
  deliveryTextHtml?: Localized;
  deliveryTextPdf?: Localized;
  description?: Localized;
  popupCartInformation?: Localized;
  priceScaleNoteHtml?: Localized;
  shortDescription?: Localized;
  systemRequirements?: Localized;
  bigImage?: LocalizedImage;
  mediumImage?: LocalizedImage;
  smallImage?: LocalizedImage;
  recommendationBannerImage?: LocalizedImage;
}

export interface StoredKeyDelivery {
  keyGeneratorId: number | null;
  keyListId: number | null;
  keyResultType: string | null;
  separatePidPerQuantityUnit: boolean;
  useKeyTemplate: boolean;
}

export interface StoredDownloadDelivery {
  downloadFileId: number | null;
  description: Localized;
  language: string | null;
  linkValidityInDays: number | null;
}

export interface StoredProductDelivery {
  runningNo: number;
  deliveryType: string;
  availabilityInMonths: number | null;
  copyOnRecurringBilling: boolean;
  executeOnInitialPurchase: boolean;
  executeOnRecurringBilling: boolean;
  keyDeliveryOptions: StoredKeyDelivery | null;
  downloadDeliveryOptions: StoredDownloadDelivery | null;
}

export interface StoredDelivery {
  deliveryInformation?: Localized;
  deliveryNote?: Localized;
  keyTemplate?: Localized;
  keyTemplateForEmail?: Localized;
  productDeliveries?: StoredProductDelivery[];
}

export interface StoredBundleItem {
  itemProductId: number;
  position: number;
  quantity: number;
  isHidden: boolean;
}

export interface StoredProduct {
  id: number;
  clientId: number;
  internalId: string | null;
  productType: string;
  status: string;
  /** The products query filters on it; the platform keeps it per product (see shieldware seed). */
  billingType: string;
  baseProductId: number | null;
  /** The product's default language (createProduct's languageId). */
  languageId: string | null;
  names: Localized;
  additionalNameInformation?: Localized;
  backupCdAlternateName?: Localized;
  version?: Localized;
  uiLanguage?: Localized;
  operatingSystems?: string[];
  operatingSystemsText?: Localized;
  trialDownloadUrl?: Localized;
  supportContactId: number | null;
  ean: string | null;
  isbn: string | null;
  defaultProductSelectionId: number | null;
  defaultAffiliateId: string | null;
  isDependentOnOriginalProduct: boolean;
  minimumOrderQuantity: number | null;
  maximumOrderQuantity: number | null;
  numberOfLicenses: number;
  licensePeriodInMonths: number | null;
  internalCategory: string | null;
  internalName: string | null;
  excludeFromTracking: boolean;
  reportingGroupId: number | null;
  salesTaxCode: string | null;
  shippingSetId: number | null;
  allowDynamicProductPrice: boolean;
  price: StoredPrice | null;
  subscriptionSettings: StoredSubscription | null;
  contentSettings?: StoredContent;
  deliverySettings?: StoredDelivery;
  bundleProducts?: StoredBundleItem[];
  /** ISO 8601, UTC. */
  creationDate: string;
  lastModifyDate: string;
}

export interface Webbinary {
  id: number;
  name: string;
  bytes: number;
  size: string;
}

/** A client account (a vendor such as Shieldware) and the records its products refer to. */
export interface ClientAccount {
  id: number;
  /** The currency the client's sales revenue statistics are kept in. */
  revenueCurrency: string;
  supportContacts: Record<number, string>;
  productSelections: Record<number, string>;
  shippingSets: Record<number, string>;
  reportingGroups: Record<number, string>;
  keyLists: Record<number, string>;
  keyGenerators: Record<number, { name: string; type: string }>;
  deactivationProductLists: Record<number, string>;
  downloadFiles: Record<number, string>;
  webbinaries: Record<number, Webbinary>;
}

/** Everything the emulator persists: what a seed produces and what the optional JSON file holds. */
export interface CatalogState {
  nextProductId: number;
  nextPriceId: number;
  clients: ClientAccount[];
  products: StoredProduct[];
}

/** A product with the platform's defaults (what a new product has) for every field not given. */
export function productWithDefaults(
  fields: Partial<StoredProduct> & Pick<StoredProduct, 'id' | 'clientId' | 'names' | 'creationDate' | 'lastModifyDate'>,
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
    ...fields,
  };
}
