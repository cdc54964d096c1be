import { CleverbridgeError, retryRead } from '../cleverbridge/errors.js';
import { mapCleverbridgeProduct, type CleverbridgeActual } from '../core/map-cleverbridge.js';
import { Planner } from '../core/plan.js';
import type { Plan, SnapshotEntry } from '../core/plan-types.js';
import type { RecordStamp } from '../state/recent-reads-repo.js';
import { planOptions, timedPlan } from './plan-options.js';
import { ReadCollector } from './read-salesforce.js';
import { Applier } from './apply.js';
import { logPlanEntries, withRun, type RunContext } from './run-lifecycle.js';
import { applyContext, settleWithoutMutation, writeBackOutcomes } from './settle-run.js';
import { workItems, type WorkItem } from './work-items.js';
import type { SyncDeps, SyncReport, SyncRequest } from './types.js';

export type PlanDeps = Omit<SyncDeps, 'store'> & { snapshot: () => SnapshotEntry[] };

export interface FullPlan {
  plan: Plan;
  recent: RecordStamp[];
  planCpuMs: number;
}

/**
 * cleverbridge's whole catalog for the client. An empty answer while catalog-sync has synced
 * products is far likelier a broken answer than an emptied catalog: it is refused (after the
 * retries), as an empty Salesforce read is never trusted for deletes.
 */
function readCleverbridge(deps: Omit<SyncDeps, 'store'>, synced: number) {
  return retryRead(
    () =>
      deps.throttle.run(async () => {
        const products = await deps.cleverbridge.readProducts();
        if (products.length === 0 && synced > 0)
          throw new CleverbridgeError(
            'bad-response',
            `cleverbridge answered no product at all although ${synced} were synced; not trusted. If the catalog really was emptied, delete the state file to start over.`,
          );
        return products;
      }),
    deps.sleep,
  );
}

/** Reads both sides in full (in parallel) and plans against the snapshot. Writes nothing anywhere. */
export async function planFullSync(deps: PlanDeps, allowMassDelete: boolean): Promise<FullPlan> {
  const collector = new ReadCollector(deps.mapping);
  const snapshot = deps.snapshot();
  const [{ deletedIds, recent }, cbProducts] = await Promise.all([
    deps.salesforce.readAll(collector.add),
    readCleverbridge(deps, snapshot.length),
  ]);
  const actual = cbProducts.map((p) => mapCleverbridgeProduct(p, deps.mapping));
  const { plan, planCpuMs } = timedPlan(
    collector.read(true, deletedIds),
    snapshot,
    actual,
    planOptions(deps.settings, deps.mapping, allowMassDelete),
  );
  return { plan, recent, planCpuMs };
}

/**
 * A full reconcile run: read both systems completely, plan three ways against the snapshot,
 * apply, write outcomes back. cleverbridge's list (one request) is read while Salesforce's first
 * pages come in; from then on each Salesforce record is planned as it is read and its mutation
 * goes out in the next batch, so applying overlaps reading. Deletes wait for the complete read.
 * Journal rows an interrupted run left pending are settled by the full read of cleverbridge.
 * A dry run plans the whole catalog first and sends nothing.
 */
export function runFullSync(
  deps: SyncDeps,
  request: SyncRequest,
  fullBecause: string | null = null,
): Promise<SyncReport> {
  const { store } = deps;
  return withRun(deps, request, 'full', async (ctx) => {
    if (request.dryRun) {
      const full = await planFullSync({ ...deps, snapshot: () => store.snapshot.all() }, request.allowMassDelete);
      logPlan(ctx, full.plan, full.planCpuMs, fullBecause);
      return { ...full, fullBecause, apply: null, writeBack: null };
    }
    const collector = new ReadCollector(deps.mapping);
    let planner: Planner | null = null;
    let applier: Applier | null = null;
    let actual = new Map<number, CleverbridgeActual>();
    let planMs = 0;
    const planned = { products: 0, invalid: 0 };
    let failed = false;
    // Plans what has been read since the last call, once cleverbridge's side is known.
    const drain = () => {
      if (!planner || !applier) return;
      const started = performance.now();
      const items: WorkItem[] = [];
      const { products, invalid } = collector;
      for (; planned.invalid < invalid.length; planned.invalid++) planner.add(invalid[planned.invalid]!);
      for (; planned.products < products.length; planned.products++) {
        const entry = planner.add(products[planned.products]!);
        if (entry) items.push(...workItems([entry]));
      }
      planMs += performance.now() - started;
      applier.push(items);
    };
    const cbRead = readCleverbridge(deps, store.snapshot.count()).then((products) => {
      if (failed) return; // the Salesforce read failed first: nothing may be sent now
      actual = new Map(products.map((p) => [p.id, mapCleverbridgeProduct(p, deps.mapping)]));
      const resolved = store.journal.resolveEarlier(ctx.runId, ctx.now().toISOString());
      if (resolved > 0) ctx.log.info({ resolved }, 'journal entries of an interrupted run settled by this full read');
      const started = performance.now();
      planner = new Planner(
        store.snapshot.all(),
        actual.values(),
        planOptions(deps.settings, deps.mapping, request.allowMassDelete),
      );
      planMs += performance.now() - started;
      applier = new Applier(applyContext(deps, request, ctx, actual));
      drain();
    });
    let read: Awaited<ReturnType<SyncDeps['salesforce']['readAll']>>;
    try {
      [read] = await Promise.all([
        deps.salesforce.readAll((product) => {
          collector.add(product);
          drain();
        }),
        cbRead,
      ]);
    } catch (error) {
      // Stop sending; what is in flight settles and is recorded before the run fails.
      failed = true;
      (applier as Applier | null)?.abort();
      await (applier as Applier | null)?.finish();
      throw error;
    }
    drain();
    const started = performance.now();
    const plan = planner!.finish({ complete: true, deletedKeys: read.deletedIds });
    planMs += performance.now() - started;
    const deletes = plan.entries.filter((e) => e.action === 'delete');
    applier!.push(workItems(deletes));
    for (const e of plan.entries)
      if (e.action === 'invalid') store.runs.recordErrors(ctx.runId, e.key, e.label, e.problems);
    logPlan(ctx, plan, planMs, fullBecause);
    const apply = await applier!.finish();
    settleWithoutMutation(deps, plan, actual, ctx.now().toISOString());
    const writeBack = await writeBackOutcomes(deps, ctx, plan, apply, collector.shown);
    return { plan, fullBecause, recent: read.recent, planCpuMs: planMs, apply, writeBack };
  });
}

function logPlan(ctx: RunContext, plan: Plan, planCpuMs: number, fullBecause: string | null) {
  logPlanEntries(ctx, plan);
  ctx.log.info({ counts: plan.counts, cost: plan.cost, planCpuMs, fullBecause }, 'plan made');
  if (plan.deletesHeld) ctx.log.warn({ deletesHeld: plan.deletesHeld }, 'deletes held');
}
