import type { Logger } from 'pino';
import type { StateStore } from '../state/state-store.js';
import type { ChangeEvent, ChangeStream, ChangeStreamHandlers, OpenStream } from '../sync/ports.js';
import type { Metrics } from './metrics.js';

/** Where a channel's stream was last covered by a committed run, in the state file. */
export const replayCursor = (channel: string): string => `changeEvents.replayId:${channel}`;

export type StreamState = 'connecting' | 'up' | 'down' | 'unavailable' | 'stopped';

export interface SubscriptionHealth {
  state: StreamState;
  detail: string | null;
  /** Objects whose changes only the poll finds (not selected for Change Data Capture). */
  notFollowed: string[];
}

export interface SubscriptionDeps {
  stream: ChangeStream;
  store: StateStore;
  /** The channels to follow, each with its object. */
  channels: ReadonlyMap<string, string>;
  metrics: Metrics;
  log: Logger;
}

export interface SubscriptionHandlers {
  event(event: ChangeEvent): void;
  /**
   * Events were lost (a channel's position is no longer kept): the channel follows new events
   * again, and what was missed must be read by cursor. Called once the subscribe is back.
   */
  missed(): void;
}

const BACKOFF_MS = [1000, 2000, 5000, 10_000, 30_000, 60_000];
export const backoff = (failures: number): number => BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)]!;

/**
 * The daemon's subscription to the change event channels: opened from each channel's last
 * position (the last event received, else the one stored), opened again after a backoff when
 * Salesforce refuses it or the session, and its state kept for /status, /readyz and /metrics.
 * A channel Salesforce does not have is an object not selected for Change Data Capture.
 */
export class ChangeSubscription {
  /** The last event received on each channel. */
  readonly received = new Map<string, number>();
  readonly #subscribed = new Set<string>();
  readonly #notFollowed = new Set<string>();
  /** Each channel's position when the stream was opened. */
  #from = new Map<string, number>();
  #stream: OpenStream | null = null;
  /** Which opening the current stream is: a closed one's late answers change nothing. */
  #opening = 0;
  #health: Omit<SubscriptionHealth, 'notFollowed'> = { state: 'connecting', detail: null };
  #failures = 0;
  #missed = false;
  #opened = false;

  constructor(
    private readonly deps: SubscriptionDeps,
    private readonly on: SubscriptionHandlers,
  ) {}

  get health(): SubscriptionHealth {
    return { ...this.#health, notFollowed: [...this.#notFollowed] };
  }

  /** Events reach the daemon for every object it follows. */
  get healthy(): boolean {
    return this.#health.state === 'up' && this.#notFollowed.size === 0;
  }

  start(): void {
    void this.#open(false);
  }

  stop(): void {
    this.#setState('stopped', null);
    this.#close();
  }

  async #open(relogin: boolean): Promise<void> {
    if (this.#health.state === 'stopped' || this.#health.state === 'unavailable') return;
    this.#subscribed.clear();
    this.#setState('connecting', null);
    const from = new Map<string, number>();
    for (const [channel, object] of this.deps.channels) {
      if (this.#notFollowed.has(object)) continue;
      const stored = Number(this.deps.store.cursors.get(replayCursor(channel)) ?? -1);
      from.set(channel, this.received.get(channel) ?? stored);
    }
    // Opened again (a refused session or subscribe), a channel that had no position yet starts
    // from -1 again: what was published since the last stream closed is read by cursor.
    if (this.#opened && [...from.values()].includes(-1)) this.#missed = true;
    this.#opened = true;
    this.#from = from;
    const opening = ++this.#opening;
    try {
      const stream = await this.deps.stream.open(from, this.#handlers(opening), relogin);
      // Stopped while it opened.
      if (this.#stopped) stream.close();
      else this.#stream = stream;
    } catch (error) {
      this.#down(`could not open the stream: ${(error as Error).message}`, relogin);
    }
  }

  /**
   * What the stream of this `opening` reports. Events count whichever stream delivers them; the
   * rest only while it is the current one (a closed stream's aborted requests still answer).
   */
  #handlers(opening: number): ChangeStreamHandlers {
    const current = () => opening === this.#opening;
    return {
      event: (event) => {
        if (current()) this.received.set(event.channel, event.replayId);
        this.on.event(event);
      },
      subscribed: (channel) => {
        if (!current()) return;
        this.#subscribed.add(channel);
        this.#upIfSubscribed();
      },
      refused: (channel, reason, message) => current() && this.#onRefused(channel, reason, message),
      transport: (up) => {
        if (!current()) return;
        if (up) return this.#upIfSubscribed();
        // faye subscribes again once it is back: up only when every subscribe is answered.
        this.#subscribed.clear();
        this.#setState('down', 'the streaming connection is down; it is retried');
      },
      authFailed: (message) => current() && this.#down(`Salesforce refused the session (${message})`, true),
      reconnected: () => {
        if (!current()) return;
        // A channel subscribed from -1 that has received nothing has no position to replay
        // from: what was published while the client was gone is read by cursor instead.
        const unplaced = [...this.#from.keys()].filter((c) => (this.received.get(c) ?? this.#from.get(c)) === -1);
        if (unplaced.length === 0) return;
        this.deps.log.info(
          { channels: unplaced },
          'reconnected without a position to replay from: a run by cursor covers the gap',
        );
        this.#missed = true;
      },
    };
  }

  #upIfSubscribed(): void {
    for (const [channel, object] of this.deps.channels)
      if (!this.#notFollowed.has(object) && !this.#subscribed.has(channel)) return;
    this.#failures = 0;
    this.#setState('up', null);
    if (!this.#missed) return;
    this.#missed = false;
    this.on.missed();
  }

  /** The stream is given up and opened again after `waitMs` (a backoff by default). */
  #down(detail: string, relogin: boolean, waitMs = backoff(this.#failures++)): void {
    if (this.#stopped) return;
    this.#close();
    this.#setState('down', detail);
    this.deps.log.warn({ detail, retryInMs: waitMs }, 'change events down: the poller runs on its schedule meanwhile');
    setTimeout(() => void this.#open(relogin), waitMs).unref();
  }

  #onRefused(channel: string, reason: 'no-channel' | 'replay-invalid' | 'other', message: string): void {
    const object = this.deps.channels.get(channel) ?? channel;
    if (reason === 'no-channel') return this.#notSelected(object, channel, message);
    if (reason !== 'replay-invalid') return this.#down(`subscribe to ${channel} refused: ${message}`, false);
    // Events were missed. The channel follows new events from now on, and once that subscribe
    // is in place a run by cursor reads what was missed: a change made between the two is seen
    // by one or the other.
    this.deps.log.warn(
      { channel, message },
      'replay position outside the retention window: an incremental run by cursor covers what was missed',
    );
    this.received.set(channel, -1);
    this.#missed = true;
    this.#down(`subscribe to ${channel} refused: ${message}`, false, 0);
  }

  #notSelected(object: string, channel: string, message: string): void {
    this.#notFollowed.add(object);
    if (object !== 'Product2') {
      this.deps.log.warn(
        { channel, object, message },
        `${object} has no change events in this org: its changes wait for the poll`,
      );
      return this.#upIfSubscribed();
    }
    this.#close();
    this.#setState('unavailable', `Change Data Capture is not enabled for Product2 (${message})`);
    this.deps.log.warn({ channel, message }, 'Product2 has no change events in this org: polling only');
  }

  #close(): void {
    this.#opening++;
    this.#stream?.close();
    this.#stream = null;
  }

  get #stopped(): boolean {
    return this.#health.state === 'stopped';
  }

  #setState(state: StreamState, detail: string | null): void {
    const current = this.#health.state;
    if ((current === 'stopped' || current === 'unavailable') && state !== 'stopped') return;
    if (state !== current) this.deps.log.info({ state, detail }, 'change events');
    this.#health = { state, detail };
    this.deps.metrics.changeEventsUp.set(state === 'up' ? 1 : 0);
  }
}
