import type { CleverbridgeActual } from '../core/map-cleverbridge.js';
import { Planner } from '../core/plan.js';
import type { Plan, PlanOptions } from '../core/plan-types.js';
import { Applier, type ApplyContext, type ApplyResult } from './apply/applier.js';
import { workItems } from './apply/work-items.js';
import type { SalesforceRead } from './ports.js';
import { ReadCollector } from './read-collector.js';
import type { ReadStage } from './read-stage.js';
import type { MappingConfig } from '../core/mapping-config.js';

/** What the read and plan stages found, and what applying did (null in a dry run). */
export interface Staged {
  plan: Plan;
  read: SalesforceRead;
  collector: ReadCollector;
  /** cleverbridge's side the plan was made against, by product id. */
  actual: ReadonlyMap<number, CleverbridgeActual>;
  apply: ApplyResult | null;
  /** Time spent in the pure planner, in milliseconds. */
  planMs: number;
}

export interface PipelineOptions {
  mapping: MappingConfig;
  plan: PlanOptions;
  /** How to apply, once cleverbridge's side is known; null: a dry run, nothing is sent. */
  apply: ((actual: ReadonlyMap<number, CleverbridgeActual>) => Omit<ApplyContext, 'kept'>) | null;
}

/**
 * read → plan → apply, the same for every run: each Salesforce record is planned as it is read,
 * once its counterpart (the snapshot and cleverbridge's side) is known, and its mutation is
 * pushed to the applier at once, so applying overlaps reading. Deletes need the whole read: they
 * are planned and sent last. A dry run is the same run without the applier. When the read
 * fails, what is in flight settles, nothing more is sent, and the error is thrown.
 */
export async function runStages(stage: ReadStage, options: PipelineOptions): Promise<Staged> {
  const collector = new ReadCollector(options.mapping);
  let planner: Planner | null = null;
  let applier: Applier | null = null;
  let actual: ReadonlyMap<number, CleverbridgeActual> = new Map();
  let planned = 0;
  let planMs = 0;
  let failed = false;
  const timed = <T>(work: () => T): T => {
    const started = performance.now();
    try {
      return work();
    } finally {
      planMs += performance.now() - started;
    }
  };
  // Plans what has been read since the last call, once the counterpart is known.
  const drain = () => {
    if (!planner) return;
    const p = planner;
    const entries = timed(() => collector.records.slice(planned).map((r) => p.add(r)));
    planned = collector.records.length;
    applier?.push(
      workItems(
        entries.filter((e) => e !== null),
        stage.createsAsEnsure,
      ),
    );
  };
  const salesforce = stage.salesforce((product) => {
    collector.add(product);
    drain();
  });
  const counterpart = stage.counterpart(salesforce, collector).then((found) => {
    if (failed) return; // the Salesforce read failed first: nothing may be sent now
    actual = new Map(found.actual.map((a) => [a.cbId, a]));
    const catalogSize = found.catalogSize;
    planner = timed(
      () => new Planner(found.snapshot, found.actual, { ...options.plan, ...(catalogSize ? { catalogSize } : {}) }),
    );
    if (options.apply) {
      const kept = (cbId: number) => actual.get(cbId)?.keptPriceValues ?? [];
      applier = new Applier({ ...options.apply(actual), kept });
    }
    drain();
  });
  let read: SalesforceRead;
  try {
    [read] = await Promise.all([salesforce, counterpart]);
  } catch (error) {
    failed = true;
    const started = applier as Applier | null;
    started?.abort();
    await started?.finish();
    throw error;
  }
  drain();
  const plan = timed(() => planner!.finish({ complete: stage.complete, deletedKeys: read.deletedIds }));
  const finished = applier as Applier | null;
  finished?.push(workItems(plan.entries.filter((e) => e.action === 'delete')));
  const apply = finished ? await finished.finish() : null;
  return { plan, read, collector, actual, apply, planMs };
}
