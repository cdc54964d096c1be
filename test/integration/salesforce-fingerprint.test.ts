import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.js';
import { clock, startClockedWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

// A plan file's Salesforce fingerprint: what `apply` asks again to know whether the records a
// plan was made from changed. SystemModstamp is to the second.
describe('the Salesforce fingerprint', () => {
  let world: World;
  let store: StateStore;
  afterEach(async () => {
    store.close();
    await world.close();
  });

  async function fingerprinting() {
    const c = clock();
    world = await startClockedWorld(c);
    store = StateStore.open(world.stateDb);
    const source = (await world.deps(store)).salesforce;
    return { c, fingerprint: async () => (await source.fingerprint()).fingerprint };
  }

  it('changes with an edit in the second of the newest change, whose stamp it leaves as it was', async () => {
    const { c, fingerprint } = await fingerprinting();
    c.advance(60);
    const db = world.sf.db;
    const [first, second] = (db.records('Product2') as Json[]).map((p) => p.Id as string);
    db.update('Product2', first!, { Name: 'Edited at 10:01:00' });
    const before = await fingerprint();
    db.update('Product2', second!, { Name: 'Edited in the same second' });
    expect(await fingerprint()).not.toEqual(before);
    const again = await fingerprint();
    db.update('Product2', first!, { Name: 'Edited again in the same second' });
    expect(await fingerprint()).not.toEqual(again);
    // A price too.
    const prices = await fingerprint();
    const entry = (db.records('PricebookEntry') as Json[])[0]!;
    db.update('PricebookEntry', entry.Id, { UnitPrice: 1.5 });
    const repriced = await fingerprint();
    expect(repriced).not.toEqual(prices);
    db.update('PricebookEntry', entry.Id, { UnitPrice: 2.5 });
    expect(await fingerprint()).not.toEqual(repriced);
  });

  it('stays the same while nothing changes', async () => {
    const { c, fingerprint } = await fingerprinting();
    const before = await fingerprint();
    c.advance(5);
    expect(await fingerprint()).toEqual(before);
  });
});
