import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.js';
import { CURSOR, LAST_READ } from '../../src/sync/run-lifecycle.js';
import { editEachKind } from '../helpers/edits.js';
import { clock, startClockedWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;
const byInternalId = (world: World) =>
  new Map([...world.cb.store.all()].filter((p) => p.internalId).map((p) => [p.internalId!, p]));
const NONE = { products: [], priceEntries: [], tiers: [] };
const cursors = (world: World) => {
  const store = StateStore.open(world.settings.stateDb);
  try {
    return { cursor: store.cursors.get(CURSOR), lastRead: store.cursors.get(LAST_READ) };
  } finally {
    store.close();
  }
};

describe('a run for the records change events named (targets)', () => {
  let world: World;
  afterEach(() => world.close());

  const synced = async () => {
    const c = clock();
    world = await startClockedWorld(c);
    await world.sync({ kind: 'full' });
    c.advance(300);
    await world.sync({ kind: 'incremental' }); // reads the write-back once
    c.advance(300);
    return c;
  };

  it('reads only the named products, finds each kind of edit among them, and moves no cursor', async () => {
    const c = await synced();
    const db = world.sf.db;
    const { renamed, repriced, deactivated, deleted, fresh } = editEachKind(db, {
      codes: ['IS-ENT', 'CB-3Y', 'IS-BAS', 'CB-1Y'],
      name: 'Internet Security Enterprise 2026',
      usdPrice: 399,
    });
    // Edited too, but named by no event: this run leaves it for the poll.
    const other = (db.records('Product2') as Json[]).find((p) => p.ProductCode === 'CB-2Y')!.Id as string;
    db.update('Product2', other, { Name: 'Cloudbit 2 Years (not named)' });
    c.advance(5);
    const entry = (db.records('PricebookEntry') as Json[]).find(
      (e) => e.Product2Id === repriced && e.CurrencyIsoCode === 'USD',
    )!.Id as string;
    const before = cursors(world);

    const run = await world.sync({
      kind: 'incremental',
      trigger: 'event',
      targets: { products: [renamed, deactivated, deleted, fresh], priceEntries: [entry], tiers: [] },
    });
    expect(run).toMatchObject({ started: true, kind: 'incremental', outcome: 'succeeded' });
    if (!run.started) return;
    expect(run.plan.counts).toMatchObject({ create: 1, update: 2, deactivate: 1, delete: 1 });
    const cb = byInternalId(world);
    expect(cb.get(renamed)!.names.some((n) => n.value === 'Internet Security Enterprise 2026')).toBe(true);
    expect(cb.get(repriced)!.price!.tiers.some((t) => t.value === 399)).toBe(true);
    expect(cb.get(deactivated)!.status).toBe('DEACTIVATED');
    expect(cb.has(deleted)).toBe(false);
    expect(cb.has(fresh)).toBe(true);
    expect(cb.get(other)!.names.some((n) => n.value === 'Cloudbit 2 Years (not named)')).toBe(false);
    // No change query (an incremental run makes five): the entry's product, the products' translations
    // and records by id, the one not returned (deleted); the write-back.
    expect(run.requests.salesforce).toBeLessThanOrEqual(6);
    expect(cursors(world)).toEqual(before);

    // The poll after it finds the product no event named, and sends nothing twice.
    c.advance(60);
    const poll = await world.sync({ kind: 'incremental' });
    expect(poll).toMatchObject({ started: true, outcome: 'succeeded' });
    if (!poll.started) return;
    expect(poll.plan.counts).toMatchObject({ create: 0, update: 1, deactivate: 0, delete: 0 });
    expect(
      byInternalId(world)
        .get(other)!
        .names.some((n) => n.value === 'Cloudbit 2 Years (not named)'),
    ).toBe(true);
    expect(cursors(world).cursor! > before.cursor!).toBe(true);
  });

  it('finds the product of a changed tier, and leaves out an entry of another price book', async () => {
    const c = await synced();
    const db = world.sf.db;
    const tier = (db.records('Price_Tier__c') as Json[])[0]!;
    db.update('Price_Tier__c', tier.Id, { Unit_Price__c: 0.5 });
    const book = db.create('Pricebook2', { Name: 'Partner prices', IsActive: true });
    const elsewhere = (db.records('Product2') as Json[]).find((p) => p.IsActive && p.Id !== tier.Product__c)!;
    const entry = db.create('PricebookEntry', {
      Product2Id: elsewhere.Id,
      Pricebook2Id: book,
      CurrencyIsoCode: 'USD',
      UnitPrice: 1,
      IsActive: true,
    });
    c.advance(5);
    const run = await world.sync({
      kind: 'incremental',
      trigger: 'event',
      targets: { ...NONE, priceEntries: [entry], tiers: [tier.Id] },
    });
    expect(run).toMatchObject({ started: true, outcome: 'succeeded' });
    if (!run.started) return;
    // Only the tier's product was read: one entry of the plan, an update.
    expect(run.plan.entries.map((e) => [e.key, e.action])).toEqual([[tier.Product__c, 'update']]);
    const product = byInternalId(world).get(tier.Product__c)!;
    expect(product.price!.tiers.some((t) => t.value === 0.5)).toBe(true);
  });

  it('runs full when there is no cursor yet, whatever it was asked to read', async () => {
    world = await startClockedWorld(clock());
    const someone = (world.sf.db.records('Product2') as Json[])[0]!.Id as string;
    const run = await world.sync({ kind: 'incremental', trigger: 'event', targets: { ...NONE, products: [someone] } });
    expect(run).toMatchObject({ started: true, kind: 'full', outcome: 'succeeded' });
    expect(cursors(world).cursor).not.toBeNull();
  });
});
