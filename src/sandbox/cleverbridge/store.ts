import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { CatalogState, ClientAccount, StoredProduct } from './model.js';

const internalKey = (clientId: number, internalId: string) => `${clientId}\u0000${internalId}`;

/**
 * The emulator's catalog: products by id, indexed by (client, internalId), plus the client
 * accounts they refer to. Optionally mirrored to a JSON file so a sandbox keeps its data across
 * restarts; writes are coalesced and atomic (temporary file, then rename).
 */
export class ProductStore {
  /**
   * Whether a second product of a client may take an internalId another one has. The guide does
   * not say internalIds are unique (it only names a product by one in update and delete), so the
   * sandbox can run either way; see docs/cleverbridge-sandbox.md.
   */
  uniqueInternalIds = true;
  #products = new Map<number, StoredProduct>();
  /** The ids of the client's products with that internalId, oldest first. */
  #byInternalId = new Map<string, number[]>();
  #clients = new Map<number, ClientAccount>();
  #nextProductId: number;
  #nextPriceId: number;
  #file: string | undefined;
  #flushTimer: NodeJS.Timeout | undefined;

  constructor(state: CatalogState, options: { file?: string } = {}) {
    this.#file = options.file;
    this.#nextProductId = state.nextProductId;
    this.#nextPriceId = state.nextPriceId;
    for (const client of state.clients) this.#clients.set(client.id, client);
    for (const product of state.products) this.#index(product);
  }

  /** Loads the file when it exists, otherwise starts from `seed()` (and writes it). */
  static open(file: string | undefined, seed: () => CatalogState): ProductStore {
    if (file && existsSync(file)) {
      const state = JSON.parse(readFileSync(file, 'utf8')) as CatalogState;
      return new ProductStore(state, { file });
    }
    const store = new ProductStore(seed(), file ? { file } : {});
    if (file) store.flushSync();
    return store;
  }

  get size(): number {
    return this.#products.size;
  }

  client(id: number): ClientAccount | undefined {
    return this.#clients.get(id);
  }

  get(id: number): StoredProduct | undefined {
    return this.#products.get(id);
  }

  /** The client's product with this internalId; the oldest one when several share it. */
  findByInternalId(clientId: number, internalId: string): StoredProduct | undefined {
    const id = this.#byInternalId.get(internalKey(clientId, internalId))?.[0];
    return id === undefined ? undefined : this.#products.get(id);
  }

  /** The client's products in the order they were added. */
  *list(clientId: number): Iterable<StoredProduct> {
    for (const product of this.#products.values()) if (product.clientId === clientId) yield product;
  }

  all(): Iterable<StoredProduct> {
    return this.#products.values();
  }

  allocateProductId(): number {
    return this.#nextProductId++;
  }

  allocatePriceId(): number {
    return this.#nextPriceId++;
  }

  /** Inserts or replaces a product, keeping the internalId index in step. */
  put(product: StoredProduct): void {
    const previous = this.#products.get(product.id);
    if (previous) this.#unindex(previous);
    this.#index(product);
    this.#changed();
  }

  delete(id: number): boolean {
    const product = this.#products.get(id);
    if (!product) return false;
    this.#products.delete(id);
    this.#unindex(product);
    this.#changed();
    return true;
  }

  /** Products that name `id` as their base product or as a bundle item. */
  dependentsOf(id: number): StoredProduct[] {
    const found: StoredProduct[] = [];
    for (const p of this.#products.values()) {
      if (p.baseProductId === id || p.bundleProducts?.some((b) => b.itemProductId === id)) found.push(p);
    }
    return found;
  }

  /** A deep copy of everything, as a seed or the JSON file holds it. */
  snapshot(): CatalogState {
    return structuredClone(this.#state());
  }

  flushSync(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    if (!this.#file) return;
    const tmp = `${this.#file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.#state()));
    renameSync(tmp, this.#file);
  }

  #state(): CatalogState {
    return {
      nextProductId: this.#nextProductId,
      nextPriceId: this.#nextPriceId,
      clients: [...this.#clients.values()],
      products: [...this.#products.values()],
    };
  }

  #index(product: StoredProduct): void {
    this.#products.set(product.id, product);
    if (!product.internalId) return;
    const key = internalKey(product.clientId, product.internalId);
    const ids = this.#byInternalId.get(key) ?? [];
    ids.push(product.id);
    ids.sort((a, b) => a - b);
    this.#byInternalId.set(key, ids);
  }

  #unindex(product: StoredProduct): void {
    if (!product.internalId) return;
    const key = internalKey(product.clientId, product.internalId);
    const ids = (this.#byInternalId.get(key) ?? []).filter((id) => id !== product.id);
    if (ids.length > 0) this.#byInternalId.set(key, ids);
    else this.#byInternalId.delete(key);
  }

  #changed(): void {
    if (!this.#file || this.#flushTimer) return;
    this.#flushTimer = setTimeout(() => this.flushSync(), 200);
    this.#flushTimer.unref();
  }
}
