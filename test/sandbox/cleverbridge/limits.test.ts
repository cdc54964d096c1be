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

describe('cleverbridge sandbox: rate limit over HTTP', () => {
  let sandbox: CleverbridgeSandbox;
  afterEach(() => sandbox.close());

  it('answers 429 text/html with Retry-After past 30 requests a second, then blocks for the block time', async () => {
    sandbox = await withSandbox({ rateLimit: { blockMs: 1500 } });
    const client = cbClient(sandbox);
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => client.request(PING)));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const limited = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as ClientError] : []));
    expect(ok).toBe(30);
    expect(limited).toHaveLength(10);
    for (const error of limited) expect(error.response.status).toBe(429);

    const raw = await postGraphQL(sandbox, { query: PING });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('content-type')).toBe('text/html');
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(raw.text).toContain('Too Many Requests');

    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(await client.request(PING)).toEqual({ product: { id: 97771 } });
    expect(sandbox.log.stats().byStatus['429']).toBe(11);
  });

  it('takes a new limit at run time, forgetting earlier windows and blocks', async () => {
    sandbox = await withSandbox({ rateLimit: { blockMs: 60_000 } });
    const client = cbClient(sandbox);
    sandbox.rateLimiter.configure({ enabled: false });
    const burst = await Promise.allSettled(Array.from({ length: 40 }, () => client.request(PING)));
    expect(burst.every((r) => r.status === 'fulfilled')).toBe(true);
    sandbox.rateLimiter.configure({ enabled: true, requestsPerWindow: 5 });
    const limited = await Promise.allSettled(Array.from({ length: 6 }, () => client.request(PING)));
    expect(limited.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(() => sandbox.rateLimiter.configure({ requestsPerWindow: 0 })).toThrow(/invalid rate limit/);
  });

  it('counts requests that fail authentication too', async () => {
    sandbox = await withSandbox({ rateLimit: { blockMs: 1000 }, lockoutMs: 0 });
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await postGraphQL(sandbox, { query: PING }, {})).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('a forced block answers 429 to every request until it ends', async () => {
    sandbox = await withSandbox();
    const set = await fetch(`${sandbox.baseUrl}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ blockMs: 1200 }),
    });
    expect(set.status).toBe(200);
    const blocked = await postGraphQL(sandbox, { query: PING });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('2');
    await new Promise((resolve) => setTimeout(resolve, 1300));
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
