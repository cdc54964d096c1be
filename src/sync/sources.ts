import type { SalesforceProduct } from '../core/salesforce-product.js';

/** What a sync run needs from Salesforce; src/salesforce implements it with jsforce. */
export interface SalesforceSource {
  /**
   * Every Product2 with its prices, tiers and translations, handed to `onProduct` as it is read
   * (so a large catalog is never held twice), and the ids of deleted products.
   */
  readAll(onProduct: (product: SalesforceProduct) => void): Promise<{ deletedIds: string[] }>;
  /** API requests made so far. */
  readonly requests: number;
}
