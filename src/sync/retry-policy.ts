/**
 * What to do about a failure, by its stable code: one table for both sides. Each kind of failure
 * is acted on in exactly one layer, so waits and attempts are never multiplied:
 * - `resend`: nothing was processed (cleverbridge's 429). The cleverbridge throttle pauses every
 *   request for the answer's Retry-After, then sends the refused one again.
 * - `retry`: the outcome is unknown or the server failed (5xx, a dropped connection, a timeout,
 *   an answer that is not what the API promises). Reads are retried by `withRetries` in their
 *   adapter; a mutation is retried by the applier, which makes the retry safe (a create becomes
 *   an ensure).
 * - `stop`: the run cannot go on; it stops at once and says why. A 401 from cleverbridge is never
 *   retried (three failed logins lock the user out). Salesforce's spent daily allocation frees
 *   as calls age out of its rolling 24 hours; the next run tries again.
 * - `fail`: the request itself is wrong; sending it again cannot help.
 * An expired Salesforce session (INVALID_SESSION_ID) never reaches this table: jsforce logs in
 * again once through the refreshFn of src/salesforce/connection.ts and resends; a refused login
 * is SF_AUTH_FAILED.
 */
export type RetryAction = 'resend' | 'retry' | 'stop' | 'fail';

export interface RetryDecision {
  action: RetryAction;
  /** First backoff of a retry; doubled per attempt, with full jitter, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
}

const once = (action: 'stop' | 'fail'): RetryDecision => ({ action, baseDelayMs: 0, maxDelayMs: 0, maxAttempts: 1 });

export const RETRY_TABLE = {
  CB_AUTH_FAILED: once('stop'),
  // Waits come from Retry-After; the attempts bound a platform that keeps answering 429.
  CB_RATE_LIMITED: { action: 'resend', baseDelayMs: 0, maxDelayMs: 120_000, maxAttempts: 10 },
  CB_UNAVAILABLE: { action: 'retry', baseDelayMs: 500, maxDelayMs: 30_000, maxAttempts: 8 },
  CB_BAD_RESPONSE: { action: 'retry', baseDelayMs: 1000, maxDelayMs: 30_000, maxAttempts: 4 },
  CB_REQUEST_REJECTED: once('fail'),
  SF_AUTH_FAILED: once('stop'),
  SF_LIMIT_EXCEEDED: once('stop'),
  SF_QUERY_REJECTED: once('fail'),
  SF_UNAVAILABLE: { action: 'retry', baseDelayMs: 500, maxDelayMs: 10_000, maxAttempts: 4 },
  // A record another process holds (UNABLE_TO_LOCK_ROW, per record): that record alone again.
  SF_ROW_LOCKED: { action: 'retry', baseDelayMs: 1000, maxDelayMs: 10_000, maxAttempts: 4 },
} as const satisfies Record<string, RetryDecision>;

export type FailureCode = keyof typeof RETRY_TABLE;

/** The decision for an error carrying one of the table's codes; null for anything else (a bug). */
export function decisionFor(error: unknown): RetryDecision | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code in RETRY_TABLE ? RETRY_TABLE[code as FailureCode] : null;
}

/** Exponential backoff with full jitter: a random wait up to base * 2^(attempt - 1), capped. */
export function backoffDelay(decision: RetryDecision, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(decision.maxDelayMs, decision.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

export type Sleep = (ms: number) => Promise<void>;
export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs an idempotent request until it succeeds or its failure is not a `retry` by the table,
 * waiting the table's backoff between attempts.
 */
export async function withRetries<T>(request: () => Promise<T>, wait: Sleep = sleep): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const decision = decisionFor(error);
      if (decision?.action !== 'retry' || attempt >= decision.maxAttempts) throw error;
      await wait(backoffDelay(decision, attempt));
    }
  }
}
