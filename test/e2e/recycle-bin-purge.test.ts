import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.js';
import { clock, startClockedWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;
const DAY = 24 * 3600;

const incremental = (world: World) => world.sync({ kind: 'incremental' });
const inCleverbridge = (world: World, key: string) => [...world.cb.store.all()].some((p) => p.internalId === key);

describe('deletes purged from the Salesforce recycle bin', () => {
  let world: World;
  afterEach(() => world.close());

  /** A synced world and one of its active products, deleted in Salesforce and purged at once. */
  async function purgedProduct(c: ReturnType<typeof clock>): Promise<string> {
    world = await startClockedWorld(c);
    expect(await world.sync()).toMatchObject({ started: true, outcome: 'succeeded' });
    const key = (world.sf.db.records('Product2') as Json[]).find((p) => p.IsActive)!.Id as string;
    expect(inCleverbridge(world, key)).toBe(true);
    c.advance(300);
    world.sf.db.delete('Product2', key);
    expect(world.sf.db.emptyRecycleBin([key])).toMatchObject([{ success: true }]);
    c.advance(60);
    return key;
  }

  it('an incremental run cannot see the delete; the next full read finds the product absent and deletes it', async () => {
    const c = clock();
    const key = await purgedProduct(c);
    const run = await incremental(world);
    expect(run).toMatchObject({ started: true, kind: 'incremental', outcome: 'succeeded' });
    expect(inCleverbridge(world, key)).toBe(true);

    c.advance(300);
    const full = await world.sync();
    expect(full).toMatchObject({ started: true, kind: 'full', outcome: 'succeeded' });
    if (full.started) expect(full.apply.succeeded.delete).toBe(1);
    expect(inCleverbridge(world, key)).toBe(false);
  });

  it('an incremental run that asks for a product found neither alive nor in the bin says so', async () => {
    const c = clock();
    const key = await purgedProduct(c);
    // Its last outcome is unknown (as after a lost answer): the incremental run reads it by id.
    const store = StateStore.open(world.stateDb);
    store.snapshot.markOutcome(key, 'unknown', null);
    store.close();
    const run = await incremental(world);
    expect(run).toMatchObject({ started: true, kind: 'incremental', purgedIds: [key] });
    expect(inCleverbridge(world, key)).toBe(true);
    const recorded = StateStore.open(world.stateDb);
    if (run.started) expect(recorded.runs.get(run.runId)?.summary).toMatchObject({ purgedIds: [key] });
    recorded.close();

    c.advance(300);
    expect(await world.sync()).toMatchObject({ kind: 'full', purgedIds: [] });
    expect(inCleverbridge(world, key)).toBe(false);
  });

  it('runs full when the last complete read is 16 days old, though incremental runs read since', async () => {
    const c = clock();
    world = await startClockedWorld(c);
    expect(await incremental(world)).toMatchObject({ kind: 'full' });
    for (let day = 2; day <= 14; day += 2) {
      c.advance(2 * DAY);
      expect(await incremental(world)).toMatchObject({ started: true, kind: 'incremental' });
    }
    c.advance(2 * DAY);
    const run = await incremental(world);
    expect(run).toMatchObject({ started: true, kind: 'full', outcome: 'succeeded' });
    if (run.started)
      expect(run.fullBecause).toBe(
        'the last complete read (2026-03-01T10:00:00.000Z) is older than Salesforce keeps deleted records (15 days in the recycle bin): deletes purged since would be missed',
      );
    c.advance(300);
    expect(await incremental(world)).toMatchObject({ kind: 'incremental' });
  });
});
