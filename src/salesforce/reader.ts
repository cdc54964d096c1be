import type { MappingConfig } from '../core/mapping-config.js';
import type { SalesforceProduct, SfRecord } from '../core/salesforce-product.js';
import type { SalesforceSource } from '../sync/sources.js';
import type { SfConnection } from './connection.js';
import { classifySalesforceError } from './errors.js';
import { DELETED_QUERY, productsQuery, translationsQuery } from './soql.js';

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
export class SalesforceReader implements SalesforceSource {
  #requests = 0;

  constructor(
    private readonly conn: SfConnection,
    private readonly config: MappingConfig,
  ) {}

  get requests(): number {
    return this.#requests;
  }

  async readAll(onProduct: (product: SalesforceProduct) => void): Promise<{ deletedIds: string[] }> {
    const translations = new Map<string, SfRecord[]>();
    const tq = translationsQuery(this.config);
    if (tq) {
      await this.#pages(tq, false, 'reading translations', (r) => {
        const parent = String(r.ParentId);
        const list = translations.get(parent);
        if (list) list.push(r);
        else translations.set(parent, [r]);
      });
    }
    const relationship = this.config.tiers?.relationship;
    await this.#pages(productsQuery(this.config), false, 'reading products', async (record) => {
      const priceEntries = await this.#children(record.PricebookEntries);
      const tiers = relationship ? await this.#children(record[relationship]) : [];
      onProduct({ record, priceEntries, tiers, translations: translations.get(String(record.Id)) ?? [] });
    });
    const deletedIds: string[] = [];
    await this.#pages(DELETED_QUERY, true, 'reading deleted products', (r) => void deletedIds.push(String(r.Id)));
    return { deletedIds };
  }

  async #pages(soql: string, scanAll: boolean, doing: string, each: (record: SfRecord) => void | Promise<void>) {
    let page = await this.#call(
      doing,
      () => this.conn.query(soql, { autoFetch: false, scanAll }) as unknown as PromiseLike<Page>,
    );
    for (;;) {
      for (const record of page.records) await each(record);
      if (page.done || !page.nextRecordsUrl) return;
      const next = page.nextRecordsUrl;
      page = await this.#call(doing, () => this.conn.queryMore(next) as unknown as PromiseLike<Page>);
    }
  }

  async #children(value: unknown): Promise<SfRecord[]> {
    if (!value) return [];
    let result = value as ChildResult;
    const records = [...result.records];
    while (!result.done && result.nextRecordsUrl) {
      const next = result.nextRecordsUrl;
      result = await this.#call(
        'reading related records',
        () => this.conn.queryMore(next) as unknown as PromiseLike<ChildResult>,
      );
      records.push(...result.records);
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
