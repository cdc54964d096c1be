import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { CleverbridgeClient } from '../cleverbridge/client.js';
import { retryRead } from '../cleverbridge/errors.js';
import type { Throttle } from '../cleverbridge/throttle.js';
import type { Settings } from '../config/settings.js';
import { mapCleverbridgeProduct, type CleverbridgeActual } from '../core/map-cleverbridge.js';
import { mapSalesforceProduct } from '../core/map-salesforce.js';
import { managedFields, type MappingConfig } from '../core/mapping-config.js';
import { plan as makePlan } from '../core/plan.js';
import type { Plan, SalesforceRead, SnapshotEntry } from '../core/plan-types.js';
import type { LockHolder } from '../state/run-lock.js';
import type { RunOutcome, RunTrigger } from '../state/run-repo.js';
import type { StateStore } from '../state/state-store.js';
import { applyPlan, type ApplyResult } from './apply.js';
import type { SalesforceSource } from './sources.js';
import { workItems } from './work-items.js';

export interface SyncDeps {
  settings: Settings;
  mapping: MappingConfig;
  store: StateStore;
  salesforce: SalesforceSource;
  cleverbridge: CleverbridgeClient;
  throttle: Throttle;
  log: Logger;
  now?: () => Date;
  /** How retries wait; tests shorten it. */
  sleep?: (ms: number) => Promise<void>;
}

export interface SyncRequest {
  trigger: RunTrigger;
  /** Plan only: nothing is written to cleverbridge, the snapshot or Salesforce. */
  dryRun: boolean;
  allowMassDelete: boolean;
  /** Aborting stops sending new batches; what is in flight settles and is recorded. */
  signal?: AbortSignal;
  onProgress?: (settled: number, total: number) => void;
}

export type SyncReport =
  | { started: false; heldBy: LockHolder }
  | {
      started: true;
      runId: number;
      outcome: Exclude<RunOutcome, 'running'>;
      plan: Plan;
      apply: ApplyResult | null;
      requests: { salesforce: number; cleverbridge: number };
      error: string | null;
    };

/** How long a run lock lives without a heartbeat before another run may take it. */
const LOCK_STALE_MS = 120_000;
const HEARTBEAT_MS = 15_000;

const processAlive = (owner: string): boolean => {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid) return true; // another host: only the heartbeat can tell
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Reads both sides completely; a failure of either read stops the run before anything is planned. */
async function readBothSides(
  deps: Omit<SyncDeps, 'store'>,
): Promise<{ read: SalesforceRead; actual: CleverbridgeActual[] }> {
  const products: Array<SalesforceRead['products'][number]> = [];
  const invalid: Array<SalesforceRead['invalid'][number]> = [];
  const [{ deletedIds }, cbProducts] = await Promise.all([
    deps.salesforce.readAll((sf) => {
      const mapped = mapSalesforceProduct(sf, deps.mapping);
      if (mapped.ok) products.push({ key: mapped.key, product: mapped.product, ignore: mapped.ignore });
      else invalid.push({ key: mapped.key, label: mapped.label, problems: mapped.problems });
    }),
    retryRead(() => deps.throttle.run(() => deps.cleverbridge.readProducts()), deps.sleep),
  ]);
  return {
    read: { complete: true, products, invalid, deletedKeys: deletedIds },
    actual: cbProducts.map((p) => mapCleverbridgeProduct(p, deps.mapping)),
  };
}

function outcomeOf(plan: Plan, apply: ApplyResult | null): Exclude<RunOutcome, 'running'> {
  if (apply?.stoppedBy) return 'failed';
  const troubled =
    plan.counts.invalid > 0 ||
    plan.deletesHeld !== null ||
    (apply !== null && (apply.failed.length > 0 || apply.unknown.length > 0 || apply.notSent > 0));
  return troubled ? 'partial' : 'succeeded';
}

export type PlanDeps = Omit<SyncDeps, 'store'> & { snapshot: () => SnapshotEntry[] };

export interface FullPlan {
  plan: Plan;
  actual: CleverbridgeActual[];
  invalid: SalesforceRead['invalid'];
}

/** Reads both sides in full and plans against the snapshot. Writes nothing anywhere. */
export async function planFullSync(deps: PlanDeps, allowMassDelete: boolean): Promise<FullPlan> {
  const { read, actual } = await readBothSides(deps);
  const { settings } = deps;
  const plan = makePlan(read, deps.snapshot(), actual, {
    managedFields: managedFields(deps.mapping),
    driftPolicy: settings.sync.driftPolicy,
    deletePolicy: settings.sync.deletePolicy,
    massDelete: settings.sync.massDelete,
    allowMassDelete,
    batchSize: settings.cleverbridge.batchSize,
    requestsPerSecond: settings.cleverbridge.requestsPerSecond,
  });
  return { plan, actual, invalid: read.invalid };
}

/**
 * One full reconcile run: take the run lock, read Salesforce and cleverbridge completely, plan
 * three ways against the snapshot, apply (unless a dry run), record the run. The lock is held
 * with a heartbeat and released whatever happens.
 */
export async function runFullSync(deps: SyncDeps, request: SyncRequest): Promise<SyncReport> {
  const now = deps.now ?? (() => new Date());
  const { store } = deps;
  const runId = store.runs.start('full', request.trigger, request.dryRun, now().toISOString());
  const lock = store.lock.acquire(runId, `${hostname()}:${process.pid}`, {
    now: now().getTime(),
    staleAfterMs: LOCK_STALE_MS,
    ownerAlive: processAlive,
  });
  if (!lock.acquired) {
    store.runs.discard(runId);
    return { started: false, heldBy: lock.heldBy };
  }
  const log = deps.log.child({ runId, kind: 'full', dryRun: request.dryRun });
  const heartbeat = setInterval(() => store.lock.heartbeat(runId, now().getTime()), HEARTBEAT_MS);
  heartbeat.unref();
  const cbRequestsBefore = deps.cleverbridge.stats.requests;
  const sfRequestsBefore = deps.salesforce.requests;
  const requests = () => ({
    salesforce: deps.salesforce.requests - sfRequestsBefore,
    cleverbridge: deps.cleverbridge.stats.requests - cbRequestsBefore,
  });
  try {
    log.info('run started');
    const { plan, actual, invalid } = await planFullSync(
      { ...deps, snapshot: () => store.snapshot.all() },
      request.allowMassDelete,
    );
    log.info({ counts: plan.counts, cost: plan.cost }, 'plan made');
    if (plan.deletesHeld) log.warn({ deletesHeld: plan.deletesHeld }, 'deletes held');
    for (const record of invalid) store.runs.recordErrors(runId, record.key, record.label, record.problems);

    let apply: ApplyResult | null = null;
    if (!request.dryRun) {
      const resolved = store.journal.resolveEarlier(runId, now().toISOString());
      if (resolved > 0) log.info({ resolved }, 'journal entries of an interrupted run settled by this full read');
      store.transaction(() => {
        // Snapshot changes that need no mutation: links found equal, stale rows, products gone.
        const at = now().toISOString();
        for (const e of plan.entries) {
          if (e.action === 'adopt' && e.changes.length === 0) store.snapshot.upsert(e.key, e.cbId, e.product, at);
          if (e.action !== 'noop') continue;
          if (e.forget) store.snapshot.remove(e.key);
          else if (e.refresh && e.product && e.cbId !== null) store.snapshot.upsert(e.key, e.cbId, e.product, at);
        }
      });
      apply = await applyPlan(workItems(plan.entries), {
        client: deps.cleverbridge,
        throttle: deps.throttle,
        store,
        config: deps.mapping,
        runId,
        batchSize: deps.settings.cleverbridge.batchSize,
        actual: new Map(actual.map((a) => [a.cbId, a])),
        now: () => now().toISOString(),
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      });
    }
    const outcome = outcomeOf(plan, apply);
    const error = apply?.stoppedBy?.message ?? null;
    const summary = {
      counts: plan.counts,
      cost: plan.cost,
      deletesHeld: plan.deletesHeld,
      apply,
      requests: requests(),
    };
    store.runs.finish(runId, outcome, summary, error, now().toISOString());
    log.info({ outcome, requests: requests() }, 'run finished');
    return { started: true, runId, outcome, plan, apply, requests: requests(), error };
  } catch (error) {
    const message = (error as Error).message;
    store.runs.finish(runId, 'failed', { requests: requests() }, message, now().toISOString());
    log.error({ err: error }, 'run failed');
    throw error;
  } finally {
    clearInterval(heartbeat);
    store.lock.release(runId);
  }
}
