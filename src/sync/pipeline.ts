import type { CleverbridgeSide } from '../core/plan-types.js';
import { inStep, Planner, snapshotOf } from '../core/plan.js';
import type { Plan, PlanEntry, PlanOptions, SnapshotSource } from '../core/plan-types.js';
import { Applier, type ApplyContext, type ApplyResult } from './apply/applier.js';
import { workItems } from './apply/work-items.js';
import type { SalesforceRead } from './ports.js';
import type { Settled } from './write-back.js';
import { ReadCollector } from './read-collector.js';
import type { Counterpart, ReadStage } from './read-stage.js';
import { WriteBackStream, type WriteBackStreamDeps } from './write-back-stream.js';
import type { MappingConfig } from '../core/mapping-config.js';

/** What the read and plan stages found, and what applying did (null in a dry run). */
export interface Staged {
  plan: Plan;
  read: SalesforceRead;
  collector: ReadCollector;
  /** cleverbridge's side the plan was made against, by product id. */
  actual: ReadonlyMap<number, CleverbridgeSide>;
  apply: ApplyResult | null;
  /** The write-back under way (a real run of a mapping with write-back fields), or null. */
  writeBack: WriteBackStream | null;
  /** Time spent in the pure planner, in milliseconds. */
  planMs: number;
}

export interface PipelineOptions {
  mapping: MappingConfig;
  plan: PlanOptions;
  /** Keeps the source hashes of products found in step as soon as they are planned (a real run). */
  keepSourceHashes?: (hashes: ReadonlyArray<readonly [string, string]>) => void;
  /** Writes each product's outcome back to Salesforce as soon as it is known (a real run). */
  writeBack?: WriteBackStreamDeps;
  /** Told each Salesforce record read, with the count so far, and when the read is complete. */
  onRead?: (records: number) => void;
  onReadEnd?: () => void;
  /** How to apply, once cleverbridge's side is known; null: a dry run, nothing is sent. */
  apply:
    ((actual: ReadonlyMap<number, CleverbridgeSide>) => Omit<ApplyContext, 'kept' | 'hashOf' | 'onSettled'>) | null;
}

/**
 * The plan and apply stages of one run: records are planned in read order once the counterpart
 * is known, and each mutation goes to the applier at once.
 */
class Stages {
  readonly collector: ReadCollector;
  readonly writeBack: WriteBackStream | null;
  actual: ReadonlyMap<number, CleverbridgeSide> = new Map();
  planMs = 0;
  #planner: Planner | null = null;
  #snapshot: SnapshotSource | null = null;
  #applier: Applier | null = null;
  /** Set when the run failed: what it failed with. */
  #failed: { error: unknown } | null = null;
  /** The Salesforce read waiting for the counterpart (readAhead reached), until begin or fail. */
  #held: { until: Promise<void>; go: () => void } | null = null;

  constructor(
    private readonly stage: ReadStage,
    private readonly options: PipelineOptions,
  ) {
    const synced = stage.syncedHash;
    this.collector = new ReadCollector(options.mapping, (key) => (this.#planner ? undefined : synced?.(key)));
    this.writeBack = options.writeBack ? new WriteBackStream(options.writeBack, this.collector.shown) : null;
  }

  #timed<T>(work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.planMs += performance.now() - started;
    }
  }

  /** Plans what has been read since the last call, once the counterpart is known. */
  readonly drain = (): void => {
    const planner = this.#planner;
    if (!planner) return;
    const entries = this.#timed(() => this.collector.take().map((r) => planner.add(r)));
    this.#letGoInStep(entries);
    if (this.writeBack) for (const e of entries) if (e) this.writeBack.planned(e);
    this.#applier?.push(
      workItems(
        entries.filter((e) => e !== null),
        this.stage.createsAsEnsure,
      ),
    );
  };

  /**
   * A promise while the read must wait: the counterpart is not in and readAhead records are
   * held whole. Once the run failed, the read stops: nothing it reads could be planned.
   */
  readonly room = (): Promise<void> | undefined => {
    const limit = this.stage.readAhead;
    if (limit === null) return undefined; // the read's promises are not awaited: none is answered
    if (this.#failed) return Promise.reject(this.#failed.error);
    if (this.#planner || this.collector.waitingWhole < limit) return undefined;
    if (!this.#held) {
      let go = () => {};
      const until = new Promise<void>((resolve) => (go = resolve));
      this.#held = { until, go };
    }
    return this.#held.until;
  };

  /** The read held back goes on: to plan, or (the run failed) to stop at its next record. */
  #release(): void {
    this.#held?.go();
    this.#held = null;
  }

  /** What the run holds of products found in step goes, once their source hashes are kept. */
  #letGoInStep(entries: ReadonlyArray<PlanEntry | null>): void {
    const hashes: Array<readonly [string, string]> = [];
    for (const e of entries) {
      if (!e || !inStep(e)) continue;
      const hash = this.collector.inStep(e.key, this.#snapshot!.ref(e.key)?.cbId ?? null);
      if (hash) hashes.push([e.key, hash]);
    }
    if (hashes.length > 0) this.options.keepSourceHashes?.(hashes);
  }

  /** The snapshot and cleverbridge's side are known: planning (and applying) can begin. */
  readonly begin = (found: Counterpart): void => {
    if (this.#failed) return; // the Salesforce read failed first: nothing may be sent now
    this.actual = new Map(found.actual.map((a) => [a.cbId, a]));
    const options = { ...this.options.plan, ...(found.catalogSize ? { catalogSize: found.catalogSize } : {}) };
    const snapshot = 'ref' in found.snapshot ? found.snapshot : snapshotOf(found.snapshot);
    this.#snapshot = snapshot;
    this.#planner = this.#timed(() => new Planner(snapshot, found.actual, options));
    if (this.options.apply) {
      const kept = (cbId: number) => this.actual.get(cbId)?.keptPriceValues ?? [];
      this.#applier = new Applier({
        ...this.options.apply(this.actual),
        kept,
        hashOf: this.collector.hashOf,
        ...(this.writeBack ? { onSettled: (e: PlanEntry, s: Settled) => this.writeBack!.settled(e, s) } : {}),
      });
    }
    this.drain();
    this.#release();
  };

  /** The read failed: what is in flight settles, nothing more is sent. */
  async fail(error: unknown): Promise<void> {
    this.#failed = { error };
    this.#release();
    this.#applier?.abort();
    await this.#applier?.finish();
    await this.writeBack?.finish();
  }

  /** The whole read is in: the deletes are planned and sent last, then everything settles. */
  async finish(read: SalesforceRead): Promise<{ plan: Plan; apply: ApplyResult | null }> {
    this.drain();
    const plan = this.#timed(() =>
      this.#planner!.finish({
        complete: this.stage.complete,
        deletedKeys: read.deletedIds,
        outOfScopeKeys: read.outOfScope.map((r) => String(r.Id)),
      }),
    );
    this.#applier?.push(workItems(plan.entries.filter((e) => e.action === 'delete')));
    return { plan, apply: this.#applier ? await this.#applier.finish() : null };
  }
}

/**
 * read → plan → apply, the same for every run: each Salesforce record is planned as it is read,
 * once its counterpart (the snapshot and cleverbridge's side) is known, and its mutation is
 * pushed to the applier at once, so applying overlaps reading. Deletes need the whole read: they
 * are planned and sent last. A dry run is the same run without the applier. When the read
 * fails, what is in flight settles, nothing more is sent, and the error is thrown.
 */
export async function runStages(stage: ReadStage, options: PipelineOptions): Promise<Staged> {
  const stages = new Stages(stage, options);
  let records = 0;
  const salesforce = stage.salesforce((product) => {
    options.onRead?.(++records);
    stages.collector.add(product);
    stages.drain();
    return stages.room();
  });
  const counterpart = stage.counterpart(salesforce, stages.collector).then(stages.begin);
  let read: SalesforceRead;
  try {
    [read] = await Promise.all([salesforce, counterpart]);
  } catch (error) {
    await stages.fail(error);
    throw error;
  }
  options.onReadEnd?.();
  const { plan, apply } = await stages.finish(read);
  const { collector, actual, writeBack, planMs } = stages;
  return { plan, read, collector, actual, apply, writeBack, planMs };
}
