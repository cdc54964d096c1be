import { productWithDefaults, type Localized, type PriceTier } from '../model.js';

/** Seed helpers: compact literals for localized values, price tiers and products. */

export const loc = (...pairs: Array<[string, string]>): Localized =>
  pairs.map(([language, value]) => ({ language, value }));

/** [currency, quantity, value, interval = 0] */
export const tiers = (...rows: Array<[string, number, number, number?]>): PriceTier[] =>
  rows.map(([currency, quantity, value, interval = 0]) => ({ currency, quantity, value, interval }));

/** A product with the platform's defaults for every field not given. */
export const product = productWithDefaults;
