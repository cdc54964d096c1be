import {
  EXTRA_LOCALIZED_FIELDS,
  EXTRA_SCALAR_NAMES,
  type ExtraLocalizedField,
  type ExtraScalarField,
  type SubscriptionTerms,
} from './field-catalog.js';

/**
 * The canonical product: what catalog-sync keeps in step, in one form whichever side it was read
 * from, so that "equal" means equal. Localized texts are language -> text maps without empty
 * values; price tiers are sorted; strings are Unicode NFC. Identity (the Salesforce id, the
 * cleverbridge id) lives outside it.
 */

export type ProductStatus = 'FULLY_AVAILABLE' | 'DEACTIVATED';

/** cleverbridge language id ("EN", "DE") -> text. Never holds an empty text. */
export type LocalizedText = Readonly<Record<string, string>>;

export interface PriceTier {
  /** ISO 4217, upper-case. */
  currency: string;
  /** Lowest quantity the unit price applies to; 1 for the plain price. */
  quantity: number;
  /** Unit price, at most 2 decimal places. */
  value: number;
}

export interface CanonicalPrice {
  baseCurrency: string;
  isGross: boolean;
  volumePricingMethod: string;
  /** Sorted by currency, then quantity; no two with the same currency and quantity. */
  tiers: readonly PriceTier[];
}

/**
 * The fields a mapping may add (field-catalog.ts): present only when the mapping manages them,
 * on both sides alike, so a catalog that maps none carries none.
 */
export type ExtraFields = { readonly [F in ExtraLocalizedField]?: LocalizedText } & {
  readonly [F in ExtraScalarField]?: string | number | boolean | null;
};

export interface CanonicalProduct extends ExtraFields {
  status: ProductStatus;
  productType: string;
  salesTaxCode: string;
  numberOfLicenses: number;
  internalName: string | null;
  internalCategory: string | null;
  names: LocalizedText;
  additionalNameInformation: LocalizedText;
  descriptions: LocalizedText;
  shortDescriptions: LocalizedText;
  price: CanonicalPrice;
  /** The terms of a subscription product, as far as the mapping sets them; null for a one-time product. */
  subscription: SubscriptionTerms | null;
}

export const BASE_LOCALIZED_FIELDS = [
  'names',
  'additionalNameInformation',
  'descriptions',
  'shortDescriptions',
] as const;
export const LOCALIZED_FIELDS = [...BASE_LOCALIZED_FIELDS, ...EXTRA_LOCALIZED_FIELDS] as const;
export type LocalizedField = (typeof LOCALIZED_FIELDS)[number];

export const PRODUCT_FIELDS = [
  'status',
  'productType',
  'salesTaxCode',
  'numberOfLicenses',
  'internalName',
  'internalCategory',
  ...LOCALIZED_FIELDS,
  'price',
  'subscription',
  ...EXTRA_SCALAR_NAMES,
] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];

/** Text as compared and sent: NFC, so a decomposed and a composed "ü" are the same text. */
export const normalizeText = (text: string): string => text.normalize('NFC');

/**
 * Whether a text shows nothing: only whitespace (a no-break space too) and invisible format
 * characters (zero-width space, direction marks, soft hyphen). Such a text is no text at all.
 */
export const isBlankText = (text: string | null | undefined): boolean =>
  text === null || text === undefined || /^[\s\p{Cf}]*$/u.test(text);

/** A text in canonical form, or null when it is blank. */
export const canonicalText = (text: string | null | undefined): string | null =>
  isBlankText(text) ? null : normalizeText(text as string);

/**
 * A localized map in canonical form: NFC texts, languages sorted, and no empty or blank texts
 * (cleverbridge answers a missing language as an empty entry; both mean "no text").
 */
export function canonicalLocalized(values: Readonly<Record<string, string | null | undefined>>): LocalizedText {
  const out: Record<string, string> = {};
  for (const language of Object.keys(values).sort()) {
    const text = canonicalText(values[language]);
    if (text !== null) out[language] = text;
  }
  return out;
}

/** Cents as an integer, so 19.9 and 19.90 and 19.899999999 compare as one price. */
export const toCents = (value: number): number => Math.round(value * 100);

export function canonicalTiers(tiers: readonly PriceTier[]): PriceTier[] {
  return tiers
    .map((t) => ({ currency: t.currency.toUpperCase(), quantity: t.quantity, value: toCents(t.value) / 100 }))
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : a.quantity - b.quantity));
}

/** A key JSON.stringify leaves as it is, between quotes. */
const PLAIN_KEY = /^[\w$-]*$/;

/**
 * Deterministic JSON: object keys sorted at every level (by UTF-16 code units), so equal products
 * serialize equally. Written for speed (a full run serializes every product of both sides to
 * hash it): keys already in order are not sorted, plain keys are not escaped.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + (stableStringify(value[i]) ?? '');
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  for (let i = 1; i < keys.length; i++)
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  let out = '{';
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${PLAIN_KEY.test(key) ? `"${key}"` : JSON.stringify(key)}:${stableStringify(v)}`;
  }
  return `${out}}`;
}

/**
 * Whether two JSON-like values serialize alike under stableStringify, without serializing:
 * planning a large catalog compares every managed field of every product twice.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    defined++;
    if (!Object.hasOwn(y, k) || !sameJson(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) defined--;
  return defined === 0;
}

export function fieldsEqual(a: CanonicalProduct, b: CanonicalProduct, fields: readonly ProductField[]): boolean {
  return fields.every((field) => sameJson(a[field], b[field]));
}

/** A price value catalog-sync does not manage (another interval, a currency out of scope); kept as is. */
export interface KeptPriceValue {
  currency: string;
  quantity: number;
  interval: number;
  value: number;
}
