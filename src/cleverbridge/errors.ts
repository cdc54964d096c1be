/**
 * Why a request to cleverbridge failed, as a stable code with what to do about it. The
 * decision lives in RETRY_POLICY, data rather than scattered if-statements.
 */
export type CbErrorKind =
  /** 401: wrong or locked credentials. Never retried: three failures lock the user out. */
  | 'auth'
  /** 429: over the rate limit; nothing was processed. Wait Retry-After, then resend. */
  | 'rate-limited'
  /** 5xx, a dropped connection or a timeout: the outcome is unknown. Retry with backoff. */
  | 'unavailable'
  /** The API refused the request itself (invalid document or variables): a bug, not retried. */
  | 'rejected'
  /** An answer that is not what the API promises (HTML with 200, malformed JSON, missing fields). */
  | 'bad-response';

export const CB_ERROR_CODES: Readonly<Record<CbErrorKind, string>> = {
  auth: 'CB_AUTH_FAILED',
  'rate-limited': 'CB_RATE_LIMITED',
  unavailable: 'CB_UNAVAILABLE',
  rejected: 'CB_REQUEST_REJECTED',
  'bad-response': 'CB_BAD_RESPONSE',
};

export interface RetryPolicy {
  retry: boolean;
  /** First backoff; doubled per attempt, with jitter, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export const RETRY_POLICY: Readonly<Record<CbErrorKind, RetryPolicy>> = {
  auth: { retry: false, baseDelayMs: 0, maxDelayMs: 0, maxAttempts: 1 },
  // Waits come from Retry-After; attempts bound a platform that keeps answering 429.
  'rate-limited': { retry: true, baseDelayMs: 1000, maxDelayMs: 120_000, maxAttempts: 10 },
  unavailable: { retry: true, baseDelayMs: 500, maxDelayMs: 30_000, maxAttempts: 8 },
  rejected: { retry: false, baseDelayMs: 0, maxDelayMs: 0, maxAttempts: 1 },
  'bad-response': { retry: true, baseDelayMs: 1000, maxDelayMs: 30_000, maxAttempts: 4 },
};

export class CleverbridgeError extends Error {
  readonly code: string;
  constructor(
    readonly kind: CbErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'CleverbridgeError';
    this.code = CB_ERROR_CODES[kind];
  }
}

/** Exponential backoff with full jitter: a random wait up to base * 2^attempt, capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

/** Retry-After in seconds (or an HTTP date), as milliseconds; the documented 60 s when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null || header.trim() === '') return 60_000;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? 60_000 : Math.max(0, date - now);
}

/**
 * Runs an idempotent request (a read) until it succeeds or its failure is not worth retrying,
 * waiting per RETRY_POLICY between attempts. Mutations are retried by the applier instead, which
 * knows how to make a retry safe.
 */
export async function retryRead<T>(
  fn: () => Promise<T>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const policy = error instanceof CleverbridgeError ? RETRY_POLICY[error.kind] : undefined;
      if (!policy?.retry || attempt >= policy.maxAttempts) throw error;
      await sleep(backoffDelay(policy, attempt));
    }
  }
}
