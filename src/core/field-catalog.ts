/**
 * The cleverbridge product fields catalog-sync can keep in step, beyond the ones every mapping has
 * (status, names, price): each by its cleverbridge name, with the kind of value it holds. The
 * product guide's createProduct example is the source of the list.
 */

/** Localized texts a mapping may add, by their cleverbridge names (four under contentSettings). */
export const EXTRA_LOCALIZED_FIELDS = [
  'backupCdAlternateName',
  'version',
  'uiLanguage',
  'operatingSystemsText',
  'trialDownloadUrl',
  'systemRequirements',
  'priceScaleNoteHtml',
  'deliveryTextHtml',
  'popupCartInformation',
] as const;
export type ExtraLocalizedField = (typeof EXTRA_LOCALIZED_FIELDS)[number];

/** The localized texts that live under contentSettings in cleverbridge's input and output. */
export const CONTENT_FIELDS: ReadonlySet<string> = new Set([
  'systemRequirements',
  'priceScaleNoteHtml',
  'deliveryTextHtml',
  'popupCartInformation',
]);

export type ScalarKind = 'text' | 'int' | 'boolean';

/** Plain fields a mapping may add, with their kind. */
export const EXTRA_SCALAR_FIELDS = {
  ean: 'text',
  isbn: 'text',
  minimumOrderQuantity: 'int',
  maximumOrderQuantity: 'int',
  supportContactId: 'int',
  shippingSetId: 'int',
  defaultProductSelectionId: 'int',
  reportingGroupId: 'int',
  licensePeriodInMonths: 'int',
  excludeFromTracking: 'boolean',
  allowDynamicProductPrice: 'boolean',
} as const satisfies Record<string, ScalarKind>;
export type ExtraScalarField = keyof typeof EXTRA_SCALAR_FIELDS;

/**
 * Fields naming one of the client's records. The platform fills some in itself (a new product
 * gets the account's default support contact), so an empty Salesforce value is no instruction.
 */
export const REFERENCE_FIELDS = [
  'supportContactId',
  'shippingSetId',
  'defaultProductSelectionId',
  'reportingGroupId',
] as const satisfies readonly ExtraScalarField[];
export const EXTRA_SCALAR_NAMES = Object.keys(EXTRA_SCALAR_FIELDS) as ExtraScalarField[];

/** The plain fields every mapping could already set, with their kind. */
export const BASE_SCALAR_FIELDS = {
  internalName: 'text',
  internalCategory: 'text',
  salesTaxCode: 'text',
  numberOfLicenses: 'int',
} as const satisfies Record<string, ScalarKind>;
export type BaseScalarField = keyof typeof BASE_SCALAR_FIELDS;

export type ScalarField = BaseScalarField | ExtraScalarField;
export const SCALAR_KINDS: Readonly<Record<ScalarField, ScalarKind>> = {
  ...BASE_SCALAR_FIELDS,
  ...EXTRA_SCALAR_FIELDS,
};

/** The guide's IntervalPeriodEnum and LicenseTypeEnum. */
export const INTERVAL_PERIODS = ['DAYS', 'WEEKS', 'MONTHS', 'YEARS'] as const;
export type IntervalPeriod = (typeof INTERVAL_PERIODS)[number];
export const LICENSE_TYPES = ['UNDEFINED', 'NEW', 'RENEWAL', 'UPGRADE'] as const;

/** Subscription settings a mapping may set (subscriptionSettings in cleverbridge). */
export const SUBSCRIPTION_SCALARS = {
  recurrenceCount: 'int',
  allowDeactivation: 'boolean',
  startNewIntervalOnPayment: 'boolean',
  licenseType: 'text',
} as const satisfies Record<string, ScalarKind>;
export type SubscriptionScalar = keyof typeof SUBSCRIPTION_SCALARS;
export const SUBSCRIPTION_SCALAR_NAMES = Object.keys(SUBSCRIPTION_SCALARS) as SubscriptionScalar[];

export interface Interval {
  intervalPeriod: IntervalPeriod;
  value: number;
}

/**
 * A subscription's terms, as far as the mapping sets them: only mapped settings are present, so
 * the two sides compare on what catalog-sync manages. A product without terms is one-time (null).
 */
export interface SubscriptionTerms {
  recurringInterval: Interval;
  initialInterval?: Interval | null;
  recurrenceCount?: number | null;
  allowDeactivation?: boolean | null;
  startNewIntervalOnPayment?: boolean | null;
  licenseType?: string | null;
}
