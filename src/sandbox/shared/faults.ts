import { createRandom, type Random } from './random.js';

/** Network-level faults both emulators can inject, switchable while the server runs. */
export interface NetworkFaults {
  /** Added to every API request before it is handled. */
  latencyMs: number;
  /** Up to this much more, uniformly at random. */
  latencyJitterMs: number;
  /** Share (0..1) of requests answered with one of errorStatuses instead of being handled. */
  errorRate: number;
  errorStatuses: number[];
  /** Share (0..1) of requests whose socket is destroyed without an answer. */
  dropRate: number;
  /**
   * 'before': the request is dropped before it is handled (nothing happened on the server).
   * 'after': it is handled, then the answer is lost (the client cannot know it succeeded).
   */
  dropPhase: 'before' | 'after';
}

export type ScheduledFault = { kind: 'error'; status: number } | { kind: 'drop'; phase: 'before' | 'after' };

export type FaultDecision =
  | { delayMs: number; action: 'pass' }
  | { delayMs: number; action: 'error'; status: number }
  | { delayMs: number; action: 'drop'; phase: 'before' | 'after' };

export const NO_FAULTS: Readonly<NetworkFaults> = Object.freeze({
  latencyMs: 0,
  latencyJitterMs: 0,
  errorRate: 0,
  errorStatuses: [500, 502, 503],
  dropRate: 0,
  dropPhase: 'before',
});

function checkFaults(faults: NetworkFaults): NetworkFaults {
  const rate = (name: keyof NetworkFaults, value: number) => {
    if (!(value >= 0 && value <= 1)) throw new RangeError(`faults.${name} must be between 0 and 1, got ${value}`);
  };
  const nonNegative = (name: keyof NetworkFaults, value: number) => {
    if (!(value >= 0 && Number.isFinite(value))) throw new RangeError(`faults.${name} must be >= 0, got ${value}`);
  };
  nonNegative('latencyMs', faults.latencyMs);
  nonNegative('latencyJitterMs', faults.latencyJitterMs);
  rate('errorRate', faults.errorRate);
  rate('dropRate', faults.dropRate);
  if (faults.errorStatuses.length === 0 || faults.errorStatuses.some((s) => s < 500 || s > 599)) {
    throw new RangeError(`faults.errorStatuses must be 5xx codes, got ${JSON.stringify(faults.errorStatuses)}`);
  }
  if (faults.dropPhase !== 'before' && faults.dropPhase !== 'after') {
    throw new RangeError(`faults.dropPhase must be 'before' or 'after', got ${String(faults.dropPhase)}`);
  }
  return faults;
}

/**
 * Decides, per request, what goes wrong. Random faults come from a seeded PRNG so a failing
 * test can be replayed; scheduled faults hit the next N requests exactly, for tests that must
 * not depend on chance.
 */
export class FaultInjector {
  #faults: NetworkFaults;
  #random: Random;
  #scheduled: ScheduledFault[] = [];

  constructor(initial: Partial<NetworkFaults> = {}, seed = 1) {
    this.#faults = checkFaults({ ...NO_FAULTS, ...initial });
    this.#random = createRandom(seed);
  }

  get current(): Readonly<NetworkFaults> {
    return this.#faults;
  }

  get pending(): number {
    return this.#scheduled.length;
  }

  configure(change: Partial<NetworkFaults>): void {
    this.#faults = checkFaults({ ...this.#faults, ...change });
  }

  /** Back to a healthy network, scheduled faults included. */
  reset(): void {
    this.#faults = { ...NO_FAULTS };
    this.#scheduled = [];
  }

  schedule(fault: ScheduledFault, count = 1): void {
    for (let i = 0; i < count; i++) this.#scheduled.push(fault);
  }

  decide(): FaultDecision {
    const f = this.#faults;
    const delayMs = f.latencyMs + (f.latencyJitterMs > 0 ? this.#random.next() * f.latencyJitterMs : 0);
    const scheduled = this.#scheduled.shift();
    if (scheduled?.kind === 'error') return { delayMs, action: 'error', status: scheduled.status };
    if (scheduled?.kind === 'drop') return { delayMs, action: 'drop', phase: scheduled.phase };
    if (this.#random.chance(f.dropRate)) return { delayMs, action: 'drop', phase: f.dropPhase };
    if (this.#random.chance(f.errorRate)) {
      return { delayMs, action: 'error', status: this.#random.pick(f.errorStatuses) };
    }
    return { delayMs, action: 'pass' };
  }
}

export const sleep = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
