import type { ActualProduct, SalesforceRead, SnapshotEntry } from '../../src/core/plan-types.js';
import type { CanonicalProduct } from '../../src/core/product.js';
import { canonicalProduct } from '../helpers/products.js';
import { KEYS } from './arbitraries.js';

/** Small builders for the planner's three inputs, for tests that spell out one case each. */

export const [A, B, C, D] = KEYS as [string, string, string, string];

export const product = canonicalProduct;

/** A Salesforce read of `products` by key; complete unless `over` says otherwise. */
export const read = (
  products: Record<string, CanonicalProduct>,
  over: Partial<SalesforceRead> = {},
): SalesforceRead => ({
  complete: true,
  products: Object.entries(products).map(([key, p]) => ({ key, product: p })),
  invalid: [],
  deletedKeys: [],
  ...over,
});

/** A snapshot row: `key` was synced to cleverbridge product `cbId` as `p`. */
export const synced = (key: string, cbId: number, p = product()): SnapshotEntry => ({ key, cbId, product: p });

/** A cleverbridge product. */
export const cb = (cbId: number, internalId: string | null, p = product()): ActualProduct => ({
  cbId,
  internalId,
  product: p,
});
