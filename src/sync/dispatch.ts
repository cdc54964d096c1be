import type { Logger } from 'pino';
import type { StateStore } from '../state/state-store.js';
import type { RunKind } from '../state/run-repo.js';
import { runStages, type Staged } from './pipeline.js';
import { planOptions } from './plan-options.js';
import type { CleverbridgeSession } from './ports.js';
import { fullRead, incrementalRead, type ReadStage } from './read-stage.js';
import { CURSOR, LAST_READ, logPlanEntries, withRun } from './run-lifecycle.js';
import { settleRun } from './settle-stage.js';
import type { PlanReport, SyncDeps, SyncReport, SyncRequest } from './types.js';

/**
 * Salesforce keeps deleted records in its recycle bin for 15 days: past that, a deletion may no
 * longer show, so a cursor that old is not trusted and a full resync runs instead.
 */
export const DELETED_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

type Choice = { kind: 'full'; fullBecause: string | null } | { kind: 'incremental'; since: Date };

/** The run a request gets: an incremental one is full when there is no usable cursor. */
export function chooseRun(store: StateStore, kind: RunKind, now: Date, overlapSeconds: number): Choice {
  if (kind === 'full') return { kind, fullBecause: null };
  const cursor = store.cursors.get(CURSOR);
  const lastRead = store.cursors.get(LAST_READ);
  if (!cursor || !lastRead) return { kind: 'full', fullBecause: 'no cursor yet: the first run reads everything' };
  if (now.getTime() - Date.parse(lastRead) > DELETED_WINDOW_MS) {
    const fullBecause = `the last complete read (${lastRead}) is older than Salesforce keeps deleted records`;
    return { kind: 'full', fullBecause };
  }
  return { kind: 'incremental', since: new Date(Date.parse(cursor) - overlapSeconds * 1000) };
}

const readStage = (
  deps: Pick<SyncDeps, 'store' | 'salesforce'>,
  session: CleverbridgeSession,
  choice: Choice,
): ReadStage =>
  choice.kind === 'full' ? fullRead({ ...deps, session }) : incrementalRead({ ...deps, session }, choice.since);

const requestsOf = (staged: Staged, session: CleverbridgeSession, writeBackRequests = 0) => ({
  salesforce: staged.read.requests + writeBackRequests,
  salesforceRows: staged.read.rows,
  cleverbridge: session.requests,
  rateLimited: session.rateLimited,
});

function logPlan(log: Logger, staged: Staged, choice: Choice): void {
  logPlanEntries(log, staged.plan);
  const { counts, cost, deletesHeld } = staged.plan;
  const where = choice.kind === 'full' ? { fullBecause: choice.fullBecause } : { since: choice.since.toISOString() };
  log.info({ counts, cost, planCpuMs: staged.planMs, ...where }, 'plan made');
  if (deletesHeld) log.warn({ deletesHeld }, 'deletes held');
}

/**
 * One run of the kind asked for, through the one pipeline: read → plan → apply → settle. The
 * CLI, the daemon's schedules and its control API all run syncs through here.
 */
export async function runSync(deps: SyncDeps, request: SyncRequest): Promise<SyncReport> {
  const now = deps.now ?? (() => new Date());
  const choice = chooseRun(deps.store, request.kind, now(), deps.settings.sync.overlapSeconds);
  const fullBecause = choice.kind === 'full' ? choice.fullBecause : null;
  return withRun(deps, request, choice.kind, async (ctx) => {
    const session = deps.cleverbridge.session();
    // Read once the run holds the lock: the journal and the snapshot are this run's to settle.
    const stage = readStage(deps, session, choice);
    const staged = await runStages(stage, {
      mapping: deps.mapping,
      plan: planOptions(deps.settings, deps.mapping, request.allowMassDelete),
      apply: () => ({
        session,
        store: deps.store,
        runId: ctx.runId,
        batchSize: deps.settings.cleverbridge.batchSize,
        now: () => ctx.now().toISOString(),
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      }),
    });
    logPlan(ctx.log, staged, choice);
    const settle = { ...deps, log: ctx.log, runId: ctx.runId, now: () => ctx.now().toISOString() };
    const writeBack = await settleRun(settle, staged, stage.complete);
    const requests = requestsOf(staged, session, writeBack.requests);
    return {
      plan: staged.plan,
      read: staged.read,
      apply: staged.apply!,
      writeBack,
      fullBecause,
      requests,
      planCpuMs: staged.planMs,
    };
  });
}

export type PlanDeps = Omit<SyncDeps, 'statusWriter'>;

/**
 * A dry run: the same pipeline as `runSync` without the applier and the settle stage, so what it
 * plans is what a run would do now. It takes no lock and writes nothing anywhere.
 */
export async function planSync(
  deps: PlanDeps,
  request: Pick<SyncRequest, 'kind' | 'allowMassDelete'>,
): Promise<PlanReport> {
  const now = deps.now ?? (() => new Date());
  const choice = chooseRun(deps.store, request.kind, now(), deps.settings.sync.overlapSeconds);
  const session = deps.cleverbridge.session();
  const staged = await runStages(readStage(deps, session, choice), {
    mapping: deps.mapping,
    plan: planOptions(deps.settings, deps.mapping, request.allowMassDelete),
    apply: null,
  });
  const log = deps.log.child({ kind: choice.kind, dryRun: true });
  logPlan(log, staged, choice);
  return {
    kind: choice.kind,
    fullBecause: choice.kind === 'full' ? choice.fullBecause : null,
    plan: staged.plan,
    requests: requestsOf(staged, session),
    planCpuMs: staged.planMs,
  };
}
