/**
 * cleverbridge's documented limit: 30 requests per second per IPv4 address or IPv6 /64, all API
 * requests counted; over it every request gets HTTP 429 until a one-minute block expires.
 * Counted as a sliding window (the strictest reading of "per second"), so a client that bursts
 * at a window edge is caught as the real platform may catch it.
 */
export interface RateLimitOptions {
  enabled: boolean;
  requestsPerWindow: number;
  windowMs: number;
  /** How long a client that went over stays blocked. 60 s on the real platform. */
  blockMs: number;
}

export const DOCUMENTED_RATE_LIMIT: Readonly<RateLimitOptions> = Object.freeze({
  enabled: true,
  requestsPerWindow: 30,
  windowMs: 1000,
  blockMs: 60_000,
});

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface ClientWindow {
  stamps: number[];
  blockedUntil: number;
}

/** Keys IPv6 clients by their /64 as the platform does; IPv4 by address. */
export function rateLimitKey(address: string): string {
  if (!address.includes(':')) return address;
  const [head = ''] = address.split('%');
  const groups = head.split('::');
  const left = (groups[0] ?? '').split(':').filter(Boolean);
  const right = groups.length > 1 ? (groups[1] ?? '').split(':').filter(Boolean) : [];
  const full = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${full.slice(0, 4).join(':')}::/64`;
}

export class RateLimiter {
  #options: RateLimitOptions;
  #clients = new Map<string, ClientWindow>();
  #forcedUntil = 0;
  #now: () => number;

  constructor(options: Partial<RateLimitOptions> = {}, now: () => number = Date.now) {
    this.#options = RateLimiter.#valid({ ...DOCUMENTED_RATE_LIMIT, ...options });
    this.#now = now;
  }

  static #valid(o: RateLimitOptions): RateLimitOptions {
    if (!(o.requestsPerWindow >= 1) || !(o.windowMs > 0) || !(o.blockMs >= 0)) {
      throw new RangeError(`invalid rate limit ${JSON.stringify(o)}`);
    }
    return o;
  }

  /** Changes the limit at run time (e.g. off while a benchmark loads its starting state). */
  configure(change: Partial<RateLimitOptions>): void {
    this.#options = RateLimiter.#valid({ ...this.#options, ...change });
    this.reset();
  }

  get options(): Readonly<RateLimitOptions> {
    return this.#options;
  }

  check(address: string): RateDecision {
    const now = this.#now();
    if (this.#forcedUntil > now) return this.#blocked(this.#forcedUntil - now);
    if (!this.#options.enabled) return { allowed: true };
    const key = rateLimitKey(address);
    let client = this.#clients.get(key);
    if (!client) {
      client = { stamps: [], blockedUntil: 0 };
      this.#clients.set(key, client);
    }
    if (client.blockedUntil > now) return this.#blocked(client.blockedUntil - now);
    const windowStart = now - this.#options.windowMs;
    let expired = 0;
    while (expired < client.stamps.length && (client.stamps[expired] as number) <= windowStart) expired++;
    if (expired > 0) client.stamps.splice(0, expired);
    client.stamps.push(now);
    if (client.stamps.length > this.#options.requestsPerWindow) {
      client.blockedUntil = now + this.#options.blockMs;
      client.stamps = [];
      return this.#blocked(this.#options.blockMs);
    }
    return { allowed: true };
  }

  /** Fault injection: every client is answered 429 for the next `ms`, as after a real block. */
  forceBlock(ms = this.#options.blockMs): void {
    this.#forcedUntil = Math.max(this.#forcedUntil, this.#now() + ms);
  }

  /** Lifts every block and forgets all windows. */
  reset(): void {
    this.#clients.clear();
    this.#forcedUntil = 0;
  }

  #blocked(remainingMs: number): RateDecision {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }
}
