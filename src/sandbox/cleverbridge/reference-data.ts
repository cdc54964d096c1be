/**
 * The platform's fixed value lists, each an enum in the schema and an {id, name} object in
 * answers. Where the product guide or the public schema pages show a value it is used as shown
 * (PRODUCT, FULLY_AVAILABLE, DEACTIVATED, PRICE_SCALE "All-units discount", MONTHS, UNDEFINED,
 * CLEVERBRIDGE_DELIVERS_KEY, CLIENT_DELIVERS, AUTO). The other values follow the admin UI's
 * option names; their exact enum spellings are not published, see docs/sandbox.md.
 */

export interface Language {
  isoCode: string;
  name: string;
}

export const LANGUAGES: Readonly<Record<string, Language>> = {
  AR: { isoCode: 'ar', name: 'Arabic' },
  BG: { isoCode: 'bg', name: 'Bulgarian' },
  CS: { isoCode: 'cs', name: 'Czech' },
  DA: { isoCode: 'da', name: 'Danish' },
  DE: { isoCode: 'de', name: 'German' },
  EL: { isoCode: 'el', name: 'Greek' },
  EN: { isoCode: 'en', name: 'English' },
  ES: { isoCode: 'es', name: 'Spanish' },
  FI: { isoCode: 'fi', name: 'Finnish' },
  FR: { isoCode: 'fr', name: 'French' },
  HE: { isoCode: 'he', name: 'Hebrew' },
  HR: { isoCode: 'hr', name: 'Croatian' },
  HU: { isoCode: 'hu', name: 'Hungarian' },
  IT: { isoCode: 'it', name: 'Italian' },
  JA: { isoCode: 'ja', name: 'Japanese' },
  KO: { isoCode: 'ko', name: 'Korean' },
  NL: { isoCode: 'nl', name: 'Dutch' },
  NO: { isoCode: 'no', name: 'Norwegian' },
  PL: { isoCode: 'pl', name: 'Polish' },
  PT: { isoCode: 'pt', name: 'Portuguese' },
  RO: { isoCode: 'ro', name: 'Romanian' },
  RU: { isoCode: 'ru', name: 'Russian' },
  SK: { isoCode: 'sk', name: 'Slovak' },
  SL: { isoCode: 'sl', name: 'Slovenian' },
  SR: { isoCode: 'sr', name: 'Serbian' },
  SV: { isoCode: 'sv', name: 'Swedish' },
  TR: { isoCode: 'tr', name: 'Turkish' },
  UK: { isoCode: 'uk', name: 'Ukrainian' },
  ZH: { isoCode: 'zh', name: 'Chinese' },
};

export const LANGUAGE_BY_ISO: ReadonlyMap<string, string> = new Map(
  Object.entries(LANGUAGES).map(([id, language]) => [language.isoCode, id]),
);

export interface Currency {
  name: string;
  symbol: string;
}

export const CURRENCIES: Readonly<Record<string, Currency>> = {
  ARS: { name: 'Argentine Peso', symbol: 'AR$' },
  AUD: { name: 'Australian Dollar', symbol: 'A$' },
  BRL: { name: 'Brazilian Real', symbol: 'R$' },
  CAD: { name: 'Canadian Dollar', symbol: 'C$' },
  CHF: { name: 'Swiss Franc', symbol: 'CHF' },
  CLP: { name: 'Chilean Peso', symbol: 'CLP$' },
  CNY: { name: 'Chinese Yuan', symbol: 'CN¥' },
  CZK: { name: 'Czech Koruna', symbol: 'Kč' },
  DKK: { name: 'Danish Krone', symbol: 'kr.' },
  EUR: { name: 'Euro', symbol: '€' },
  GBP: { name: 'British Pound', symbol: '£' },
  HKD: { name: 'Hong Kong Dollar', symbol: 'HK$' },
  HUF: { name: 'Hungarian Forint', symbol: 'Ft' },
  ILS: { name: 'Israeli New Shekel', symbol: '₪' },
  INR: { name: 'Indian Rupee', symbol: '₹' },
  // The guide prints "Â¥", its own UTF-8 mis-decoding of "¥".
  JPY: { name: 'Japanese Yen', symbol: '¥' },
  KRW: { name: 'South Korean Won', symbol: '₩' },
  MXN: { name: 'Mexican Peso', symbol: 'MX$' },
  NOK: { name: 'Norwegian Krone', symbol: 'kr' },
  NZD: { name: 'New Zealand Dollar', symbol: 'NZ$' },
  PLN: { name: 'Polish Zloty', symbol: 'zł' },
  RUB: { name: 'Russian Ruble', symbol: '₽' },
  SEK: { name: 'Swedish Krona', symbol: 'kr' },
  SGD: { name: 'Singapore Dollar', symbol: 'S$' },
  TRY: { name: 'Turkish Lira', symbol: '₺' },
  USD: { name: 'US Dollar', symbol: '$' },
  ZAR: { name: 'South African Rand', symbol: 'R' },
};

/** Enum value -> display name, for the {id, name} objects the API answers with. */
export type NamedValues = Readonly<Record<string, string>>;

export const PRODUCT_TYPES: NamedValues = {
  PRODUCT: 'Product',
  BASE_PRODUCT: 'Base product',
  BUNDLE: 'Bundle product',
};

export const PRODUCT_STATUSES: NamedValues = {
  FULLY_AVAILABLE: 'Fully available',
  DEACTIVATED: 'Deactivated',
  CLIENT_WEBSITE_ONLY: 'Allow sale and initiate only through client website',
  HIDDEN: 'Hide, only sell if product ID is known',
  RESTRICTED_IP_RANGE: 'Only available from restricted IP range',
};

/** What the products query's billingType argument selects on. */
export const BILLING_TYPES: NamedValues = {
  ONE_TIME: 'One-time',
  RECURRING: 'Recurring',
};

export const VOLUME_PRICING_METHODS: NamedValues = {
  PRICE_SCALE: 'All-units discount',
  PRICE_STAGGER: 'Incremental discount',
};

export const INTERVAL_PERIODS: NamedValues = {
  DAYS: 'Days',
  WEEKS: 'Weeks',
  MONTHS: 'Months',
  YEARS: 'Years',
};

export const LICENSE_TYPES: NamedValues = {
  UNDEFINED: 'Undefined',
  NEW: 'New',
  RENEWAL: 'Renewal',
  UPGRADE: 'Upgrade',
};

export const DELIVERY_TYPES: NamedValues = {
  CLEVERBRIDGE_DELIVERS_KEY: 'Cleverbridge delivers key',
  CLEVERBRIDGE_DELIVERS_DOWNLOAD: 'Cleverbridge delivers download',
  CLIENT_DELIVERS: 'Client delivers',
};

export const KEY_RESULT_TYPES: NamedValues = {
  AUTO: 'Auto',
  BINARY: 'Binary',
  HTML: 'Html',
  TEXT: 'Text',
};

export const KEY_GENERATOR_TYPES: NamedValues = {
  URL: 'Key generator URL',
  LIST: 'Key list',
};

export const OPERATING_SYSTEMS: NamedValues = {
  WINDOWS: 'Windows',
  MAC_OS: 'macOS',
  LINUX: 'Linux',
  ANDROID: 'Android',
  IOS: 'iOS',
};

export interface SalesTaxCode {
  id: number;
  name: string;
  parent: string | null;
}

/**
 * Sales tax codes, keyed by code. The guide's examples use DC010500; the tree shape follows the
 * guide's `salesTaxCode { code id name parent { ... } }` selection. Names are the sandbox's own.
 */
export const SALES_TAX_CODES: Readonly<Record<string, SalesTaxCode>> = {
  D0000000: { id: 1, name: 'Digital products', parent: null },
  DC010000: { id: 2, name: 'Digital content', parent: 'D0000000' },
  DC010200: { id: 3, name: 'Digital content, electronically delivered', parent: 'DC010000' },
  DC010500: { id: 4, name: 'Software, electronically delivered', parent: 'DC010000' },
  SW050000: { id: 5, name: 'Software as a service', parent: 'D0000000' },
  SW054000: { id: 6, name: 'Software as a service, business use', parent: 'SW050000' },
  SV040000: { id: 7, name: 'Services', parent: null },
  SV040100: { id: 8, name: 'Technical support services', parent: 'SV040000' },
  PB100000: { id: 9, name: 'Physical goods', parent: null },
};

/**
 * Longest text the emulator accepts per input field, in characters. The public docs publish no
 * limits; these are the sandbox's, chosen so that clients must check lengths at all.
 */
export const TEXT_LIMITS: Readonly<Record<string, number>> = {
  name: 255,
  additionalNameInformation: 255,
  version: 100,
  uiLanguage: 100,
  operatingSystemsText: 255,
  trialDownloadUrl: 2000,
  backupCdAlternateName: 255,
  internalId: 100,
  internalName: 255,
  internalCategory: 100,
  ean: 50,
  isbn: 50,
  defaultAffiliateId: 50,
  description: 10_000,
  shortDescription: 2000,
  systemRequirements: 4000,
  popupCartInformation: 10_000,
  priceScaleNoteHtml: 4000,
  deliveryTextHtml: 255,
  deliveryTextPdf: 255,
  deliveryInformation: 4000,
  deliveryNote: 10_000,
  keyTemplate: 4000,
  keyTemplateForEmail: 4000,
};
