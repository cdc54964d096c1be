import type { MappingConfig } from '../core/mapping-config.js';
import type { SalesforceProduct, SfRecord } from '../core/salesforce-product.js';
import type { SalesforceSource } from '../sync/sources.js';
import type { WriteBackUpdate } from '../sync/write-back.js';
import type { SfConnection } from './connection.js';
import { classifySalesforceError, type SalesforceError } from './errors.js';
import { toId18 } from '../core/salesforce-id.js';
import { stampKey, type RecordStamp } from '../state/recent-reads-repo.js';
import { changeQueries, DELETED_QUERY, deletedAmongQuery, productsQuery, translationsQuery } from './soql.js';

interface Page {
  done: boolean;
  nextRecordsUrl?: string;
  records: SfRecord[];
}

interface ChildResult {
  done: boolean;
  nextRecordsUrl?: string;
  records: SfRecord[];
}

/**
 * Reads the catalog from Salesforce page by page (2,000 products a page at most): each page is
 * mapped and dropped before the next is fetched, so memory does not grow with the raw records.
 * Child rows past Salesforce's inline limit are fetched from their own locator.
 */
/** Products are fetched by id in groups this big (an IN list well inside SOQL's length limit). */
const IDS_PER_QUERY = 200;
/** Records one sObject Collections call takes. */
const COLLECTION_SIZE = 200;
/** sObject Collections calls in flight during a write-back, and tries of each. */
const WRITE_BACK_CONCURRENCY = 4;
const WRITE_BACK_ATTEMPTS = 3;
/**
 * Records stamped this long before the newest one read are not kept as recent reads: past any
 * sane overlap window (a longer window only means some records are read again).
 */
const RECENT_MS = 60 * 60_000;

/** The records one read saw near its newest SystemModstamp. */
class RecentReads {
  #newest = 0;
  #list: RecordStamp[] = [];

  add(id: string, stamp: number) {
    if (stamp > this.#newest) this.#newest = stamp;
    if (stamp >= this.#newest - RECENT_MS) this.#list.push({ id, stamp });
  }

  get list(): RecordStamp[] {
    return this.#list.filter((r) => r.stamp >= this.#newest - RECENT_MS);
  }
}

const stampOf = (record: SfRecord): number => Date.parse(String(record.SystemModstamp ?? ''));

export class SalesforceReader implements SalesforceSource {
  #requests = 0;
  #rows = 0;
  #newest = 0;
  #recent: RecentReads | null = null;
  #lengths: Promise<Map<string, number>> | null = null;

  constructor(
    private readonly conn: SfConnection,
    private readonly config: MappingConfig,
  ) {}

  get requests(): number {
    return this.#requests;
  }

  /** Salesforce's API usage over the last 24 hours, from its Sforce-Limit-Info header. */
  get apiUsage(): { used: number; limit: number } | null {
    const usage = this.conn.limitInfo?.apiUsage;
    return usage ? { used: usage.used, limit: usage.limit } : null;
  }

  /**
   * Records Salesforce returned so far: ids of changes, products, and their related records
   * (prices, tiers, translations), those inline in a product included, as Salesforce counts them
   * against a page's 2,000.
   */
  get rowsRead(): number {
    return this.#rows;
  }

  /** The latest SystemModstamp among the records read, as ISO 8601: Salesforce's clock, not ours. */
  get newest(): string | null {
    return this.#newest === 0 ? null : new Date(this.#newest).toISOString();
  }

  #stamp(record: SfRecord) {
    const t = stampOf(record);
    if (!Number.isFinite(t)) return;
    if (t > this.#newest) this.#newest = t;
    const id = toId18(String(record.Id ?? ''));
    if (id) this.#recent?.add(id, t);
  }

  /** Runs one read, collecting the records it sees near its newest SystemModstamp. */
  async #reading<T>(read: () => Promise<T>): Promise<T & { recent: RecordStamp[] }> {
    const recent = new RecentReads();
    this.#recent = recent;
    try {
      return { ...(await read()), recent: recent.list };
    } finally {
      this.#recent = null;
    }
  }

  readAll(onProduct: (product: SalesforceProduct) => void): Promise<{ deletedIds: string[]; recent: RecordStamp[] }> {
    return this.#reading(async () => {
      await this.#readProducts(undefined, onProduct);
      const deletedIds: string[] = [];
      await this.#pages(DELETED_QUERY, true, 'reading deleted products', (r) => void deletedIds.push(String(r.Id)));
      return { deletedIds };
    });
  }

  /**
   * The products changed since `since` (themselves, or their prices, tiers or translations,
   * deleted ones included), read in full, and the products deleted since. A change whose record
   * and SystemModstamp are in `seen` was read by an earlier run: not read again.
   */
  readChanges(
    since: Date,
    alsoIds: readonly string[],
    onProduct: (product: SalesforceProduct) => void,
    seen: ReadonlySet<string> = new Set(),
  ): Promise<{ deletedIds: string[]; changed: number; recent: RecordStamp[] }> {
    return this.#reading(async () => {
      const changed = new Set<string>(alsoIds);
      const deleted = new Set<string>();
      for (const q of changeQueries(this.config, since)) {
        await this.#pages(q.soql, q.what !== 'products', `reading changed ${q.what}`, (r) => {
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
        found.add(toId18(String(product.record.Id)) ?? '');
        onProduct(product);
      };
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY)
        await this.#readProducts(ids.slice(i, i + IDS_PER_QUERY), deliver);
      // A product revisited because its last mutation's outcome is unknown may have been
      // deleted before this run's window: its deletion must still reach cleverbridge.
      const missing = alsoIds.filter((id) => !found.has(id) && !deleted.has(id));
      for (let i = 0; i < missing.length; i += IDS_PER_QUERY) {
        const soql = deletedAmongQuery(missing.slice(i, i + IDS_PER_QUERY));
        await this.#pages(soql, true, 'reading deleted products', (r) => void deleted.add(toId18(String(r.Id)) ?? ''));
      }
      return { deletedIds: [...deleted], changed: ids.length };
    });
  }

  /** Products (all, or those with `ids`) with their translations, handed over one by one. */
  async #readProducts(ids: readonly string[] | undefined, onProduct: (product: SalesforceProduct) => void) {
    const translations = new Map<string, SfRecord[]>();
    const tq = translationsQuery(this.config, ids);
    if (tq) {
      await this.#pages(tq, false, 'reading translations', (r) => {
        const parent = String(r.ParentId);
        const list = translations.get(parent);
        if (list) list.push(r);
        else translations.set(parent, [r]);
      });
    }
    const relationship = this.config.tiers?.relationship;
    await this.#pages(productsQuery(this.config, ids), false, 'reading products', async (record) => {
      const priceEntries = await this.#children(record.PricebookEntries);
      const tiers = relationship ? await this.#children(record[relationship]) : [];
      for (const child of [...priceEntries, ...tiers]) this.#stamp(child);
      onProduct({ record, priceEntries, tiers, translations: translations.get(String(record.Id)) ?? [] });
    });
  }

  textLength(field: string): Promise<number | null> {
    this.#lengths ??= this.#call('describing Product2', () => this.conn.sobject('Product2').describe()).then(
      (d) => new Map(d.fields.map((f) => [f.name.toLowerCase(), f.length])),
    );
    return this.#lengths.then((m) => m.get(field.toLowerCase()) || null);
  }

  /**
   * Writes sync outcomes to Product2 in sObject Collections of 200, a few calls at a time (well
   * inside Salesforce's concurrent request limit); per-record failures are counted. A call that
   * gets no answer (a connection reset, a 5xx) is sent again, twice at most: it sets the same
   * values, so a repeat is harmless. A call that still fails counts its records as failed and
   * the others go on; a refusal of the credentials or the API limit stops the write-back.
   */
  async writeBack(updates: readonly WriteBackUpdate[]): Promise<{ written: number; failed: number; errors: string[] }> {
    let written = 0;
    const errors: string[] = [];
    const chunks: WriteBackUpdate[][] = [];
    for (let i = 0; i < updates.length; i += COLLECTION_SIZE) chunks.push(updates.slice(i, i + COLLECTION_SIZE));
    const send = async (rows: WriteBackUpdate[]) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.#call('writing sync status back', () =>
            this.conn.sobject('Product2').update(rows as Array<{ Id: string }>, { allOrNone: false }),
          );
        } catch (error) {
          if ((error as SalesforceError).kind !== 'unavailable' || attempt >= WRITE_BACK_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
        }
      }
    };
    const write = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        let results: unknown;
        try {
          results = await send(chunk);
        } catch (error) {
          if ((error as SalesforceError).kind !== 'unavailable') throw error;
          for (let i = 0; i < chunk.length; i++) errors.push((error as Error).message);
          continue;
        }
        for (const r of results as Array<{ success: boolean; errors?: Array<{ message?: string }> }>) {
          if (r.success) written++;
          else errors.push(r.errors?.map((e) => e.message).join('; ') ?? 'unknown error');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITE_BACK_CONCURRENCY, chunks.length) }, write));
    return { written, failed: errors.length, errors };
  }

  async #pages(soql: string, scanAll: boolean, doing: string, each: (record: SfRecord) => void | Promise<void>) {
    let page = await this.#call(
      doing,
      () => this.conn.query(soql, { autoFetch: false, scanAll }) as unknown as PromiseLike<Page>,
    );
    for (;;) {
      // The next page is asked for before this one is handled: Salesforce prepares it while we
      // map, instead of both waiting in turn. One page ahead at most, so memory stays flat.
      const next = page.done || !page.nextRecordsUrl ? null : page.nextRecordsUrl;
      const ahead = next ? this.#call(doing, () => this.conn.queryMore(next) as unknown as PromiseLike<Page>) : null;
      ahead?.catch(() => undefined); // awaited below; if handling this page throws first, not unhandled
      this.#rows += page.records.length;
      for (const record of page.records) {
        this.#stamp(record);
        await each(record);
      }
      if (!ahead) return;
      page = await ahead;
    }
  }

  async #children(value: unknown): Promise<SfRecord[]> {
    if (!value) return [];
    let result = value as ChildResult;
    const records = [...result.records];
    this.#rows += result.records.length;
    while (!result.done && result.nextRecordsUrl) {
      const next = result.nextRecordsUrl;
      result = await this.#call(
        'reading related records',
        () => this.conn.queryMore(next) as unknown as PromiseLike<ChildResult>,
      );
      records.push(...result.records);
      this.#rows += result.records.length;
    }
    return records;
  }

  async #call<T>(doing: string, fn: () => PromiseLike<T>): Promise<T> {
    this.#requests++;
    try {
      return await fn();
    } catch (error) {
      throw classifySalesforceError(error, doing);
    }
  }
}
