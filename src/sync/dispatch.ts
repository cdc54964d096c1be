import type { Logger } from 'pino';
import type { StateStore } from '../state/state-store.js';
import type { SyncKind } from '../state/run-repo.js';
import { runStages, type Staged } from './pipeline.js';
import { planOptions } from './plan-options.js';
import type { ChangeTargets, CleverbridgeSession } from './ports.js';
import { productHasher } from './product-hasher.js';
import { fullRead, incrementalRead, targetedRead, type ReadStage } from './read-stage.js';
import { CURSOR, LAST_COMPLETE_READ, logPlanEntries, withRun } from './run-lifecycle.js';
import { settleRun } from './settle-stage.js';
import type { PlanReport, SyncDeps, SyncReport, SyncRequest } from './types.js';

/**
 * Salesforce keeps deleted records in its recycle bin for 15 days (less when an admin empties it
 * or it overflows): a deletion purged before an incremental read ran never shows to queryAll,
 * and only a complete read finds the product absent. So an incremental request runs full when
 * the last complete read is older than this (a day short of the 15, for clock skew and run time).
 */
export const DELETED_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

type Choice =
  { kind: 'full'; fullBecause: string | null } | { kind: 'incremental'; since: Date; targets?: ChangeTargets };

/** The run a request gets: an incremental one is full when there is no usable cursor. */
export function chooseRun(store: StateStore, kind: SyncKind, now: Date, overlapSeconds: number): Choice {
  if (kind === 'full') return { kind, fullBecause: null };
  const cursor = store.cursors.get(CURSOR);
  const lastComplete = store.cursors.get(LAST_COMPLETE_READ);
  if (!cursor) return { kind: 'full', fullBecause: 'no cursor yet: the first run reads everything' };
  if (!lastComplete)
    return {
      kind: 'full',
      fullBecause: 'no complete read recorded yet: deletes purged from the recycle bin would be missed',
    };
  if (now.getTime() - Date.parse(lastComplete) > DELETED_WINDOW_MS) {
    const fullBecause = `the last complete read (${lastComplete}) is older than Salesforce keeps deleted records (15 days in the recycle bin): deletes purged since would be missed`;
    return { kind: 'full', fullBecause };
  }
  return { kind: 'incremental', since: new Date(Date.parse(cursor) - overlapSeconds * 1000) };
}

const readStage = (
  deps: Pick<SyncDeps, 'store' | 'salesforce' | 'mapping'>,
  session: CleverbridgeSession,
  choice: Choice,
): ReadStage => {
  const stage = { store: deps.store, salesforce: deps.salesforce, session, hashOf: productHasher(deps.mapping) };
  if (choice.kind === 'full') return fullRead(stage);
  return choice.targets ? targetedRead(stage, choice.targets) : incrementalRead(stage, choice.since);
};

const requestsOf = (staged: Staged, session: CleverbridgeSession, writeBackRequests = 0) => ({
  salesforce: staged.read.requests + writeBackRequests,
  salesforceRows: staged.read.rows,
  cleverbridge: session.requests,
  rateLimited: session.rateLimited,
});

function logPlan(log: Logger, staged: Staged, choice: Choice): void {
  logPlanEntries(log, staged.plan);
  const { counts, cost, deletesHeld } = staged.plan;
  const where =
    choice.kind === 'full'
      ? { fullBecause: choice.fullBecause }
      : choice.targets
        ? { targets: targetCount(choice.targets) }
        : { since: choice.since.toISOString() };
  log.info({ counts, cost, planCpuMs: staged.planMs, ...where }, 'plan made');
  if (deletesHeld) log.warn({ deletesHeld }, 'deletes held');
  const purged = staged.read.purgedIds;
  if (purged.length > 0) log.warn({ purged: purged.length, keys: purged }, purgedMessage(purged.length));
}

const targetCount = (t: ChangeTargets): number => t.products.length + t.priceEntries.length + t.tiers.length;

/** What a run says of products gone from Salesforce, recycle bin included. */
export const purgedMessage = (n: number): string =>
  `${n} product(s) are gone from Salesforce, not even in its recycle bin (purged or emptied): not deleted in cleverbridge by this incremental run; the next full resync deletes them`;

/**
 * One run of the kind asked for, through the one pipeline: read → plan → apply → settle. The
 * CLI, the daemon's schedules and its control API all run syncs through here.
 */
export async function runSync(deps: SyncDeps, request: SyncRequest): Promise<SyncReport> {
  const now = deps.now ?? (() => new Date());
  const choice = choose(deps, request, now());
  const fullBecause = choice.kind === 'full' ? choice.fullBecause : null;
  return withRun(deps, request, choice.kind, async (ctx) => {
    const session = deps.cleverbridge.session();
    // Read once the run holds the lock: the journal and the snapshot are this run's to settle.
    const stage = readStage(deps, session, choice);
    request.onStage?.('read');
    const staged = await runStages(stage, {
      mapping: deps.mapping,
      ...(request.onRead ? { onRead: request.onRead } : {}),
      onReadEnd: () => request.onStage?.('apply'),
      plan: planOptions(deps.settings, deps.mapping, request.allowMassDelete),
      ...(deps.mapping.writeBack
        ? {
            writeBack: {
              statusWriter: deps.statusWriter,
              mapping: deps.mapping,
              log: ctx.log,
              now: () => ctx.now().toISOString(),
              cbIdOf: (key: string) => deps.store.snapshot.ref(key)?.cbId ?? null,
            },
          }
        : {}),
      keepSourceHashes: (hashes) =>
        deps.store.transaction(() => {
          for (const [key, hash] of hashes) deps.store.sourceHashes.put(key, hash);
        }),
      apply: () => ({
        session,
        store: deps.store,
        runId: ctx.runId,
        batchSize: deps.settings.cleverbridge.batchSize,
        now: () => ctx.now().toISOString(),
        language: deps.mapping.defaultLanguage,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      }),
    });
    logPlan(ctx.log, staged, choice);
    request.onStage?.('settle');
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
      movesCursor: choice.kind === 'full' || !choice.targets,
    };
  });
}

/** chooseRun, with the change events' targets kept when the run is incremental. */
function choose(deps: SyncDeps, request: SyncRequest, now: Date): Choice {
  const choice = chooseRun(deps.store, request.kind, now, deps.settings.sync.overlapSeconds);
  return choice.kind === 'incremental' && request.targets ? { ...choice, targets: request.targets } : choice;
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
  return (await dryRun(deps, request)).report;
}

/** planSync, with what its stages found (cleverbridge's side, the records' write-back fields). */
export async function dryRun(
  deps: PlanDeps,
  request: Pick<SyncRequest, 'kind' | 'allowMassDelete'>,
): Promise<{ report: PlanReport; staged: Staged }> {
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
  const report = {
    kind: choice.kind,
    fullBecause: choice.kind === 'full' ? choice.fullBecause : null,
    plan: staged.plan,
    requests: requestsOf(staged, session),
    planCpuMs: staged.planMs,
  };
  return { report, staged };
}
