/**
 * Why a request to cleverbridge failed, as a stable code. What to do about each is the retry
 * table's (src/sync/retry-policy.ts).
 */
export type CbErrorKind =
  /** 401: wrong or locked credentials. Never retried: three failures lock the user out. */
  | 'auth'
  /** 429: over the rate limit; nothing was processed. Wait Retry-After, then resend. */
  | 'rate-limited'
  /** 5xx, a dropped connection or a timeout: the outcome is unknown. */
  | 'unavailable'
  /** The API refused the request itself (invalid document or variables): a bug, not retried. */
  | 'rejected'
  /** An answer that is not what the API promises (HTML with 200, malformed JSON, missing fields). */
  | 'bad-response';

export const CB_ERROR_CODES = {
  auth: 'CB_AUTH_FAILED',
  'rate-limited': 'CB_RATE_LIMITED',
  unavailable: 'CB_UNAVAILABLE',
  rejected: 'CB_REQUEST_REJECTED',
  'bad-response': 'CB_BAD_RESPONSE',
} as const satisfies Record<CbErrorKind, string>;

export class CleverbridgeError extends Error {
  readonly code: (typeof CB_ERROR_CODES)[CbErrorKind];
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

/** Retry-After in seconds (or an HTTP date), as milliseconds; the documented 60 s when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null || header.trim() === '') return 60_000;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? 60_000 : Math.max(0, date - now);
}
