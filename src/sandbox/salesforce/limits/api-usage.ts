/**
 * The org's API request allocation: calls counted over a rolling 24 hours (in one-minute
 * buckets), refused with REQUEST_LIMIT_EXCEEDED once the daily limit is spent. Fault injection
 * can refuse the next N calls (or all, until reset) regardless of the count.
 */
export class ApiUsage {
  #limit: number;
  #windowMs: number;
  #now: () => number;
  /** Minute (epoch ms, floored) -> calls counted in it. */
  #buckets = new Map<number, number>();
  #forced = 0;

  constructor(limit: number, now: () => number, windowMs = 24 * 60 * 60_000) {
    this.#limit = ApiUsage.#check(limit);
    this.#windowMs = windowMs;
    this.#now = now;
  }

  static #check(limit: number): number {
    if (!Number.isSafeInteger(limit) || limit < 1)
      throw new RangeError(`dailyApiLimit must be a whole number >= 1, got ${limit}`);
    return limit;
  }

  get limit(): number {
    return this.#limit;
  }

  set limit(value: number) {
    this.#limit = ApiUsage.#check(value);
  }

  /** Calls counted in the last 24 hours. */
  used(): number {
    const oldest = this.#now() - this.#windowMs;
    let total = 0;
    for (const [minute, calls] of this.#buckets) {
      if (minute + 60_000 <= oldest) this.#buckets.delete(minute);
      else total += calls;
    }
    return total;
  }

  /** Counts one call, or answers false when the allocation is spent (the call is not counted). */
  consume(): boolean {
    if (this.#forced > 0) {
      this.#forced--;
      return false;
    }
    if (this.used() >= this.#limit) return false;
    const minute = Math.floor(this.#now() / 60_000) * 60_000;
    this.#buckets.set(minute, (this.#buckets.get(minute) ?? 0) + 1);
    return true;
  }

  /** Refuses the next `count` calls (Infinity: every call until reset()). */
  forceExceeded(count: number): void {
    if (!(count >= 1)) throw new RangeError(`count must be >= 1, got ${count}`);
    this.#forced = count;
  }

  /** Calls still to be refused by fault injection. */
  get forcedRemaining(): number | 'until-reset' {
    return this.#forced === Infinity ? 'until-reset' : this.#forced;
  }

  /** A fresh day: nothing counted, nothing forced. */
  reset(): void {
    this.#buckets.clear();
    this.#forced = 0;
  }

  /** The value of the Sforce-Limit-Info response header. */
  header(): string {
    return `api-usage=${this.used()}/${this.#limit}`;
  }
}
