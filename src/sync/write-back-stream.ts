import type { Logger } from 'pino';
import type { MappingConfig } from '../core/mapping-config.js';
import { mutationOf } from '../core/plan-cost.js';
import type { PlanEntry } from '../core/plan-types.js';
import type { SfRecord } from '../core/salesforce-product.js';
import type { StatusUpdate, StatusWriter } from './ports.js';
import { MAX_ERROR, outcomeOf, updateOf, type Outcome, type Settled, type WriteBackResult } from './write-back.js';

/** Records a write is sent with while the run goes on: one sObject Collections call. */
const CHUNK = 200;

export interface WriteBackStreamDeps {
  statusWriter: StatusWriter;
  mapping: MappingConfig;
  log: Logger;
  /** When a product was last synced, as written back. */
  now: () => string;
  /** The cleverbridge product the snapshot holds for a key now. */
  cbIdOf: (key: string) => number | null;
}

/**
 * Each product's outcome written back to Salesforce as soon as it is known (planned with nothing
 * to send, or its mutation settled), 200 records a write, one write after another (the status
 * writer sends the rest at the end a few calls at a time), so a large run's write-back does not
 * wait for its last mutation. An outcome Salesforce shows already is not written. A failure of
 * a write as a whole stops the write-back (the run ends partial); it does not undo the sync.
 */
export class WriteBackStream {
  readonly result: WriteBackResult = { written: 0, failed: 0, requests: 0, error: null, firstFailure: null };
  #queue: StatusUpdate[] = [];
  /** Outcomes with an error text, waiting to learn how much of it the org's field holds. */
  #unfitted: Array<[string, SfRecord, Outcome]> = [];
  #errorLength: number | null = null;
  #asking: Promise<void> | null = null;
  /** The writes sent so far, one after another (the status writer spreads a large one). */
  #writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: WriteBackStreamDeps,
    /** The write-back fields of each product read, as Salesforce shows them; let go once written. */
    private readonly shown: Map<string, SfRecord>,
  ) {}

  /** An entry just planned: one with nothing to send has its outcome now. */
  planned(e: PlanEntry): void {
    if (mutationOf(e) !== null) return;
    // The snapshot row an adoption or a refresh writes is written when the run settles.
    const cbId =
      e.action === 'noop' && e.forget
        ? null
        : e.action === 'adopt' || (e.action === 'noop' && e.refresh)
          ? e.cbId
          : this.deps.cbIdOf(e.key);
    const outcome = outcomeOf(e, undefined, cbId);
    if (outcome) this.add(e.key, outcome);
  }

  /** An entry whose mutation settled (the snapshot took it). */
  settled(e: PlanEntry, settled: Settled): void {
    const outcome = outcomeOf(e, settled, this.deps.cbIdOf(e.key));
    if (outcome) this.add(e.key, outcome);
  }

  /** The outcome of product `key` (its record as read, `record` when it is not in `shown`). */
  add(key: string, outcome: Outcome, record = this.shown.get(key)): void {
    if (!record || !this.deps.mapping.writeBack || this.result.error !== null) return;
    this.shown.delete(key);
    const update = updateOf(key, record, outcome, this.deps.mapping, this.deps.now(), this.#errorLength ?? MAX_ERROR);
    if (!update) return;
    // An error text to write: how much of it fits decides what is written (and whether at all).
    if (this.#errorLength === null && typeof update[this.deps.mapping.writeBack.error] === 'string') {
      this.#unfitted.push([key, record, outcome]);
      this.#asking ??= this.#askErrorLength();
      return;
    }
    this.#queue.push(update);
    if (this.#queue.length >= CHUNK) this.#send(this.#queue.splice(0, CHUNK));
  }

  /** Everything added is written (or the write-back stopped): the result. */
  async finish(): Promise<WriteBackResult> {
    await this.#asking;
    if (this.#queue.length > 0) this.#send(this.#queue.splice(0));
    await this.#writes;
    return this.result;
  }

  /** An org may have made the error field shorter than the reasons: ask once, cut to fit. */
  async #askErrorLength(): Promise<void> {
    const field = this.deps.mapping.writeBack!.error;
    let length = MAX_ERROR;
    try {
      const asked = await this.deps.statusWriter.fieldLength(field);
      this.result.requests += asked.requests;
      if (asked.length !== null) length = Math.min(asked.length, MAX_ERROR);
    } catch (error) {
      this.deps.log.warn({ err: error, field }, 'describing Product2 failed; error texts are sent uncut');
    }
    this.#errorLength = length;
    for (const [key, record, outcome] of this.#unfitted.splice(0)) this.add(key, outcome, record);
  }

  #send(rows: StatusUpdate[]): void {
    this.#writes = this.#writes.then(() => this.#write(rows));
  }

  async #write(rows: StatusUpdate[]): Promise<void> {
    if (this.result.error !== null) return;
    try {
      const written = await this.deps.statusWriter.write(rows);
      this.result.written += written.written;
      this.result.failed += written.failed;
      this.result.requests += written.requests;
      this.result.firstFailure ??= written.errors[0] ?? null;
      if (written.failed > 0)
        this.deps.log.warn(
          { failed: written.failed, first: written.errors[0] },
          'some sync statuses could not be written back',
        );
    } catch (error) {
      this.result.error ??= (error as Error).message;
      this.deps.log.error({ err: error }, 'writing sync statuses back to Salesforce failed');
    }
  }
}
