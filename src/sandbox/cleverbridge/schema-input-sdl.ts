/**
 * The input types of createProduct and updateProduct. Fields with two spellings (the guide's
 * name, version, salesTaxCode...; the reference's names, versions, salesTaxCodeId...) are both
 * accepted; giving both with different values is refused by the resolvers.
 */

/** Localized input fields under both spellings, e.g. version and versions. */
const localizedInputs = (pairs: Array<[string, string]>) =>
  pairs
    .map(([guide, current]) => `  ${guide}: [LocalizedStringInput]\n  ${current}: [LocalizedStringInput]`)
    .join('\n');

const productInputFields = `
  productType: ProductTypeEnum
  status: ProductStatusEnum
  baseProductId: Int
  "The guide's spelling: a sales tax code such as \\"DC010500\\"."
  salesTaxCode: String
  "The reference's spelling of salesTaxCode."
  salesTaxCodeId: SalesTaxCodeEnum
  forceOverride: Boolean
  "The product's default language."
  languageId: LanguageEnum
${localizedInputs([
  ['name', 'names'],
  ['backupCdAlternateName', 'backupCdAlternateNames'],
  ['version', 'versions'],
  ['uiLanguage', 'uiLanguages'],
  ['operatingSystemsText', 'operatingSystemsTexts'],
  ['trialDownloadUrl', 'trialDownloadUrls'],
])}
  additionalNameInformation: [LocalizedStringInput]
  supportContactId: Int
  operatingSystemIds: [OperatingSystemEnum]
  ean: String
  isbn: String
  defaultProductSelectionId: Int
  isDependentOnOriginalProduct: Boolean
  "The guide's commented-out spelling of isDependentOnOriginalProduct."
  isDependentOnMaster: Boolean
  affiliateId: String
  numberOfLicenses: Int
  licensePeriodInMonths: Int
  minimumOrderQuantity: Int
  maximumOrderQuantity: Int
  reportingGroupId: Int
  internalId: String
  internalCategory: String
  internalName: String
  excludeFromTracking: Boolean
  price: PriceInput
  allowDynamicProductPrice: Boolean
  shippingSetId: Int
  subscriptionSettings: ProductSubscriptionSettingsInput
  contentSettings: ContentSettingsInput
  deliverySettings: DeliverySettingsInput
  bundleProducts: [BundleProductInput]`;

export const INPUT_SDL = /* GraphQL */ `
input LocalizedStringInput {
  languageId: LanguageEnum!
  value: String
}

"An image per language: referencedId is the id of one of the client's uploaded files."
input LocalizedIdReferenceInput {
  languageId: LanguageEnum!
  referencedId: Int
}

input PriceAbsoluteValueInput {
  currencyId: CurrencyEnum!
  quantity: Int
  interval: Int
  value: Float!
}

input PriceInput {
  baseCurrencyId: CurrencyEnum
  isGross: Boolean
  volumePricingMethod: VolumePricingMethodEnum
  priceAbsoluteValues: [PriceAbsoluteValueInput]
}

"The reference's name. Both fields are required here; whether the platform's are is not documented (an assumption)."
input UpdateSubscriptionIntervalInput {
  value: Int!
  intervalPeriod: IntervalPeriodEnum!
}

"The reference's name for subscriptionSettings' input type."
input ProductSubscriptionSettingsInput {
  recurrenceCount: Int
  startNewIntervalOnPayment: Boolean
  allowDeactivation: Boolean
  deactivationProductListId: Int
  licenseType: LicenseTypeEnum
  initialInterval: UpdateSubscriptionIntervalInput
  recurringInterval: UpdateSubscriptionIntervalInput
}

input ContentSettingsInput {
  deliveryImageId: Int
  deliveryTextHtml: [LocalizedStringInput]
  deliveryTextPdf: [LocalizedStringInput]
  description: [LocalizedStringInput]
  popupCartInformation: [LocalizedStringInput]
  priceScaleNoteHtml: [LocalizedStringInput]
  shortDescription: [LocalizedStringInput]
  systemRequirements: [LocalizedStringInput]
  bigImageId: [LocalizedIdReferenceInput]
  mediumImageId: [LocalizedIdReferenceInput]
  smallImageId: [LocalizedIdReferenceInput]
  recommendationBannerImageId: [LocalizedIdReferenceInput]
}

input KeyDeliveryOptionsInput {
  keyGeneratorId: Int
  keyListId: Int
  keyResultType: KeyResultTypeEnum
  separatePidPerQuantityUnit: Boolean
  useKeyTemplate: Boolean
}

input DownloadDeliveryOptionsInput {
  downloadFileId: Int
  description: [LocalizedStringInput]
  languageId: LanguageEnum
  linkValidityInDays: Int
}

input ProductDeliveryInput {
  deliveryType: DeliveryTypeEnum!
  runningNo: Int
  availabilityInMonths: Int
  copyOnRecurringBilling: Boolean
  executeOnInitialPurchase: Boolean
  executeOnRecurringBilling: Boolean
  keyDeliveryOptions: KeyDeliveryOptionsInput
  downloadDeliveryOptions: DownloadDeliveryOptionsInput
}

input DeliverySettingsInput {
  deliveryInformation: [LocalizedStringInput]
  deliveryNote: [LocalizedStringInput]
  keyTemplate: [LocalizedStringInput]
  keyTemplateForEmail: [LocalizedStringInput]
  productDeliveries: [ProductDeliveryInput]
}

input BundleProductInput {
  itemProductId: Int!
  position: Int
  quantity: Int
  isHidden: Boolean
}

input CreateProductInput {
  clientId: Int!
${productInputFields}
}

input UpdateProductInput {
  id: Int
  "Mandatory when the product is identified by internalId only."
  clientId: Int
${productInputFields}
}
`;
