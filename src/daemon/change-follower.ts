import type { Logger } from 'pino';
import type { MappingConfig } from '../core/mapping-config.js';
import { channelOf } from '../salesforce/change-stream.js';
import { sourceHashFields } from '../salesforce/source-hash.js';
import type { StateStore } from '../state/state-store.js';
import type { ChangeEvent, ChangeStream } from '../sync/ports.js';
import type { SyncReport } from '../sync/types.js';
import { backoff, ChangeSubscription, replayCursor, type SubscriptionHealth } from './change-subscription.js';
import { askOf, DirtyRecords, followedObjects } from './event-targets.js';
import type { Metrics } from './metrics.js';
import type { CurrentRun, RunCoordinator } from './run-coordinator.js';

export interface FollowerDeps {
  stream: ChangeStream;
  coordinator: RunCoordinator;
  store: StateStore;
  mapping: MappingConfig;
  metrics: Metrics;
  log: Logger;
  /** How long events gather before their run starts. */
  coalesceMs: number;
  /** While events are healthy, the poll runs only this often. */
  backstopMs: number;
}

/** What a run took: the records it covers, and how far each channel's stream was read then. */
interface Take {
  dirty: ReturnType<DirtyRecords['take']>;
  replay: Map<string, number>;
  commits: number[];
}

const succeeded = (report: SyncReport | null, error: Error | null): boolean =>
  error === null &&
  report !== null &&
  report.started &&
  report.outcome !== 'failed' &&
  report.apply.notSent.length === 0;

/**
 * Follows Salesforce's change events and turns them into runs: the records they name gather for
 * `coalesceMs`, then one run reads just those (through the coordinator, one run at a time; what
 * arrives meanwhile waits for the next). A channel's replay id is stored only once a run that
 * covered its events has committed, so a restart replays what no committed run covered. Any run
 * by cursor or in full covers every event received before it started.
 */
export class ChangeFollower {
  readonly #readFields: Set<string>;
  readonly #subscription: ChangeSubscription;
  readonly #dirty = new DirtyRecords();
  #commits: number[] = [];
  #taken: Take | null = null;
  #timer: NodeJS.Timeout | null = null;
  #storeTimer: NodeJS.Timeout | null = null;
  #stopped = false;
  /** Event runs that failed in a row: how long the next try waits. */
  #runFailures = 0;
  #lastPoll: number | null = null;
  #pollStarted: number | null = null;

  constructor(private readonly deps: FollowerDeps) {
    this.#readFields = new Set(sourceHashFields(deps.mapping).map((f) => f.toLowerCase()));
    const channels = new Map(followedObjects(deps.mapping).map((o) => [channelOf(o), o]));
    this.#subscription = new ChangeSubscription(
      { ...deps, channels },
      {
        event: (event) => this.#onEvent(event),
        missed: () => {
          this.#dirty.cursorRun = true;
          this.#schedule(0);
        },
      },
    );
    deps.coordinator.on('run:start', (run) => this.#onRunStart(run));
    deps.coordinator.on('run:end', (report, error) => this.#onRunEnd(report, error));
  }

  get health(): SubscriptionHealth {
    return this.#subscription.health;
  }

  /** Whether a scheduled poll should run now: always, unless events are healthy and it ran lately. */
  pollDue(now = Date.now()): boolean {
    // A tenth of slack: a 15-minute backstop on a 5-minute schedule polls every 15 minutes, not 20.
    const recent = this.#lastPoll !== null && now - this.#lastPoll < this.deps.backstopMs * 0.9;
    return !(this.#subscription.healthy && recent);
  }

  start(): void {
    this.#subscription.start();
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of [this.#timer, this.#storeTimer]) if (timer) clearTimeout(timer);
    this.#timer = this.#storeTimer = null;
    this.#subscription.stop();
  }

  #onEvent(event: ChangeEvent): void {
    this.deps.metrics.changeEvents.inc({ entity: event.entity, type: event.changeType });
    const ask = askOf(event, this.deps.mapping, this.#readFields);
    this.deps.log.debug(
      { replayId: event.replayId, entity: event.entity, changeType: event.changeType, ask: ask.kind },
      'change event',
    );
    if (ask.kind === 'none') return this.#coveredSoon();
    if (ask.kind === 'cursor-run') {
      this.deps.log.warn({ entity: event.entity }, 'overflow event: an incremental run by cursor reads what changed');
      this.#dirty.cursorRun = true;
    } else this.#dirty.add(ask.what, ask.ids);
    if (event.commitTimestamp !== null) this.#commits.push(event.commitTimestamp);
    this.#schedule(this.deps.coalesceMs);
  }

  /**
   * An event that asks for nothing is covered once nothing else waits: its position is stored at
   * the end of the gathering window, once for all of them (a large run's write-back publishes one
   * event per product), if no record waits and no run holds events by then.
   */
  #coveredSoon(): void {
    if (this.#storeTimer || this.#stopped) return;
    this.#storeTimer = setTimeout(() => {
      this.#storeTimer = null;
      if (this.#dirty.empty && !this.#taken) this.#storeReplay(this.#subscription.received);
    }, this.deps.coalesceMs);
    this.#storeTimer.unref();
  }

  #schedule(delayMs: number): void {
    if (this.#timer || this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#flush();
    }, delayMs);
    this.#timer.unref();
  }

  /** One run for what gathered, once no run is in progress (the end of one schedules this again). */
  async #flush(): Promise<void> {
    if (this.#dirty.empty || this.#taken || !this.deps.coordinator.idle) return;
    const take = this.#take();
    this.#taken = take;
    const targets = take.dirty.cursorRun ? {} : { targets: take.dirty.targets };
    const result = await this.deps.coordinator.trigger('incremental', 'event', targets);
    // Refused without a run (the daemon is stopping): nothing ended it, so it is put back here.
    if (!result.accepted && this.#taken === take) this.#release(false);
  }

  #take(): Take {
    const take = { dirty: this.#dirty.take(), replay: new Map(this.#subscription.received), commits: this.#commits };
    this.#commits = [];
    return take;
  }

  #onRunStart(run: CurrentRun): void {
    if (run.trigger === 'event' && this.#taken) {
      if (this.#taken.dirty.cursorRun) this.#pollStarted = Date.now();
      return;
    }
    // Any other run reads by cursor or in full: it covers every event received until now.
    this.#pollStarted = Date.now();
    if (!this.#taken) this.#taken = this.#take();
  }

  #onRunEnd(report: SyncReport | null, error: Error | null): void {
    const ok = succeeded(report, error);
    if (ok && this.#pollStarted !== null) this.#lastPoll = this.#pollStarted;
    this.#pollStarted = null;
    if (this.#taken) this.#release(ok);
    this.#runFailures = ok ? 0 : this.#runFailures + 1;
    if (!this.#dirty.empty) this.#schedule(ok ? 0 : backoff(this.#runFailures - 1));
  }

  #release(ok: boolean): void {
    const take = this.#taken!;
    this.#taken = null;
    if (!ok) {
      this.#dirty.restore(take.dirty);
      this.#commits.push(...take.commits);
      return;
    }
    this.#storeReplay(take.replay);
    const now = Date.now();
    for (const ms of take.commits) this.deps.metrics.changeEventLag.observe(Math.max(0, now - ms) / 1000);
  }

  #storeReplay(replay: ReadonlyMap<string, number>): void {
    const at = new Date().toISOString();
    this.deps.store.transaction(() => {
      for (const [channel, id] of replay)
        if (id > 0) this.deps.store.cursors.set(replayCursor(channel), String(id), at);
    });
  }
}
