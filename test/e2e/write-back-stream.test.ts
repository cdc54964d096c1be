import { afterEach, describe, expect, it } from 'vitest';
import { API_VERSION } from '../helpers/salesforce.js';
import { startWorld, type World } from '../helpers/world.js';

const PRODUCTS = 2000;

/**
 * Issue 15 item 5: the write-back streams as batches settle, so an initial load ends close to
 * its last mutation instead of writing every status back after it.
 */
describe('the write-back of a large run', () => {
  let world: World | null = null;
  afterEach(() => world?.close());

  it('writes statuses back while mutations are still being sent, 200 records a write', async () => {
    world = await startWorld({
      sf: { seed: `synthetic:${PRODUCTS}` },
      cb: { seed: 'empty' },
      // 40 batches at 20 a second: about two seconds of applying.
      settings: (s) => Object.assign(s.cleverbridge, { batchSize: 50, requestsPerSecond: 20 }),
    });
    const run = await world.sync();
    expect(run).toMatchObject({ started: true, outcome: 'succeeded', writeBack: { written: PRODUCTS, failed: 0 } });
    const writes = world.sf.log
      .entries()
      .filter((e) => e.method === 'PATCH' && e.path === `/services/data/v${API_VERSION}/composite/sobjects`);
    expect(writes).toHaveLength(PRODUCTS / 200);
    const mutations = world.cb.log.entries().filter((e) => e.operations.some((o) => o.kind.startsWith('mutation:')));
    const lastMutation = Math.max(...mutations.map((e) => e.at));
    // Most of the statuses are written before the last batch went out.
    expect(writes.filter((w) => w.at < lastMutation).length).toBeGreaterThanOrEqual(PRODUCTS / 200 / 2);
  });
});
