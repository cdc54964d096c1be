import type { MappingConfig } from '../core/mapping-config.js';
import type { SalesforceProduct, SfRecord } from '../core/salesforce-product.js';
import { toId18 } from '../core/salesforce-id.js';
import {
  stampKey,
  type ChangeTargets,
  type KnownToIncrementalRead,
  type SalesforceChanges,
  type SalesforceFingerprint,
  type SalesforceRead,
  type SalesforceSource,
} from '../sync/ports.js';
import { sleep, type Sleep } from '../sync/retry-policy.js';
import type { SfConnection } from './connection.js';
import { readFingerprint } from './fingerprint.js';
import { ReadPass, RECENT_MS, stampOf } from './read-pass.js';
import { sourceHash, sourceHashFields } from './source-hash.js';
import {
  allProductsQuery,
  changeQueries,
  DELETED_QUERY,
  parentsQuery,
  productsAmongQuery,
  productsQuery,
  translationsQuery,
  type OrgBinding,
} from './soql.js';

/** Products are fetched by id in groups this big (an IN list well inside SOQL's length limit). */
const IDS_PER_QUERY = 200;

/**
 * When at least this share of the managed products changed, they are read as a full read reads
 * them (the whole scope, 2,000 rows a page) instead of 200 ids at a time, two queries a group: a
 * burst of system changes (SystemModstamp moved on a whole object) then costs a full read, not
 * two or three times as many requests. Reading by ids is cheaper below about this share.
 */
const SCAN_SHARE = 0.5;

const chunks = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/**
 * Reads the catalog from Salesforce page by page (2,000 products a page at most): each page is
 * mapped and dropped before the next is fetched, so memory does not grow with the raw records.
 * Each read is a ReadPass of its own, so one reader serves runs and dry runs at the same time.
 */
export class SalesforceReader implements SalesforceSource {
  /** The Product2 fields a product's source hash covers. */
  readonly #hashed: string[];

  /**
   * `overlapMs`: the incremental runs' overlap window; only records read within it of the
   * newest are kept as recent reads (by default, an hour's).
   */
  constructor(
    private readonly conn: SfConnection,
    private readonly config: MappingConfig,
    private readonly binding: OrgBinding = { priceBookId: null },
    private readonly wait: Sleep = sleep,
    private readonly overlapMs = RECENT_MS,
  ) {
    this.#hashed = sourceHashFields(config);
  }

  /** Salesforce's API usage over the last 24 hours, from its Sforce-Limit-Info header. */
  get apiUsage(): { used: number; limit: number } | null {
    const usage = this.conn.limitInfo?.apiUsage;
    return usage ? { used: usage.used, limit: usage.limit } : null;
  }

  async readAll(onProduct: (product: SalesforceProduct) => void | Promise<void>): Promise<SalesforceRead> {
    const pass = new ReadPass(this.conn, this.wait, this.overlapMs);
    const found = new Set<string>();
    await this.#readProducts(pass, undefined, (product) => {
      if (this.config.scope.where) found.add(keyOf(product.record));
      return onProduct(product);
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

  fingerprint(): Promise<{ fingerprint: SalesforceFingerprint; requests: number }> {
    return readFingerprint(this.conn, new ReadPass(this.conn, this.wait, this.overlapMs), this.config, this.binding);
  }

  /**
   * The products changed since `since` (themselves, or their prices, tiers or translations,
   * deleted ones included), read in full, and the products deleted since. A change whose record
   * and SystemModstamp are in `seen` was read by an earlier run: not read again.
   */
  async readChanges(
    since: Date,
    onProduct: (product: SalesforceProduct) => void,
    { alsoIds, seen, catalogSize, sourceHashOf }: KnownToIncrementalRead,
  ): Promise<SalesforceChanges> {
    const pass = new ReadPass(this.conn, this.wait, this.overlapMs);
    const { changed, deleted } = await this.#changedIds(pass, since, alsoIds, seen, sourceHashOf);
    return this.#readChangedIds(pass, changed, deleted, since.getTime(), catalogSize, onProduct);
  }

  async readTargets(
    targets: ChangeTargets,
    onProduct: (product: SalesforceProduct) => void,
    { alsoIds, catalogSize }: Pick<KnownToIncrementalRead, 'alsoIds' | 'catalogSize'>,
  ): Promise<SalesforceChanges> {
    const pass = new ReadPass(this.conn, this.wait, this.overlapMs);
    const changed = new Set([...alsoIds, ...targets.products]);
    for (const what of ['priceEntries', 'tiers'] as const) {
      for (const group of chunks(targets[what], IDS_PER_QUERY)) {
        const q = parentsQuery(this.config, this.binding, what, group);
        if (!q) continue;
        await pass.pages(q.soql, true, `reading the products of changed ${what}`, (r) => {
          const id = toId18(String(r[q.productField] ?? ''));
          if (id) changed.add(id);
        });
      }
    }
    return this.#readChangedIds(pass, changed, new Set(), null, catalogSize, onProduct);
  }

  /** The `changed` products in full, and which of them are deleted, out of scope or purged. */
  async #readChangedIds(
    pass: ReadPass,
    changed: ReadonlySet<string>,
    deleted: Set<string>,
    stampedFrom: number | null,
    catalogSize: number,
    onProduct: (product: SalesforceProduct) => void,
  ): Promise<SalesforceChanges> {
    const found = await this.#readChanged(pass, changed, stampedFrom, catalogSize, onProduct);
    const outOfScope: SfRecord[] = [];
    const missing = [...changed].filter((id) => !found.has(id));
    const purgedIds = await this.#notReturned(pass, missing, deleted, outOfScope);
    return { ...findings(pass, [...deleted], outOfScope), changed: changed.size, purgedIds };
  }

  /**
   * The products whose records changed since `since` (and `alsoIds`), and those deleted since. A
   * product whose own fields the mapping reads hash as when it was last synced did not change
   * for cleverbridge (only its SystemModstamp moved): left out, unless a related record changed.
   * A related record (price, tier, translation) read before at the same stamp is left out too.
   */
  async #changedIds(
    pass: ReadPass,
    since: Date,
    alsoIds: readonly string[],
    seen: ReadonlySet<string>,
    sourceHashOf: KnownToIncrementalRead['sourceHashOf'],
  ) {
    const changed = new Set<string>(alsoIds);
    const deleted = new Set<string>();
    for (const q of changeQueries(this.config, this.binding, since, this.#hashed)) {
      await pass.pages(q.soql, q.what !== 'products', `reading changed ${q.what}`, (r) => {
        const id = toId18(String(r[q.productField] ?? ''));
        if (!id) return;
        if (q.deleted) deleted.add(id);
        else {
          // A synced product is told by its hash, not by a stamp read before: SystemModstamp is
          // to the second, so an edit in the second a run read the product keeps that stamp.
          const stored = q.what === 'products' ? sourceHashOf(id) : undefined;
          const seenBefore = seen.has(stampKey(toId18(String(r.Id)) ?? '', stampOf(r)));
          if (stored !== undefined ? stored !== sourceHash(this.#hashed, r) : !seenBefore) changed.add(id);
        }
      });
    }
    for (const id of deleted) changed.delete(id);
    return { changed, deleted };
  }

  /**
   * The changed products in full, 200 ids a group; or, when they are many (SCAN_SHARE of the
   * catalog: a burst), as a full read reads them, keeping the changed ones and any stamped from
   * `stampedFrom` on (changed after the change queries ran: the cursor moves past what this read
   * saw, so nothing it saw may be dropped; null when the read moves no cursor). Answers the ids
   * handed over.
   */
  async #readChanged(
    pass: ReadPass,
    changed: ReadonlySet<string>,
    stampedFrom: number | null,
    catalogSize: number,
    onProduct: (product: SalesforceProduct) => void,
  ): Promise<Set<string>> {
    const found = new Set<string>();
    const deliver = (product: SalesforceProduct) => {
      found.add(keyOf(product.record));
      onProduct(product);
    };
    if (changed.size === 0) return found;
    if (changed.size < catalogSize * SCAN_SHARE) {
      for (const group of chunks([...changed], IDS_PER_QUERY)) await this.#readProducts(pass, group, deliver);
      return found;
    }
    await this.#readProducts(pass, undefined, (p) => {
      if (changed.has(keyOf(p.record)) || (stampedFrom !== null && stampedSince(p, stampedFrom))) deliver(p);
    });
    return found;
  }

  /**
   * A product the read did not return was deleted (perhaps before this run's window, when it is
   * read again because its last outcome is unknown: its deletion must still reach cleverbridge)
   * or is out of scope. One queryAll does not return either was purged from the recycle bin:
   * only a complete read can tell that it is gone. Answers those purged.
   */
  async #notReturned(pass: ReadPass, missing: string[], deleted: Set<string>, outOfScope: SfRecord[]) {
    const exists = new Set<string>();
    for (const group of chunks(missing, IDS_PER_QUERY)) {
      await pass.pages(productsAmongQuery(this.config, group), true, 'reading products not returned', (r) => {
        exists.add(keyOf(r));
        if (r.IsDeleted === true) deleted.add(keyOf(r));
        else if (this.config.scope.where) outOfScope.push(r);
      });
    }
    return missing.filter((id) => !exists.has(id));
  }

  /** Products (all, or those with `ids`) with their translations, handed over one by one. */
  async #readProducts(
    pass: ReadPass,
    ids: readonly string[] | undefined,
    onProduct: (p: SalesforceProduct) => void | Promise<void>,
  ) {
    const translations = new Map<string, SfRecord[]>();
    const tq = translationsQuery(this.config, ids);
    if (tq) {
      await pass.pages(tq, false, 'reading translations', (record) => {
        // Held for every translation of the catalog until its product is read: only what
        // mapping reads (its language, texts and stamp), not its ids, type and URL.
        const { attributes: _a, Id: _i, ParentId: parentId, ...r } = record;
        const parent = String(parentId);
        const list = translations.get(parent);
        if (list) list.push(r);
        else translations.set(parent, [r]);
      });
    }
    const relationship = this.config.tiers?.relationship;
    await pass.pages(productsQuery(this.config, this.binding, ids), false, 'reading products', async (record) => {
      const priceEntries = await pass.children(record.PricebookEntries);
      const tiers = relationship ? await pass.children(record[relationship]) : [];
      await onProduct({
        record,
        priceEntries,
        tiers,
        translations: translations.get(String(record.Id)) ?? [],
        sourceHash: sourceHash(this.#hashed, record),
      });
    });
  }
}

const keyOf = (record: SfRecord): string => toId18(String(record.Id ?? '')) ?? '';

/** Whether the product or a record read with it was stamped at or after `from` (epoch ms). */
const stampedSince = (p: SalesforceProduct, from: number): boolean =>
  [p.record, ...p.priceEntries, ...p.tiers, ...p.translations].some((r) => stampOf(r) >= from);

const findings = (pass: ReadPass, deletedIds: string[], outOfScope: SfRecord[]): SalesforceRead => ({
  deletedIds,
  purgedIds: [],
  outOfScope,
  newest: pass.newest,
  recent: pass.recent,
  requests: pass.requests,
  rows: pass.rows,
});
