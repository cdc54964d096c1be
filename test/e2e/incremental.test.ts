import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.js';
import { CURSOR } from '../../src/sync/run-lifecycle.js';
import { editEachKind } from '../helpers/edits.js';
import { clock, mutations, startClockedWorld, startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

const byInternalId = (world: World) =>
  new Map([...world.cb.store.all()].filter((p) => p.internalId).map((p) => [p.internalId!, p]));
const incremental = (world: World) => world.sync({ kind: 'incremental' });

describe('incremental sync and write-back', () => {
  let world: World;
  afterEach(() => world.close());

  it('starts with a full sync, then follows each kind of Salesforce edit, writes the outcome back, then rests', async () => {
    const c = clock();
    world = await startClockedWorld(c);
    const first = await incremental(world);
    expect(first).toMatchObject({
      started: true,
      kind: 'full',
      fullBecause: 'no cursor yet: the first run reads everything',
      outcome: 'succeeded',
    });
    const db = world.sf.db;
    const products = db.records('Product2') as Json[];
    // Write-back: every active product shows it is synced, with its cleverbridge id.
    for (const p of products.filter((x) => x.IsActive)) {
      const cbId = byInternalId(world).get(p.Id)!.id;
      expect(db.get('Product2', p.Id)).toMatchObject({
        Cleverbridge_Sync_Status__c: 'Synced',
        Cleverbridge_Product_Id__c: String(cbId),
        Cleverbridge_Sync_Error__c: null,
      });
      expect(db.get('Product2', p.Id)!.Cleverbridge_Last_Synced__c).not.toBeNull();
    }
    // The next run reads the write-back's changes once, and sends nothing.
    c.advance(300);
    const settle = await incremental(world);
    expect(settle).toMatchObject({
      started: true,
      kind: 'incremental',
      outcome: 'succeeded',
      plan: { cost: { requests: 0 } },
    });

    c.advance(300);
    const { renamed, repriced, deactivated, deleted, fresh } = editEachKind(db, {
      codes: ['IS-ENT', 'CB-3Y', 'IS-BAS', 'CB-1Y'],
      name: 'Internet Security Enterprise 2026',
      usdPrice: 399,
    });
    // Salesforce's clock is what counts: the edits are stamped after the cursor.
    c.advance(60);

    const before = mutations(world);
    const run = await incremental(world);
    expect(run).toMatchObject({ started: true, kind: 'incremental', outcome: 'succeeded' });
    if (!run.started) return;
    expect(run.apply?.succeeded).toEqual({ create: 1, update: 3, delete: 1 });
    // The new product is first looked for by internalId (an ensure, answered NOT_FOUND), then made.
    expect(mutations(world) - before).toBe(6);
    expect(world.cb.log.stats().failedOperations['mutation:updateProduct']).toBe(1);
    const cb = byInternalId(world);
    expect(cb.get(renamed)!.names).toContainEqual({ language: 'EN', value: 'Internet Security Enterprise 2026' });
    expect(cb.get(repriced)!.price!.tiers).toEqual([{ currency: 'USD', quantity: 1, interval: 0, value: 399 }]);
    expect(cb.get(deactivated)!.status).toBe('DEACTIVATED');
    expect(cb.has(deleted)).toBe(false);
    expect(cb.get(fresh)).toMatchObject({ internalName: 'IG-1' });
    expect(db.get('Product2', fresh)).toMatchObject({
      Cleverbridge_Sync_Status__c: 'Synced',
      Cleverbridge_Product_Id__c: String(cb.get(fresh)!.id),
    });
    // Only the changed products were read, not the catalog.
    expect(run.plan.entries.map((e) => e.key).sort()).toEqual([renamed, repriced, deactivated, deleted, fresh].sort());

    // The write-back moved the products' SystemModstamp, but none of the fields the mapping reads:
    // the next two runs read none of them again (issue 15 item 4: the source hash), although the
    // change queries and the overlap window return them. Neither sends anything nor writes back.
    const cbRequests = world.cb.log.stats().requests;
    const read: string[][] = [];
    for (let i = 0; i < 2; i++) {
      c.advance(300);
      const idle = await incremental(world);
      expect(idle).toMatchObject({
        started: true,
        kind: 'incremental',
        outcome: 'succeeded',
        writeBack: { written: 0 },
      });
      if (!idle.started) return;
      expect(idle.plan.entries.every((e) => e.action === 'noop')).toBe(true);
      read.push(idle.plan.entries.map((e) => e.key).filter((k) => k !== deleted));
    }
    expect(read).toEqual([[], []]);
    expect(world.cb.log.stats().requests).toBe(cbRequests);
  });

  it('still reads a change committed late, stamped inside the overlap window before the cursor', async () => {
    const c = clock();
    world = await startClockedWorld(c);
    await incremental(world);
    c.advance(300);
    const db = world.sf.db;
    const product = (db.records('Product2') as Json[]).find((p) => p.ProductCode === 'CB-3Y')!;
    db.update('Product2', product.Id, { Description: 'Backed up twice a day.' });
    c.advance(60);
    await incremental(world);
    const store = StateStore.open(world.stateDb);
    const cursor = Date.parse(store.cursors.get(CURSOR)!);
    store.close();
    // A price saved in a transaction that began 30 s before the cursor and committed after the
    // run read: Salesforce stamps it with the transaction's start. Its product is one the last
    // run neither read nor wrote back, so only the overlap window can find the change.
    c.advance((cursor - c.now().getTime()) / 1000 - 30);
    const late = (db.records('Product2') as Json[]).find((p) => p.ProductCode === 'IS-BAS')!;
    const entry = (db.records('PricebookEntry') as Json[]).find(
      (e) => e.Product2Id === late.Id && e.CurrencyIsoCode === 'USD',
    )!;
    db.update('PricebookEntry', entry.Id, { UnitPrice: 123 });
    c.advance(400);
    const run = await incremental(world);
    expect(run).toMatchObject({ started: true, kind: 'incremental', apply: { succeeded: { update: 1 } } });
    const cb = byInternalId(world).get(late.Id)!;
    expect(cb.price!.tiers).toContainEqual({ currency: 'USD', quantity: 1, interval: 0, value: 123 });
  });

  it.each([
    ['3 hours behind', -3],
    ['3 hours ahead of', 3],
  ])('loses no change with a local clock %s Salesforce', async (_, hours) => {
    const c = clock();
    const local = () => new Date(c.now().getTime() + hours * 3_600_000);
    world = await startWorld({ sf: { now: c.now }, cb: { seed: 'empty', now: c.now }, now: local });
    await incremental(world);
    for (const [i, name] of ['Cloudbit - 3 Years (A)', 'Cloudbit - 3 Years (B)'].entries()) {
      c.advance(300);
      const product = (world.sf.db.records('Product2') as Json[]).find((p) => p.ProductCode === 'CB-3Y')!;
      world.sf.db.update('Product2', product.Id, { Name: name });
      c.advance(60);
      const run = await incremental(world);
      expect(run, `edit ${i + 1}`).toMatchObject({
        started: true,
        kind: 'incremental',
        apply: { succeeded: { update: 1 } },
      });
      expect(byInternalId(world).get(product.Id)!.names).toContainEqual({ language: 'EN', value: name });
    }
  });

  it('syncs a price edit although Product2 did not change, and a removed translation', async () => {
    const c = clock();
    world = await startClockedWorld(c);
    await incremental(world);
    c.advance(300);
    const db = world.sf.db;
    const enterprise = (db.records('Product2') as Json[]).find((p) => p.ProductCode === 'IS-ENT')!;
    const tier = (db.records('Price_Tier__c') as Json[]).find(
      (t) => t.Product__c === enterprise.Id && t.CurrencyIsoCode === 'EUR' && t.Min_Quantity__c === 10,
    )!;
    db.update('Price_Tier__c', tier.Id, { Unit_Price__c: 55.5 });
    const german = (db.records('Product2DataTranslation') as Json[]).find((t) => t.ParentId === enterprise.Id)!;
    db.delete('Product2DataTranslation', german.Id);
    c.advance(60);
    const run = await incremental(world);
    expect(run).toMatchObject({ started: true, kind: 'incremental', outcome: 'succeeded' });
    const made = byInternalId(world).get(enterprise.Id)!;
    expect(made.price!.tiers).toContainEqual({ currency: 'EUR', quantity: 10, interval: 0, value: 55.5 });
    expect(made.names.map((n) => n.language)).toEqual(['EN']);
  });

  it("writes an invalid record's reason back to Salesforce, and clears it once fixed", async () => {
    const c = clock();
    world = await startClockedWorld(c);
    await incremental(world);
    c.advance(300);
    const db = world.sf.db;
    const book = (db.records('Pricebook2') as Json[]).find((b) => b.IsStandard)!.Id;
    const broken = db.create('Product2', { Name: 'Broken', IsActive: true });
    const entry = db.create('PricebookEntry', {
      Product2Id: broken,
      Pricebook2Id: book,
      CurrencyIsoCode: 'USD',
      UnitPrice: -1,
      IsActive: true,
    });
    c.advance(60);
    const run = await incremental(world);
    expect(run).toMatchObject({ outcome: 'partial' });
    expect(db.get('Product2', broken)).toMatchObject({
      Cleverbridge_Sync_Status__c: 'Error',
      Cleverbridge_Product_Id__c: null,
    });
    expect(String(db.get('Product2', broken)!.Cleverbridge_Sync_Error__c)).toMatch(
      /^PRICE_INVALID: The USD price -1 is not an amount/,
    );

    c.advance(300);
    db.update('PricebookEntry', entry, { UnitPrice: 1 });
    c.advance(60);
    expect(await incremental(world)).toMatchObject({ outcome: 'succeeded' });
    expect(db.get('Product2', broken)).toMatchObject({
      Cleverbridge_Sync_Status__c: 'Synced',
      Cleverbridge_Sync_Error__c: null,
    });
  });

  it('runs a full resync when the cursor is older than Salesforce keeps deleted records', async () => {
    const c = clock();
    world = await startClockedWorld(c);
    await incremental(world);
    c.advance(15 * 24 * 3600);
    const run = await incremental(world);
    expect(run).toMatchObject({ started: true, kind: 'full' });
    if (run.started) expect(run.fullBecause).toMatch(/older than Salesforce keeps deleted records/);
  });

  it('does not move the cursor past a run that could not send everything', async () => {
    const c = clock();
    world = await startClockedWorld(c);
    await incremental(world);
    const store = StateStore.open(world.stateDb);
    const cursor = store.cursors.get(CURSOR);
    store.close();
    c.advance(300);
    const db = world.sf.db;
    for (const p of (db.records('Product2') as Json[]).slice(0, 6))
      db.update('Product2', p.Id, { Description: `edited ${p.Id}` });
    c.advance(60);
    const stop = new AbortController();
    stop.abort();
    const stopped = await world.sync({ kind: 'incremental', signal: stop.signal });
    expect(stopped).toMatchObject({ outcome: 'partial' });
    const after = StateStore.open(world.stateDb);
    expect(after.cursors.get(CURSOR)).toBe(cursor);
    after.close();
    // The next run picks the same changes up.
    const resumed = await incremental(world);
    expect(resumed).toMatchObject({ outcome: 'succeeded' });
    if (resumed.started) expect(resumed.apply!.succeeded.update).toBeGreaterThan(0);
  });

  it('retries a delete whose outcome stayed unknown in the next incremental run', async () => {
    const c = clock();
    world = await startClockedWorld(c);
    await incremental(world);
    c.advance(300);
    const db = world.sf.db;
    const gone = (db.records('Product2') as Json[]).find((p) => p.IsActive)!.Id as string;
    db.delete('Product2', gone);
    // Every attempt of this run's delete gets no usable answer.
    world.cb.mutationFaults.add({ mutation: 'deleteProduct', internalId: gone, times: 8 });
    c.advance(60);
    const first = await world.sync({ kind: 'incremental' }, { sleep: () => Promise.resolve() });
    expect(first).toMatchObject({ outcome: 'partial', apply: { unknown: [expect.objectContaining({ key: gone })] } });
    expect(byInternalId(world).has(gone)).toBe(true);

    // Later runs no longer see the deletion in their window; it is retried all the same.
    c.advance(3600);
    const retried = await incremental(world);
    expect(retried).toMatchObject({ outcome: 'succeeded', plan: { counts: { delete: 1 } } });
    expect(byInternalId(world).has(gone)).toBe(false);
    c.advance(300);
    expect(await incremental(world)).toMatchObject({ outcome: 'succeeded', plan: { cost: { requests: 0 } } });
  });

  it('deletes a lone product deleted in Salesforce: the mass-delete share is of the whole catalog', async () => {
    const c = clock();
    world = await startClockedWorld(c);
    await incremental(world);
    c.advance(300);
    await incremental(world); // reads the write-back once
    c.advance(300);
    const gone = (world.sf.db.records('Product2') as Json[]).find((p) => p.IsActive)!.Id as string;
    world.sf.db.delete('Product2', gone);
    c.advance(60);
    const run = await incremental(world);
    expect(run).toMatchObject({ outcome: 'succeeded', plan: { counts: { delete: 1 }, deletesHeld: null } });
    expect(byInternalId(world).has(gone)).toBe(false);
  });
});
