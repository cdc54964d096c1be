import { createHash } from 'node:crypto';
import type { KeptPriceValue } from '../core/product.js';
import type { SnapshotEntry, SnapshotSource } from '../core/plan-types.js';
import { stableStringify, type CanonicalProduct } from '../core/product.js';
import type { Db } from './database.js';

export type LastOutcome = 'synced' | 'failed' | 'unknown';

export interface SnapshotRow extends SnapshotEntry {
  hash: string;
  syncedAt: string;
  lastOutcome: LastOutcome;
  lastError: string | null;
  /** cleverbridge's price values outside the mapping, as last seen. */
  keptPriceValues: KeptPriceValue[];
}

interface Raw {
  key: string;
  cb_id: number;
  canonical: string;
  hash: string;
  synced_at: string;
  last_outcome: LastOutcome;
  last_error: string | null;
  kept_prices: string;
}

/** A hash of the whole product; the sync layer stores the hash of its managed fields instead. */
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
  keptPriceValues: JSON.parse(r.kept_prices) as KeptPriceValue[],
});

/** One row per managed product: what catalog-sync last synced to cleverbridge, and how that went. */
export class SnapshotRepo {
  readonly #all;
  readonly #get;
  readonly #upsert;
  readonly #remove;
  readonly #outcome;
  readonly #count;
  readonly #unknown;
  readonly #kept;
  readonly #keptOf;
  readonly #ref;
  readonly #byCbId;
  readonly #keys;
  readonly #digestRows;

  constructor(db: Db) {
    this.#digestRows = db
      .prepare<[], [string, number, string, string]>('SELECT key, cb_id, hash, last_outcome FROM products ORDER BY key')
      .raw();
    this.#ref = db.prepare<[string], { cbId: number; hash: string }>(
      'SELECT cb_id AS cbId, hash FROM products WHERE key = ?',
    );
    this.#byCbId = db.prepare<[number], { key: string; hash: string }>(
      'SELECT key, hash FROM products WHERE cb_id = ?',
    );
    this.#keys = db.prepare<[], string>('SELECT key FROM products ORDER BY key').pluck();
    this.#all = db.prepare<[], Raw>('SELECT * FROM products ORDER BY key');
    this.#get = db.prepare<[string], Raw>('SELECT * FROM products WHERE key = ?');
    this.#upsert = db.prepare(
      `INSERT INTO products (key, cb_id, canonical, hash, synced_at, last_outcome, last_error, kept_prices)
       VALUES (@key, @cbId, @canonical, @hash, @at, 'synced', NULL, @kept)
       ON CONFLICT (key) DO UPDATE SET cb_id = @cbId, canonical = @canonical, hash = @hash,
         synced_at = @at, last_outcome = 'synced', last_error = NULL, kept_prices = @kept`,
    );
    this.#remove = db.prepare('DELETE FROM products WHERE key = ?');
    this.#outcome = db.prepare('UPDATE products SET last_outcome = @outcome, last_error = @error WHERE key = @key');
    this.#kept = db.prepare('UPDATE products SET kept_prices = ? WHERE key = ?');
    this.#keptOf = db.prepare<[string], string>('SELECT kept_prices FROM products WHERE key = ?').pluck();
    this.#unknown = db.prepare<[], { key: string }>(`SELECT key FROM products WHERE last_outcome = 'unknown'`);
    this.#count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM products');
  }

  all(): SnapshotRow[] {
    return this.#all.all().map(toRow);
  }

  /** The rows of the given keys that exist. */
  getMany(keys: Iterable<string>): SnapshotRow[] {
    const rows: SnapshotRow[] = [];
    for (const key of keys) {
      const raw = this.#get.get(key);
      if (raw) rows.push(toRow(raw));
    }
    return rows;
  }

  get(key: string): SnapshotRow | undefined {
    const raw = this.#get.get(key);
    return raw && toRow(raw);
  }

  /** The row's product id and hash, without the product. */
  ref(key: string): { cbId: number; hash: string } | undefined {
    return this.#ref.get(key);
  }

  /** The row that holds cleverbridge product `cbId`: its key and hash, without the product. */
  ofCbId(cbId: number): { key: string; hash: string } | undefined {
    return this.#byCbId.get(cbId);
  }

  /**
   * The snapshot as a plan reads it, by key from the state file: only the rows compared field
   * by field are loaded whole. Its size is the count when it was made.
   */
  source(): SnapshotSource {
    // A plan asks for one product's ref several times in a row: one query answers them.
    let last: { key: string; ref: ReturnType<SnapshotRepo['ref']> } | null = null;
    return {
      size: this.count(),
      keys: () => this.#keys.all(),
      ref: (key) => {
        if (last?.key !== key) last = { key, ref: this.ref(key) };
        return last.ref;
      },
      get: (key) => this.get(key),
    };
  }

  /** Keys whose last mutation has an unknown outcome: the next incremental run reads them again. */
  unknownKeys(): string[] {
    return this.#unknown.all().map((r) => r.key);
  }

  count(): number {
    return this.#count.get()!.n;
  }

  /**
   * A digest of what a plan reads of every row (its product id, its hash, whether its last
   * outcome is known), streamed from the file: equal exactly when no row a plan compares changed.
   */
  digest(): string {
    const hash = createHash('sha256');
    for (const row of this.#digestRows.iterate()) hash.update(`${row.join('\t')}\n`);
    return hash.digest('hex');
  }

  /**
   * Records that cleverbridge product `cbId` now holds `product` (and `kept`) for `key`; `hash`
   * is what a plan compares (runs give the managedHash of the mapping's fields).
   */
  upsert(
    key: string,
    cbId: number,
    product: CanonicalProduct,
    at: string,
    kept: readonly KeptPriceValue[] = [],
    hash = productHash(product),
  ): void {
    const canonical = stableStringify(product);
    this.#upsert.run({ key, cbId, canonical, hash, at, kept: JSON.stringify(kept) });
  }

  remove(key: string): void {
    this.#remove.run(key);
  }

  /**
   * Updates what cleverbridge keeps beside the managed prices, nothing else, where the row
   * holds other values (compared as written, without loading the row).
   */
  setKept(key: string, kept: readonly KeptPriceValue[]): void {
    const json = JSON.stringify(kept);
    const now = this.#keptOf.get(key);
    if (now !== undefined && now !== json) this.#kept.run(json, key);
  }

  /** Keeps the synced values but notes that the last attempt failed or has an unknown outcome. */
  markOutcome(key: string, outcome: LastOutcome, error: string | null): void {
    this.#outcome.run({ key, outcome, error });
  }
}
