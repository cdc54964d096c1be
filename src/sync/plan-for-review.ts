import type { Plan } from '../core/plan-types.js';
import { toId18 } from '../core/salesforce-id.js';
import type { SfRecord } from '../core/salesforce-product.js';
import { dryRun, type PlanDeps } from './dispatch.js';
import { configDigest, snapshotVersion, touchedProducts } from './plan-basis.js';
import { productHasher } from './product-hasher.js';
import { changesSomething, PLAN_FORMAT, type SavedPlan } from './saved-plan.js';
import type { PlanReport } from './types.js';

/**
 * A full plan to save for review (`catalog-sync plan --out`): the dry run's plan, and its basis.
 * Salesforce's fingerprint and the snapshot's version are taken before the read, so a change
 * made while it reads shows as a change when the plan is applied; cleverbridge's products are
 * hashed as the plan saw them.
 */
export async function planForReview(
  deps: PlanDeps,
  allowMassDelete: boolean,
): Promise<{ report: PlanReport; saved: SavedPlan }> {
  const madeAt = (deps.now ?? (() => new Date()))().toISOString();
  const salesforce = await deps.salesforce.fingerprint();
  const snapshot = snapshotVersion(deps.store);
  const { report, staged } = await dryRun(deps, { kind: 'full', allowMassDelete });
  const entries = staged.plan.entries.filter(changesSomething);
  const plan: Plan = { ...staged.plan, entries };
  const keys = new Set(entries.map((e) => e.key));
  const shown: Record<string, SfRecord> = {};
  for (const key of keys) {
    const record = staged.collector.shown.get(key);
    if (record) shown[key] = record;
  }
  const outOfScope = staged.read.outOfScope.filter((r) => keys.has(toId18(String(r.Id)) ?? String(r.Id)));
  const basis = {
    config: configDigest(deps.settings, deps.mapping),
    salesforce: salesforce.fingerprint,
    snapshot,
    cleverbridge: touchedProducts(plan, staged.actual, deps.store.snapshot, productHasher(deps.mapping)),
  };
  const requests = { ...report.requests, salesforce: report.requests.salesforce + salesforce.requests };
  return {
    report: { ...report, requests },
    saved: { format: PLAN_FORMAT, madeAt, allowMassDelete, basis, plan, shown, outOfScope },
  };
}
