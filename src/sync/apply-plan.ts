import type { CleverbridgeActual } from '../core/plan-types.js';
import { Applier, type ApplyResult } from './apply/applier.js';
import { workItems } from './apply/work-items.js';
import { basisChanges, configDigest, snapshotVersion, type PlanBasis } from './plan-basis.js';
import type { CleverbridgeSession, SalesforceRead } from './ports.js';
import { productHasher } from './product-hasher.js';
import { RunRefusedError, withRun, type RunContext } from './run-lifecycle.js';
import type { SavedPlan } from './saved-plan.js';
import { recordPlanOutcomes } from './settle-stage.js';
import type { SyncDeps, SyncReport, SyncRequest } from './types.js';
import { outOfScopeOutcomes } from './write-back.js';
import { WriteBackStream } from './write-back-stream.js';

/** The plan's basis no longer holds: applying it would send what a plan made now would not. */
export class StalePlanError extends RunRefusedError {
  constructor(readonly changes: readonly string[]) {
    super(
      'PLAN_STALE',
      `the plan is stale, nothing was sent: ${changes.join('; ')}. Make a new plan (catalog-sync plan --out FILE) and review it.`,
    );
    this.name = 'StalePlanError';
  }
}

/** The basis as it is now, and the cleverbridge products the plan touches as they are now. */
async function basisNow(deps: SyncDeps, saved: SavedPlan, session: CleverbridgeSession) {
  const hashOf = productHasher(deps.mapping);
  const salesforce = await deps.salesforce.fingerprint();
  const ids = Object.keys(saved.basis.cleverbridge).map(Number);
  const found = ids.length > 0 ? await session.readByIds(ids) : [];
  const actual = new Map<number, CleverbridgeActual>();
  const cleverbridge: Record<string, string | null> = {};
  ids.forEach((id, i) => {
    const product = found[i] ?? null;
    cleverbridge[id] = product ? hashOf(product.product) : null;
    if (product) actual.set(id, product);
  });
  const basis: PlanBasis = {
    config: configDigest(deps.settings, deps.mapping),
    salesforce: salesforce.fingerprint,
    snapshot: snapshotVersion(deps.store),
    cleverbridge,
  };
  return { basis, actual, requests: salesforce.requests };
}

const NOTHING_READ = (requests: number): SalesforceRead => ({
  deletedIds: [],
  purgedIds: [],
  outOfScope: [],
  newest: null,
  recent: [],
  requests,
  rows: 0,
});

/** Sends the plan's mutations: creates as ensures (cleverbridge may have gained one since), deletes last. */
async function send(
  deps: SyncDeps,
  ctx: RunContext,
  saved: SavedPlan,
  request: Pick<SyncRequest, 'signal' | 'onProgress'>,
  session: CleverbridgeSession,
  actual: ReadonlyMap<number, CleverbridgeActual>,
  writeBack: WriteBackStream | null,
): Promise<ApplyResult> {
  const entries = saved.plan.entries;
  const applier = new Applier({
    session,
    store: deps.store,
    runId: ctx.runId,
    batchSize: deps.settings.cleverbridge.batchSize,
    kept: (cbId) => actual.get(cbId)?.keptPriceValues ?? [],
    now: () => ctx.now().toISOString(),
    hashOf: productHasher(deps.mapping),
    language: deps.mapping.defaultLanguage,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    ...(writeBack ? { onSettled: writeBack.settled.bind(writeBack) } : {}),
  });
  for (const e of entries) writeBack?.planned(e);
  applier.push(
    workItems(
      entries.filter((e) => e.action !== 'delete'),
      true,
    ),
  );
  applier.push(workItems(entries.filter((e) => e.action === 'delete')));
  return applier.finish();
}

/**
 * Applies a saved plan exactly (`catalog-sync apply`): under the run lock, it first checks that
 * what the plan was made from still holds (the configuration, Salesforce's fingerprint, the
 * snapshot's version, the hashes of the cleverbridge products it touches) and refuses, sending
 * nothing and leaving no run, when it does not; then it sends the plan's mutations and settles
 * them as a run does: journal, snapshot, record errors, the write-back. It reads no more of
 * Salesforce, so it moves no cursor.
 */
export async function applyPlan(
  deps: SyncDeps,
  saved: SavedPlan,
  request: Pick<SyncRequest, 'signal' | 'onProgress' | 'onStart'> = {},
): Promise<SyncReport> {
  // The run is recorded as kind 'apply'; the request's kind and allowMassDelete plan nothing here
  // (the plan was made, with or without --allow-mass-delete, when it was saved).
  const runRequest = { ...request, kind: 'full' as const, trigger: 'cli' as const, allowMassDelete: false };
  return withRun(deps, runRequest, 'apply', async (ctx) => {
    const session = deps.cleverbridge.session();
    const now = await basisNow(deps, saved, session);
    const changes = basisChanges(saved.basis, now.basis);
    if (changes.length > 0) throw new StalePlanError(changes);
    const at = () => ctx.now().toISOString();
    const writeBack = deps.mapping.writeBack
      ? new WriteBackStream(
          {
            statusWriter: deps.statusWriter,
            mapping: deps.mapping,
            log: ctx.log,
            now: at,
            cbIdOf: (key) => deps.store.snapshot.ref(key)?.cbId ?? null,
          },
          new Map(Object.entries(saved.shown)),
        )
      : null;
    const apply = await send(deps, ctx, saved, request, session, now.actual, writeBack);
    const settle = { ...deps, log: ctx.log, runId: ctx.runId, now: at };
    recordPlanOutcomes(settle, saved.plan, now.actual, productHasher(deps.mapping));
    const status = deps.mapping.writeBack?.status;
    if (writeBack && status) {
      const records = new Map(saved.outOfScope.map((r) => [String(r.Id), r]));
      for (const [key, outcome] of outOfScopeOutcomes(saved.plan, apply, saved.outOfScope, status))
        writeBack.add(key, outcome, records.get(key));
    }
    const written = writeBack
      ? await writeBack.finish()
      : { written: 0, failed: 0, requests: 0, error: null, firstFailure: null };
    const requests = {
      salesforce: now.requests + written.requests,
      salesforceRows: 0,
      cleverbridge: session.requests,
      rateLimited: session.rateLimited,
    };
    return {
      plan: saved.plan,
      read: NOTHING_READ(now.requests),
      apply,
      writeBack: written,
      fullBecause: null,
      requests,
      planCpuMs: 0,
      movesCursor: false,
    };
  });
}
