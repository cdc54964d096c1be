import type { MappingConfig } from '../core/mapping-config.js';
import type { SalesforceProduct, SfRecord } from '../core/salesforce-product.js';
import { toId18 } from '../core/salesforce-id.js';
import { stampKey, type SalesforceChanges, type SalesforceRead, type SalesforceSource } from '../sync/ports.js';
import { sleep, type Sleep } from '../sync/retry-policy.js';
import type { SfConnection } from './connection.js';
import { ReadPass, stampOf } from './read-pass.js';
import {
  allProductsQuery,
  changeQueries,
  DELETED_QUERY,
  productsAmongQuery,
  productsQuery,
  translationsQuery,
  type OrgBinding,
} from './soql.js';

/** Products are fetched by id in groups this big (an IN list well inside SOQL's length limit). */
const IDS_PER_QUERY = 200;

const chunks = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/**
 * Reads the catalog from Salesforce page by page (2,000 products a page at most): each page is
 * mapped and dropped before the next is fetched, so memory does not grow with the raw records.
 * Each read is a ReadPass of its own, so one reader serves runs and dry runs at the same time.
 */
export class SalesforceReader implements SalesforceSource {
  constructor(
    private readonly conn: SfConnection,
    private readonly config: MappingConfig,
    private readonly binding: OrgBinding = { priceBookId: null },
    private readonly wait: Sleep = sleep,
  ) {}

  /** Salesforce's API usage over the last 24 hours, from its Sforce-Limit-Info header. */
  get apiUsage(): { used: number; limit: number } | null {
    const usage = this.conn.limitInfo?.apiUsage;
    return usage ? { used: usage.used, limit: usage.limit } : null;
  }

  async readAll(onProduct: (product: SalesforceProduct) => void): Promise<SalesforceRead> {
    const pass = new ReadPass(this.conn, this.wait);
    const found = new Set<string>();
    await this.#readProducts(pass, undefined, (product) => {
      if (this.config.scope.where) found.add(keyOf(product.record));
      onProduct(product);
    });
    // Out of scope: every product the scoped read did not return (not the negated condition,
    // so no product can fall between the two and pass for deleted).
    const outOfScope: SfRecord[] = [];
    if (this.config.scope.where) {
      await pass.pages(allProductsQuery(this.config), false, 'reading products out of scope', (r) => {
        if (!found.has(keyOf(r))) outOfScope.push(r);
      });
    }
    const deletedIds: string[] = [];
    await pass.pages(DELETED_QUERY, true, 'reading deleted products', (r) => void deletedIds.push(String(r.Id)));
    return findings(pass, deletedIds, outOfScope);
  }

  /**
   * The products changed since `since` (themselves, or their prices, tiers or translations,
   * deleted ones included), read in full, and the products deleted since. A change whose record
   * and SystemModstamp are in `seen` was read by an earlier run: not read again.
   */
  async readChanges(
    since: Date,
    alsoIds: readonly string[],
    onProduct: (product: SalesforceProduct) => void,
    seen: ReadonlySet<string> = new Set(),
  ): Promise<SalesforceChanges> {
    const pass = new ReadPass(this.conn, this.wait);
    const changed = new Set<string>(alsoIds);
    const deleted = new Set<string>();
    for (const q of changeQueries(this.config, this.binding, since)) {
      await pass.pages(q.soql, q.what !== 'products', `reading changed ${q.what}`, (r) => {
        const id = toId18(String(r[q.productField] ?? ''));
        if (!id) return;
        if (q.deleted) deleted.add(id);
        else if (!seen.has(stampKey(toId18(String(r.Id)) ?? '', stampOf(r)))) changed.add(id);
      });
    }
    for (const id of deleted) changed.delete(id);
    const ids = [...changed];
    const found = new Set<string>();
    const deliver = (product: SalesforceProduct) => {
      found.add(keyOf(product.record));
      onProduct(product);
    };
    for (const group of chunks(ids, IDS_PER_QUERY)) await this.#readProducts(pass, group, deliver);
    // A product the read did not return was deleted (perhaps before this run's window, when it
    // is read again because its last outcome is unknown: its deletion must still reach
    // cleverbridge) or is out of scope. One queryAll does not return either was purged from the
    // recycle bin: only a complete read can tell that it is gone.
    const outOfScope: SfRecord[] = [];
    const missing = ids.filter((id) => !found.has(id));
    const exists = new Set<string>();
    for (const group of chunks(missing, IDS_PER_QUERY)) {
      await pass.pages(productsAmongQuery(this.config, group), true, 'reading products not returned', (r) => {
        exists.add(keyOf(r));
        if (r.IsDeleted === true) deleted.add(keyOf(r));
        else if (this.config.scope.where) outOfScope.push(r);
      });
    }
    const purgedIds = missing.filter((id) => !exists.has(id));
    return { ...findings(pass, [...deleted], outOfScope), changed: ids.length, purgedIds };
  }

  /** Products (all, or those with `ids`) with their translations, handed over one by one. */
  async #readProducts(pass: ReadPass, ids: readonly string[] | undefined, onProduct: (p: SalesforceProduct) => void) {
    const translations = new Map<string, SfRecord[]>();
    const tq = translationsQuery(this.config, ids);
    if (tq) {
      await pass.pages(tq, false, 'reading translations', (r) => {
        const parent = String(r.ParentId);
        const list = translations.get(parent);
        if (list) list.push(r);
        else translations.set(parent, [r]);
      });
    }
    const relationship = this.config.tiers?.relationship;
    await pass.pages(productsQuery(this.config, this.binding, ids), false, 'reading products', async (record) => {
      const priceEntries = await pass.children(record.PricebookEntries);
      const tiers = relationship ? await pass.children(record[relationship]) : [];
      onProduct({ record, priceEntries, tiers, translations: translations.get(String(record.Id)) ?? [] });
    });
  }
}

const keyOf = (record: SfRecord): string => toId18(String(record.Id ?? '')) ?? '';

const findings = (pass: ReadPass, deletedIds: string[], outOfScope: SfRecord[]): SalesforceRead => ({
  deletedIds,
  purgedIds: [],
  outOfScope,
  newest: pass.newest,
  recent: pass.recent,
  requests: pass.requests,
  rows: pass.rows,
});
