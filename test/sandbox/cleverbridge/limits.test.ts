import { ClientError } from 'graphql-request';
import { afterEach, describe, expect, it } from 'vitest';
import type { CleverbridgeSandbox } from '../../../src/sandbox/cleverbridge/server.js';
import { basicAuth, cbClient, postGraphQL, withSandbox } from '../../helpers/cleverbridge.js';

const PING = '{ product(id: 97771) { id } }';

async function status(promise: Promise<unknown>): Promise<ClientError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientError);
  return error as ClientError;
}

describe('cleverbridge sandbox: authentication and lock-out over HTTP', () => {
  let sandbox: CleverbridgeSandbox;
  afterEach(() => sandbox.close());

  it('answers 401 with WWW-Authenticate without credentials or with wrong ones', async () => {
    sandbox = await withSandbox();
    const none = await postGraphQL(sandbox, { query: PING }, {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(none.json.errors[0].extensions.code).toBe('AUTH_NOT_AUTHENTICATED');

    const wrong = await status(cbClient(sandbox, { username: 'shieldware-api', password: 'nope' }).request(PING));
    expect(wrong.response.status).toBe(401);
  });

  it('locks the user out after three failed logins; an unlock through the control route restores access', async () => {
    sandbox = await withSandbox();
    const bad = cbClient(sandbox, { username: 'shieldware-api', password: 'nope' });
    for (let i = 0; i < 3; i++) expect((await status(bad.request(PING))).response.status).toBe(401);
    const locked = await status(cbClient(sandbox).request(PING));
    expect(locked.response.status).toBe(401);
    expect(locked.response.errors?.[0]?.extensions?.code).toBe('AUTH_USER_LOCKED');

    await fetch(`${sandbox.baseUrl}/__sandbox/reset`, { method: 'POST' });
    expect(await cbClient(sandbox).request(PING)).toEqual({ product: { id: 97771 } });
  });
});

/**
 * A rate-limit window longer than any test runs: every request of a test falls in one window
 * however slow the machine, so the counts are exact. The sandbox's limiter reads the real clock
 * (the server takes no clock for it); the one-second window itself is tested on a test clock in
 * rate-limiter.test.ts.
 */
const LONG_WINDOW_MS = 10 * 60_000;

/** When something happened on the server, known only between two readings of the clock. */
interface Span {
  from: number;
  to: number;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; span: Span }> {
  const from = Date.now();
  const value = await work();
  return { value, span: { from, to: Date.now() } };
}

const sleepUntil = (time: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now())));

/**
 * The Retry-After a request answered within `asked` may carry, for a block of `blockMs` that began
 * within `began`: the whole seconds left, rounded up, at least 1.
 */
function expectRetryAfter(header: string | null, began: Span, blockMs: number, asked: Span): void {
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
  expect(header).toMatch(/^\d+$/);
  expect(Number(header)).toBeGreaterThanOrEqual(seconds(began.from + blockMs - asked.to));
  expect(Number(header)).toBeLessThanOrEqual(seconds(began.to + blockMs - asked.from));
}

const burst = (sandbox: CleverbridgeSandbox, size: number) =>
  timed(() => Promise.all(Array.from({ length: size }, () => postGraphQL(sandbox, { query: PING }))));

const countStatuses = (answers: ReadonlyArray<{ status: number }>) => {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
};

describe('cleverbridge sandbox: rate limit over HTTP', () => {
  let sandbox: CleverbridgeSandbox;
  afterEach(() => sandbox.close());

  it('applies the documented limit unless told otherwise: 30 requests a second, then a one-minute block', async () => {
    sandbox = await withSandbox();
    expect(sandbox.rateLimiter.options).toEqual({
      enabled: true,
      requestsPerWindow: 30,
      windowMs: 1000,
      blockMs: 60_000,
    });
  });

  it('forgets requests older than the one-second window', async () => {
    sandbox = await withSandbox();
    const first = await burst(sandbox, 30);
    expect(countStatuses(first.value)).toEqual({ 200: 30 });
    // Every request of the first burst was counted before it was answered: a second later, none counts.
    await sleepUntil(first.span.to + 1000 + 10);
    const second = await burst(sandbox, 30);
    expect(countStatuses(second.value)).toEqual({ 200: 30 });
  });

  it('answers 429 text/html with Retry-After past 30 requests in a window, and keeps answering it', async () => {
    sandbox = await withSandbox({ rateLimit: { windowMs: LONG_WINDOW_MS } });
    const first = await burst(sandbox, 40);
    expect(countStatuses(first.value)).toEqual({ 200: 30, 429: 10 });
    for (const answer of first.value.filter((a) => a.status === 429)) {
      expect(answer.headers.get('content-type')).toBe('text/html');
      expect(answer.text).toContain('Too Many Requests');
      expectRetryAfter(answer.headers.get('retry-after'), first.span, 60_000, first.span);
    }

    // The block began with the 31st request, somewhere in the burst; it lasts the documented minute.
    const later = await timed(() => postGraphQL(sandbox, { query: PING }));
    expect(later.value.status).toBe(429);
    expectRetryAfter(later.value.headers.get('retry-after'), first.span, 60_000, later.span);
    expect(sandbox.log.stats().byStatus).toEqual({ 200: 30, 429: 11 });
  });

  it('ends the block after the block time, and the client starts a new window', async () => {
    const blockMs = 1500;
    sandbox = await withSandbox({ rateLimit: { windowMs: LONG_WINDOW_MS, blockMs } });
    const first = await burst(sandbox, 31);
    expect(countStatuses(first.value)).toEqual({ 200: 30, 429: 1 });
    // The request that went over is told the whole block time.
    expect(first.value.find((a) => a.status === 429)!.headers.get('retry-after')).toBe('2');

    await sleepUntil(first.span.to + blockMs + 10);
    const after = await burst(sandbox, 31);
    expect(countStatuses(after.value)).toEqual({ 200: 30, 429: 1 });
  });

  it('takes a new limit at run time, forgetting earlier windows and blocks', async () => {
    sandbox = await withSandbox({ rateLimit: { windowMs: LONG_WINDOW_MS, blockMs: 60_000 } });
    const client = cbClient(sandbox);
    sandbox.rateLimiter.configure({ enabled: false });
    const unlimited = await Promise.allSettled(Array.from({ length: 40 }, () => client.request(PING)));
    expect(unlimited.every((r) => r.status === 'fulfilled')).toBe(true);
    sandbox.rateLimiter.configure({ enabled: true, requestsPerWindow: 5 });
    const limited = await Promise.allSettled(Array.from({ length: 6 }, () => client.request(PING)));
    expect(limited.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(() => sandbox.rateLimiter.configure({ requestsPerWindow: 0 })).toThrow(/invalid rate limit/);
  });

  it('counts requests that fail authentication too', async () => {
    sandbox = await withSandbox({ rateLimit: { windowMs: LONG_WINDOW_MS }, lockoutMs: 0 });
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await postGraphQL(sandbox, { query: PING }, {})).status);
    expect(statuses).toEqual([...Array<number>(30).fill(401), 429]);
  });

  it('a forced block answers 429 to every request until it ends', async () => {
    sandbox = await withSandbox();
    const force = (blockMs: number) =>
      timed(() => fetch(`${sandbox.baseUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ blockMs }) }));

    // A block long enough to be certainly still on when the next request arrives.
    const long = await force(45_000);
    expect(long.value.status).toBe(200);
    const blocked = await timed(() => postGraphQL(sandbox, { query: PING }));
    expect(blocked.value.status).toBe(429);
    expectRetryAfter(blocked.value.headers.get('retry-after'), long.span, 45_000, blocked.span);

    // A short one, to see it end.
    expect((await fetch(`${sandbox.baseUrl}/__sandbox/reset`, { method: 'POST' })).status).toBe(200);
    const short = await force(300);
    await sleepUntil(short.span.to + 300 + 10);
    expect((await postGraphQL(sandbox, { query: PING })).status).toBe(200);
  });

  it('the control routes are outside the rate limit and authentication', async () => {
    sandbox = await withSandbox({ rateLimit: { blockMs: 60_000 } });
    sandbox.rateLimiter.forceBlock();
    const stats = await fetch(`${sandbox.baseUrl}/__sandbox/stats`);
    expect(stats.status).toBe(200);
    expect(await stats.json()).toMatchObject({ products: sandbox.store.size, requests: 0 });
  });
});

describe('cleverbridge sandbox: basic auth helper', () => {
  it('encodes user and password', () => {
    expect(basicAuth({ username: 'a', password: 'b' })).toBe('Basic YTpi');
  });
});
