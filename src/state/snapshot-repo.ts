import { createHash } from 'node:crypto';
import type { SnapshotEntry } from '../core/plan-types.js';
import { stableStringify, type CanonicalProduct } from '../core/product.js';
import type { Db } from './database.js';

export type LastOutcome = 'synced' | 'failed' | 'unknown';

export interface SnapshotRow extends SnapshotEntry {
  hash: string;
  syncedAt: string;
  lastOutcome: LastOutcome;
  lastError: string | null;
}

interface Raw {
  key: string;
  cb_id: number;
  canonical: string;
  hash: string;
  synced_at: string;
  last_outcome: LastOutcome;
  last_error: string | null;
}

export const productHash = (product: CanonicalProduct): string =>
  createHash('sha256').update(stableStringify(product)).digest('hex');

const toRow = (r: Raw): SnapshotRow => ({
  key: r.key,
  cbId: r.cb_id,
  product: JSON.parse(r.canonical) as CanonicalProduct,
  hash: r.hash,
  syncedAt: r.synced_at,
  lastOutcome: r.last_outcome,
  lastError: r.last_error,
});

/** One row per managed product: what catalog-sync last synced to cleverbridge, and how that went. */
export class SnapshotRepo {
  readonly #all;
  readonly #get;
  readonly #upsert;
  readonly #remove;
  readonly #outcome;
  readonly #count;

  constructor(db: Db) {
    this.#all = db.prepare<[], Raw>('SELECT * FROM products ORDER BY key');
    this.#get = db.prepare<[string], Raw>('SELECT * FROM products WHERE key = ?');
    this.#upsert = db.prepare(
      `INSERT INTO products (key, cb_id, canonical, hash, synced_at, last_outcome, last_error)
       VALUES (@key, @cbId, @canonical, @hash, @at, 'synced', NULL)
       ON CONFLICT (key) DO UPDATE SET cb_id = @cbId, canonical = @canonical, hash = @hash,
         synced_at = @at, last_outcome = 'synced', last_error = NULL`,
    );
    this.#remove = db.prepare('DELETE FROM products WHERE key = ?');
    this.#outcome = db.prepare('UPDATE products SET last_outcome = @outcome, last_error = @error WHERE key = @key');
    this.#count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM products');
  }

  all(): SnapshotRow[] {
    return this.#all.all().map(toRow);
  }

  get(key: string): SnapshotRow | undefined {
    const raw = this.#get.get(key);
    return raw && toRow(raw);
  }

  count(): number {
    return this.#count.get()!.n;
  }

  /** Records that cleverbridge product `cbId` now holds `product` for `key`. */
  upsert(key: string, cbId: number, product: CanonicalProduct, at: string): void {
    const canonical = stableStringify(product);
    this.#upsert.run({ key, cbId, canonical, hash: productHash(product), at });
  }

  remove(key: string): void {
    this.#remove.run(key);
  }

  /** Keeps the synced values but notes that the last attempt failed or has an unknown outcome. */
  markOutcome(key: string, outcome: LastOutcome, error: string | null): void {
    this.#outcome.run({ key, outcome, error });
  }
}
