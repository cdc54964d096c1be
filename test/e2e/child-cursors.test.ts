import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world.js';

describe('a product with more related records than Salesforce answers inline', () => {
  let world: World;
  afterEach(() => world.close());

  it("reads its 300 tiers before the next page of products, which invalidates a page's child cursors", async () => {
    world = await startWorld({ sf: { seed: 'synthetic:2500' }, cb: { seed: 'empty' } });
    // The first product in Id order is on the first of two pages of products.
    const first = (world.sf.db.records('Product2') as Array<{ Id: string; IsActive: boolean }>)
      .filter((p) => p.IsActive)
      .map((p) => p.Id)
      .sort()[0]!;
    for (let i = 0; i < 300; i++)
      world.sf.db.create('Price_Tier__c', {
        Product__c: first,
        CurrencyIsoCode: 'EUR',
        Min_Quantity__c: 1000 + i,
        Unit_Price__c: 1 + i / 100,
      });
    for (const kind of ['full', 'incremental'] as const) {
      const run = await world.sync({ kind });
      expect(run).toMatchObject({ started: true, outcome: 'succeeded' });
    }
    const product = [...world.cb.store.all()].find((p) => p.internalId === first)!;
    expect(product.price!.tiers.filter((t) => t.quantity >= 1000)).toHaveLength(300);
    expect(world.sf.log.stats().byStatus['400'] ?? 0).toBe(0);
  });
});
