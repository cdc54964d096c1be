import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Plan } from '../core/plan-types.js';
import type { LockHolder } from '../state/run-lock.js';
import type { RunKind } from '../state/run-repo.js';
import type { ApplyResult } from './apply/applier.js';
import type { SalesforceRead } from './ports.js';
import type { RunRequests, SyncDeps, SyncReport, SyncRequest } from './types.js';
import type { WriteBackResult } from './write-back.js';

/** How long a run lock lives without a heartbeat before another run may take it. */
const LOCK_STALE_MS = 120_000;
const HEARTBEAT_MS = 15_000;
/** The newest SystemModstamp read: where the next incremental read starts (Salesforce's clock). */
export const CURSOR = 'salesforce.systemModstamp';
/** When the last read that committed began (our clock): how long deletions may have gone unseen. */
export const LAST_READ = 'salesforce.lastRead';
/**
 * When the last complete (full) read that committed began (our clock): a product deleted since,
 * and purged from Salesforce's recycle bin before an incremental read saw it, is found absent then.
 */
export const LAST_COMPLETE_READ = 'salesforce.lastCompleteRead';

/**
 * A run that found, before it sent anything, that it must not go on (a stale plan): it leaves
 * no history, as a run refused the lock leaves none.
 */
export class RunRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RunRefusedError';
  }
}

export interface RunContext {
  runId: number;
  log: Logger;
  now: () => Date;
}

/** What a run did, for its record and its report. */
export interface RunBody {
  plan: Plan;
  read: SalesforceRead;
  apply: ApplyResult;
  writeBack: WriteBackResult;
  fullBecause: string | null;
  requests: RunRequests;
  planCpuMs: number;
  /** False for a read of some products only (change events'): it says nothing of the others. */
  movesCursor: boolean;
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

function outcomeOf({ plan, apply, writeBack }: RunBody): 'succeeded' | 'partial' | 'failed' {
  if (apply.stoppedBy) return 'failed';
  const troubled =
    plan.counts.invalid > 0 ||
    plan.deletesHeld !== null ||
    apply.failed.length > 0 ||
    apply.unknown.length > 0 ||
    apply.notSent.length > 0 ||
    writeBack.error !== null ||
    writeBack.failed > 0;
  return troubled ? 'partial' : 'succeeded';
}

/** Why the run fell short, when it stopped or its write-back did; the other shortfalls speak per record. */
function errorOf({ apply, writeBack }: RunBody): string | null {
  if (apply.stoppedBy) return apply.stoppedBy.message;
  if (writeBack.error !== null) return `the write-back to Salesforce failed: ${writeBack.error}`;
  if (writeBack.failed > 0)
    return `${writeBack.failed} sync status(es) could not be written back to Salesforce (the next full resync writes them again); the first: ${writeBack.firstFailure}`;
  return null;
}

/** A run record and the run lock; a run refused the lock leaves no history. */
function begin(
  deps: SyncDeps,
  request: SyncRequest,
  kind: RunKind,
  now: () => Date,
): { runId: number } | { heldBy: LockHolder } {
  const { store } = deps;
  const runId = store.runs.start(kind, request.trigger, false, now().toISOString());
  const lock = store.lock.acquire(runId, `${hostname()}:${process.pid}`, {
    now: now().getTime(),
    staleAfterMs: LOCK_STALE_MS,
    ownerAlive: processAlive,
  });
  if (lock.acquired) return { runId };
  store.runs.discard(runId);
  return { heldBy: lock.heldBy };
}

/** The deletes the mass-delete rule held, each with why it was planned (the status page lists them). */
const HELD_LISTED = 1000;
const heldDeletes = (plan: Plan) =>
  plan.entries
    .flatMap((e) => (e.action === 'delete' && e.held ? [{ key: e.key, cbId: e.cbId, reason: e.reason }] : []))
    .slice(0, HELD_LISTED);

/** The outcome and summary recorded, and the cursor moved if the run's results all landed. */
function end(deps: SyncDeps, ctx: RunContext, kind: RunKind, result: RunBody, readStartedAt: string): SyncReport {
  const outcome = outcomeOf(result);
  const error = errorOf(result);
  const { plan, apply, writeBack, fullBecause, requests } = result;
  const summary = {
    counts: plan.counts,
    cost: plan.cost,
    deletesHeld: plan.deletesHeld,
    heldDeletes: heldDeletes(plan),
    fullBecause,
    purgedIds: result.read.purgedIds,
    apply,
    writeBack,
    requests,
  };
  deps.store.runs.finish(ctx.runId, outcome, summary, error, ctx.now().toISOString());
  // A read of some products (change events') moves no cursor, and keeps no recent reads: what
  // it paged past without reading it (a scan of the catalog) would pass for read.
  if (result.movesCursor && outcome !== 'failed' && apply.notSent.length === 0 && writeBack.error === null)
    commit(deps, result.read, readStartedAt, kind === 'full');
  if (error) ctx.log.warn({ outcome, error }, 'run fell short');
  ctx.log.info({ outcome, counts: plan.counts, requests }, 'run finished');
  const purgedIds = result.read.purgedIds;
  const report = {
    kind,
    outcome,
    plan,
    apply,
    writeBack,
    fullBecause,
    purgedIds,
    requests,
    planCpuMs: result.planCpuMs,
    error,
  };
  return { started: true, runId: ctx.runId, ...report };
}

/**
 * What every run shares: a run record, the run lock renewed by a heartbeat, a child logger, the
 * outcome and summary recorded, and the Salesforce cursor moved to the newest change this run's
 * own read found, once its results are committed and nothing was left unsent or unwritten. The
 * lock is released whatever happens.
 */
export async function withRun(
  deps: SyncDeps,
  request: SyncRequest,
  kind: RunKind,
  body: (ctx: RunContext) => Promise<RunBody>,
): Promise<SyncReport> {
  const now = deps.now ?? (() => new Date());
  const { store } = deps;
  const started = begin(deps, request, kind, now);
  if ('heldBy' in started) return { started: false, heldBy: started.heldBy };
  const { runId } = started;
  request.onStart?.(runId, kind);
  const ctx: RunContext = { runId, log: deps.log.child({ runId, kind, trigger: request.trigger }), now };
  const heartbeat = setInterval(() => store.lock.heartbeat(runId, now().getTime()), HEARTBEAT_MS);
  heartbeat.unref();
  const readStartedAt = now().toISOString();
  try {
    ctx.log.info('run started');
    return end(deps, ctx, kind, await body(ctx), readStartedAt);
  } catch (error) {
    if (error instanceof RunRefusedError) {
      store.runs.discard(runId);
      ctx.log.warn({ code: error.code }, error.message);
      throw error;
    }
    store.runs.finish(runId, 'failed', {}, (error as Error).message, now().toISOString());
    ctx.log.error({ err: error }, 'run failed');
    throw error;
  } finally {
    clearInterval(heartbeat);
    store.lock.release(runId);
  }
}

/** The cursor moves to what this read found, never to what another read saw meanwhile. */
function commit(deps: SyncDeps, read: SalesforceRead, readStartedAt: string, complete: boolean): void {
  const { store } = deps;
  const at = (deps.now ?? (() => new Date()))().toISOString();
  store.transaction(() => {
    if (read.newest && read.newest > (store.cursors.get(CURSOR) ?? '')) store.cursors.set(CURSOR, read.newest, at);
    store.cursors.set(LAST_READ, readStartedAt, at);
    if (complete) store.cursors.set(LAST_COMPLETE_READ, readStartedAt, at);
    // What the next run's overlap window will return again, and this run has read.
    const cursor = store.cursors.get(CURSOR);
    if (cursor) store.recentReads.keep(read.recent, Date.parse(cursor) - deps.settings.sync.overlapSeconds * 1000);
  });
}

/** At debug level, each entry that changes something: its key, action and the fields it changes. */
export function logPlanEntries(log: Logger, plan: Plan): void {
  if (!log.isLevelEnabled('debug')) return;
  for (const e of plan.entries) {
    if (e.action === 'noop') continue;
    const fields = 'changes' in e ? e.changes.map((c) => c.field) : undefined;
    log.debug({ key: e.key, action: e.action, ...(fields ? { fields } : {}) }, 'planned');
  }
}
