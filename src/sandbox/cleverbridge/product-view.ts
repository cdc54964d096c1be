import { CbErrorCode, cbError } from './errors.js';
import type {
  ClientAccount,
  Localized,
  LocalizedImage,
  StoredContent,
  StoredDelivery,
  StoredPrice,
  StoredProduct,
  StoredProductDelivery,
  StoredSubscription,
} from './model.js';
import {
  CURRENCIES,
  DELIVERY_TYPES,
  KEY_GENERATOR_TYPES,
  KEY_RESULT_TYPES,
  LANGUAGE_BY_ISO,
  LANGUAGES,
  LICENSE_TYPES,
  PRODUCT_STATUSES,
  PRODUCT_TYPES,
  SALES_TAX_CODES,
  VOLUME_PRICING_METHODS,
  type NamedValues,
} from './reference-data.js';
import type { ProductStore } from './store.js';

/**
 * Turns stored records into what the schema answers. graphql-js's default resolver reads a
 * property, or calls it with the field's arguments when it is a function, so localized fields
 * are methods taking the language filter.
 */

export interface LanguageFilterArgs {
  languageIsoCodes?: ReadonlyArray<string | null> | null;
  languageIds?: ReadonlyArray<string | null> | null;
}

// Answers share one frozen object per language and currency: a 100,000-product list would
// otherwise allocate millions of identical small objects.
const LANGUAGE_OBJECTS = new Map(
  Object.entries(LANGUAGES).map(([id, l]) => [id, Object.freeze({ id, isoCode: l.isoCode, name: l.name })]),
);
const CURRENCY_OBJECTS = new Map(
  Object.entries(CURRENCIES).map(([id, c]) => [id, Object.freeze({ id, isoCode: id, name: c.name, symbol: c.symbol })]),
);

const language = (id: string | null) =>
  id === null ? null : (LANGUAGE_OBJECTS.get(id) ?? { id, isoCode: id.toLowerCase(), name: id });

export const currency = (id: string) => CURRENCY_OBJECTS.get(id) ?? { id, isoCode: id, name: id, symbol: id };

const named = (values: NamedValues, id: string | null) => (id === null ? null : { id, name: values[id] ?? id });

const ref = (table: Record<number, string>, id: number | null) =>
  id === null ? null : { id, name: table[id] ?? null };

function languageFilter(args: LanguageFilterArgs | undefined): Set<string> | null {
  const ids = new Set<string>();
  let filtered = false;
  for (const iso of args?.languageIsoCodes ?? []) {
    if (iso === null) continue;
    filtered = true;
    const id = LANGUAGE_BY_ISO.get(iso.toLowerCase());
    if (!id) throw cbError(CbErrorCode.InvalidValue, `Unknown language iso code "${iso}".`, 'languageIsoCodes');
    ids.add(id);
  }
  for (const id of args?.languageIds ?? []) {
    if (id === null) continue;
    filtered = true;
    ids.add(id);
  }
  return filtered ? ids : null;
}

/**
 * A localized field in the platform's shape: the values for the requested languages, or, when
 * there is none, one entry with no language and an empty value (as the guide's answers show).
 */
export function renderLocalized(values: Localized | undefined, args?: LanguageFilterArgs) {
  const filter = languageFilter(args);
  const selected = (values ?? []).filter((v) => filter === null || filter.has(v.language));
  if (selected.length === 0) return [{ language: null, value: '' }];
  return selected.map((v) => ({ language: language(v.language), value: v.value }));
}

const renderSalesTaxCode = (code: string | null): unknown => {
  if (code === null) return null;
  const known = SALES_TAX_CODES[code];
  if (!known) return { id: null, code, name: null, parent: null };
  return { id: known.id, code, name: known.name, parent: renderSalesTaxCode(known.parent) };
};

function renderPrice(price: StoredPrice) {
  const seen = new Set<string>();
  const available = [];
  for (const tier of price.tiers) {
    if (!seen.has(tier.currency)) {
      seen.add(tier.currency);
      available.push(currency(tier.currency));
    }
  }
  return {
    id: price.id,
    isGross: price.isGross,
    baseCurrency: currency(price.baseCurrency),
    availableCurrencies: available,
    volumePricingMethod: named(VOLUME_PRICING_METHODS, price.volumePricingMethod),
    priceAbsoluteValues: price.tiers.map((t) => ({
      currency: currency(t.currency),
      quantity: t.quantity,
      interval: t.interval,
      value: t.value,
    })),
  };
}

function renderSubscription(s: StoredSubscription, client: ClientAccount | undefined) {
  return {
    recurrenceCount: s.recurrenceCount,
    startNewIntervalOnPayment: s.startNewIntervalOnPayment,
    allowDeactivation: s.allowDeactivation,
    deactivationProductList: ref(client?.deactivationProductLists ?? {}, s.deactivationProductListId),
    licenseType: named(LICENSE_TYPES, s.licenseType),
    initialInterval: s.initialInterval && { ...s.initialInterval },
    recurringInterval: s.recurringInterval && { ...s.recurringInterval },
  };
}

function renderImages(images: LocalizedImage | undefined, client: ClientAccount | undefined) {
  return (images ?? []).map((image) => ({
    language: language(image.language),
    clientWebbinary: image.webbinaryId === null ? null : (client?.webbinaries[image.webbinaryId] ?? null),
  }));
}

function renderContent(c: StoredContent, client: ClientAccount | undefined) {
  const text = (values: Localized | undefined) => (args: LanguageFilterArgs) => renderLocalized(values, args);
  return {
    deliveryImage: c.deliveryImageId == null ? null : (client?.webbinaries[c.deliveryImageId] ?? null),
    deliveryTextHtml: text(c.deliveryTextHtml),
    deliveryTextPdf: text(c.deliveryTextPdf),
    description: text(c.description),
    popupCartInformation: text(c.popupCartInformation),
    priceScaleNoteHtml: text(c.priceScaleNoteHtml),
    shortDescription: text(c.shortDescription),
    systemRequirements: text(c.systemRequirements),
    bigImage: renderImages(c.bigImage, client),
    mediumImage: renderImages(c.mediumImage, client),
    smallImage: renderImages(c.smallImage, client),
    recommendationBannerImage: renderImages(c.recommendationBannerImage, client),
  };
}

function renderProductDelivery(d: StoredProductDelivery, client: ClientAccount | undefined) {
  const key = d.keyDeliveryOptions;
  const download = d.downloadDeliveryOptions;
  const generator = key?.keyGeneratorId == null ? undefined : client?.keyGenerators[key.keyGeneratorId];
  return {
    runningNo: d.runningNo,
    deliveryType: named(DELIVERY_TYPES, d.deliveryType),
    availabilityInMonths: d.availabilityInMonths,
    copyOnRecurringBilling: d.copyOnRecurringBilling,
    executeOnInitialPurchase: d.executeOnInitialPurchase,
    executeOnRecurringBilling: d.executeOnRecurringBilling,
    keyDeliveryOptions: key && {
      keyGenerator:
        key.keyGeneratorId === null
          ? null
          : {
              id: key.keyGeneratorId,
              name: generator?.name ?? null,
              keyGeneratorType: named(KEY_GENERATOR_TYPES, generator?.type ?? null),
            },
      keyList: ref(client?.keyLists ?? {}, key.keyListId),
      keyResultType: named(KEY_RESULT_TYPES, key.keyResultType),
      separatePidPerQuantityUnit: key.separatePidPerQuantityUnit,
      useKeyTemplate: key.useKeyTemplate,
    },
    downloadDeliveryOptions: download && {
      downloadFile:
        download.downloadFileId === null
          ? null
          : { id: download.downloadFileId, fileName: client?.downloadFiles[download.downloadFileId] ?? null },
      description: renderLocalized(download.description),
      language: language(download.language),
      linkValidityInDays: download.linkValidityInDays,
    },
  };
}

function renderDelivery(d: StoredDelivery, client: ClientAccount | undefined) {
  const text = (values: Localized | undefined) => (args: LanguageFilterArgs) => renderLocalized(values, args);
  return {
    deliveryInformation: text(d.deliveryInformation),
    deliveryNote: text(d.deliveryNote),
    keyTemplate: text(d.keyTemplate),
    keyTemplateForEmail: text(d.keyTemplateForEmail),
    productDeliveries: (d.productDeliveries ?? []).map((pd) => renderProductDelivery(pd, client)),
  };
}

export class ProductView {
  readonly #p: StoredProduct;
  readonly #store: ProductStore;

  constructor(product: StoredProduct, store: ProductStore) {
    this.#p = product;
    this.#store = store;
  }

  get #client(): ClientAccount | undefined {
    return this.#store.client(this.#p.clientId);
  }

  get id() {
    return this.#p.id;
  }
  get client() {
    return { id: this.#p.clientId, isActive: true };
  }
  get internalId() {
    return this.#p.internalId;
  }
  get creationDate() {
    return this.#p.creationDate;
  }
  get lastModifyDate() {
    return this.#p.lastModifyDate;
  }
  get productType() {
    return named(PRODUCT_TYPES, this.#p.productType);
  }
  get status() {
    return named(PRODUCT_STATUSES, this.#p.status);
  }
  get baseLanguage() {
    return language(this.#p.languageId);
  }
  get baseProduct(): ProductView | null {
    const base = this.#p.baseProductId === null ? undefined : this.#store.get(this.#p.baseProductId);
    return base ? new ProductView(base, this.#store) : null;
  }
  name(args: LanguageFilterArgs) {
    return renderLocalized(this.#p.names, args);
  }
  names(args: LanguageFilterArgs) {
    return renderLocalized(this.#p.names, args);
  }
  additionalNameInformation(args: LanguageFilterArgs) {
    return renderLocalized(this.#p.additionalNameInformation, args);
  }
  backupCdAlternateName(args: LanguageFilterArgs) {
    return renderLocalized(this.#p.backupCdAlternateName, args);
  }
  backupCdAlternateNames(args: LanguageFilterArgs) {
    return renderLocalized(this.#p.backupCdAlternateName, args);
  }
  version(args: LanguageFilterArgs) {
    return renderLocalized(this.#p.version, args);
  }
  uiLanguage(args: LanguageFilterArgs) {
    return renderLocalized(this.#p.uiLanguage, args);
  }
  operatingSystemsText(args: LanguageFilterArgs) {
    return renderLocalized(this.#p.operatingSystemsText, args);
  }
  trialDownloadUrl(args: LanguageFilterArgs) {
    return renderLocalized(this.#p.trialDownloadUrl, args);
  }
  /** Like localized fields, an empty list is answered as one empty entry. */
  get operatingSystems() {
    return this.#p.operatingSystems?.length ? [...this.#p.operatingSystems] : [''];
  }
  get supportContact() {
    return ref(this.#client?.supportContacts ?? {}, this.#p.supportContactId);
  }
  get ean() {
    return this.#p.ean;
  }
  get isbn() {
    return this.#p.isbn;
  }
  get defaultProductSelection() {
    return ref(this.#client?.productSelections ?? {}, this.#p.defaultProductSelectionId);
  }
  get defaultAffiliateId() {
    return this.#p.defaultAffiliateId;
  }
  get isDependentOnOriginalProduct() {
    return this.#p.isDependentOnOriginalProduct;
  }
  get minimumOrderQuantity() {
    return this.#p.minimumOrderQuantity;
  }
  get maximumOrderQuantity() {
    return this.#p.maximumOrderQuantity;
  }
  get numberOfLicenses() {
    return this.#p.numberOfLicenses;
  }
  get licensePeriodInMonths() {
    return this.#p.licensePeriodInMonths;
  }
  get internalCategory() {
    return this.#p.internalCategory;
  }
  get internalName() {
    return this.#p.internalName;
  }
  get excludeFromTracking() {
    return this.#p.excludeFromTracking;
  }
  get reportingGroup() {
    return ref(this.#client?.reportingGroups ?? {}, this.#p.reportingGroupId);
  }
  get salesTaxCode() {
    return renderSalesTaxCode(this.#p.salesTaxCode);
  }
  get shippingSet() {
    return ref(this.#client?.shippingSets ?? {}, this.#p.shippingSetId);
  }
  get allowDynamicProductPrice() {
    return this.#p.allowDynamicProductPrice;
  }
  get price() {
    return this.#p.price && renderPrice(this.#p.price);
  }
  get subscriptionSettings() {
    return this.#p.subscriptionSettings && renderSubscription(this.#p.subscriptionSettings, this.#client);
  }
  get contentSettings() {
    return renderContent(this.#p.contentSettings ?? {}, this.#client);
  }
  get deliverySettings() {
    return renderDelivery(this.#p.deliverySettings ?? {}, this.#client);
  }
  get bundleProducts() {
    return (this.#p.bundleProducts ?? []).flatMap((item) => {
      const product = this.#store.get(item.itemProductId);
      if (!product) return [];
      return [{ ...item, itemProduct: new ProductView(product, this.#store) }];
    });
  }
  get clientSalesRevenueStatistics() {
    const client = this.#client;
    return client ? { currency: currency(client.revenueCurrency) } : null;
  }
}
