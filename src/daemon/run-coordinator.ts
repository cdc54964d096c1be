import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { RunKind, RunTrigger, SyncKind } from '../state/run-repo.js';
import { runSync } from '../sync/dispatch.js';
import type { ChangeTargets } from '../sync/ports.js';
import type { RunStage, SyncDeps, SyncReport, SyncRequest } from '../sync/types.js';
import type { Metrics } from './metrics.js';

export interface CurrentRun {
  runId: number;
  kind: RunKind;
  trigger: RunTrigger;
  startedAt: string;
  stage: RunStage;
  /** Salesforce records read so far. */
  read: number;
  /** Mutations settled (answered, or given up) of those planned so far. */
  settled: number;
  total: number;
}

/** Salesforce's API usage in the last 24 hours, as its last answer's Sforce-Limit-Info said. */
export interface ApiUsage {
  used: number;
  limit: number;
  at: string;
}

export type TriggerResult =
  | { accepted: true; runId: number; kind: RunKind; done: Promise<SyncReport> }
  | { accepted: false; runningRunId: number | null; reason: string };

export interface RunEvents {
  'run:start': [CurrentRun];
  'run:end': [SyncReport | null, Error | null];
}

/**
 * Runs syncs one at a time for the daemon: the scheduler and the control API ask it for runs;
 * a run that cannot start because another one is in progress (here, or a `catalog-sync sync`
 * in another process holding the run lock) is refused, or waits when asked to. Emits
 * run:start and run:end, which tests await instead of sleeping.
 */
export class RunCoordinator extends EventEmitter<RunEvents> {
  #current: (CurrentRun & { done: Promise<SyncReport> }) | null = null;
  #starting: Promise<SyncReport> | null = null;
  readonly #abort = new AbortController();
  #apiUsage: ApiUsage | null = null;

  constructor(
    private readonly deps: () => Promise<SyncDeps>,
    private readonly metrics: Metrics,
    private readonly log: Logger,
  ) {
    super();
  }

  /** No run is starting or in progress in this process. */
  get idle(): boolean {
    return !this.#current && !this.#starting;
  }

  get current(): CurrentRun | null {
    if (!this.#current) return null;
    const { done: _done, ...progress } = this.#current;
    return progress;
  }

  /** Salesforce's API usage after the last run, null before one. */
  get apiUsage(): ApiUsage | null {
    return this.#apiUsage;
  }

  async trigger(
    kind: SyncKind,
    trigger: RunTrigger,
    options: { wait?: boolean; allowMassDelete?: boolean; targets?: ChangeTargets } = {},
  ): Promise<TriggerResult> {
    for (;;) {
      if (this.#abort.signal.aborted) return { accepted: false, runningRunId: null, reason: 'the daemon is stopping' };
      const busy = this.#current?.done ?? this.#starting;
      if (!busy) break;
      if (!options.wait)
        return { accepted: false, runningRunId: this.#current?.runId ?? null, reason: 'another run is in progress' };
      await busy.catch(() => undefined);
    }
    return this.#start(kind, trigger, options.allowMassDelete ?? false, options.targets);
  }

  /** One run through the dispatcher, its progress kept for /status and its figures for /metrics. */
  async #run(
    request: Pick<SyncRequest, 'kind' | 'trigger' | 'allowMassDelete' | 'targets'>,
    started: (run: CurrentRun) => void,
  ) {
    const began = Date.now();
    const { trigger } = request;
    const deps = await this.deps();
    const report = await runSync(deps, {
      ...request,
      signal: this.#abort.signal,
      onStart: (runId, actualKind) => {
        const startedAt = new Date().toISOString();
        const current = {
          runId,
          kind: actualKind,
          trigger,
          startedAt,
          stage: 'read' as const,
          read: 0,
          settled: 0,
          total: 0,
        };
        this.#current = { ...current, done: this.#starting! };
        this.metrics.running.set(1);
        this.emit('run:start', current);
        started(current);
      },
      onProgress: (settled, total) => this.#progress({ settled, total }),
      onStage: (stage) => this.#progress({ stage }),
      onRead: (read) => this.#progress({ read }),
    });
    if (report.started) this.metrics.recordRun(report, (Date.now() - began) / 1000, new Date());
    const usage = deps.salesforce.apiUsage;
    if (usage) {
      this.metrics.sfApiUsed.set(usage.used);
      this.metrics.sfApiLimit.set(usage.limit);
      this.#apiUsage = { ...usage, at: new Date().toISOString() };
    }
    return report;
  }

  #progress(change: Partial<CurrentRun>): void {
    if (this.#current) Object.assign(this.#current, change);
  }

  async #start(
    kind: SyncKind,
    trigger: RunTrigger,
    allowMassDelete: boolean,
    targets: ChangeTargets | undefined,
  ): Promise<TriggerResult> {
    let started!: (run: CurrentRun) => void;
    const onStart = new Promise<CurrentRun>((resolve) => (started = resolve));
    let running = false;
    const run = this.#run({ kind, trigger, allowMassDelete, ...(targets ? { targets } : {}) }, (current) => {
      running = true;
      started(current);
    });
    this.#starting = run;
    const finished = run.then(
      (report) => {
        this.emit('run:end', report, null);
        return report;
      },
      (error: Error) => {
        this.metrics.runs.inc({ kind, outcome: 'failed' });
        // A run that started logged its failure with its id; one that could not start is told here.
        if (!running) this.log.error({ err: error, kind, trigger }, 'run could not start');
        this.emit('run:end', null, error);
        throw error;
      },
    );
    finished
      .finally(() => {
        this.#current = null;
        this.#starting = null;
        this.metrics.running.set(0);
      })
      .catch(() => undefined);
    return answer(onStart, finished);
  }

  /** Stops sending new batches; resolves when the current run has settled (or after `timeoutMs`). */
  async stop(timeoutMs: number): Promise<boolean> {
    this.#abort.abort();
    const busy = this.#current?.done ?? this.#starting;
    if (!busy) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const settled = await Promise.race([
      busy.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
    clearTimeout(timer);
    return settled;
  }
}

/** Answers as soon as the run holds the lock, or as soon as it ends without starting. */
async function answer(onStart: Promise<CurrentRun>, finished: Promise<SyncReport>): Promise<TriggerResult> {
  const first = await Promise.race([
    onStart.then((c) => ({ started: c })),
    finished.then(
      (r) => ({ report: r }),
      (e: Error) => ({ error: e }),
    ),
  ]);
  if ('started' in first)
    return { accepted: true, runId: first.started.runId, kind: first.started.kind, done: finished };
  if ('report' in first && !first.report.started) {
    const holder = first.report.heldBy;
    return {
      accepted: false,
      runningRunId: holder.runId,
      reason: `run ${holder.runId} (${holder.owner}) holds the run lock`,
    };
  }
  return {
    accepted: false,
    runningRunId: null,
    reason: 'error' in first ? first.error.message : 'the run ended before it started',
  };
}
