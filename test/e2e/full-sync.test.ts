import { afterEach, describe, expect, it } from 'vitest';
import type { StoredProduct } from '../../src/sandbox/cleverbridge/model.js';
import { StateStore } from '../../src/state/state-store.js';
import { catalogIds, mutations, startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

/** What Salesforce says of a product, read straight from the org's records. */
function salesforceView(world: World, id: string) {
  const db = world.sf.db;
  const product = db.get('Product2', id) as Json;
  const standardBook = (db.records('Pricebook2') as Json[]).find((b) => b.IsStandard)!.Id;
  const entries = (db.records('PricebookEntry') as Json[]).filter(
    (e) => e.Product2Id === id && e.Pricebook2Id === standardBook && e.IsActive,
  );
  const tiers = (db.records('Price_Tier__c') as Json[]).filter((t) => t.Product__c === id);
  const translations = (db.records('Product2DataTranslation') as Json[]).filter((t) => t.ParentId === id);
  const de = translations.find((t) => t.Language === 'de');
  return {
    names: { EN: product.Name, ...(de?.Name ? { DE: de.Name } : {}) },
    descriptions: {
      ...(product.Description ? { EN: product.Description } : {}),
      ...(de?.Description ? { DE: de.Description } : {}),
    },
    tiers: [
      ...entries.map((e) => `${e.CurrencyIsoCode}/1/${e.UnitPrice}`),
      ...tiers.map((t) => `${t.CurrencyIsoCode}/${t.Min_Quantity__c}/${t.Unit_Price__c}`),
    ].sort(),
  };
}

/** What cleverbridge holds for a product, read straight from the emulator's store. */
function cleverbridgeView(p: StoredProduct) {
  const map = (values: Array<{ language: string; value: string }> | undefined) =>
    Object.fromEntries(
      (values ?? []).filter((v) => v.language === 'EN' || v.language === 'DE').map((v) => [v.language, v.value]),
    );
  return {
    names: map(p.names),
    descriptions: map(p.contentSettings?.description),
    tiers: p
      .price!.tiers.filter((t) => t.interval === 0)
      .map((t) => `${t.currency}/${t.quantity}/${t.value}`)
      .sort(),
  };
}

const byInternalId = (world: World) =>
  new Map([...world.cb.store.all()].filter((p) => p.internalId).map((p) => [p.internalId!, p]));

describe('full sync, end to end against both sandboxes', () => {
  let world: World;
  afterEach(() => world.close());

  it('first sync creates every active product exactly as in Salesforce; the second changes nothing', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const first = await world.sync();
    expect(first).toMatchObject({ started: true, outcome: 'succeeded' });
    const active = (world.sf.db.records('Product2') as Json[]).filter((p) => p.IsActive);
    const cb = byInternalId(world);
    expect(cb.size).toBe(active.length);
    for (const p of active) {
      const made = cb.get(p.Id);
      expect(made, p.Name).toBeDefined();
      expect(cleverbridgeView(made!)).toEqual(salesforceView(world, p.Id));
      expect(made!.status).toBe('FULLY_AVAILABLE');
    }
    const before = mutations(world);
    const requestsBefore = world.cb.log.stats().requests;
    const second = await world.sync();
    expect(second).toMatchObject({ started: true, outcome: 'succeeded', plan: { cost: { requests: 0 } } });
    expect(mutations(world)).toBe(before);
    // The second run's only cleverbridge request is the products read.
    expect(world.cb.log.stats().requests - requestsBefore).toBe(1);
  });

  it('adopts a catalog already in sync (synthetic:N on both sides) without a mutation', async () => {
    world = await startWorld({ sf: { seed: 'synthetic:300' }, cb: { seed: 'synthetic:300' } });
    const run = await world.sync();
    expect(run).toMatchObject({ started: true, outcome: 'succeeded', plan: { cost: { requests: 0 } } });
    if (run.started) expect(run.plan.counts).toMatchObject({ adopt: 300, create: 0, update: 0 });
    expect(mutations(world)).toBe(0);
  });

  it('sends mutations while Salesforce is still being read', async () => {
    world = await startWorld({ sf: { seed: 'synthetic:3000', faults: { latencyMs: 20 } }, cb: { seed: 'empty' } });
    const run = await world.sync();
    expect(run).toMatchObject({ started: true, outcome: 'succeeded' });
    const firstMutation = Math.min(
      ...world.cb.log
        .entries()
        .filter((e) => e.operations.some((o) => o.kind.startsWith('mutation:')))
        .map((e) => e.at),
    );
    const lastQuery = Math.max(
      ...world.sf.log
        .entries()
        .filter((e) => e.path.includes('/query'))
        .map((e) => e.at),
    );
    expect(firstMutation).toBeLessThan(lastQuery);
  });

  it('a Salesforce read failing after mutations went out fails the run, deletes nothing, and the next run finishes without duplicates', async () => {
    world = await startWorld({
      sf: { seed: 'synthetic:2000', faults: { latencyMs: 40 } },
      cb: { seed: 'empty' },
      settings: (s) => void (s.cleverbridge.batchSize = 20),
    });
    let broken = false;
    const failed = world.sync({
      onProgress: (settled) => {
        if (settled > 0 && !broken) {
          broken = true;
          // The org's daily API limit runs out in the middle of the read.
          world.sf.usage.limit = 1;
        }
      },
    });
    await expect(failed).rejects.toThrow(/REQUEST_LIMIT_EXCEEDED/);
    const sent = world.cb.store.size;
    expect(sent).toBeGreaterThan(0);
    expect(world.cb.log.stats().operations['mutation:deleteProduct'] ?? 0).toBe(0);

    world.sf.usage.limit = 1_000_000;
    const again = await world.sync();
    expect(again).toMatchObject({ started: true, outcome: 'succeeded' });
    const ids = catalogIds(world);
    expect(ids.inCleverbridge).toEqual(ids.active);
  });

  it('sends exactly the expected mutation for each Salesforce edit, and leaves unmanaged products untouched', async () => {
    world = await startWorld({ cb: { seed: 'shieldware' } });
    const unmanaged = [...world.cb.store.all()].filter((p) => p.internalId === null).map((p) => structuredClone(p));
    await world.sync();
    const db = world.sf.db;
    const products = db.records('Product2') as Json[];
    const [enterprise, extended, cloudbit3, basic, cloudbit1] = [
      'IS-ENT',
      'IS-BASX-1D',
      'CB-3Y',
      'IS-BAS',
      'CB-1Y',
    ].map((code) => products.find((p) => p.ProductCode === code)!) as [Json, Json, Json, Json, Json];
    const entry = (db.records('PricebookEntry') as Json[]).find(
      (e) => e.Product2Id === cloudbit3.Id && e.CurrencyIsoCode === 'USD',
    )!;
    db.update('PricebookEntry', entry.Id, { UnitPrice: 375 });
    db.create('Price_Tier__c', {
      Product__c: extended.Id,
      CurrencyIsoCode: 'USD',
      Min_Quantity__c: 10,
      Unit_Price__c: 14.5,
    });
    const german = (db.records('Product2DataTranslation') as Json[]).find(
      (t) => t.ParentId === enterprise.Id && t.Language === 'de',
    )!;
    db.update('Product2DataTranslation', german.Id, { Name: 'Internet Security Unternehmen' });
    db.update('Product2', basic.Id, { IsActive: false });
    db.delete('Product2', cloudbit1.Id);

    const cbIds = Object.fromEntries(
      [enterprise, extended, cloudbit3, basic, cloudbit1].map((p) => [p.Id, byInternalId(world).get(p.Id)!.id]),
    );
    const report = await world.sync();
    expect(report).toMatchObject({ started: true, outcome: 'succeeded' });
    if (!report.started) return;
    const changed = report.plan.entries.filter((e) => e.action !== 'noop');
    expect(changed.map((e) => [e.key, e.action, 'changes' in e ? e.changes.map((c) => c.field) : []])).toEqual(
      expect.arrayContaining([
        [cloudbit3.Id, 'update', ['price']],
        [extended.Id, 'update', ['price']],
        [enterprise.Id, 'update', ['names']],
        [basic.Id, 'deactivate', ['status']],
        [cloudbit1.Id, 'delete', []],
      ]),
    );
    expect(changed).toHaveLength(5);
    expect(report.apply?.succeeded).toEqual({ create: 0, update: 4, delete: 1 });

    // The journal holds what was sent: each update names only its changed field.
    const store = StateStore.open(world.stateDb);
    const sent = store.db
      .prepare(`SELECT key, mutation, payload FROM journal WHERE run_id = ? ORDER BY id`)
      .all(report.runId) as Json[];
    store.close();
    const payloadOf = (key: string) => JSON.parse(sent.find((s) => s.key === key)!.payload);
    expect(Object.keys(payloadOf(cloudbit3.Id)).sort()).toEqual(['id', 'price']);
    expect(Object.keys(payloadOf(enterprise.Id)).sort()).toEqual(['id', 'names']);
    expect(payloadOf(basic.Id)).toEqual({ id: cbIds[basic.Id], status: 'DEACTIVATED' });
    expect(sent.find((s) => s.key === cloudbit1.Id)).toMatchObject({ mutation: 'delete' });

    const cb = world.cb.store;
    expect(cb.get(cbIds[cloudbit3.Id]!)!.price!.tiers).toEqual([
      { currency: 'USD', quantity: 1, interval: 0, value: 375 },
    ]);
    expect(cb.get(cbIds[extended.Id]!)!.price!.tiers).toContainEqual({
      currency: 'USD',
      quantity: 10,
      interval: 0,
      value: 14.5,
    });
    expect(cb.get(cbIds[enterprise.Id]!)!.names).toContainEqual({
      language: 'DE',
      value: 'Internet Security Unternehmen',
    });
    expect(cb.get(cbIds[basic.Id]!)!.status).toBe('DEACTIVATED');
    expect(cb.get(cbIds[cloudbit1.Id]!)).toBeUndefined();
    // cleverbridge's own renewal prices (interval 1) of a managed product are kept.
    const gold = byInternalId(world).get((products.find((p) => p.ProductCode === 'SUP-GOLD') as Json).Id)!;
    expect(gold.price!.tiers.filter((t) => t.interval === 1)).toHaveLength(4);

    for (const before of unmanaged) expect(cb.get(before.id)).toEqual(before);
  });

  it('reads every volume tier of a product, also past the 200 child rows Salesforce answers inline', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const product = (world.sf.db.records('Product2') as Json[]).find((p) => p.ProductCode === 'CB-1Y')!;
    for (let q = 2; q < 262; q++) {
      world.sf.db.create('Price_Tier__c', {
        Product__c: product.Id,
        CurrencyIsoCode: 'USD',
        Min_Quantity__c: q,
        Unit_Price__c: 100,
      });
    }
    await world.sync();
    const made = byInternalId(world).get(product.Id)!;
    expect(made.price!.tiers).toHaveLength(261);
  });

  it('reports a product edited in cleverbridge and restores it', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    await world.sync();
    const [target] = [...world.cb.store.all()];
    world.cb.store.put({ ...target!, names: [{ language: 'EN', value: 'Edited behind our back' }] });
    const report = await world.sync();
    if (!report.started) throw new Error('not started');
    expect(report.plan.entries.find((e) => e.key === target!.internalId)).toMatchObject({
      action: 'drift',
      policy: 'overwrite',
    });
    const sorted = (names: StoredProduct['names']) => [...names].sort((a, b) => a.language.localeCompare(b.language));
    expect(sorted(world.cb.store.get(target!.id)!.names)).toEqual(sorted(target!.names));
  });

  it('holds a mass delete and says so; --allow-mass-delete applies it', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    await world.sync();
    const live = (world.sf.db.records('Product2') as Json[]).filter((p) => p.IsActive);
    for (const p of live.slice(0, 8)) world.sf.db.delete('Product2', p.Id);
    const held = await world.sync();
    expect(held).toMatchObject({ started: true, outcome: 'partial' });
    if (!held.started) return;
    expect(held.plan.deletesHeld).toMatch(/8 of 10 managed products would be deleted/);
    expect(world.cb.store.size).toBe(10);
    const allowed = await world.sync({ allowMassDelete: true });
    expect(allowed).toMatchObject({ started: true, outcome: 'succeeded' });
    expect(world.cb.store.size).toBe(2);
  });

  it('reports invalid Salesforce records with their reasons and syncs every valid one', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const db = world.sf.db;
    const book = (db.records('Pricebook2') as Json[]).find((b) => b.IsStandard)!.Id;
    const negative = db.create('Product2', { Name: 'Negative price', IsActive: true });
    db.create('PricebookEntry', {
      Product2Id: negative,
      Pricebook2Id: book,
      CurrencyIsoCode: 'USD',
      UnitPrice: -5,
      IsActive: true,
    });
    const euroOnly = db.create('Product2', { Name: 'Euro only', IsActive: true });
    db.create('PricebookEntry', {
      Product2Id: euroOnly,
      Pricebook2Id: book,
      CurrencyIsoCode: 'EUR',
      UnitPrice: 5,
      IsActive: true,
    });
    const report = await world.sync();
    expect(report).toMatchObject({ started: true, outcome: 'partial' });
    if (!report.started) return;
    const store = StateStore.open(world.stateDb);
    const errors = store.runs.errors(report.runId);
    store.close();
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: negative, label: 'Negative price', code: 'PRICE_INVALID' }),
        expect.objectContaining({ key: euroOnly, label: 'Euro only', code: 'BASE_PRICE_MISSING' }),
      ]),
    );
    expect(world.cb.store.size).toBe(10);
    expect(byInternalId(world).has(negative)).toBe(false);
  });
});
