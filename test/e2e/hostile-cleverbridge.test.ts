import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/settings.js';
import type { AnswerFault } from '../../src/sandbox/cleverbridge/answer-faults.js';
import { catalogIds, mutations, startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

const products = (body: Json) => body.data.products as Json[];

/** Hostile answers to the products read of a full sync, and the error each must give. */
const CASES: Array<[string, AnswerFault, RegExp]> = [
  [
    'malformed JSON',
    { kind: 'replace', status: 200, contentType: 'application/json', body: '{"data": {"products": [{"id": 5' },
    /not valid JSON/,
  ],
  [
    'an HTML error page with status 200',
    {
      kind: 'replace',
      status: 200,
      contentType: 'text/html',
      body: '<html><body><h1>Maintenance</h1>Back soon.</body></html>',
    },
    /CB_BAD_RESPONSE|html/i,
  ],
  [
    'GraphQL errors without a path',
    {
      kind: 'replace',
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ errors: [{ message: 'Something went wrong.' }] }),
    },
    /Something went wrong/,
  ],
  [
    'a product list missing the selected fields',
    {
      kind: 'rewrite',
      rewrite: (body) => {
        for (const p of products(body)) delete p.names;
        return body;
      },
    },
    /CB_BAD_RESPONSE|lacks the selected fields/,
  ],
  [
    'ids of the wrong type',
    {
      kind: 'rewrite',
      rewrite: (body) => {
        for (const p of products(body)) p.id = String(p.id);
        return body;
      },
    },
    /CB_BAD_RESPONSE|has id "\d+"/,
  ],
  [
    'a body cut in the middle of the products list',
    { kind: 'cut', share: 0.5 },
    /answer broke off: .* after \d+ bytes and [1-9]\d* products; nothing is planned on it/,
  ],
  [
    'GraphQL errors after data',
    {
      kind: 'rewrite',
      rewrite: (body) => ({
        data: body.data,
        errors: [{ message: 'Reading the catalog failed.', path: ['products'] }],
      }),
    },
    /the products query failed: UNKNOWN Reading the catalog failed/,
  ],
  [
    'no products at all although catalog-sync synced some',
    { kind: 'rewrite', rewrite: () => ({ data: { products: [] } }) },
    /answered no product at all although \d+ were synced/,
  ],
];

describe('hostile cleverbridge answers', () => {
  let world: World;
  afterEach(() => world.close());

  it.each(CASES)('%s: a clear error, no mutation, no delete; the next run is clean', async (_, fault, message) => {
    world = await startWorld({ cb: { seed: 'empty' } });
    expect(await world.sync()).toMatchObject({ started: true, outcome: 'succeeded' });
    const before = mutations(world);
    // Every retry of the read gets the same answer.
    for (let i = 0; i < 8; i++) world.cb.answerFaults.schedule(fault);
    const failed = world.sync({}, { sleep: async () => {} });
    await expect(failed).rejects.toThrow(message);
    expect(mutations(world)).toBe(before);

    world.cb.answerFaults.clear();
    expect(await world.sync()).toMatchObject({ started: true, outcome: 'succeeded', plan: { cost: { requests: 0 } } });
    const ids = catalogIds(world);
    expect(ids.inCleverbridge).toEqual(ids.active);
  });

  // The timeout is for the answer to begin and for each pause in it, not for the whole body: a
  // large catalog's answer may take longer than the timeout to arrive.
  const shortTimeout = (s: Settings) => void (s.cleverbridge.timeoutMs = 400);

  it('a products answer that stalls mid-body past the timeout: a clear error, nothing sent', async () => {
    world = await startWorld({ cb: { seed: 'empty' }, settings: shortTimeout });
    await world.sync();
    const before = mutations(world);
    for (let i = 0; i < 8; i++) world.cb.answerFaults.schedule({ kind: 'drip', parts: 2, pauseMs: 1200 });
    await expect(world.sync({}, { sleep: async () => {} })).rejects.toThrow(/cleverbridge sent nothing for 0.4 s/);
    expect(mutations(world)).toBe(before);
    world.cb.answerFaults.clear();
  });

  it('a products answer slower in all than the timeout, never pausing that long, is read', async () => {
    world = await startWorld({ cb: { seed: 'empty' }, settings: shortTimeout });
    await world.sync();
    const before = mutations(world);
    world.cb.answerFaults.schedule({ kind: 'drip', parts: 8, pauseMs: 150 });
    const started = performance.now();
    expect(await world.sync()).toMatchObject({ started: true, outcome: 'succeeded', plan: { cost: { requests: 0 } } });
    expect(performance.now() - started).toBeGreaterThan(1000);
    expect(mutations(world)).toBe(before);
  });

  it('a products answer far larger than the catalog (products nobody manages) changes nothing', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    await world.sync();
    const before = mutations(world);
    world.cb.answerFaults.schedule({
      kind: 'rewrite',
      rewrite: (body) => {
        const extra = Array.from({ length: 20_000 }, (_, i) => ({
          ...products(body)[0],
          id: 9_000_000 + i,
          internalId: null,
        }));
        products(body).push(...extra);
        return body;
      },
    });
    const run = await world.sync();
    expect(run).toMatchObject({ started: true, outcome: 'succeeded', plan: { cost: { requests: 0 } } });
    expect(mutations(world)).toBe(before);
  });
});
