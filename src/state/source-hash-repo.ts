import type { Db } from './database.js';

/**
 * The source hash of each product as the last run that synced it read it; see migration 004. The
 * settle stage keeps it only for the products a run synced, so a product whose sync failed, or
 * that was deleted or left the scope, has none and is read in full when it next changes.
 */
export class SourceHashRepo {
  readonly #get;
  readonly #put;
  readonly #remove;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { hash: string }>('SELECT hash FROM source_hashes WHERE key = ?');
    this.#put = db.prepare<[string, string]>(
      'INSERT INTO source_hashes (key, hash) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET hash = excluded.hash',
    );
    this.#remove = db.prepare<[string]>('DELETE FROM source_hashes WHERE key = ?');
  }

  /** The hash the product was read with when it was last synced, or undefined. */
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
