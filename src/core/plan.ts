import { diffProducts, type FieldChange } from './diff.js';
import { planCost } from './plan-cost.js';
import { noop, planDeletes, type DeleteCandidate } from './plan-deletes.js';
import { isSource, snapshotOf } from './snapshot-source.js';
import type {
  ActualProduct,
  ActualRef,
  DeleteReason,
  Plan,
  PlanAction,
  PlanEntry,
  PlanOptions,
  PlannedRecord,
  SalesforceRead,
  SnapshotEntry,
  SnapshotSource,
} from './plan-types.js';
import { fieldsEqual, type CanonicalProduct, type ProductField } from './product.js';
import { toId18 } from './salesforce-id.js';

const PRODUCT2_PREFIX = '01t';

/**
 * The Product2 key an internalId names, or the internalId itself when it names none. A
 * 15-character or case-mangled copy of a Product2 id (typed by hand, exported from a report,
 * written by an earlier integration) names the same record as its 18-character form.
 */
const internalKey = (internalId: string): string => {
  const id18 = toId18(internalId);
  return id18 !== null && id18.startsWith(PRODUCT2_PREFIX) ? id18 : internalId;
};

/**
 * Nothing to do and nothing to refresh: cleverbridge and the snapshot hold what Salesforce
 * wants. Most entries of a large catalog's plan are these.
 */
export const inStep = (e: PlanEntry): e is Extract<PlanEntry, { action: 'noop' }> & { cbId: number } =>
  e.action === 'noop' && !e.refresh && !e.forget && e.note === undefined && e.cbId !== null;

/** An internalId that catalog-sync could have written: a Product2 id. */
const looksManaged = (key: string): boolean => key.startsWith(PRODUCT2_PREFIX) && toId18(key) === key;

/** What one desired product needs, given what was synced (snapshot) and what cleverbridge has (actual). */
function planDesired(
  key: string,
  desired: CanonicalProduct,
  synced: SnapshotEntry | undefined,
  actual: ActualProduct | undefined,
  options: PlanOptions,
  ignore: readonly ProductField[],
  hash: string | undefined,
): PlanEntry {
  const fields = ignore.length > 0 ? options.managedFields.filter((f) => !ignore.includes(f)) : options.managedFields;
  const inactive = desired.status === 'DEACTIVATED';
  if (!actual) {
    if (synced) {
      // Gone from cleverbridge although it was synced: deleted there out of band.
      if (inactive) return noop(key, null, desired, 'gone from cleverbridge and inactive in Salesforce', true);
      return {
        key,
        action: 'drift',
        cbId: synced.cbId,
        product: desired,
        changes: [],
        missing: true,
        policy: options.driftPolicy,
      };
    }
    if (inactive) return noop(key, null, desired, 'inactive in Salesforce: not created');
    return { key, action: 'create', product: desired };
  }
  const changes = diffProducts(actual.product, desired, fields);
  const cbId = actual.cbId;
  if (!synced) return { key, action: 'adopt', cbId, product: desired, changes };
  if (changes.length === 0) {
    // In step: the entry does not hold the product (a large catalog's plan is mostly these).
    // A snapshot row written with another hash (an older release, another mapping) is refreshed.
    const stale = !fieldsEqual(synced.product, desired, fields) || (hash !== undefined && synced.hash !== hash);
    return { key, action: 'noop', cbId, product: stale ? desired : null, refresh: stale };
  }
  if (fieldsEqual(synced.product, desired, fields)) {
    return { key, action: 'drift', cbId, product: desired, changes, missing: false, policy: options.driftPolicy };
  }
  const deactivates = changes.some((c) => c.field === 'status' && c.to === 'DEACTIVATED');
  return { key, action: deactivates ? 'deactivate' : 'update', cbId, product: desired, changes };
}

/**
 * The three-way plan, product by product: built with what catalog-sync last synced (snapshot)
 * and what cleverbridge has (actual), it takes Salesforce's records as they are read and plans
 * each at once, so a full sync can send mutations while Salesforce is still being read. Deletes
 * need the whole read: `finish` plans them. Pure: no I/O; the same inputs give the same plan.
 * cleverbridge products that no Salesforce record and no snapshot row explains are never in it.
 */
export class Planner {
  readonly #options: PlanOptions;
  readonly #synced: SnapshotSource;
  readonly #byInternalId = new Map<string, ActualProduct | ActualRef>();
  readonly #byCbId = new Map<number, ActualProduct | ActualRef>();
  readonly #entries: PlanEntry[] = [];
  readonly #explained = new Set<string>();
  /** Keys explained that cleverbridge has under their id and the snapshot did not hold: managed too. */
  #foundUnsynced = 0;
  #read = 0;

  constructor(
    snapshot: Iterable<SnapshotEntry> | SnapshotSource,
    actual: Iterable<ActualProduct | ActualRef>,
    options: PlanOptions,
  ) {
    this.#options = options;
    this.#synced = isSource(snapshot) ? snapshot : snapshotOf(snapshot);
    for (const a of actual) {
      this.#byCbId.set(a.cbId, a);
      if (a.internalId !== null) this.#byInternalId.set(internalKey(a.internalId), a);
    }
  }

  /** A synced product is found by the id it was synced to, even if its internalId was edited. */
  #refFor(key: string): ActualProduct | ActualRef | undefined {
    const s = this.#synced.ref(key);
    return (s && this.#byCbId.get(s.cbId)) ?? this.#byInternalId.get(key);
  }

  /** cleverbridge's product for `key`, whole: one kept by reference is the snapshot row it equals. */
  #actualFor(key: string): ActualProduct | undefined {
    const a = this.#refFor(key);
    if (!a || 'product' in a) return a;
    const row = this.#synced.get(a.sameAs);
    if (!row)
      throw new Error(`the snapshot row of ${a.sameAs} is gone while cleverbridge product ${a.cbId} refers to it`);
    return { cbId: a.cbId, internalId: a.internalId, product: row.product, ...(row.hash ? { hash: row.hash } : {}) };
  }

  /**
   * In step without comparing a field: Salesforce's record, the snapshot and cleverbridge hash
   * alike (the fast path of a large catalog, whose products are then never loaded whole).
   */
  #inStep(key: string, hash: string | undefined): PlanEntry | null {
    if (hash === undefined) return null;
    const synced = this.#synced.ref(key);
    const actual = synced && this.#refFor(key);
    if (!actual || synced.hash !== hash) return null;
    if ('sameAs' in actual ? actual.sameAs !== key : actual.hash !== hash) return null;
    return { key, action: 'noop', cbId: actual.cbId, product: null, refresh: false };
  }

  /** Plans one Salesforce record; null when its key was planned already (a record read twice). */
  add(record: PlannedRecord): PlanEntry | null {
    this.#read++;
    const { key } = record;
    if (this.#explained.has(key)) return null;
    this.#explain(key);
    const entry =
      'errors' in record ? this.#invalid(record) : (this.#inStep(key, record.hash) ?? this.#desired(record));
    this.#entries.push(entry);
    return entry;
  }

  #invalid(record: SalesforceRead['invalid'][number]): PlanEntry {
    const { key } = record;
    const cbId = this.#synced.ref(key)?.cbId ?? this.#refFor(key)?.cbId ?? null;
    const code = record.productCode ? { productCode: record.productCode } : {};
    return { key, action: 'invalid', cbId, label: record.label, ...code, errors: record.errors };
  }

  #desired(record: Exclude<PlannedRecord, { errors: unknown }>): PlanEntry {
    const { key } = record;
    const synced = this.#synced.get(key);
    if ('asSynced' in record) {
      // Its product is the snapshot row's (same hash): the row is loaded only now, off the fast path.
      if (!synced) throw new Error(`the snapshot row of ${key} is gone while its record was kept as synced`);
      const { ignore, hash } = record;
      return planDesired(key, synced.product, synced, this.#actualFor(key), this.#options, ignore ?? [], hash);
    }
    const { product, ignore, hash } = record;
    return planDesired(key, product, synced, this.#actualFor(key), this.#options, ignore ?? [], hash);
  }

  /**
   * Marks `key` explained, counting it as managed when cleverbridge has it and the snapshot does
   * not: asked before anything of it is applied, so a row this run writes does not change it.
   */
  #explain(key: string): void {
    this.#explained.add(key);
    if (this.#byInternalId.has(key) && !this.#synced.ref(key)) this.#foundUnsynced++;
  }

  /**
   * The whole plan, once every record is added: with the deletes (only a `complete` read or
   * Salesforce's own deleted records name them) and their safety rules.
   */
  finish(read: Pick<SalesforceRead, 'complete' | 'deletedKeys' | 'outOfScopeKeys'>): Plan {
    const options = this.#options;
    const synced = this.#synced;
    const explained = this.#explained;
    const deleted = new Set(read.deletedKeys);
    const outside = new Set(read.outOfScopeKeys ?? []);
    const candidates: DeleteCandidate[] = [];
    const consider = (key: string) => {
      if (explained.has(key)) return;
      const reason: DeleteReason | null = deleted.has(key)
        ? 'deleted-in-salesforce'
        : outside.has(key)
          ? 'left-scope'
          : read.complete
            ? 'absent-from-full-read'
            : null;
      if (!reason) return;
      this.#explain(key);
      const a = this.#actualFor(key);
      candidates.push({ key, reason, actual: a, cbId: synced.ref(key)?.cbId ?? a?.cbId ?? 0 });
    };
    for (const key of synced.keys()) consider(key);
    for (const key of deleted) if (this.#byInternalId.has(key)) consider(key);
    // Managed: synced before, or found in cleverbridge under the id of a record Salesforce knows.
    const managed = Math.max(synced.size + this.#foundUnsynced, options.catalogSize ?? 0);
    // Out of scope and never synced: not catalog-sync's, whatever cleverbridge holds under its id.
    for (const key of outside) explained.add(key);
    // An empty full read is far likelier a broken query or a lost permission than an emptied catalog.
    const deletes = planDeletes(candidates, read.complete && this.#read === 0, managed, options);
    const entries = [...this.#entries, ...deletes.entries];

    let unexplained = 0;
    for (const key of this.#byInternalId.keys()) {
      if (!explained.has(key) && !synced.ref(key) && looksManaged(key)) unexplained++;
    }

    const counts = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<PlanAction, number>;
    for (const e of entries) counts[e.action]++;
    return { entries, counts, deletesHeld: deletes.held, unexplained, cost: planCost(entries, options) };
  }
}

/**
 * The three-way plan: `read` is what Salesforce wants, `snapshot` what catalog-sync last synced,
 * `actual` what cleverbridge has. Invalid records are planned first.
 */
export function plan(
  read: SalesforceRead,
  snapshot: Iterable<SnapshotEntry> | SnapshotSource,
  actual: Iterable<ActualProduct | ActualRef>,
  options: PlanOptions,
): Plan {
  const planner = new Planner(snapshot, actual, options);
  for (const invalid of read.invalid) planner.add(invalid);
  for (const product of read.products) planner.add(product);
  return planner.finish(read);
}

export const ACTIONS: readonly PlanAction[] = [
  'create',
  'adopt',
  'update',
  'deactivate',
  'drift',
  'delete',
  'noop',
  'invalid',
];

export type { FieldChange };
export { snapshotOf };
