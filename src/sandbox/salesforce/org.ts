import { recordId } from './record-id.js';
import { toSecond } from './datetime.js';
import { DmlEngine, type DmlContext } from './dml/dml-engine.js';
import { RowLocks } from './dml/row-locks.js';
import { Permissions } from './permissions/permissions.js';
import { UserSchema } from './permissions/user-schema.js';
import type { OrgSchema } from './schema/org-schema.js';
import type { SchemaView } from './schema/schema-view.js';
import { compileQuery, type CompiledQuery } from './soql/compile-query.js';
import { QueryPager, type PagerOptions, type QueryResultJson } from './soql/query-pager.js';
import { runQuery } from './soql/run-query.js';
import { readPath } from './store/read-field.js';
import { ORG_INSTANCE, RecordStore } from './store/record-store.js';

/** The emulated org's id (00D...). */
export const ORG_ID = recordId('00D', ORG_INSTANCE, 4_182_337);

export interface OrgOptions {
  /** The org's users, whose permissions `permissions` keeps. */
  usernames: readonly string[];
  pager?: Partial<PagerOptions>;
}

/**
 * The emulated org's data and engines, independent of HTTP: schema, records, DML, SOQL, the
 * query cursors and who may do what. The REST layer goes through it as the requesting user
 * (`schemaFor`), the tests' direct access as a user who may do everything (`schema`).
 */
export class SalesforceOrg {
  readonly orgId = ORG_ID;
  readonly schema: OrgSchema;
  readonly store: RecordStore;
  readonly dml: DmlEngine;
  /** Records a test holds locked as another process would. */
  readonly locks = new RowLocks();
  readonly pager: QueryPager;
  /** Object permissions, field-level security and data translation, per user, changeable at run time. */
  readonly permissions: Permissions;
  /** When the org came up: the start of its delete log. */
  readonly createdAt: number;
  #clock: () => number;
  #cursorSequence = 0;

  constructor(schema: OrgSchema, clock: () => number, options: OrgOptions) {
    this.schema = schema;
    this.store = new RecordStore(schema);
    this.dml = new DmlEngine(this.store);
    this.permissions = new Permissions(schema, options.usernames);
    this.#clock = clock;
    this.createdAt = toSecond(clock());
    this.pager = new QueryPager(
      this.store,
      () => recordId('01g', ORG_INSTANCE, ++this.#cursorSequence),
      clock,
      options.pager ?? {},
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

  /** The schema as the user sees it now: the org's own when nothing is restricted for the user. */
  schemaFor(username: string): SchemaView {
    if (this.permissions.unrestricted(username)) return this.schema;
    return new UserSchema(this.schema, this.permissions, username);
  }

  /** A save by `userId`, who sees the org through `schema` (what it may name and do), through `origin`. */
  context(userId: string, schema: SchemaView, origin?: string): DmlContext {
    return { userId, now: this.now(), schema, ...(origin === undefined ? {} : { origin }) };
  }

  /** Compiles SOQL against the schema the querying user sees. */
  compile(soql: string, schema: SchemaView): CompiledQuery {
    return compileQuery(soql, {
      schema,
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

  /** Runs SOQL as the user whose view `schema` is and answers its first page; `includeDeleted` is queryAll. */
  query(
    soql: string,
    options: { includeDeleted: boolean; version: string; batchSize: number; schema: SchemaView },
  ): QueryResultJson {
    this.purgeExpired();
    const compiled = this.compile(soql, options.schema);
    const outcome = runQuery(compiled, this.store, options.includeDeleted);
    return this.pager.firstPage(outcome, compiled, options.version, options.batchSize);
  }
}
