import { productLabel } from '../../core/product-label.js';
import type { CanonicalProduct, KeptPriceValue } from '../../core/product.js';
import type { KeyedRecordError, MutationKind, PlanEntry } from '../../core/plan-types.js';
import type { Settled } from '../write-back.js';
import type { StateStore } from '../../state/state-store.js';
import type { CleverbridgeSession, MutationResult } from '../ports.js';
import { backoffDelay, decisionFor, RETRY_TABLE, sleep, type Sleep } from '../retry-policy.js';
import { answerOf, nextMove, type Answer, type Next } from './transitions.js';
import { journalMutation, mutationFor, type WorkItem } from './work-items.js';

export interface ApplyContext {
  session: CleverbridgeSession;
  store: StateStore;
  runId: number;
  batchSize: number;
  /** Price values cleverbridge shows that the mapping does not manage, by product id: kept. */
  kept: (cbId: number) => readonly KeptPriceValue[];
  now: () => string;
  /** The hash the snapshot keeps of a product written (by default, of the whole product). */
  hashOf?: (product: CanonicalProduct) => string;
  /** The mapping's default language: a refused product's error is recorded with its name in it. */
  language?: string;
  /** Aborting it stops sending new batches; batches in flight settle first. */
  signal?: AbortSignal;
  onProgress?: (settled: number, total: number) => void;
  /** Each product's mutation as it settles (after the snapshot took it): for the write-back. */
  onSettled?: (entry: PlanEntry, settled: Settled) => void;
  sleep?: Sleep;
}

export interface ApplyResult {
  succeeded: Record<MutationKind, number>;
  /** cleverbridge refused these mutations; the reason is recorded. */
  failed: KeyedRecordError[];
  /** Gave up without knowing whether they took effect; the next run reads and settles them. */
  unknown: KeyedRecordError[];
  /** Keys not sent: the run was stopped (401, shutdown) before their turn. */
  notSent: string[];
  /** Why the run stopped early (the error, with its stable code), if it did. */
  stoppedBy: (Error & { code: string }) | null;
  requests: number;
  /** How long applying took, first batch to last answer (ms). */
  ms: number;
}

/** A batch whose turn came after the run was stopped: never sent, nothing journaled. */
class NotSent extends Error {}

/**
 * Applies mutations in batches (aliases of one document) as they are pushed: a full sync pushes
 * each product's work while Salesforce is still being read. Each mutation is journaled pending
 * just before its batch goes out, and settled with the snapshot in one transaction per batch.
 * Each answer moves its item along the transition table (transitions.ts): a failed record fails
 * alone; a mutation without an answer goes again after a backoff of its own, a create as an
 * ensure so it can never be made twice. A 401 stops everything at once. Until `finish`, only
 * full batches go out; after it, a partial batch waits for the batches in flight.
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
  #waiting = 0;
  #sending = 0;
  #total = 0;
  #settled = 0;
  #started = 0;
  #closed = false;
  readonly #abort = new AbortController();
  readonly #signal: AbortSignal;
  #fatal: unknown = null;
  #done: (() => void) | null = null;

  constructor(ctx: ApplyContext) {
    this.#ctx = ctx;
    this.#signal = AbortSignal.any([this.#abort.signal, ...(ctx.signal ? [ctx.signal] : [])]);
  }

  get #stopped(): boolean {
    return this.#result.stoppedBy !== null || this.#signal.aborted;
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
  async finish(): Promise<ApplyResult> {
    this.#closed = true;
    const settled = new Promise<void>((resolve) => (this.#done = resolve));
    this.#pump();
    await settled;
    if (this.#fatal) throw this.#fatal;
    if (this.#started > 0) this.#result.ms = performance.now() - this.#started;
    return this.#result;
  }

  #pump(): void {
    if (this.#stopped && this.#ready.length > 0) {
      this.#notSent(this.#ready);
      this.#ready = [];
    }
    const size = this.#ctx.batchSize;
    // Full batches go at once; the rest only once nothing is in flight whose answer could still
    // fill it (a create after an ensure's NOT_FOUND), so answers do not each cost a request.
    const partial = () => this.#ready.length > 0 && this.#closed && this.#sending === 0;
    while (this.#ready.length >= size || partial()) this.#send(this.#ready.splice(0, size));
    if (this.#closed && this.#ready.length === 0 && this.#sending === 0 && this.#waiting === 0) this.#done?.();
  }

  #send(batch: WorkItem[]): void {
    if (this.#started === 0) this.#started = performance.now();
    this.#sending++;
    this.#sendBatch(batch)
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

  async #sendBatch(batch: WorkItem[]): Promise<void> {
    const mutations = batch.map((item) => mutationFor(item, this.#ctx.kept));
    let results: MutationResult[];
    try {
      results = await this.#ctx.session.mutate(mutations, (sent) => this.#journal(batch, sent));
    } catch (error) {
      if (error instanceof NotSent) {
        this.#notSent(batch);
        return;
      }
      this.#batchFailed(batch, error);
      return;
    }
    const { store } = this.#ctx;
    store.transaction(() => batch.forEach((item, i) => this.#answered(item, results[i]!)));
  }

  /** In the batch's turn, just before it goes out: stopped runs send nothing; the rest is journaled. */
  #journal(batch: WorkItem[], sent: readonly unknown[]): void {
    if (this.#stopped) throw new NotSent();
    const { store, runId } = this.#ctx;
    const at = this.#ctx.now();
    store.transaction(() =>
      batch.forEach((item, i) => {
        item.attempts++;
        item.journal.push(store.journal.add(runId, item.key, journalMutation(item.step), item.cbId, sent[i], at));
      }),
    );
    this.#result.requests++;
  }

  /** The batch got no per-mutation answer: the retry table says what that means for each item. */
  #batchFailed(batch: WorkItem[], error: unknown): void {
    const decision = decisionFor(error);
    if (!decision) throw error;
    const reason = { code: (error as { code: string }).code, message: (error as Error).message };
    if (decision.action === 'stop') {
      // Refused at the door: nothing was processed, and nothing more is sent.
      this.#result.stoppedBy ??= error as Error & { code: string };
      this.#ctx.store.transaction(() =>
        batch.forEach((item) => this.#settleJournal(item, 'failed', `not sent: ${reason.message}`)),
      );
      this.#notSent(batch);
      return;
    }
    const answer: Answer = decision.action === 'fail' ? 'refused' : 'unknown';
    this.#ctx.store.transaction(() => batch.forEach((item) => this.#move(item, answer, reason)));
  }

  #answered(item: WorkItem, result: MutationResult): void {
    const reason = result.ok ? { code: 'OK', message: '' } : { code: result.code, message: result.message };
    this.#move(item, answerOf(result), reason, result.ok ? result.cbId : null);
  }

  #move(item: WorkItem, answer: Answer, reason: { code: string; message: string }, cbId: number | null = null): void {
    item.answers.push(`${item.step}: ${reason.code} ${reason.message}`.trim());
    if (answer === 'unknown') item.unanswered++;
    const next = nextMove(item, answer, reason);
    if (next.then === 'done') return this.#succeed(item, cbId ?? item.cbId!);
    if (next.then === 'fail') return this.#fail(item, next);
    if (next.then === 'unknown') return this.#unknown(item, next);
    if (item.step === 'ensure' && answer === 'not-found')
      this.#settleJournal(item, 'failed', 'not created; sent again');
    item.step = next.step;
    this.#again(item, next);
  }

  #again(item: WorkItem, next: Extract<Next, { then: 'send' }>): void {
    if (this.#stopped) {
      this.#notSent([item]);
      return;
    }
    if (!next.backoff) {
      this.#ready.push(item);
      return;
    }
    this.#waiting++;
    void (this.#ctx.sleep ?? sleep)(backoffDelay(RETRY_TABLE.CB_UNAVAILABLE, item.unanswered)).then(() => {
      this.#waiting--;
      this.#ready.push(item);
      this.#pump();
    });
  }

  #succeed(item: WorkItem, cbId: number): void {
    const { snapshot } = this.#ctx.store;
    this.#settleJournal(item, 'succeeded', null);
    if (item.product === null) snapshot.remove(item.key);
    else {
      const hash = this.#ctx.hashOf?.(item.product);
      snapshot.upsert(item.key, cbId, item.product, this.#ctx.now(), this.#ctx.kept(cbId), hash);
    }
    this.#result.succeeded[item.mutation]++;
    this.#ctx.onSettled?.(item.entry, { kind: 'succeeded' });
    this.#progress();
  }

  #fail(item: WorkItem, failure: { code: string; message: string }): void {
    const { store, runId } = this.#ctx;
    const reason = `${failure.code}: ${failure.message}`;
    this.#settleJournal(item, 'failed', reason);
    this.#result.failed.push({ key: item.key, code: failure.code, message: failure.message });
    const product = item.product ?? ('product' in item.entry ? item.entry.product : null);
    store.runs.recordErrors(
      runId,
      item.key,
      productLabel(product, this.#ctx.language),
      [failure],
      product?.internalName ?? null,
    );
    if (store.snapshot.ref(item.key)) store.snapshot.markOutcome(item.key, 'failed', reason);
    this.#ctx.onSettled?.(item.entry, { kind: 'failed', reason });
    this.#progress();
  }

  /** The journal rows stay pending: the next run reads cleverbridge and settles them. */
  #unknown(item: WorkItem, outcome: { code: string; message: string }): void {
    const { snapshot } = this.#ctx.store;
    this.#result.unknown.push({ key: item.key, code: outcome.code, message: outcome.message });
    if (snapshot.ref(item.key)) snapshot.markOutcome(item.key, 'unknown', 'cleverbridge did not answer');
    this.#ctx.onSettled?.(item.entry, { kind: 'unknown' });
    this.#progress();
  }

  #notSent(items: readonly WorkItem[]): void {
    for (const item of items) {
      this.#result.notSent.push(item.key);
      this.#ctx.onSettled?.(item.entry, { kind: 'not-sent' });
    }
  }

  #settleJournal(item: WorkItem, state: 'succeeded' | 'failed', error: string | null): void {
    const at = this.#ctx.now();
    for (const id of item.journal) this.#ctx.store.journal.settle(id, state, error, at);
    item.journal = [];
  }

  #progress(): void {
    this.#settled++;
    this.#ctx.onProgress?.(this.#settled, this.#total);
  }
}

/** Applies `items` and resolves when every one has settled: an Applier given everything at once. */
export function applyAll(items: WorkItem[], ctx: ApplyContext): Promise<ApplyResult> {
  const applier = new Applier(ctx);
  applier.push(items);
  return applier.finish();
}
