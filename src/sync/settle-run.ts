import type { CleverbridgeActual } from '../core/map-cleverbridge.js';
import type { Plan } from '../core/plan-types.js';
import type { SfRecord } from '../core/salesforce-product.js';
import { applyPlan, type ApplyContext, type ApplyResult } from './apply.js';
import type { RunContext } from './run-lifecycle.js';
import type { SyncDeps, SyncRequest } from './types.js';
import { workItems } from './work-items.js';
import { MAX_ERROR, writeBackUpdates, type WriteBackResult } from './write-back.js';

export interface SettleInput {
  plan: Plan;
  /** cleverbridge products the plan was made against, by id. */
  actual: ReadonlyMap<number, CleverbridgeActual>;
  /** Each read record's write-back fields as Salesforce shows them now. */
  shown: ReadonlyMap<string, SfRecord>;
  /** Keys an earlier, interrupted run may have created already: created by "ensure". */
  uncertain: ReadonlySet<string>;
}

/**
 * The snapshot changes a plan makes without a mutation: adopted products already right, noops
 * whose snapshot row is refreshed or forgotten, and the kept price values cleverbridge showed.
 */
export function settleWithoutMutation(
  deps: SyncDeps,
  plan: Plan,
  actual: ReadonlyMap<number, CleverbridgeActual>,
  at: string,
): void {
  const { store } = deps;
  store.transaction(() => {
    for (const e of plan.entries) {
      if (e.action !== 'adopt' && e.action !== 'noop') continue;
      const kept = e.cbId !== null ? (actual.get(e.cbId)?.keptPriceValues ?? []) : [];
      if (e.action === 'adopt') {
        if (e.changes.length === 0) store.snapshot.upsert(e.key, e.cbId, e.product, at, kept);
      } else if (e.forget) store.snapshot.remove(e.key);
      else if (e.refresh && e.product && e.cbId !== null) store.snapshot.upsert(e.key, e.cbId, e.product, at, kept);
      else if (e.cbId !== null && actual.has(e.cbId)) {
        const row = store.snapshot.get(e.key);
        if (row && JSON.stringify(row.keptPriceValues) !== JSON.stringify(kept)) store.snapshot.setKept(e.key, kept);
      }
    }
  });
}

/** How the applier is set up for a run. */
export function applyContext(
  deps: SyncDeps,
  request: SyncRequest,
  ctx: RunContext,
  actual: ReadonlyMap<number, CleverbridgeActual>,
): ApplyContext {
  return {
    client: deps.cleverbridge,
    throttle: deps.throttle,
    store: deps.store,
    config: deps.mapping,
    runId: ctx.runId,
    batchSize: deps.settings.cleverbridge.batchSize,
    actual,
    now: () => ctx.now().toISOString(),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
  };
}

/** Each product's outcome written back to Salesforce; a failure is logged and counted, never fatal. */
export async function writeBackOutcomes(
  deps: SyncDeps,
  ctx: RunContext,
  plan: Plan,
  apply: ApplyResult,
  shown: ReadonlyMap<string, SfRecord>,
): Promise<WriteBackResult> {
  const { store } = deps;
  const cbIdOf = (key: string) => store.snapshot.get(key)?.cbId ?? null;
  const at = ctx.now().toISOString();
  let updates = writeBackUpdates(plan, apply, shown, cbIdOf, deps.mapping, at);
  const writeBack: WriteBackResult = { written: 0, failed: 0, requests: 0, error: null };
  if (updates.length === 0) return writeBack;
  const before = deps.salesforce.requests;
  try {
    // An org may have made the error field shorter than the reasons: ask once, cut to fit.
    const errorField = deps.mapping.writeBack!.error;
    if (updates.some((u) => typeof u[errorField] === 'string')) {
      const length = await deps.salesforce.textLength(errorField).catch(() => null);
      if (length !== null && length < MAX_ERROR)
        updates = writeBackUpdates(plan, apply, shown, cbIdOf, deps.mapping, at, length);
    }
    const r = await deps.salesforce.writeBack(updates);
    writeBack.written = r.written;
    writeBack.failed = r.failed;
    if (r.failed > 0)
      ctx.log.warn({ failed: r.failed, first: r.errors[0] }, 'some sync statuses could not be written back');
  } catch (error) {
    writeBack.error = (error as Error).message;
    ctx.log.warn({ err: error }, 'writing sync statuses back to Salesforce failed');
  }
  writeBack.requests = deps.salesforce.requests - before;
  return writeBack;
}

/**
 * The part every run ends with: the snapshot changes that need no mutation, the mutations,
 * then each product's outcome written back to Salesforce. A failed write-back is logged and
 * counted; it does not undo or fail the sync.
 */
export async function settleRun(
  deps: SyncDeps,
  request: SyncRequest,
  ctx: RunContext,
  input: SettleInput,
): Promise<{ apply: ApplyResult; writeBack: WriteBackResult }> {
  settleWithoutMutation(deps, input.plan, input.actual, ctx.now().toISOString());
  const apply = await applyPlan(
    workItems(input.plan.entries, input.uncertain),
    applyContext(deps, request, ctx, input.actual),
  );
  const writeBack = await writeBackOutcomes(deps, ctx, input.plan, apply, input.shown);
  return { apply, writeBack };
}
