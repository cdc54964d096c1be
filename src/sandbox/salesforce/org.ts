import { recordId } from './record-id.js';
import { toSecond } from './datetime.js';
import { DmlEngine, type DmlContext } from './dml/dml-engine.js';
import { RowLocks } from './dml/row-locks.js';
import type { OrgSchema } from './schema/org-schema.js';
import { compileQuery, type CompiledQuery } from './soql/compile-query.js';
import { QueryPager, type PagerOptions, type QueryResultJson } from './soql/query-pager.js';
import { runQuery } from './soql/run-query.js';
import { readPath } from './store/read-field.js';
import { ORG_INSTANCE, RecordStore } from './store/record-store.js';

/** The emulated org's id (00D...). */
export const ORG_ID = recordId('00D', ORG_INSTANCE, 4_182_337);

/**
 * The emulated org's data and engines, independent of HTTP: schema, records, DML, SOQL and the
 * query cursors. The REST layer and the tests' direct access both go through it.
 */
export class SalesforceOrg {
  readonly orgId = ORG_ID;
  readonly schema: OrgSchema;
  readonly store: RecordStore;
  readonly dml: DmlEngine;
  /** Records a test holds locked as another process would. */
  readonly locks = new RowLocks();
  readonly pager: QueryPager;
  /** When the org came up: the start of its delete log. */
  readonly createdAt: number;
  #clock: () => number;
  #cursorSequence = 0;

  constructor(schema: OrgSchema, clock: () => number, pagerOptions: Partial<PagerOptions> = {}) {
    this.schema = schema;
    this.store = new RecordStore(schema);
    this.dml = new DmlEngine(this.store);
    this.#clock = clock;
    this.createdAt = toSecond(clock());
    this.pager = new QueryPager(
      this.store,
      () => recordId('01g', ORG_INSTANCE, ++this.#cursorSequence),
      clock,
      pagerOptions,
    );
  }

  /** Now, as the org stamps records: whole seconds. */
  now(): number {
    return toSecond(this.#clock());
  }

  /**
   * Deletes for good what has been in the recycle bin for 15 days, by the org's clock: run before
   * every query, every sObject call and every direct access, so a moved clock takes effect at once.
   */
  purgeExpired(): number {
    return this.dml.recycleBin.purgeExpired(this.now());
  }

  context(userId: string): DmlContext {
    return { userId, now: this.now() };
  }

  compile(soql: string): CompiledQuery {
    return compileQuery(soql, {
      schema: this.schema,
      store: this.store,
      // A semi-join's inner query never reads the recycle bin, even under queryAll.
      selectIds: (inner) => {
        const column = inner.columns[0];
        const ids = new Set<string>();
        if (column?.kind !== 'field') return ids;
        for (const row of runQuery(inner, this.store, false).rows) {
          const v = readPath(this.store, row.record, column.path);
          if (typeof v === 'string') ids.add(v);
        }
        return ids;
      },
    });
  }

  /** Runs SOQL and answers its first page; `includeDeleted` is queryAll. */
  query(soql: string, options: { includeDeleted: boolean; version: string; batchSize: number }): QueryResultJson {
    this.purgeExpired();
    const compiled = this.compile(soql);
    const outcome = runQuery(compiled, this.store, options.includeDeleted);
    return this.pager.firstPage(outcome, compiled, options.version, options.batchSize);
  }
}
