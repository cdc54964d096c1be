import { retryRead } from '../cleverbridge/errors.js';
import { mapCleverbridgeProduct, type CleverbridgeActual } from '../core/map-cleverbridge.js';
import type { SnapshotRow } from '../state/snapshot-repo.js';
import { planOptions, timedPlan } from './plan-options.js';
import { ReadCollector } from './read-salesforce.js';
import { logPlanEntries, withRun, type RunContext } from './run-lifecycle.js';
import { settleRun } from './settle-run.js';
import type { SyncDeps, SyncReport, SyncRequest } from './types.js';

/** Products read from cleverbridge by id in one request. */
const IDS_PER_READ = 50;

/**
 * cleverbridge's side of the products this run touches: the snapshot (what catalog-sync last
 * wrote), except products whose last outcome is unknown or whose mutation an interrupted run
 * left pending, which are read from cleverbridge.
 */
async function actualFor(
  deps: SyncDeps,
  rows: SnapshotRow[],
  pending: ReadonlySet<string>,
): Promise<CleverbridgeActual[]> {
  const certain = rows.filter((r) => r.lastOutcome === 'synced' && !pending.has(r.key));
  const uncertain = rows.filter((r) => r.lastOutcome !== 'synced' || pending.has(r.key));
  const actual: CleverbridgeActual[] = certain.map((r) => ({
    cbId: r.cbId,
    internalId: r.key,
    product: r.product,
    keptPriceValues: r.keptPriceValues,
  }));
  for (let i = 0; i < uncertain.length; i += IDS_PER_READ) {
    const ids = uncertain.slice(i, i + IDS_PER_READ).map((r) => r.cbId);
    const products = await retryRead(
      () => deps.throttle.run(() => deps.cleverbridge.readProductsById(ids)),
      deps.sleep,
    );
    for (const p of products) if (p) actual.push(mapCleverbridgeProduct(p, deps.mapping));
  }
  return actual;
}

/**
 * An incremental run: the Salesforce changes since the cursor (minus the overlap window), plus
 * the products left uncertain by earlier runs, planned against the snapshot and applied. Drift
 * made in cleverbridge is left to the full resync, which reads cleverbridge.
 */
export function runIncrementalSync(deps: SyncDeps, request: SyncRequest, since: Date): Promise<SyncReport> {
  const { store } = deps;
  return withRun(deps, request, 'incremental', async (ctx: RunContext) => {
    const pending = new Set(store.journal.pending().map((j) => j.key));
    const revisit = [...new Set([...store.snapshot.uncertainKeys(), ...pending])];
    const collector = new ReadCollector(deps.mapping);
    const { deletedIds, changed, recent } = await deps.salesforce.readChanges(
      since,
      revisit,
      collector.add,
      store.recentReads.keys(),
    );
    const read = collector.read(false, deletedIds);
    const keys = new Set([...read.products.map((p) => p.key), ...read.invalid.map((p) => p.key), ...deletedIds]);
    const rows = store.snapshot.getMany(keys);
    const actual = await actualFor(deps, rows, pending);
    const { plan, planCpuMs } = timedPlan(read, rows, actual, {
      ...planOptions(deps.settings, deps.mapping, request.allowMassDelete),
      catalogSize: store.snapshot.count(),
    });
    for (const e of plan.entries)
      if (e.action === 'invalid') store.runs.recordErrors(ctx.runId, e.key, e.label, e.problems);
    logPlanEntries(ctx, plan);
    ctx.log.info({ since: since.toISOString(), changed, deleted: deletedIds.length, counts: plan.counts }, 'plan made');
    if (request.dryRun) return { plan, apply: null, writeBack: null, fullBecause: null, recent, planCpuMs };
    const { apply, writeBack } = await settleRun(deps, request, ctx, {
      plan,
      actual: new Map(actual.map((a) => [a.cbId, a])),
      shown: collector.shown,
      // Planned against the snapshot, a product cleverbridge has without a snapshot row looks
      // new: a create an interrupted run sent, one the delete policy deactivated that Salesforce
      // undeleted, one loaded by hand. Every create is sent as an ensure (update by internalId,
      // created only when cleverbridge has none), so none is made twice whatever cleverbridge
      // allows.
      uncertain: new Set(plan.entries.filter((e) => e.action === 'create').map((e) => e.key)),
    });
    store.journal.resolveKeys(
      ctx.runId,
      [...keys].filter((k) => !apply.unknown.some((u) => u.key === k)),
      ctx.now().toISOString(),
    );
    return { plan, apply, writeBack, fullBecause: null, recent, planCpuMs };
  });
}
