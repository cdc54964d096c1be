import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

describe('Salesforce answering pages shorter than the batch size', () => {
  let world: World;
  afterEach(() => world.close());

  it('syncs every product exactly once, whatever the page sizes', async () => {
    world = await startWorld({
      sf: { seed: 'synthetic:2500', pager: { shortPageRate: 0.7, seed: 11, pageBytes: 400_000 } },
      cb: { seed: 'empty' },
    });
    const run = await world.sync();
    expect(run).toMatchObject({ started: true, outcome: 'succeeded' });
    const active = (world.sf.db.records('Product2') as Json[]).filter((p) => p.IsActive).map((p) => String(p.Id));
    const inCleverbridge = [...world.cb.store.all()].map((p) => p.internalId);
    expect(inCleverbridge.sort()).toEqual(active.sort());
    // More pages than with full ones: the short pages did happen.
    const plain = await startWorld({ sf: { seed: 'synthetic:2500' }, cb: { seed: 'empty' } });
    try {
      const full = await plain.sync();
      expect(run.started && full.started && run.requests.salesforce > full.requests.salesforce).toBe(true);
    } finally {
      await plain.close();
    }
    const again = await world.sync();
    expect(again).toMatchObject({ started: true, plan: { cost: { requests: 0 } } });
  });
});
