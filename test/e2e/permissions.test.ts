import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/daemon-process.js';
import { catalogIds, mutations, startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

/** The integration user losing access while the daemon is deployed (issue 14 item 3). */
describe('the integration user without some permissions', () => {
  let world: World;
  afterEach(() => world.close());
  const user = () => world.sf.credentials.username;

  it('a mapped field hidden by field-level security stops start-up, naming the setting and the cause', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    world.sf.permissions.setFieldAccess(user(), 'Product2.ProductCode', { read: false });
    await expect(world.sync()).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      problems: [
        'mapping.fields.internalName: Product2 has no field ProductCode (missing, or hidden from the integration user by field-level security)',
      ],
    });
    expect(mutations(world)).toBe(0);
  });

  it('a write-back field made read-only: cleverbridge is synced, the run is partial and says why, and the next full resync with access writes the statuses', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    world.sf.permissions.setFieldAccess(user(), 'Product2.Cleverbridge_Sync_Status__c', { edit: false });
    const run = await world.sync();
    expect(run).toMatchObject({ started: true, outcome: 'partial' });
    if (!run.started) return;
    const ids = catalogIds(world);
    expect(ids.inCleverbridge).toEqual(ids.active);
    expect(run.writeBack.written).toBe(0);
    expect(run.writeBack.failed).toBe(world.sf.db.records('Product2').length);
    expect(run.error).toMatch(
      /could not be written back.*INVALID_FIELD_FOR_INSERT_UPDATE: Unable to create\/update fields: Cleverbridge_Sync_Status__c/,
    );
    expect((world.sf.db.records('Product2') as Json[]).every((p) => p.Cleverbridge_Sync_Status__c === null)).toBe(true);

    world.sf.permissions.setFieldAccess(user(), 'Product2.Cleverbridge_Sync_Status__c', { edit: true });
    // The cursor moved (cleverbridge is in step): the next full resync writes the statuses.
    const next = await world.sync();
    expect(next).toMatchObject({ outcome: 'succeeded', apply: { requests: 0 } });
    const active = (world.sf.db.records('Product2') as Json[]).filter((p) => p.IsActive);
    expect(active.every((p) => p.Cleverbridge_Sync_Status__c === 'Synced')).toBe(true);
  });

  it('`sync` says so as a warning, not as a stop, and exits 3 (partial)', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    world.sf.permissions.setFieldAccess(user(), 'Product2.Cleverbridge_Sync_Status__c', { edit: false });
    const run = runCli(world, ['sync']);
    expect(await run.exit, run.output()).toBe(3);
    expect(run.output()).toMatch(/^Warning: \d+ sync status\(es\) could not be written back/m);
    expect(run.output()).not.toMatch(/^Stopped:/m);
  });

  it('data translation switched off while translations are mapped: the run stops saying so, sends nothing and deletes nothing', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    expect(await world.sync()).toMatchObject({ outcome: 'succeeded' });
    const synced = world.cb.store.size;
    world.sf.permissions.setDataTranslation(false);
    const before = mutations(world);
    await expect(world.sync()).rejects.toMatchObject({
      code: 'SF_QUERY_REJECTED',
      message: expect.stringMatching(/INVALID_TYPE.*Product2DataTranslation[\s\S]*data translation/),
    });
    expect(mutations(world)).toBe(before);
    expect(world.cb.store.size).toBe(synced);
  });
});
