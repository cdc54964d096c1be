import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Plan } from '../core/plan-types.js';
import type { RecordStamp } from '../state/recent-reads-repo.js';
import type { RunKind } from '../state/run-repo.js';
import type { ApplyResult } from './apply.js';
import type { RunRequests, SyncDeps, SyncReport, SyncRequest } from './types.js';
import type { WriteBackResult } from './write-back.js';

/** How long a run lock lives without a heartbeat before another run may take it. */
const LOCK_STALE_MS = 120_000;
const HEARTBEAT_MS = 15_000;
/** The newest SystemModstamp read: where the next incremental read starts (Salesforce's clock). */
export const CURSOR = 'salesforce.systemModstamp';
/** When the last complete read began (our clock): how long deletions may have gone unseen. */
export const LAST_READ = 'salesforce.lastRead';

export interface RunContext {
  runId: number;
  log: Logger;
  now: () => Date;
}

export interface RunBody {
  plan: Plan;
  apply: ApplyResult | null;
  writeBack: WriteBackResult | null;
  fullBecause: string | null;
  /** Salesforce records read near the newest SystemModstamp: not read again unless changed. */
  recent: RecordStamp[];
  /** CPU time of the pure planner. */
  planCpuMs: number;
}

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

function outcomeOf(body: RunBody): 'succeeded' | 'partial' | 'failed' {
  const { plan, apply } = body;
  if (apply?.stoppedBy) return 'failed';
  const troubled =
    plan.counts.invalid > 0 ||
    plan.deletesHeld !== null ||
    (apply !== null && (apply.failed.length > 0 || apply.unknown.length > 0 || apply.notSent.length > 0));
  return troubled ? 'partial' : 'succeeded';
}

/**
 * What every run shares: a run record, the run lock (a refused run leaves no history) renewed
 * by a heartbeat, a child logger, the outcome and summary recorded, and the Salesforce cursor
 * moved to the newest change read, once the run's results are committed and nothing was left
 * unsent. The lock is released whatever happens.
 */
export async function withRun(
  deps: SyncDeps,
  request: SyncRequest,
  kind: RunKind,
  body: (ctx: RunContext) => Promise<RunBody>,
): Promise<SyncReport> {
  const now = deps.now ?? (() => new Date());
  const { store } = deps;
  const runId = store.runs.start(kind, request.trigger, request.dryRun, now().toISOString());
  const lock = store.lock.acquire(runId, `${hostname()}:${process.pid}`, {
    now: now().getTime(),
    staleAfterMs: LOCK_STALE_MS,
    ownerAlive: processAlive,
  });
  if (!lock.acquired) {
    store.runs.discard(runId);
    return { started: false, heldBy: lock.heldBy };
  }
  request.onStart?.(runId, kind);
  const log = deps.log.child({ runId, kind, trigger: request.trigger, dryRun: request.dryRun });
  const heartbeat = setInterval(() => store.lock.heartbeat(runId, now().getTime()), HEARTBEAT_MS);
  heartbeat.unref();
  const before = { sf: deps.salesforce.requests, rows: deps.salesforce.rowsRead, cb: deps.cleverbridge.stats.requests };
  const requests = (): RunRequests => ({
    salesforce: deps.salesforce.requests - before.sf,
    salesforceRows: deps.salesforce.rowsRead - before.rows,
    cleverbridge: deps.cleverbridge.stats.requests - before.cb,
  });
  const readStartedAt = now().toISOString();
  try {
    log.info('run started');
    const result = await body({ runId, log, now });
    const outcome = outcomeOf(result);
    const error = result.apply?.stoppedBy?.message ?? null;
    const summary = {
      counts: result.plan.counts,
      cost: result.plan.cost,
      deletesHeld: result.plan.deletesHeld,
      fullBecause: result.fullBecause,
      apply: result.apply,
      writeBack: result.writeBack,
      requests: requests(),
    };
    store.runs.finish(runId, outcome, summary, error, now().toISOString());
    const newest = deps.salesforce.newest;
    const complete = outcome !== 'failed' && (result.apply?.notSent.length ?? 0) === 0;
    if (!request.dryRun && complete) {
      store.transaction(() => {
        if (newest && newest > (store.cursors.get(CURSOR) ?? ''))
          store.cursors.set(CURSOR, newest, now().toISOString());
        store.cursors.set(LAST_READ, readStartedAt, now().toISOString());
        // What the next run's overlap window will return again, and this run has read.
        const cursor = store.cursors.get(CURSOR);
        if (cursor)
          store.recentReads.keep(result.recent, Date.parse(cursor) - deps.settings.sync.overlapSeconds * 1000);
      });
    }
    log.info({ outcome, counts: result.plan.counts, requests: requests() }, 'run finished');
    return {
      started: true,
      runId,
      kind,
      outcome,
      plan: result.plan,
      apply: result.apply,
      writeBack: result.writeBack,
      fullBecause: result.fullBecause,
      planCpuMs: result.planCpuMs,
      requests: requests(),
      error,
    };
  } catch (error) {
    store.runs.finish(runId, 'failed', { requests: requests() }, (error as Error).message, now().toISOString());
    log.error({ err: error }, 'run failed');
    throw error;
  } finally {
    clearInterval(heartbeat);
    store.lock.release(runId);
  }
}

/** At debug level, each entry that changes something: its key, action and the fields it changes. */
export function logPlanEntries(ctx: RunContext, plan: Plan): void {
  if (!ctx.log.isLevelEnabled('debug')) return;
  for (const e of plan.entries) {
    if (e.action === 'noop') continue;
    const fields = 'changes' in e ? e.changes.map((c) => c.field) : undefined;
    ctx.log.debug({ key: e.key, action: e.action, ...(fields ? { fields } : {}) }, 'planned');
  }
}
