import type { SalesforceProduct } from '../core/salesforce-product.js';
import type { RecordStamp } from '../state/recent-reads-repo.js';
import type { WriteBackUpdate } from './write-back.js';

/** What a sync run needs from Salesforce; src/salesforce implements it with jsforce. */
export interface SalesforceSource {
  /**
   * Every Product2 with its prices, tiers and translations, handed to `onProduct` as it is read
   * (so a large catalog is never held twice), the ids of deleted products, and the records read
   * near the newest SystemModstamp (`recent`).
   */
  readAll(onProduct: (product: SalesforceProduct) => void): Promise<{ deletedIds: string[]; recent: RecordStamp[] }>;
  /**
   * What changed since `since` (and the products `alsoIds`), read in full, and deleted ids;
   * changes to a record at a SystemModstamp in `seen` (see RecentReadsRepo) are not read again.
   */
  readChanges(
    since: Date,
    alsoIds: readonly string[],
    onProduct: (product: SalesforceProduct) => void,
    seen?: ReadonlySet<string>,
  ): Promise<{ deletedIds: string[]; changed: number; recent: RecordStamp[] }>;
  /** How many characters Product2's text field `field` holds (describe, asked once); null if unknown. */
  textLength(field: string): Promise<number | null>;
  /** Writes sync outcomes back to Product2 records. */
  writeBack(updates: readonly WriteBackUpdate[]): Promise<{ written: number; failed: number; errors: string[] }>;
  /** API requests made so far. */
  readonly requests: number;
  /** Records read so far. */
  readonly rowsRead: number;
  /** Salesforce's API usage over the last 24 hours, when known. */
  readonly apiUsage: { used: number; limit: number } | null;
  /** The latest SystemModstamp read so far (ISO 8601), the next incremental cursor. */
  readonly newest: string | null;
}
