import { afterEach, describe, expect, it } from 'vitest';
import type { MappingConfig } from '../../src/core/mapping-config.js';
import { StateStore } from '../../src/state/state-store.js';
import { clock, startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

/** A deployment that syncs only what is sold online, on a clock the test moves. */
async function scopedWorld(c: ReturnType<typeof clock>, leavePolicy: MappingConfig['scope']['leavePolicy']) {
  return startWorld({
    sf: { now: c.now },
    cb: { seed: 'empty', now: c.now },
    now: c.now,
    mapping: (m) => (m.scope = { where: 'Sell_Online__c = true', leavePolicy }),
  });
}

const idOf = (world: World, code: string) =>
  (world.sf.db.records('Product2') as Json[]).find((p) => p.ProductCode === code)!.Id as string;
const inCleverbridge = (world: World, key: string) => [...world.cb.store.all()].filter((p) => p.internalId === key);
const snapshotHas = (world: World, key: string) => {
  const store = StateStore.open(world.stateDb);
  try {
    return store.snapshot.get(key) !== undefined;
  } finally {
    store.close();
  }
};

describe('scope: only the products the mapping selects are synced', () => {
  let world: World;
  afterEach(() => world.close());

  it('never creates a product out of scope, and leaves its Salesforce status alone', async () => {
    const c = clock();
    world = await scopedWorld(c, 'deactivate');
    const support = idOf(world, 'SUP-GOLD'); // sold by contract: Sell_Online__c is false
    expect(world.sf.db.get('Product2', support)!.Sell_Online__c).toBe(false);
    const run = await world.sync();
    expect(run).toMatchObject({ started: true, outcome: 'succeeded' });
    expect(inCleverbridge(world, support)).toEqual([]);
    expect(inCleverbridge(world, idOf(world, 'IS-ENT'))).toHaveLength(1);
    expect(world.sf.db.get('Product2', support)!.Cleverbridge_Sync_Status__c).toBeNull();
    c.advance(300);
    const again = await world.sync({ kind: 'incremental' });
    expect(again).toMatchObject({ started: true, kind: 'incremental' });
    expect(inCleverbridge(world, support)).toEqual([]);
  });

  it.each([
    ['deactivate', (p: Json[]) => expect(p).toMatchObject([{ status: 'DEACTIVATED' }])],
    ['delete', (p: Json[]) => expect(p).toEqual([])],
    ['keep', (p: Json[]) => expect(p).toMatchObject([{ status: 'FULLY_AVAILABLE' }])],
  ] as const)(
    'leavePolicy %s: clearing the checkbox takes the product out in the next incremental run; setting it brings it back',
    async (policy, check) => {
      const c = clock();
      world = await scopedWorld(c, policy);
      await world.sync();
      const vpn = idOf(world, 'VPN-UNL');
      const before = inCleverbridge(world, vpn);
      expect(before).toHaveLength(1);

      c.advance(300);
      world.sf.db.update('Product2', vpn, { Sell_Online__c: false });
      c.advance(60);
      const leave = await world.sync({ kind: 'incremental' });
      expect(leave).toMatchObject({ started: true, kind: 'incremental', outcome: 'succeeded' });
      check(inCleverbridge(world, vpn));
      expect(world.sf.db.get('Product2', vpn)).toMatchObject({
        Cleverbridge_Sync_Status__c: 'Out of scope',
        Cleverbridge_Sync_Error__c: null,
      });
      // It settles: a product out of scope is no longer managed, and nothing more is sent.
      for (let i = 0; i < 2; i++) {
        c.advance(300);
        const rest = await world.sync({ kind: 'incremental' });
        expect(rest).toMatchObject({ started: true, plan: { cost: { requests: 0 } } });
      }
      expect(snapshotHas(world, vpn)).toBe(false);
      check(inCleverbridge(world, vpn));
      const full = await world.sync({ kind: 'full' });
      expect(full).toMatchObject({ started: true, plan: { cost: { requests: 0 } } });

      c.advance(300);
      world.sf.db.update('Product2', vpn, { Sell_Online__c: true });
      c.advance(60);
      const back = await world.sync({ kind: 'incremental' });
      expect(back).toMatchObject({ started: true, outcome: 'succeeded' });
      const after = inCleverbridge(world, vpn);
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ status: 'FULLY_AVAILABLE' });
      if (policy !== 'delete') expect(after[0]!.id).toBe(before[0]!.id);
      expect(world.sf.db.get('Product2', vpn)).toMatchObject({
        Cleverbridge_Sync_Status__c: 'Synced',
        Cleverbridge_Product_Id__c: String(after[0]!.id),
      });
    },
  );

  it('a full resync finds a product that left the scope', async () => {
    const c = clock();
    world = await scopedWorld(c, 'deactivate');
    await world.sync();
    const vpn = idOf(world, 'VPN-UNL');
    world.sf.db.update('Product2', vpn, { Sell_Online__c: false });
    const run = await world.sync({ kind: 'full' });
    expect(run.started && run.plan.entries.find((e) => e.key === vpn)).toMatchObject({
      action: 'delete',
      mode: 'deactivate',
      reason: 'left-scope',
    });
    expect(inCleverbridge(world, vpn)).toMatchObject([{ status: 'DEACTIVATED' }]);
  });
});
