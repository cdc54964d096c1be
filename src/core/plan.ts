import { diffProducts, type FieldChange } from './diff.js';
import { planCost } from './plan-cost.js';
import type {
  ActualProduct,
  DeleteReason,
  Plan,
  PlanAction,
  PlanEntry,
  PlanOptions,
  SalesforceRead,
  SnapshotEntry,
} from './plan-types.js';
import { fieldsEqual, type CanonicalProduct, type ProductField } from './product.js';
import { toId18 } from './salesforce-id.js';

const PRODUCT2_PREFIX = '01t';

/** Nothing to send for `key`; `forget` drops its snapshot row. */
const noop = (
  key: string,
  cbId: number | null,
  product: CanonicalProduct | null,
  note: string,
  forget = false,
): PlanEntry => ({
  key,
  action: 'noop',
  cbId,
  product,
  refresh: false,
  ...(forget ? { forget } : {}),
  note,
});

/**
 * The Product2 key an internalId names, or the internalId itself when it names none. A
 * 15-character or case-mangled copy of a Product2 id (typed by hand, exported from a report,
 * written by an earlier integration) names the same record as its 18-character form.
 */
const internalKey = (internalId: string): string => {
  const id18 = toId18(internalId);
  return id18 !== null && id18.startsWith(PRODUCT2_PREFIX) ? id18 : internalId;
};

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
    return { key, action: 'noop', cbId, product: desired, refresh: !fieldsEqual(synced.product, desired, fields) };
  }
  if (fieldsEqual(synced.product, desired, fields)) {
    return { key, action: 'drift', cbId, product: desired, changes, missing: false, policy: options.driftPolicy };
  }
  const deactivates = changes.some((c) => c.field === 'status' && c.to === 'DEACTIVATED');
  return { key, action: deactivates ? 'deactivate' : 'update', cbId, product: desired, changes };
}

interface DeleteCandidate {
  key: string;
  reason: DeleteReason;
  actual: ActualProduct | undefined;
  cbId: number;
}

/** Deletes, with the safety rules: none from an empty read, all held past the mass-delete limit. */
function planDeletes(
  candidates: DeleteCandidate[],
  emptyRead: boolean,
  managed: number,
  options: PlanOptions,
): { entries: PlanEntry[]; held: string | null } {
  // A product kept as it is when it leaves the scope is not taken from the shop: not counted.
  const kept = (c: DeleteCandidate) => c.reason === 'left-scope' && options.leavePolicy === 'keep';
  const live = candidates.filter((c) => c.actual !== undefined && !kept(c)).length;
  const { maxCount, maxShare } = options.massDelete;
  const massHold = !options.allowMassDelete && (live > maxCount || (managed > 0 && live / managed > maxShare));
  const reasons: string[] = [];
  const entries = candidates.map((c): PlanEntry => {
    const mode = c.reason === 'left-scope' ? (options.leavePolicy ?? 'deactivate') : options.deletePolicy;
    if (!c.actual) {
      return noop(c.key, null, null, 'already gone from cleverbridge', true);
    }
    if (mode === 'keep') {
      return noop(
        c.key,
        c.cbId,
        c.actual.product,
        'left the scope: kept in cleverbridge as it is, no longer managed',
        true,
      );
    }
    if (mode === 'deactivate' && c.actual.product.status === 'DEACTIVATED') {
      const why = c.reason === 'left-scope' ? 'left the scope' : 'deleted in Salesforce';
      return noop(c.key, c.cbId, c.actual.product, `${why}; already deactivated`, true);
    }
    const fromEmptyRead = emptyRead && c.reason === 'absent-from-full-read';
    return {
      key: c.key,
      action: 'delete',
      cbId: c.cbId,
      mode,
      held: fromEmptyRead || massHold,
      reason: c.reason,
    };
  });
  const heldByEmptyRead = entries.filter(
    (e) => e.action === 'delete' && e.held && e.reason === 'absent-from-full-read' && emptyRead,
  ).length;
  if (heldByEmptyRead > 0) {
    reasons.push(
      `Salesforce returned no product at all: ${heldByEmptyRead} delete(s) of products absent from it are held; an empty read is never trusted for deletes.`,
    );
  }
  if (massHold && live > 0) {
    reasons.push(
      `${live} of ${managed} managed products would be deleted, over the limit (${maxCount} products or ` +
        `${Math.round(maxShare * 100)}%): every delete is held. Check Salesforce, then run again with --allow-mass-delete to apply them.`,
    );
  }
  return { entries, held: reasons.length > 0 ? reasons.join(' ') : null };
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
  readonly #synced = new Map<string, SnapshotEntry>();
  readonly #byInternalId = new Map<string, ActualProduct>();
  readonly #byCbId = new Map<number, ActualProduct>();
  readonly #entries: PlanEntry[] = [];
  readonly #explained = new Set<string>();
  #read = 0;

  constructor(snapshot: Iterable<SnapshotEntry>, actual: Iterable<ActualProduct>, options: PlanOptions) {
    this.#options = options;
    for (const s of snapshot) this.#synced.set(s.key, s);
    for (const a of actual) {
      this.#byCbId.set(a.cbId, a);
      if (a.internalId !== null) this.#byInternalId.set(internalKey(a.internalId), a);
    }
  }

  /** A synced product is found by the id it was synced to, even if its internalId was edited. */
  #actualFor(key: string): ActualProduct | undefined {
    const s = this.#synced.get(key);
    return (s && this.#byCbId.get(s.cbId)) ?? this.#byInternalId.get(key);
  }

  /** Plans one Salesforce record; null when its key was planned already (a record read twice). */
  add(record: SalesforceRead['products'][number] | SalesforceRead['invalid'][number]): PlanEntry | null {
    this.#read++;
    const { key } = record;
    if (this.#explained.has(key)) return null;
    this.#explained.add(key);
    const entry: PlanEntry =
      'errors' in record
        ? {
            key,
            action: 'invalid',
            cbId: this.#synced.get(key)?.cbId ?? this.#actualFor(key)?.cbId ?? null,
            label: record.label,
            errors: record.errors,
          }
        : planDesired(
            key,
            record.product,
            this.#synced.get(key),
            this.#actualFor(key),
            this.#options,
            record.ignore ?? [],
          );
    this.#entries.push(entry);
    return entry;
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
      explained.add(key);
      const a = this.#actualFor(key);
      candidates.push({ key, reason, actual: a, cbId: synced.get(key)?.cbId ?? a?.cbId ?? 0 });
    };
    for (const key of synced.keys()) consider(key);
    for (const key of deleted) if (this.#byInternalId.has(key)) consider(key);
    // Managed: synced before, or found in cleverbridge under the id of a record Salesforce knows.
    let managed = synced.size;
    for (const key of this.#byInternalId.keys()) if (explained.has(key) && !synced.has(key)) managed++;
    managed = Math.max(managed, options.catalogSize ?? 0);
    // Out of scope and never synced: not catalog-sync's, whatever cleverbridge holds under its id.
    for (const key of outside) explained.add(key);
    // An empty full read is far likelier a broken query or a lost permission than an emptied catalog.
    const deletes = planDeletes(candidates, read.complete && this.#read === 0, managed, options);
    const entries = [...this.#entries, ...deletes.entries];

    let unexplained = 0;
    for (const key of this.#byInternalId.keys()) {
      if (!explained.has(key) && !synced.has(key) && looksManaged(key)) unexplained++;
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
  snapshot: Iterable<SnapshotEntry>,
  actual: Iterable<ActualProduct>,
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
