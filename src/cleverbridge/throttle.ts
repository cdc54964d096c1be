import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import { RETRY_TABLE } from '../sync/retry-policy.js';
import { CleverbridgeError } from './errors.js';

export interface ThrottleOptions {
  /** Requests started per second; kept below cleverbridge's 30 per IP. */
  requestsPerSecond: number;
  /** Requests in flight at once; cleverbridge advises at most 4. */
  concurrency: number;
}

/**
 * Paces requests to cleverbridge. Starts are spread evenly (one per 1/rate seconds, in a sliding
 * window), so no second ever holds more than the rate, and a 429 pauses every request until its
 * Retry-After has passed, then resends the refused one (a 429 means nothing was processed): the
 * only layer that acts on a 429. Until one request has succeeded, requests go one at a time:
 * cleverbridge locks a user out after three failed logins, so wrong credentials must cost one
 * 401, not one per request in flight. A 401 stops the throttle: nothing more is sent.
 */
export class Throttle {
  readonly #queue: PQueue;
  readonly #stop = new AbortController();
  readonly #concurrency: number;
  #proven = false;
  #resumeAt = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: ThrottleOptions) {
    if (!(options.requestsPerSecond > 0) || !(options.concurrency >= 1)) {
      throw new RangeError(`invalid throttle ${JSON.stringify(options)}`);
    }
    // Every queued request listens on the stop signal; thousands may wait at once.
    setMaxListeners(0, this.#stop.signal);
    this.#concurrency = options.concurrency;
    this.#queue = new PQueue({
      concurrency: 1,
      intervalCap: 1,
      interval: Math.ceil(1000 / options.requestsPerSecond),
      strict: true,
    });
  }

  /** Runs `task` in its turn; `onRateLimited` hears of each 429 it met. */
  async run<T>(task: () => Promise<T>, onRateLimited: () => void = () => {}): Promise<T> {
    const { maxAttempts } = RETRY_TABLE.CB_RATE_LIMITED;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.#queue.add(task, { signal: this.#stop.signal });
        if (!this.#proven) {
          // The credentials work: the advised concurrency from now on.
          this.#proven = true;
          this.#queue.concurrency = this.#concurrency;
        }
        return result;
      } catch (error) {
        if (error instanceof CleverbridgeError && error.kind === 'auth') this.stop(error);
        const limited = error instanceof CleverbridgeError && error.kind === 'rate-limited';
        if (limited) onRateLimited();
        if (!limited || attempt >= maxAttempts || this.#stop.signal.aborted) throw error;
        this.#pause(error.details.retryAfterMs ?? 60_000);
      }
    }
  }

  /** Refuses every queued and future request: the process is done with cleverbridge (a 401). */
  stop(reason: Error): void {
    this.#stop.abort(reason);
    clearTimeout(this.#timer);
    this.#queue.clear();
  }

  /** Why the throttle stopped, once it has. */
  get stoppedBy(): Error | null {
    return this.#stop.signal.aborted ? (this.#stop.signal.reason as Error) : null;
  }

  #pause(ms: number): void {
    const until = Date.now() + ms;
    if (until <= this.#resumeAt) return;
    this.#resumeAt = until;
    this.#queue.pause();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#queue.start(), ms);
  }
}
