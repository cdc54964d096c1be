import { afterEach, describe, expect, it } from 'vitest';
import { catalogIds, clock, startClockedWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

const incremental = (world: World) => world.sync({ kind: 'incremental' });
const copies = (world: World, key: string) => [...world.cb.store.all()].filter((p) => p.internalId === key);

// An incremental run plans against the snapshot, so a product cleverbridge has without a
// snapshot row looks new to it. With internalIds that cleverbridge does not keep unique, only
// catalog-sync itself can keep it from being created twice.
describe('incremental runs never create a product cleverbridge already has', () => {
  let world: World;
  afterEach(() => world.close());

  async function synced() {
    const c = clock();
    world = await startClockedWorld(c);
    world.cb.store.uniqueInternalIds = false;
    expect(await incremental(world)).toMatchObject({ kind: 'full', outcome: 'succeeded' });
    c.advance(300);
    return c;
  }

  it('a product deactivated by the delete policy, then undeleted in Salesforce, is made active again, once', async () => {
    const c = await synced();
    world.settings.sync.deletePolicy = 'deactivate';
    const db = world.sf.db;
    const key = (db.records('Product2') as Json[]).find((p) => p.IsActive)!.Id as string;
    db.delete('Product2', key);
    c.advance(60);
    expect(await incremental(world)).toMatchObject({ outcome: 'succeeded', apply: { succeeded: { update: 1 } } });
    expect(copies(world, key).map((p) => p.status)).toEqual(['DEACTIVATED']);

    c.advance(300);
    db.undelete('Product2', key);
    c.advance(60);
    expect(await incremental(world)).toMatchObject({ outcome: 'succeeded' });
    expect(copies(world, key).map((p) => p.status)).toEqual(['FULLY_AVAILABLE']);
  });

  it('a new Salesforce product someone already put in cleverbridge under its id is adopted, not made again', async () => {
    const c = await synced();
    const db = world.sf.db;
    const book = (db.records('Pricebook2') as Json[]).find((b) => b.IsStandard)!.Id;
    const key = db.create('Product2', { Name: 'Migrated product', ProductCode: 'MIG-1', IsActive: true });
    db.create('PricebookEntry', {
      Product2Id: key,
      Pricebook2Id: book,
      CurrencyIsoCode: 'USD',
      UnitPrice: 5,
      IsActive: true,
    });
    // Loaded into cleverbridge by a migration script, under the Product2 id.
    const existing = [...world.cb.store.all()][0]!;
    const id = world.cb.store.allocateProductId();
    world.cb.store.put({ ...structuredClone(existing), id, internalId: key });
    c.advance(60);
    expect(await incremental(world)).toMatchObject({ outcome: 'succeeded' });
    expect(copies(world, key).map((p) => [p.id, p.names])).toEqual([
      [id, [{ language: 'EN', value: 'Migrated product' }]],
    ]);
    const ids = catalogIds(world);
    expect(ids.inCleverbridge).toEqual(ids.active);
  });
});
