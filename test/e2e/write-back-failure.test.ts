import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.js';
import { clock, startClockedWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

describe('a write-back that fails', () => {
  let world: World;
  afterEach(() => world.close());

  it('defect 5: a run whose write-back failed entirely ends partial with the reason, and the next run writes the statuses', async () => {
    const c = clock();
    world = await startClockedWorld(c);
    await world.sync({ kind: 'incremental' });
    c.advance(300);
    await world.sync({ kind: 'incremental' });
    c.advance(300);
    const db = world.sf.db;
    const book = (db.records('Pricebook2') as Json[]).find((b) => b.IsStandard)!.Id;
    const fresh = db.create('Product2', { Name: 'Shieldware Identity Guard', ProductCode: 'IG-1', IsActive: true });
    db.create('PricebookEntry', {
      Product2Id: fresh,
      Pricebook2Id: book,
      CurrencyIsoCode: 'USD',
      UnitPrice: 29,
      IsActive: true,
    });
    c.advance(60);

    // Salesforce's daily limit runs out while the run sends to cleverbridge.
    const run = await world.sync({ kind: 'incremental', onProgress: () => world.sf.usage.forceExceeded(Infinity) });
    expect(run).toMatchObject({ started: true, outcome: 'partial', apply: { succeeded: { create: 1 } } });
    if (!run.started) return;
    expect(run.error).toMatch(/write-back.*REQUEST_LIMIT_EXCEEDED|REQUEST_LIMIT_EXCEEDED.*write-back/i);
    const store = StateStore.open(world.stateDb);
    const recorded = store.runs.get(run.runId)!;
    store.close();
    expect(recorded).toMatchObject({
      outcome: 'partial',
      summary: { writeBack: { error: expect.stringMatching(/REQUEST_LIMIT_EXCEEDED/) } },
    });
    expect(db.get('Product2', fresh)).toMatchObject({
      Cleverbridge_Sync_Status__c: null,
      Cleverbridge_Product_Id__c: null,
    });

    world.sf.usage.reset();
    c.advance(300);
    expect(await world.sync({ kind: 'incremental' })).toMatchObject({ outcome: 'succeeded' });
    // The cursor stayed: the next run reads the product again and writes what the manager must see.
    const cbId = [...world.cb.store.all()].find((p) => p.internalId === fresh)!.id;
    expect(db.get('Product2', fresh)).toMatchObject({
      Cleverbridge_Sync_Status__c: 'Synced',
      Cleverbridge_Product_Id__c: String(cbId),
    });
    expect([...world.cb.store.all()].filter((p) => p.internalId === fresh)).toHaveLength(1);
  });
});
