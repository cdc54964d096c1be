import { describe, expect, it } from 'vitest';
import { RateLimiter, rateLimitKey } from '../../../src/sandbox/cleverbridge/rate-limiter.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('rate limiter (30 requests per second per IP, then a block)', () => {
  it('allows 30 requests in a second and blocks the 31st for the block time', () => {
    const c = clock();
    const limiter = new RateLimiter({ requestsPerWindow: 30, windowMs: 1000, blockMs: 60_000 }, c.now);
    for (let i = 0; i < 30; i++) {
      expect(limiter.check('10.0.0.1')).toEqual({ allowed: true });
      c.advance(10);
    }
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    // Another address has its own window.
    expect(limiter.check('10.0.0.2')).toEqual({ allowed: true });
    c.advance(30_000);
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    c.advance(30_000);
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: true });
  });

  it('counts a sliding window: 30 at the end of one second and 1 at the start of the next is too many', () => {
    const c = clock();
    const limiter = new RateLimiter({ blockMs: 1000 }, c.now);
    c.advance(900);
    for (let i = 0; i < 30; i++) expect(limiter.check('a').allowed).toBe(true);
    c.advance(200);
    expect(limiter.check('a').allowed).toBe(false);
  });

  it('lets a client that paces itself at the limit through indefinitely', () => {
    const c = clock();
    const limiter = new RateLimiter({}, c.now);
    for (let i = 0; i < 3000; i++) {
      expect(limiter.check('a').allowed).toBe(true);
      c.advance(1000 / 30 + 0.01);
    }
  });

  it('a forced block answers every client until it ends', () => {
    const c = clock();
    const limiter = new RateLimiter({}, c.now);
    limiter.forceBlock(2500);
    expect(limiter.check('a')).toEqual({ allowed: false, retryAfterSeconds: 3 });
    expect(limiter.check('b').allowed).toBe(false);
    c.advance(2500);
    expect(limiter.check('a').allowed).toBe(true);
  });

  it('when disabled, only forced blocks apply', () => {
    const c = clock();
    const limiter = new RateLimiter({ enabled: false }, c.now);
    for (let i = 0; i < 100; i++) expect(limiter.check('a').allowed).toBe(true);
    limiter.forceBlock(1000);
    expect(limiter.check('a').allowed).toBe(false);
  });

  it('keys IPv6 clients by their /64 and IPv4 by address', () => {
    expect(rateLimitKey('192.168.1.7')).toBe('192.168.1.7');
    expect(rateLimitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
