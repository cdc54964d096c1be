import initial from './001-initial.js';
import keptPrices from './002-kept-prices.js';
import recentReads from './003-recent-reads.js';
import sourceHashes from './004-source-hashes.js';
import pageFacts from './005-page-facts.js';

/** Schema migrations in order; the database's user_version is the number applied. */
export const MIGRATIONS: readonly string[] = [initial, keptPrices, recentReads, sourceHashes, pageFacts];
