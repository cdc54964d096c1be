import { afterEach, describe, expect, it } from 'vitest';
import { RETRY_TABLE } from '../../src/sync/retry-policy.js';
import { catalogIds, mutations, startWorld, type World } from '../helpers/world.js';

const noWait = () => Promise.resolve();

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 2));
}

describe('Salesforce failing under a run', () => {
  let world: World;
  afterEach(() => world.close());

  it('reads through 5xx answers and dropped connections (retried per the retry table)', async () => {
    world = await startWorld({ sf: { seed: 'synthetic:2500' }, cb: { seed: 'empty' } });
    // The first requests, and a later page, each fail twice before they are answered. The drops
    // are scheduled once a query has been answered, so they land on a page, never on the login
    // (on a slow machine a fixed delay once let them hit the login too: four failures in a row).
    world.sf.faults.schedule({ kind: 'error', status: 503 }, 2);
    const run = world.sync({}, { sleep: noWait });
    await until(() => world.sf.log.entries().some((e) => e.path.includes('/query') && e.status === 200));
    world.sf.faults.schedule({ kind: 'drop', phase: 'before' }, 2);
    expect(await run).toMatchObject({ started: true, outcome: 'succeeded' });
    const ids = catalogIds(world);
    expect(ids.inCleverbridge).toEqual(ids.active);
    expect(world.sf.log.stats().byOutcome.fault).toBe(2);
    expect(world.sf.log.stats().byOutcome.dropped).toBe(2);
  });

  it('stops the run when Salesforce stays unavailable, and sends nothing', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    world.sf.faults.schedule({ kind: 'error', status: 503 }, RETRY_TABLE.SF_UNAVAILABLE.maxAttempts);
    await expect(world.sync({}, { sleep: noWait })).rejects.toMatchObject({ code: 'SF_UNAVAILABLE' });
    expect(world.sf.log.stats().byStatus['503']).toBe(RETRY_TABLE.SF_UNAVAILABLE.maxAttempts);
    expect(mutations(world)).toBe(0);
  });

  it("stops the run at once when Salesforce's daily API limit is spent, without retrying, and says when it frees", async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    world.sf.usage.forceExceeded(Infinity);
    await expect(world.sync({}, { sleep: noWait })).rejects.toMatchObject({
      code: 'SF_LIMIT_EXCEEDED',
      message: expect.stringMatching(/REQUEST_LIMIT_EXCEEDED.*rolling 24 hours/),
    });
    expect(world.sf.log.stats().byStatus['403']).toBe(1);
    expect(mutations(world)).toBe(0);
  });
});
