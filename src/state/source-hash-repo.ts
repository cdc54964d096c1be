import type { Db } from './database.js';

/** The source hash of each product as the last run that synced it read it; see migration 004. */
export class SourceHashRepo {
  readonly #get;
  readonly #put;
  readonly #remove;

  constructor(db: Db) {
    // Never for a product the snapshot holds as failed or unknown: that one is read again when it
    // changes. (A product with no snapshot row is one cleverbridge need not have, e.g. inactive.)
    this.#get = db.prepare<[string], { hash: string }>(
      `SELECT h.hash FROM source_hashes h LEFT JOIN products p ON p.key = h.key
       WHERE h.key = ? AND (p.key IS NULL OR p.last_outcome = 'synced')`,
    );
    this.#put = db.prepare<[string, string]>(
      'INSERT INTO source_hashes (key, hash) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET hash = excluded.hash',
    );
    this.#remove = db.prepare<[string]>('DELETE FROM source_hashes WHERE key = ?');
  }

  /** The hash a synced product was read with, or undefined. */
  get(key: string): string | undefined {
    return this.#get.get(key)?.hash;
  }

  put(key: string, hash: string): void {
    this.#put.run(key, hash);
  }

  remove(key: string): void {
    this.#remove.run(key);
  }
}
