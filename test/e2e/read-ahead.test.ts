import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/settings.js';
import { READ_AHEAD } from '../../src/sync/read-stage.js';
import { mutations, startWorld, type World } from '../helpers/world.js';

const queries = (world: World) => world.sf.log.entries().filter((e) => e.path.includes('/query')).length;

/**
 * The next products answer sends its first half, then waits for `release` (or a minute). The
 * client must wait as long (`patient`): a client that gave up would read the list again, unheld.
 */
function holdTheList(world: World) {
  let release = () => {};
  const until = new Promise<void>((resolve) => (release = resolve));
  world.cb.answerFaults.schedule({ kind: 'drip', parts: 2, pauseMs: 60_000, until });
  return release;
}

const patient = (s: Settings) => void (s.cleverbridge.timeoutMs = 120_000);

/** Waits until `done` holds, or fails after `ms`. */
async function waitFor(done: () => boolean, ms: number, what: string) {
  for (const until = Date.now() + ms; !done(); await sleep(50)) {
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
  }
}

// A full read plans nothing until cleverbridge's list is in. Salesforce answers faster than a
// large catalog's list arrives, so a read never held back could hold the whole catalog.
describe('a full read waits for cleverbridge while it holds READ_AHEAD records', () => {
  let world: World;
  afterEach(() => world?.close());

  it('reads a few pages while the list is coming, then the rest, and plans every record', async () => {
    const n = 10_000;
    expect(n).toBeGreaterThan(2 * READ_AHEAD);
    world = await startWorld({ sf: { seed: `synthetic:${n}` }, cb: { seed: 'empty' }, settings: patient });
    await world.plan(); // how many queries a whole read takes
    const whole = queries(world);

    const release = holdTheList(world);
    const planned = world.plan();
    await sleep(2000);
    const during = queries(world) - whole;
    release();
    expect((await planned).plan.entries).toHaveLength(n);
    expect(queries(world)).toBe(2 * whole);
    expect(during).toBeGreaterThan(0);
    expect(during).toBeLessThan(whole / 2);
  });

  it('is not held back by records that hash as their snapshot rows: they wait as hashes', async () => {
    const n = 6000;
    world = await startWorld({ sf: { seed: `synthetic:${n}` }, cb: { seed: 'empty' }, settings: patient });
    expect(await world.sync()).toMatchObject({ outcome: 'succeeded' });
    const before = queries(world);
    await world.plan();
    const whole = queries(world) - before;

    // The inactive products (whose price is not Salesforce's to say) wait as hashes too.
    const release = holdTheList(world);
    const planned = world.plan();
    await waitFor(() => queries(world) - before === 2 * whole, 30_000, 'the whole Salesforce read');
    release();
    expect((await planned).plan.cost.requests).toBe(0);
  }, 60_000);

  it('a cleverbridge read that fails while the read is held stops the Salesforce read', async () => {
    const n = 10_000;
    const short = (s: Settings) => void (s.cleverbridge.timeoutMs = 1500);
    world = await startWorld({ sf: { seed: `synthetic:${n}` }, cb: { seed: 'empty' }, settings: short });
    await world.plan();
    const whole = queries(world);

    for (let i = 0; i < 8; i++) world.cb.answerFaults.schedule({ kind: 'drip', parts: 2, pauseMs: 4000 });
    await expect(world.sync({}, { sleep: async () => {} })).rejects.toThrow(/cleverbridge sent nothing/);
    const failed = queries(world);
    await sleep(1000); // a read that went on would ask for more now
    expect(queries(world) - failed).toBeLessThanOrEqual(1); // the page asked for ahead, at most
    expect(queries(world) - whole).toBeLessThan(whole / 2);
    expect(mutations(world)).toBe(0);
    world.cb.answerFaults.clear();
  });
});
