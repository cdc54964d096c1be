import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;
const noWait = () => Promise.resolve();

describe('the write-back meets records other processes hold locked', () => {
  let world: World;
  afterEach(() => world.close());

  it('retries a locked record until its lock is gone, and reports one that stays locked', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const active = (world.sf.db.records('Product2') as Json[]).filter((p) => p.IsActive).map((p) => String(p.Id));
    const [briefly, long] = [active[0]!, active[1]!];
    world.sf.org.locks.hold(briefly, 2);
    world.sf.org.locks.hold(long, 1000);
    const run = await world.sync({}, { sleep: noWait });
    // One status not written: the run is partial and says why.
    expect(run).toMatchObject({
      started: true,
      outcome: 'partial',
      error: expect.stringMatching(/^1 sync status\(es\) could not be written back.*UNABLE_TO_LOCK_ROW/),
    });
    if (!run.started) return;
    expect(run.writeBack).toMatchObject({
      written: world.sf.db.records('Product2').length - 1,
      failed: 1,
      error: null,
    });
    expect(world.sf.db.get('Product2', briefly)).toMatchObject({ Cleverbridge_Sync_Status__c: 'Synced' });
    expect(world.sf.db.get('Product2', long)!.Cleverbridge_Sync_Status__c).toBeNull();
    // Once the lock is gone, the next run writes what the manager must see.
    world.sf.org.locks.release(long);
    const next = await world.sync({}, { sleep: noWait });
    expect(next.started && next.writeBack).toMatchObject({ failed: 0 });
    expect(world.sf.db.get('Product2', long)).toMatchObject({ Cleverbridge_Sync_Status__c: 'Synced' });
  });
});
