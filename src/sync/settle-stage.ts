import type { Logger } from 'pino';
import type { CleverbridgeSide } from '../core/plan-types.js';
import type { MappingConfig } from '../core/mapping-config.js';
import { productLabel } from '../core/product-label.js';
import { toId18 } from '../core/salesforce-id.js';
import type { Plan } from '../core/plan-types.js';
import type { StateStore } from '../state/state-store.js';
import type { Staged } from './pipeline.js';
import type { ProductHasher } from './product-hasher.js';
import { outOfScopeOutcomes, syncedKeys, type WriteBackResult } from './write-back.js';

export interface SettleDeps {
  store: StateStore;
  mapping: MappingConfig;
  log: Logger;
  runId: number;
  now: () => string;
}

/**
 * The snapshot changes a plan makes without a mutation: adopted products already right, noops
 * whose snapshot row is refreshed or forgotten, and the kept price values cleverbridge showed.
 */
function settleWithoutMutation(
  store: StateStore,
  plan: Plan,
  actual: ReadonlyMap<number, CleverbridgeSide>,
  at: string,
  hashOf: ProductHasher,
) {
  for (const e of plan.entries) {
    if (e.action !== 'adopt' && e.action !== 'noop') continue;
    const kept = e.cbId !== null ? (actual.get(e.cbId)?.keptPriceValues ?? []) : [];
    if (e.action === 'adopt') {
      if (e.changes.length === 0) store.snapshot.upsert(e.key, e.cbId, e.product, at, kept, hashOf(e.product));
    } else if (e.forget) store.snapshot.remove(e.key);
    else if (e.refresh && e.product && e.cbId !== null)
      store.snapshot.upsert(e.key, e.cbId, e.product, at, kept, hashOf(e.product));
    else if (e.cbId !== null && actual.has(e.cbId)) store.snapshot.setKept(e.key, kept);
  }
}

/**
 * What an applied saved plan settles besides its mutations (which the applier settled): the
 * snapshot rows no mutation changes, its invalid records' errors and drift reports, the journal
 * rows the plan's complete read had settled. The plan's products forget their source hash: the
 * records it was read from were not kept, so their next change is read in full.
 */
export function recordPlanOutcomes(
  deps: SettleDeps,
  plan: Plan,
  actual: ReadonlyMap<number, CleverbridgeSide>,
  hashOf: ProductHasher,
): void {
  const { store, runId } = deps;
  const at = deps.now();
  store.transaction(() => {
    settleWithoutMutation(store, plan, actual, at, hashOf);
    recordFindings(deps, plan);
    for (const e of plan.entries) store.sourceHashes.remove(e.key);
    store.journal.resolveEarlier(runId, at);
  });
}

/**
 * The source hash of each product this run read and synced, for the next incremental run to
 * compare; any other product read (failed, pending, held, invalid), deleted or out of scope
 * forgets its hash, so that its next change is read in full.
 */
function keepSourceHashes(store: StateStore, staged: Staged): void {
  const synced = syncedKeys(staged.plan, staged.apply);
  for (const [key, hash] of staged.collector.sourceHashes)
    if (synced.has(key)) store.sourceHashes.put(key, hash);
    else store.sourceHashes.remove(key);
  for (const key of staged.read.deletedIds) store.sourceHashes.remove(key);
  for (const r of staged.read.outOfScope) store.sourceHashes.remove(toId18(String(r.Id)) ?? String(r.Id));
}

/**
 * What a plan found that needs a person: its invalid records' errors, and drift only reported
 * (policy 'report'), per product, which the status page lists while it stands.
 */
function recordFindings({ store, runId, mapping }: SettleDeps, plan: Plan): void {
  for (const e of plan.entries) {
    if (e.action === 'invalid') store.runs.recordErrors(runId, e.key, e.label, e.errors, e.productCode ?? null);
    if (e.action !== 'drift' || e.policy !== 'report') continue;
    const label = productLabel(e.product, mapping.defaultLanguage);
    const fields = e.changes.map((c) => c.field);
    store.drift.record({ runId, key: e.key, cbId: e.cbId, label, fields, missing: e.missing });
  }
}

/**
 * The settle stage: the snapshot rows no mutation changed, the records that could not be
 * planned, the journal rows an earlier run left pending that this read settled (all of them
 * after a complete read of cleverbridge; those of the products read after an incremental one),
 * then each product's outcome written back to Salesforce.
 */
export async function settleRun(deps: SettleDeps, staged: Staged, complete: boolean): Promise<WriteBackResult> {
  const { store, runId } = deps;
  const { plan, apply } = staged;
  const at = deps.now();
  store.transaction(() => {
    settleWithoutMutation(store, plan, staged.actual, at, staged.collector.hashOf);
    keepSourceHashes(store, staged);
    recordFindings(deps, plan);
    if (complete) {
      const resolved = store.journal.resolveEarlier(runId, at);
      if (resolved > 0) deps.log.info({ resolved }, 'journal entries of an interrupted run settled by this full read');
    } else {
      const unknown = new Set(apply?.unknown.map((u) => u.key));
      const keys = new Set([
        ...staged.collector.keys(),
        ...staged.read.deletedIds,
        ...staged.read.outOfScope.map((r) => String(r.Id)),
      ]);
      store.journal.resolveKeys(
        runId,
        [...keys].filter((k) => !unknown.has(k)),
        at,
      );
    }
  });
  return writeBack(deps, staged);
}

/**
 * The write-back's last part: the products out of scope the read came upon, then everything
 * written. A failure of the whole write-back is logged and returned (the run ends partial); it
 * does not undo the sync.
 */
async function writeBack(deps: SettleDeps, staged: Staged): Promise<WriteBackResult> {
  const stream = staged.writeBack;
  if (!stream) return { written: 0, failed: 0, requests: 0, error: null, firstFailure: null };
  const status = deps.mapping.writeBack?.status;
  if (status) {
    const outcomes = outOfScopeOutcomes(staged.plan, staged.apply, staged.read.outOfScope, status);
    for (const record of staged.read.outOfScope) {
      const outcome = outcomes.get(String(record.Id));
      if (outcome) stream.add(String(record.Id), outcome, record);
    }
  }
  return stream.finish();
}
