import type { SfRecord } from '../core/salesforce-product.js';
import { toId18 } from '../core/salesforce-id.js';
import { withRetries, type Sleep } from '../sync/retry-policy.js';
import type { RecordStamp } from '../sync/ports.js';
import type { SfConnection } from './connection.js';
import { classifySalesforceError } from './errors.js';

/** A query result page as jsforce returns it (also a relationship's inline child rows). */
interface Page {
  done: boolean;
  nextRecordsUrl?: string;
  records: SfRecord[];
}

/**
 * Records stamped this long before the newest one read are not kept as recent reads, unless
 * the reader is told its overlap window: past any sane one (a longer window only means some
 * records are read again).
 */
export const RECENT_MS = 60 * 60_000;

/** Whether a record holds a relationship whose rows continue behind a locator (more than fit inline). */
const hasChildLocator = (record: SfRecord): boolean =>
  Object.values(record).some((v) => {
    const page = v as Partial<Page> | null;
    return typeof page === 'object' && page !== null && page.done === false && typeof page.nextRecordsUrl === 'string';
  });

export const stampOf = (record: SfRecord): number => Date.parse(String(record.SystemModstamp ?? ''));

/**
 * One read of Salesforce and what it found: its requests, the records it returned, its newest
 * SystemModstamp and the records stamped near it. Each read has its own, so reads running at
 * the same time (a run and a dry run) never mix their findings.
 */
export class ReadPass {
  requests = 0;
  rows = 0;
  #newest = 0;
  #recent: RecordStamp[] = [];
  /** When #recent is this long, what fell out of the window is let go (so a large read holds few). */
  #pruneAt = 1000;

  constructor(
    private readonly conn: SfConnection,
    private readonly wait: Sleep,
    private readonly recentMs = RECENT_MS,
  ) {}

  /** The latest SystemModstamp read, as ISO 8601: Salesforce's clock, not ours. */
  get newest(): string | null {
    return this.#newest === 0 ? null : new Date(this.#newest).toISOString();
  }

  get recent(): RecordStamp[] {
    return this.#recent.filter((r) => r.stamp >= this.#newest - this.recentMs);
  }

  /** How many records this pass holds as recent reads (what a large read must not grow). */
  get held(): number {
    return this.#recent.length;
  }

  stamp(record: SfRecord): void {
    const t = stampOf(record);
    if (!Number.isFinite(t)) return;
    if (t > this.#newest) this.#newest = t;
    if (t < this.#newest - this.recentMs) return;
    const id = toId18(String(record.Id ?? ''));
    if (id) this.#recent.push({ id, stamp: t });
    if (this.#recent.length >= this.#pruneAt) {
      this.#recent = this.recent;
      this.#pruneAt = Math.max(1000, 2 * this.#recent.length);
    }
  }

  /** One API call, retried when Salesforce is unavailable, its failure classified. */
  async call<T>(doing: string, fn: () => PromiseLike<T>): Promise<T> {
    return withRetries(async () => {
      this.requests++;
      try {
        return await fn();
      } catch (error) {
        throw classifySalesforceError(error, doing);
      }
    }, this.wait);
  }

  /**
   * Every record of a query, page by page, each handed to `each` in order. The next page is asked
   * for before this one is handled (Salesforce prepares it while we map; one page ahead at most),
   * except when a record of this page has related records behind their own locator: fetching the
   * parent's next page invalidates those (SOAP API, QueryLocator), so they are read first.
   */
  async pages(soql: string, scanAll: boolean, doing: string, each: (record: SfRecord) => void | Promise<void>) {
    let page = await this.call(
      doing,
      () => this.conn.query(soql, { autoFetch: false, scanAll }) as unknown as PromiseLike<Page>,
    );
    for (;;) {
      const next = page.done || !page.nextRecordsUrl ? null : page.nextRecordsUrl;
      const fetch = () => this.call(doing, () => this.conn.queryMore(next!) as unknown as PromiseLike<Page>);
      let ahead = next && !page.records.some(hasChildLocator) ? fetch() : null;
      ahead?.catch(() => undefined); // awaited below; if handling this page throws first, not unhandled
      this.rows += page.records.length;
      for (const record of page.records) {
        this.stamp(record);
        await each(record);
      }
      if (!next) return;
      ahead ??= fetch();
      page = await ahead;
    }
  }

  /** A relationship's child rows, those past the inline limit fetched from their own locator. */
  async children(value: unknown): Promise<SfRecord[]> {
    if (!value) return [];
    let result = value as Page;
    const records = [...result.records];
    this.rows += result.records.length;
    while (!result.done && result.nextRecordsUrl) {
      const next = result.nextRecordsUrl;
      result = await this.call(
        'reading related records',
        () => this.conn.queryMore(next) as unknown as PromiseLike<Page>,
      );
      records.push(...result.records);
      this.rows += result.records.length;
    }
    for (const child of records) this.stamp(child);
    return records;
  }
}
