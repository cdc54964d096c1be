import { retryRead } from '../cleverbridge/errors.js';
import { mapCleverbridgeProduct, type CleverbridgeActual } from '../core/map-cleverbridge.js';
import type { Plan, SnapshotEntry } from '../core/plan-types.js';
import type { SfRecord } from '../core/salesforce-product.js';
import type { RecordStamp } from '../state/recent-reads-repo.js';
import { planOptions, timedPlan } from './plan-options.js';
import { ReadCollector } from './read-salesforce.js';
import { withRun } from './run-lifecycle.js';
import { settleRun } from './settle-run.js';
import type { SyncDeps, SyncReport, SyncRequest } from './types.js';

export type PlanDeps = Omit<SyncDeps, 'store'> & { snapshot: () => SnapshotEntry[] };

export interface FullPlan {
  plan: Plan;
  actual: CleverbridgeActual[];
  shown: Map<string, SfRecord>;
  invalid: Plan['entries'];
  recent: RecordStamp[];
  planCpuMs: number;
}

/** Reads both sides in full (in parallel) and plans against the snapshot. Writes nothing anywhere. */
export async function planFullSync(deps: PlanDeps, allowMassDelete: boolean): Promise<FullPlan> {
  const collector = new ReadCollector(deps.mapping);
  const [{ deletedIds, recent }, cbProducts] = await Promise.all([
    deps.salesforce.readAll(collector.add),
    retryRead(() => deps.throttle.run(() => deps.cleverbridge.readProducts()), deps.sleep),
  ]);
  const actual = cbProducts.map((p) => mapCleverbridgeProduct(p, deps.mapping));
  const { plan, planCpuMs } = timedPlan(
    collector.read(true, deletedIds),
    deps.snapshot(),
    actual,
    planOptions(deps.settings, deps.mapping, allowMassDelete),
  );
  return {
    plan,
    actual,
    shown: collector.shown,
    invalid: plan.entries.filter((e) => e.action === 'invalid'),
    recent,
    planCpuMs,
  };
}

/**
 * A full reconcile run: read both systems completely, plan three ways against the snapshot,
 * apply, write outcomes back. Journal rows an interrupted run left pending are settled by this
 * full read of cleverbridge.
 */
export function runFullSync(
  deps: SyncDeps,
  request: SyncRequest,
  fullBecause: string | null = null,
): Promise<SyncReport> {
  const { store } = deps;
  return withRun(deps, request, 'full', async (ctx) => {
    const full = await planFullSync({ ...deps, snapshot: () => store.snapshot.all() }, request.allowMassDelete);
    const { plan } = full;
    for (const e of full.invalid)
      if (e.action === 'invalid') store.runs.recordErrors(ctx.runId, e.key, e.label, e.problems);
    ctx.log.info({ counts: plan.counts, cost: plan.cost, planCpuMs: full.planCpuMs, fullBecause }, 'plan made');
    if (plan.deletesHeld) ctx.log.warn({ deletesHeld: plan.deletesHeld }, 'deletes held');
    const made = { plan, fullBecause, recent: full.recent, planCpuMs: full.planCpuMs };
    if (request.dryRun) return { ...made, apply: null, writeBack: null };
    const resolved = store.journal.resolveEarlier(ctx.runId, ctx.now().toISOString());
    if (resolved > 0) ctx.log.info({ resolved }, 'journal entries of an interrupted run settled by this full read');
    const { apply, writeBack } = await settleRun(deps, request, ctx, {
      plan,
      actual: new Map(full.actual.map((a) => [a.cbId, a])),
      shown: full.shown,
      uncertain: new Set(),
    });
    return { ...made, apply, writeBack };
  });
}
