import { SfError, SfErrorCode } from '../errors.js';
import type { RecordStore } from '../store/record-store.js';
import type { CompiledQuery } from './compile-query.js';
import { projectRow } from './project-record.js';
import type { QueryOutcome, QueryRow } from './run-query.js';
import { createRandom, type Random } from '../../shared/random.js';

/** A query result page as the REST API answers it. */
export interface QueryResultJson {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: unknown[];
}

export interface PagerOptions {
  /** Salesforce releases a query cursor after 15 minutes without use. */
  idleMs: number;
  /** Open cursors kept at most; the least recently used goes first. Bounds memory in long runs. */
  maxOpen: number;
  /** Child rows a subquery answers inline; more are paged behind their own locator. */
  childrenInline: number;
  /**
   * The most JSON a page carries: rows past it wait for the next page, so large rows make short
   * pages (REST API Developer Guide, Query Options Header: the requested batch size is not
   * guaranteed to be the actual one). At least one row a page.
   */
  pageBytes: number;
  /** Share (0..1) of pages cut short at a random row count (fault mode), from a seeded PRNG. */
  shortPageRate: number;
  seed: number;
}

export const DEFAULT_PAGER_OPTIONS: Readonly<PagerOptions> = Object.freeze({
  idleMs: 15 * 60_000,
  maxOpen: 1000,
  childrenInline: 200,
  pageBytes: Infinity,
  shortPageRate: 0,
  seed: 1,
});

interface Cursor {
  rows: QueryRow[];
  query: CompiledQuery;
  lastUsed: number;
  /** The child cursors its last page opened (subqueries past the inline limit). */
  children: string[];
}

const LOCATOR = /^([a-zA-Z0-9]{15}|[a-zA-Z0-9]{18})-(\d+)$/;

/**
 * Serves query results in batches. A result larger than one batch stays here behind a query
 * locator (`01g...-2000`: cursor id and the number of rows already answered); its rows were
 * fixed when the query ran. Child rows count toward the batch size, as on the platform.
 */
export class QueryPager {
  #cursors = new Map<string, Cursor>();
  #store: RecordStore;
  #newCursorId: () => string;
  #now: () => number;
  #options: PagerOptions;
  #random: Random;

  constructor(store: RecordStore, newCursorId: () => string, now: () => number, options: Partial<PagerOptions> = {}) {
    this.#store = store;
    this.#newCursorId = newCursorId;
    this.#now = now;
    this.#options = { ...DEFAULT_PAGER_OPTIONS, ...options };
    this.#random = createRandom(this.#options.seed);
  }

  get openCursors(): number {
    return this.#cursors.size;
  }

  firstPage(outcome: QueryOutcome, query: CompiledQuery, version: string, batchSize: number): QueryResultJson {
    if (query.count) return { totalSize: outcome.totalSize, done: true, records: [] };
    return this.#page(this.#open(outcome.rows, query), 0, version, batchSize);
  }

  /** The page a locator points at; unknown, expired and finished cursors are refused. */
  pageAt(locator: string, version: string, batchSize: number): QueryResultJson {
    this.#sweep();
    const m = LOCATOR.exec(locator);
    const cursor = m ? this.#cursors.get(m[1] as string) : undefined;
    const offset = m ? Number(m[2]) : -1;
    if (!m || !cursor || offset >= cursor.rows.length)
      throw new SfError(400, SfErrorCode.InvalidQueryLocator, 'invalid query locator');
    return this.#page(m[1] as string, offset, version, batchSize);
  }

  /** Drops every cursor, as when the org's sessions end. */
  clear(): void {
    this.#cursors.clear();
  }

  #open(rows: QueryRow[], query: CompiledQuery): string {
    this.#sweep();
    const id = this.#newCursorId();
    this.#cursors.set(id, { rows, query, lastUsed: this.#now(), children: [] });
    while (this.#cursors.size > this.#options.maxOpen)
      this.#cursors.delete(this.#cursors.keys().next().value as string);
    return id;
  }

  /**
   * One page of a cursor. The next page of a parent invalidates the child cursors of its previous
   * page, as the SOAP API's QueryLocator documentation says ("a queryMore() call on a parent
   * object invalidates all child cursors in the previous result set"): asking for them then is
   * INVALID_QUERY_LOCATOR.
   */
  #page(cursorId: string, offset: number, version: string, batchSize: number): QueryResultJson {
    const cursor = this.#cursors.get(cursorId) as Cursor;
    for (const child of cursor.children) this.#cursors.delete(child);
    const opened: string[] = [];
    const size = this.#random.chance(this.#options.shortPageRate) ? this.#random.int(1, batchSize) : batchSize;
    const { records, next } = this.#render(cursor.rows, cursor.query, offset, version, size, opened, true);
    const done = next >= cursor.rows.length;
    // Re-inserted so the map stays ordered by last use; a finished cursor is released.
    this.#cursors.delete(cursorId);
    if (!done) this.#cursors.set(cursorId, { ...cursor, lastUsed: this.#now(), children: opened });
    return {
      totalSize: cursor.rows.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${cursorId}-${next}` }),
      records,
    };
  }

  /** Projects rows from `offset` on until the batch is full (always at least one row). */
  #render(
    rows: QueryRow[],
    query: CompiledQuery,
    offset: number,
    version: string,
    batchSize: number,
    opened: string[] = [],
    byBytes = false,
  ) {
    const inline = this.#options.childrenInline;
    const context = {
      store: this.#store,
      version,
      children: (c: QueryRow[], q: CompiledQuery) => this.#children(c, q, version, opened),
    };
    const records: unknown[] = [];
    const maxBytes = byBytes ? this.#options.pageBytes : Infinity;
    let used = 0;
    let bytes = 0;
    let next = offset;
    while (next < rows.length) {
      const row = rows[next] as QueryRow;
      const weight = 1 + row.children.reduce((n, c) => n + Math.min(c.length, inline), 0);
      if (records.length > 0 && used + weight > batchSize) break;
      const record = projectRow(row, query, context);
      const size = maxBytes === Infinity ? 0 : JSON.stringify(record).length;
      if (records.length > 0 && bytes + size > maxBytes) break;
      records.push(record);
      used += weight;
      bytes += size;
      next++;
    }
    return { records, next };
  }

  /** A subquery's result: null without rows, inline up to the limit, else a first part and a locator. */
  #children(rows: QueryRow[], query: CompiledQuery, version: string, opened: string[]): unknown {
    if (rows.length === 0) return null;
    const inline = this.#options.childrenInline;
    if (rows.length <= inline)
      return { totalSize: rows.length, done: true, records: this.#render(rows, query, 0, version, inline).records };
    const id = this.#open(rows, query);
    opened.push(id);
    return this.#page(id, 0, version, inline);
  }

  #sweep(): void {
    const oldest = this.#now() - this.#options.idleMs;
    for (const [id, cursor] of this.#cursors) {
      if (cursor.lastUsed >= oldest) break;
      this.#cursors.delete(id);
    }
  }
}
