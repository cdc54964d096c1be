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
 * Applies mutations in batches (aliases of one document), through the throttle, as they are
 * pushed: a full sync pushes each product's work while Salesforce is still being read. Each
 * mutation is journaled pending before its batch is sent; its result is settled with the
 * snapshot in one transaction per batch. A failed record fails alone. A mutation whose outcome
 * is unknown is retried after a backoff of its own, in a batch with whatever else is ready, a
 * create as an update by internalId so it can never be made twice. A 401 stops everything at
 * once: no retry, no further login attempt. Until `finish`, only full batches go out.
 */
export class Applier {
  readonly #ctx: ApplyContext;
  readonly #result: ApplyResult = {
    succeeded: { create: 0, update: 0, delete: 0 },
    failed: [],
    unknown: [],
    notSent: [],
    stoppedBy: null,
    requests: 0,
    ms: 0,
  };
  #ready: WorkItem[] = [];
  /** Items waiting out a backoff, and batches sent but not settled. */
  #backingOff = 0;
  #sending = 0;
  #total = 0;
  #settled = 0;
  #started = 0;
  #closed = false;
  readonly #abort = new AbortController();
  #fatal: unknown = null;
  #done: (() => void) | null = null;

  constructor(ctx: ApplyContext) {
    // Batches already queued in the throttle check this signal when their turn comes.
    this.#ctx = { ...ctx, signal: AbortSignal.any([this.#abort.signal, ...(ctx.signal ? [ctx.signal] : [])]) };
  }

  get #stopped(): boolean {
    return this.#result.stoppedBy !== null || this.#ctx.signal!.aborted;
  }

  /** Sends nothing more (a failed read): what is in flight settles; the rest is not sent. */
  abort(): void {
    this.#abort.abort();
    this.#pump();
  }

  push(items: readonly WorkItem[]): void {
    this.#total += items.length;
    this.#ready.push(...items);
    this.#pump();
  }

  /** No more work will be pushed: sends what is left and resolves once everything settled. */
  finish(): Promise<ApplyResult> {
    this.#closed = true;
    const settled = new Promise<void>((resolve) => (this.#done = resolve));
    this.#pump();
    return settled.then(() => {
      if (this.#fatal) throw this.#fatal;
      if (this.#started > 0) this.#result.ms = performance.now() - this.#started;
      return this.#result;
    });
  }

  #progress = (n: number) => {
    this.#settled += n;
    this.#ctx.onProgress?.(this.#settled, this.#total);
  };

  #pump(): void {
    if (this.#stopped && this.#ready.length > 0) {
      this.#result.notSent.push(...this.#ready.map((i) => i.key));
      this.#ready = [];
    }
    const size = this.#ctx.batchSize;
    while (this.#ready.length >= size || (this.#ready.length > 0 && this.#closed)) {
      this.#send(this.#ready.splice(0, size));
    }
    if (this.#closed && this.#ready.length === 0 && this.#sending === 0 && this.#backingOff === 0) this.#done?.();
  }

  #send(batch: WorkItem[]): void {
    if (this.#started === 0) this.#started = performance.now();
    this.#sending++;
    const retry: WorkItem[] = [];
    void sendBatch(batch, this.#ctx, this.#result, retry, this.#progress)
      .then(() => retry.forEach((item) => this.#retry(item)))
      .catch((error: unknown) => {
        // Not an answer from cleverbridge (the state file failed): stop, and fail finish().
        this.#fatal ??= error;
        this.#abort.abort();
      })
      .finally(() => {
        this.#sending--;
        this.#pump();
      });
  }

  #retry(item: WorkItem): void {
    if (this.#stopped) {
      this.#result.notSent.push(item.key);
      return;
    }
    if (item.failures >= RETRY_POLICY.unavailable.maxAttempts) {
      this.#result.unknown.push({
        key: item.key,
        code: 'CB_OUTCOME_UNKNOWN',
        message: `no answer after ${item.failures} attempts`,
      });
      markUnknown(this.#ctx, item);
      this.#progress(1);
      return;
    }
    // An item only switching between create and ensure goes again at once; repeated failures
    // wait longer and longer.
    if (item.failures === 0) {
      this.#ready.push(item);
      return;
    }
    this.#backingOff++;
    void (this.#ctx.sleep ?? sleeper)(backoffDelay(RETRY_POLICY.unavailable, item.failures)).then(() => {
      this.#backingOff--;
      this.#ready.push(item);
      this.#pump();
    });
  }
}

/** Applies `items` and resolves when every one has settled: an Applier given everything at once. */
export function applyPlan(items: WorkItem[], ctx: ApplyContext): Promise<ApplyResult> {
  const applier = new Applier(ctx);
  applier.push(items);
  return applier.finish();
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
    // The client classifies every answer, or its absence, as a CleverbridgeError; anything else
    // (the state file failing, a bug) is no outcome of the batch: it stops the applier.
    if (!(error instanceof CleverbridgeError) && !ctx.throttle.stopped) throw error;
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
