import type { CleverbridgeClient, MutationResult } from '../cleverbridge/client.js';
import { backoffDelay, CleverbridgeError, RETRY_POLICY } from '../cleverbridge/errors.js';
import type { Throttle } from '../cleverbridge/throttle.js';
import type { CleverbridgeActual } from '../core/map-cleverbridge.js';
import type { MappingConfig } from '../core/mapping-config.js';
import type { Mutation } from '../core/plan-types.js';
import type { StateStore } from '../state/state-store.js';
import { callFor, type WorkItem } from './work-items.js';

export interface ApplyContext {
  client: CleverbridgeClient;
  throttle: Throttle;
  store: StateStore;
  config: MappingConfig;
  runId: number;
  batchSize: number;
  /** cleverbridge products as read for the plan, by id (their unmanaged price values are kept). */
  actual: ReadonlyMap<number, CleverbridgeActual>;
  now: () => string;
  /** Aborting it stops sending new batches; batches in flight settle first. */
  signal?: AbortSignal;
  onProgress?: (settled: number, total: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface RecordFailure {
  key: string;
  code: string;
  message: string;
}

export interface ApplyResult {
  succeeded: Record<Mutation, number>;
  /** cleverbridge refused these mutations; the reason is recorded. */
  failed: RecordFailure[];
  /** Gave up without knowing whether they took effect; the next run reads and settles them. */
  unknown: RecordFailure[];
  /** Keys not sent: the run was stopped (401, shutdown) before their turn. */
  notSent: string[];
  /** Why the run stopped early, if it did. */
  stoppedBy: CleverbridgeError | null;
  requests: number;
  /** How long applying took, first batch to last answer (ms). */
  ms: number;
}

/** Codes that say the mutation may or may not have happened: retried, creates as "ensure". */
const UNKNOWN_OUTCOME = new Set(['INTERNAL_SERVER_ERROR', 'CB_BAD_RESPONSE', 'UNKNOWN']);

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Applies the plan's mutations in batches (aliases of one document), through the throttle.
 * Each mutation is journaled pending before its batch is sent; its result is settled with the
 * snapshot in one transaction per batch. A failed record fails alone. A mutation whose outcome
 * is unknown is retried with backoff, a create as an update by internalId so it can never be
 * made twice. A 401 stops everything at once: no retry, no further login attempt.
 */
export async function applyPlan(items: WorkItem[], ctx: ApplyContext): Promise<ApplyResult> {
  const result: ApplyResult = {
    succeeded: { create: 0, update: 0, delete: 0 },
    failed: [],
    unknown: [],
    notSent: [],
    stoppedBy: null,
    requests: 0,
    ms: 0,
  };
  const started = performance.now();
  const total = items.length;
  let settled = 0;
  const progress = (n: number) => {
    settled += n;
    ctx.onProgress?.(settled, total);
  };
  const policy = RETRY_POLICY.unavailable;
  const sleep = ctx.sleep ?? sleeper;

  let work = items;
  while (work.length > 0) {
    // Back off by the least-failed item's count: an item only switching between create and
    // ensure goes again at once; repeated failures wait longer and longer.
    const failures = Math.min(...work.map((w) => w.failures));
    if (failures > 0) await sleep(backoffDelay(policy, failures));
    const retry: WorkItem[] = [];
    const batches: WorkItem[][] = [];
    for (let i = 0; i < work.length; i += ctx.batchSize) batches.push(work.slice(i, i + ctx.batchSize));
    await Promise.all(batches.map((batch) => sendBatch(batch, ctx, result, retry, progress)));
    if (result.stoppedBy || ctx.signal?.aborted) {
      result.notSent.push(...retry.map((i) => i.key));
      break;
    }
    work = [];
    for (const item of retry) {
      if (item.failures < policy.maxAttempts) work.push(item);
      else {
        result.unknown.push({
          key: item.key,
          code: 'CB_OUTCOME_UNKNOWN',
          message: `no answer after ${item.failures} attempts`,
        });
        markUnknown(ctx, item);
        progress(1);
      }
    }
  }
  result.ms = performance.now() - started;
  return result;
}

function markUnknown(ctx: ApplyContext, item: WorkItem) {
  if (ctx.store.snapshot.get(item.key))
    ctx.store.snapshot.markOutcome(item.key, 'unknown', 'cleverbridge did not answer');
}

/** A batch whose turn came after the run was stopped: never sent, nothing journaled. */
class NotSent extends Error {}

async function sendBatch(
  batch: WorkItem[],
  ctx: ApplyContext,
  result: ApplyResult,
  retry: WorkItem[],
  progress: (n: number) => void,
): Promise<void> {
  let results: MutationResult[];
  try {
    results = await ctx.throttle.run(() => {
      // Checked when the batch's turn comes, not when it was queued: a stop takes effect at once.
      if (result.stoppedBy || ctx.signal?.aborted) throw new NotSent();
      const calls = batch.map((item) => callFor(item, ctx.client.clientId, ctx.config, ctx.actual));
      const at = ctx.now();
      // Journaled as pending just before it goes out.
      ctx.store.transaction(() =>
        batch.forEach((item, i) => {
          item.journal.push(ctx.store.journal.add(ctx.runId, item.key, calls[i]!.kind, item.cbId, calls[i]!.input, at));
        }),
      );
      result.requests++;
      return ctx.client.mutate(calls);
    });
  } catch (error) {
    if (error instanceof NotSent) {
      result.notSent.push(...batch.map((i) => i.key));
      return;
    }
    const e = error instanceof CleverbridgeError ? error : new CleverbridgeError('unavailable', String(error));
    handleBatchFailure(batch, e, ctx, result, retry, progress);
    return;
  }
  ctx.store.transaction(() => {
    const now = ctx.now();
    batch.forEach((item, i) => settle(item, results[i]!, now, ctx, result, retry, progress));
  });
}

/** Settles every journal row of the item's attempts so far. */
function settleJournal(
  item: WorkItem,
  ctx: ApplyContext,
  state: 'succeeded' | 'failed',
  error: string | null,
  now: string,
) {
  for (const id of item.journal) ctx.store.journal.settle(id, state, error, now);
  item.journal = [];
}

function handleBatchFailure(
  batch: WorkItem[],
  e: CleverbridgeError,
  ctx: ApplyContext,
  result: ApplyResult,
  retry: WorkItem[],
  progress: (n: number) => void,
) {
  const now = ctx.now();
  if (e.kind === 'auth' || ctx.throttle.stopped) {
    // Not processed (refused at the door, or never sent because the run stopped): the journal
    // says so, and after a 401 every other request stops with this one.
    ctx.store.transaction(() =>
      batch.forEach((item) => settleJournal(item, ctx, 'failed', `not sent: ${e.message}`, now)),
    );
    if (e.kind === 'auth' && !result.stoppedBy) {
      result.stoppedBy = e;
      ctx.throttle.stop(e);
    }
    result.notSent.push(...batch.map((i) => i.key));
    return;
  }
  if (e.kind === 'rejected') {
    // The API refused the document itself: resending it cannot help.
    ctx.store.transaction(() =>
      batch.forEach((item) => {
        settleJournal(item, ctx, 'failed', e.message, now);
        fail(item, { code: e.code, message: e.message }, ctx, result);
      }),
    );
    progress(batch.length);
    return;
  }
  // Unknown outcome (5xx, dropped, timeout, or 429 past its retries): journal rows stay pending
  // until a retry settles them; creates come back as "ensure".
  for (const item of batch) unknownOutcome(item, retry);
}

function unknownOutcome(item: WorkItem, retry: WorkItem[]) {
  item.failures++;
  if (item.step === 'create') item.step = 'ensure';
  retry.push(item);
}

function settle(
  item: WorkItem,
  r: MutationResult,
  now: string,
  ctx: ApplyContext,
  result: ApplyResult,
  retry: WorkItem[],
  progress: (n: number) => void,
) {
  const { snapshot } = ctx.store;
  if (r.ok || (r.code === 'NOT_FOUND' && item.step === 'delete')) {
    // A delete that finds nothing to delete got what it wanted.
    settleJournal(item, ctx, 'succeeded', null, now);
    succeed(item, r.ok ? r.cbId : item.cbId!, now, ctx, result);
    progress(1);
  } else if (r.code === 'NOT_FOUND' && item.step === 'ensure') {
    // The earlier attempt did not create it after all (the journal row says so): create it now.
    settleJournal(item, ctx, 'failed', 'not created; sent again', now);
    item.step = 'create';
    retry.push(item);
  } else if (r.code === 'DUPLICATE_INTERNAL_ID' && item.step === 'create') {
    // It exists already (an earlier attempt made it): make it right by internalId.
    item.step = 'ensure';
    retry.push(item);
  } else if (UNKNOWN_OUTCOME.has(r.code)) {
    unknownOutcome(item, retry);
  } else {
    settleJournal(item, ctx, 'failed', `${r.code}: ${r.message}`, now);
    fail(item, { code: r.code, message: r.message }, ctx, result);
    if (snapshot.get(item.key)) snapshot.markOutcome(item.key, 'failed', `${r.code}: ${r.message}`);
    progress(1);
  }
}

function succeed(item: WorkItem, cbId: number, now: string, ctx: ApplyContext, result: ApplyResult) {
  const { snapshot } = ctx.store;
  if (item.product === null) snapshot.remove(item.key);
  else snapshot.upsert(item.key, cbId, item.product, now, ctx.actual.get(cbId)?.keptPriceValues ?? []);
  result.succeeded[item.mutation]++;
}

function fail(item: WorkItem, failure: { code: string; message: string }, ctx: ApplyContext, result: ApplyResult) {
  result.failed.push({ key: item.key, ...failure });
  ctx.store.runs.recordErrors(ctx.runId, item.key, null, [failure]);
}
