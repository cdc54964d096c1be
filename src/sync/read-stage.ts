import type { CleverbridgeActual, CleverbridgeSide, SnapshotEntry, SnapshotSource } from '../core/plan-types.js';
import type { KeptPriceValue } from '../core/product.js';
import type { SalesforceProduct } from '../core/salesforce-product.js';
import type { SnapshotRow } from '../state/snapshot-repo.js';
import type { StateStore } from '../state/state-store.js';
import type { ChangeTargets, CleverbridgeSession, SalesforceRead, SalesforceSource } from './ports.js';
import type { ProductHasher } from './product-hasher.js';
import type { ReadCollector } from './read-collector.js';

/** What the Salesforce records are planned against: the snapshot and cleverbridge's side. */
export interface Counterpart {
  snapshot: readonly SnapshotEntry[] | SnapshotSource;
  actual: readonly CleverbridgeSide[];
  /** How many products catalog-sync manages in all, when `snapshot` holds only some. */
  catalogSize?: number;
}

/**
 * The read stage of a run: Salesforce's records, streamed, and their counterpart. The pipeline
 * plans each record as soon as the counterpart is known; the full read knows it from the start
 * (cleverbridge's whole list, one request), the incremental read once Salesforce's changes are in.
 */
export interface ReadStage {
  /** A complete read: a managed product absent from it was deleted in Salesforce. */
  complete: boolean;
  /** The plan was made against the snapshot, not a read of cleverbridge: creates go as ensures. */
  createsAsEnsure: boolean;
  /** When the incremental read starts (the cursor minus the overlap window); null: no cursor read. */
  since: Date | null;
  /**
   * How many records the Salesforce read may get ahead of the counterpart: the read waits while
   * the run holds that many it cannot plan yet. Null: no bound, the counterpart needs the whole read.
   */
  readAhead: number | null;
  /** The snapshot row's hash by key, known before the counterpart (a full read): see ReadCollector. */
  syncedHash?: (key: string) => string | undefined;
  salesforce(onProduct: (p: SalesforceProduct) => void | Promise<void>): Promise<SalesforceRead>;
  counterpart(salesforceDone: Promise<SalesforceRead>, collector: ReadCollector): Promise<Counterpart>;
}

export interface StageDeps {
  store: StateStore;
  salesforce: SalesforceSource;
  session: CleverbridgeSession;
  hashOf: ProductHasher;
}

const NONE: KeptPriceValue[] = [];

/**
 * Records a full read may hold before cleverbridge's list is in (a few MB): a page of products
 * without related records, several pages when their prices and translations fill the pages.
 * Past it the read waits, so a large catalog read faster than cleverbridge answers is not held whole.
 */
export const READ_AHEAD = 2000;

/**
 * Everything on both sides; cleverbridge's list is read while Salesforce's first pages come in.
 * Neither side is held whole: the snapshot stays in the state file (read by key), and of each
 * cleverbridge product in step with its snapshot row only its ids are kept.
 */
export function fullRead({ store, salesforce, session, hashOf }: StageDeps): ReadStage {
  const snapshot = store.snapshot.source();
  const keep = (a: CleverbridgeActual): CleverbridgeSide => {
    const hash = hashOf(a.product);
    const row = store.snapshot.ofCbId(a.cbId);
    const keptPriceValues = a.keptPriceValues.length > 0 ? a.keptPriceValues : NONE;
    if (!row || row.hash !== hash) return { ...a, keptPriceValues, hash };
    // The key is most often the internalId: one string, not two.
    const sameAs = row.key === a.internalId ? a.internalId : row.key;
    return { cbId: a.cbId, internalId: a.internalId, sameAs, keptPriceValues };
  };
  return {
    complete: true,
    createsAsEnsure: false,
    since: null,
    readAhead: READ_AHEAD,
    syncedHash: (key) => snapshot.ref(key)?.hash,
    salesforce: (onProduct) => salesforce.readAll(onProduct),
    async counterpart() {
      // An empty answer while products were synced is refused, as an empty Salesforce read is
      // never trusted for deletes.
      const actual = await session.readAll({ synced: snapshot.size, keep });
      return { snapshot, actual };
    },
  };
}

/**
 * The Salesforce changes since `since`, and the products whose last outcome is unknown (their
 * snapshot row says so, or an interrupted run's journal row is pending), planned against the
 * snapshot. cleverbridge is read only for the products whose outcome is unknown.
 */
export function incrementalRead(deps: StageDeps, since: Date): ReadStage {
  const { store, salesforce } = deps;
  return againstSnapshot(deps, since, (onProduct, alsoIds) =>
    salesforce.readChanges(since, onProduct, {
      alsoIds,
      seen: store.recentReads.keys(),
      catalogSize: store.snapshot.count(),
      sourceHashOf: (key) => store.sourceHashes.get(key),
    }),
  );
}

/**
 * The products change events named (and those whose last outcome is unknown), planned as an
 * incremental read's; no change query runs, so the read moves no cursor (`since` is null).
 */
export function targetedRead(deps: StageDeps, targets: ChangeTargets): ReadStage {
  const { store, salesforce } = deps;
  return againstSnapshot(deps, null, (onProduct, alsoIds) =>
    salesforce.readTargets(targets, onProduct, { alsoIds, catalogSize: store.snapshot.count() }),
  );
}

/** A read of some products, planned against their snapshot rows; see incrementalRead. */
function againstSnapshot(
  { store, session }: StageDeps,
  since: Date | null,
  read: (onProduct: (p: SalesforceProduct) => void, alsoIds: string[]) => Promise<SalesforceRead>,
): ReadStage {
  const pending = new Set(store.journal.pending().map((j) => j.key));
  const unknown = [...new Set([...store.snapshot.unknownKeys(), ...pending])];
  return {
    complete: false,
    createsAsEnsure: true,
    since,
    readAhead: null,
    salesforce: (onProduct) => read(onProduct, unknown),
    async counterpart(salesforceDone, collector) {
      const read = await salesforceDone;
      const outOfScope = read.outOfScope.map((r) => String(r.Id));
      const rows = store.snapshot.getMany(new Set([...collector.keys(), ...read.deletedIds, ...outOfScope]));
      const actual = await actualFor(session, rows, pending);
      return { snapshot: rows, actual, catalogSize: store.snapshot.count() };
    },
  };
}

/** The snapshot's word for cleverbridge's side, except where the last outcome is unknown: read. */
async function actualFor(
  session: CleverbridgeSession,
  rows: readonly SnapshotRow[],
  pending: ReadonlySet<string>,
): Promise<CleverbridgeActual[]> {
  const known = (r: SnapshotRow) => r.lastOutcome === 'synced' && !pending.has(r.key);
  const actual: CleverbridgeActual[] = rows
    .filter(known)
    .map((r) => ({ cbId: r.cbId, internalId: r.key, product: r.product, keptPriceValues: r.keptPriceValues }));
  const read = await session.readByIds(rows.filter((r) => !known(r)).map((r) => r.cbId));
  for (const p of read) if (p) actual.push(p);
  return actual;
}
