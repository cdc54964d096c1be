import {
  BILLING_TYPES,
  CURRENCIES,
  DELIVERY_TYPES,
  INTERVAL_PERIODS,
  KEY_GENERATOR_TYPES,
  KEY_RESULT_TYPES,
  LANGUAGES,
  LICENSE_TYPES,
  OPERATING_SYSTEMS,
  PRODUCT_STATUSES,
  PRODUCT_TYPES,
  SALES_TAX_CODES,
  VOLUME_PRICING_METHODS,
} from './reference-data.js';
import { INPUT_SDL } from './schema-input-sdl.js';

/**
 * The product part of the cleverbridge GraphQL schema. It serves two spellings side by side:
 * the product guide's (name(languageIsoCodes:), salesTaxCode: String, version, uiLanguage...)
 * and the current schema reference's (names(languageIds:), salesTaxCodeId: SalesTaxCodeEnum,
 * versions, uiLanguages...). Required input fields are checked by the resolvers rather than
 * marked `!` here, so that a missing field fails its own alias with a path and a code, not the
 * whole batched document.
 */

const enumType = (name: string, values: Iterable<string>) => `enum ${name} {\n  ${[...values].join('\n  ')}\n}`;

/** A localized output field accepts both the guide's and the reference's language filter. */
const localized = (field: string) =>
  `${field}(languageIsoCodes: [String], languageIds: [LanguageEnum]): [LocalizedString]`;

const localizedImage = (field: string) => `${field}: [LocalizedClientWebbinary]`;

const STATIC_SDL = /* GraphQL */ `
scalar DateTime

type Query {
  "One product by its cleverbridge id."
  product(id: Int!): Product
  "All products of a client account, optionally filtered."
  products(clientId: Int!, billingType: BillingTypeEnum, productTypeIds: [ProductTypeEnum]): [Product]
}

type Mutation {
  createProduct(input: CreateProductInput!): CreateProductPayload
  "Changes only the fields given. Identify the product by id, or by internalId with clientId."
  updateProduct(input: UpdateProductInput!): UpdateProductPayload
  "Deletes a product, identified by id or by internalId, with clientId."
  deleteProduct(id: Int, internalId: String, clientId: Int): DeleteProductPayload
}

type CreateProductPayload { createdProduct: Product }
type UpdateProductPayload { updatedProduct: Product }
type DeleteProductPayload { deletedProductId: Int }

type Language {
  id: LanguageEnum
  isoCode: String
  name: String
}

type Currency {
  id: CurrencyEnum
  isoCode: String
  name: String
  symbol: String
}

type LocalizedString {
  language: Language
  value: String
}

type ClientWebbinary {
  id: Int
  name: String
  bytes: Int
  size: String
}

type LocalizedClientWebbinary {
  clientWebbinary: ClientWebbinary
  language: Language
}

type Client {
  id: Int
  isActive: Boolean!
}

type ProductType { id: ProductTypeEnum name: String }
type ProductStatus { id: ProductStatusEnum name: String }
type PricingMethod { id: VolumePricingMethodEnum name: String }
type LicenseType { id: LicenseTypeEnum name: String }
type DeliveryType { id: DeliveryTypeEnum name: String }
type KeyResultType { id: KeyResultTypeEnum name: String }
type KeyGeneratorType { id: KeyGeneratorTypeEnum name: String }
type SupportContact { id: Int name: String }
type ProductSelection { id: Int name: String }
type ShippingSet { id: Int name: String }
type ReportingGroup { id: Int name: String }
type ProductList { id: Int name: String }
type KeyList { id: Int name: String }
type DownloadFile { id: Int fileName: String }

type KeyGenerator {
  id: Int
  name: String
  keyGeneratorType: KeyGeneratorType
}

type SalesTaxCode {
  id: Int
  code: String
  name: String
  parent: SalesTaxCode
}

type ClientSalesRevenueStatistics {
  currency: Currency
}

type PriceAbsoluteValue {
  currency: Currency
  quantity: Int
  interval: Int
  value: Float
}

type PriceAbsolute {
  id: Int!
  baseCurrency: Currency!
  availableCurrencies: [Currency]
  volumePricingMethod: PricingMethod!
  isGross: Boolean!
  priceAbsoluteValues: [PriceAbsoluteValue]!
}

type SubscriptionInterval {
  intervalPeriod: IntervalPeriodEnum
  value: Int
}

type ProductSubscriptionSettings {
  recurrenceCount: Int
  startNewIntervalOnPayment: Boolean
  allowDeactivation: Boolean
  deactivationProductList: ProductList
  licenseType: LicenseType
  initialInterval: SubscriptionInterval
  recurringInterval: SubscriptionInterval
}

type ProductContentSettings {
  deliveryImage: ClientWebbinary
  ${localized('deliveryTextHtml')}
  ${localized('deliveryTextPdf')}
  ${localized('description')}
  ${localized('popupCartInformation')}
  ${localized('priceScaleNoteHtml')}
  ${localized('shortDescription')}
  ${localized('systemRequirements')}
  ${localizedImage('bigImage')}
  ${localizedImage('mediumImage')}
  ${localizedImage('smallImage')}
  ${localizedImage('recommendationBannerImage')}
}

type KeyDeliveryOptions {
  keyGenerator: KeyGenerator
  keyList: KeyList
  keyResultType: KeyResultType
  separatePidPerQuantityUnit: Boolean
  useKeyTemplate: Boolean
}

type DownloadDeliveryOptions {
  downloadFile: DownloadFile
  description: [LocalizedString]
  language: Language
  linkValidityInDays: Int
}

type ProductDelivery {
  runningNo: Int
  deliveryType: DeliveryType
  availabilityInMonths: Int
  copyOnRecurringBilling: Boolean
  executeOnInitialPurchase: Boolean
  executeOnRecurringBilling: Boolean
  keyDeliveryOptions: KeyDeliveryOptions
  downloadDeliveryOptions: DownloadDeliveryOptions
}

type ProductDeliverySettings {
  ${localized('deliveryInformation')}
  ${localized('deliveryNote')}
  ${localized('keyTemplate')}
  ${localized('keyTemplateForEmail')}
  productDeliveries: [ProductDelivery]
}

type ProductBundle {
  itemProduct: Product
  position: Int
  quantity: Int
  isHidden: Boolean
}

type Product {
  id: Int
  client: Client
  internalId: String
  creationDate: DateTime
  lastModifyDate: DateTime
  productType: ProductType
  status: ProductStatus!
  baseProduct: Product
  baseLanguage: Language
  ${localized('name')}
  ${localized('names')}
  ${localized('additionalNameInformation')}
  ${localized('backupCdAlternateName')}
  backupCdAlternateNames(languageIds: [LanguageEnum], languageIsoCodes: [String]): [LocalizedString] @deprecated(reason: "Starting December 2022, Cleverbridge no longer offers backup CD, DVD, or USB drive production and delivery.")
  ${localized('version')}
  ${localized('uiLanguage')}
  operatingSystems: [String]
  ${localized('operatingSystemsText')}
  ${localized('trialDownloadUrl')}
  supportContact: SupportContact
  ean: String
  isbn: String
  defaultProductSelection: ProductSelection
  defaultAffiliateId: String
  isDependentOnOriginalProduct: Boolean
  minimumOrderQuantity: Int
  maximumOrderQuantity: Int
  numberOfLicenses: Int
  licensePeriodInMonths: Int
  internalCategory: String
  internalName: String
  excludeFromTracking: Boolean
  reportingGroup: ReportingGroup
  salesTaxCode: SalesTaxCode
  shippingSet: ShippingSet
  allowDynamicProductPrice: Boolean!
  price: PriceAbsolute
  subscriptionSettings: ProductSubscriptionSettings
  contentSettings: ProductContentSettings
  deliverySettings: ProductDeliverySettings
  bundleProducts: [ProductBundle]
  clientSalesRevenueStatistics: ClientSalesRevenueStatistics
}

`;

export const PRODUCT_SCHEMA_SDL = [
  STATIC_SDL,
  INPUT_SDL,
  enumType('LanguageEnum', Object.keys(LANGUAGES)),
  enumType('CurrencyEnum', Object.keys(CURRENCIES)),
  enumType('ProductTypeEnum', Object.keys(PRODUCT_TYPES)),
  enumType('ProductStatusEnum', Object.keys(PRODUCT_STATUSES)),
  enumType('BillingTypeEnum', Object.keys(BILLING_TYPES)),
  enumType('VolumePricingMethodEnum', Object.keys(VOLUME_PRICING_METHODS)),
  enumType('IntervalPeriodEnum', Object.keys(INTERVAL_PERIODS)),
  enumType('LicenseTypeEnum', Object.keys(LICENSE_TYPES)),
  enumType('DeliveryTypeEnum', Object.keys(DELIVERY_TYPES)),
  enumType('KeyResultTypeEnum', Object.keys(KEY_RESULT_TYPES)),
  enumType('KeyGeneratorTypeEnum', Object.keys(KEY_GENERATOR_TYPES)),
  enumType('OperatingSystemEnum', Object.keys(OPERATING_SYSTEMS)),
  enumType('SalesTaxCodeEnum', Object.keys(SALES_TAX_CODES)),
].join('\n\n');
