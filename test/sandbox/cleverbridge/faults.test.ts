import { ClientError } from 'graphql-request';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CleverbridgeSandbox } from '../../../src/sandbox/cleverbridge/server.js';
import { CREATE, cbClient, postGraphQL, productInput, withSandbox } from '../../helpers/cleverbridge.js';

const PING = '{ product(id: 97771) { id } }';
const BATCH = `mutation ($a: CreateProductInput!, $b: CreateProductInput!) {
  a: createProduct(input: $a) { createdProduct { id } }
  b: createProduct(input: $b) { createdProduct { id } }
}`;

describe('cleverbridge sandbox: fault injection', () => {
  let sandbox: CleverbridgeSandbox;
  beforeAll(async () => {
    sandbox = await withSandbox({ seed: 'empty', rateLimit: { enabled: false } });
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await fetch(`${sandbox.baseUrl}/__sandbox/reset`, { method: 'POST' });
  });

  it('adds latency to every request', async () => {
    sandbox.faults.configure({ latencyMs: 150 });
    const started = performance.now();
    await postGraphQL(sandbox, { query: '{ __typename }' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('answers a share of requests with 5xx, reproducibly for a seed', async () => {
    sandbox.faults.configure({ errorRate: 0.5, errorStatuses: [500, 502, 503] });
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await postGraphQL(sandbox, { query: '{ __typename }' })).status);
    const failures = statuses.filter((s) => s >= 500);
    expect(failures.length).toBeGreaterThan(15);
    expect(failures.length).toBeLessThan(45);
    expect(new Set(failures)).toEqual(new Set([500, 502, 503]));

    const replay = await withSandbox({ seed: 'empty', rateLimit: { enabled: false }, faults: { errorRate: 0.5 } });
    const again = await withSandbox({ seed: 'empty', rateLimit: { enabled: false }, faults: { errorRate: 0.5 } });
    try {
      const run = async (s: CleverbridgeSandbox) => {
        const out: number[] = [];
        for (let i = 0; i < 20; i++) out.push((await postGraphQL(s, { query: '{ __typename }' })).status);
        return out;
      };
      expect(await run(replay)).toEqual(await run(again));
    } finally {
      await Promise.all([replay.close(), again.close()]);
    }
  });

  it('a 500 carries a JSON GraphQL error, a 502 or 503 an HTML page, as gateways send', async () => {
    sandbox.faults.schedule({ kind: 'error', status: 500 });
    sandbox.faults.schedule({ kind: 'error', status: 503 });
    const first = await postGraphQL(sandbox, { query: PING });
    expect(first.status).toBe(500);
    expect(first.json.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    const second = await postGraphQL(sandbox, { query: PING });
    expect(second.status).toBe(503);
    expect(second.headers.get('content-type')).toBe('text/html');
    const error = (await cbClient(sandbox)
      .request('{ __typename }')
      .then(
        () => null,
        (e: unknown) => e,
      )) as ClientError | null;
    expect(error).toBeNull(); // the scheduled faults are spent
  });

  it('a connection dropped before handling changes nothing', async () => {
    sandbox.faults.schedule({ kind: 'drop', phase: 'before' });
    await expect(cbClient(sandbox).request(CREATE, { input: productInput({ internalId: 'lost' }) })).rejects.toThrow();
    expect(sandbox.store.findByInternalId(864, 'lost')).toBeUndefined();
    expect(sandbox.log.stats().byOutcome.dropped).toBe(1);
  });

  it('a connection dropped after handling loses only the answer: the product exists', async () => {
    sandbox.faults.schedule({ kind: 'drop', phase: 'after' });
    await expect(
      cbClient(sandbox).request(CREATE, { input: productInput({ internalId: 'made-anyway' }) }),
    ).rejects.toThrow();
    expect(sandbox.store.findByInternalId(864, 'made-anyway')).toBeDefined();
    expect(sandbox.log.stats().operations['mutation:createProduct']).toBe(1);
  });

  it('fails one chosen mutation of a batch, once, through the control route', async () => {
    const set = await fetch(`${sandbox.baseUrl}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ mutations: [{ mutation: 'createProduct', internalId: 'unlucky', times: 1 }] }),
    });
    expect(set.status).toBe(200);
    const client = cbClient(sandbox);
    const error = (await client
      .request(BATCH, { a: productInput({ internalId: 'lucky' }), b: productInput({ internalId: 'unlucky' }) })
      .catch((e: unknown) => e)) as ClientError;
    expect(error.response.data).toMatchObject({ a: { createdProduct: {} }, b: null });
    expect(error.response.errors?.[0]).toMatchObject({ path: ['b'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(sandbox.store.findByInternalId(864, 'unlucky')).toBeUndefined();
    // The rule is spent: the retry succeeds.
    await client.request(CREATE, { input: productInput({ internalId: 'unlucky' }) });
    expect(sandbox.store.findByInternalId(864, 'unlucky')).toBeDefined();
    expect(sandbox.log.stats().failedOperations).toEqual({ 'mutation:createProduct': 1 });
  });

  it('a mutation failing after its work leaves the change made', async () => {
    sandbox.mutationFaults.add({ mutation: 'createProduct', phase: 'after', times: 1 });
    await expect(cbClient(sandbox).request(CREATE, { input: productInput({ internalId: 'half' }) })).rejects.toThrow(
      /unexpected error/,
    );
    expect(sandbox.store.findByInternalId(864, 'half')).toBeDefined();
  });

  it('fails every mutation at rate 1 and none after a reset', async () => {
    sandbox.mutationFaults.setRate(1);
    await expect(cbClient(sandbox).request(CREATE, { input: productInput() })).rejects.toThrow();
    await fetch(`${sandbox.baseUrl}/__sandbox/reset`, { method: 'POST' });
    await cbClient(sandbox).request(CREATE, { input: productInput({ internalId: 'after-reset' }) });
    expect(sandbox.store.findByInternalId(864, 'after-reset')).toBeDefined();
  });

  it('refuses fault settings out of range, naming the setting', async () => {
    expect(() => sandbox.faults.configure({ errorRate: 2 })).toThrow(/faults.errorRate/);
    const answer = await fetch(`${sandbox.baseUrl}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ network: { dropRate: -1 } }),
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toMatch(/faults.dropRate/);
  });
});

describe('cleverbridge sandbox: request log', () => {
  it('counts requests, statuses and operations by kind, aliases one by one', async () => {
    const sandbox = await withSandbox({ seed: 'empty' });
    try {
      const client = cbClient(sandbox);
      await client.request(BATCH, { a: productInput({ internalId: 'x' }), b: productInput({ internalId: 'y' }) });
      await client.request('{ products(clientId: 864) { id } }');
      await client.request(CREATE, { input: productInput({ internalId: 'x' }) }).catch(() => undefined);
      const stats = (await (await fetch(`${sandbox.baseUrl}/__sandbox/stats`)).json()) as Record<string, unknown>;
      expect(stats).toMatchObject({
        products: 2,
        requests: 3,
        byStatus: { 200: 3 },
        operations: { 'mutation:createProduct': 3, 'query:products': 1 },
        failedOperations: { 'mutation:createProduct': 1 },
      });
      const entries = (await (await fetch(`${sandbox.baseUrl}/__sandbox/requests`)).json()) as unknown[];
      expect(entries).toHaveLength(3);
      expect(entries[0]).toMatchObject({ method: 'POST', path: '/graphql', status: 200, outcome: 'handled' });
    } finally {
      await sandbox.close();
    }
  });
});
