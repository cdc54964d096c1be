import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.js';
import { applyPlan } from '../../src/sync/apply-plan.js';
import { planForReview } from '../../src/sync/plan-for-review.js';
import { startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

// What an apply run records for a person besides its mutations: the record errors and the drift
// its plan found, as a run does, so the status page and `catalog-sync status` show them.
describe('an apply run', () => {
  let world: World;
  afterEach(() => world.close());

  it('records its plan’s invalid records (with their product code) and the drift it only reports', async () => {
    world = await startWorld({ settings: (s) => void (s.sync.driftPolicy = 'report') });
    await world.sync();
    const products = world.sf.db.records('Product2') as Json[];
    const broken = products.find((p) => p.ProductCode === 'IS-ENT')!;
    const entry = (world.sf.db.records('PricebookEntry') as Json[]).find((e) => e.Product2Id === broken.Id)!;
    world.sf.db.update('PricebookEntry', entry.Id, { UnitPrice: -5 });
    const drifted = [...world.cb.store.all()].find((p) => p.internalId && p.internalId !== broken.Id)!;
    world.cb.store.put({ ...drifted, names: [{ language: 'EN', value: 'Edited in cleverbridge' }] });

    const store = StateStore.open(world.stateDb);
    try {
      const deps = await world.deps(store);
      const { saved } = await planForReview(deps, false);
      const report = await applyPlan(deps, saved);
      expect(report).toMatchObject({ started: true, kind: 'apply', outcome: 'partial' });
      const runId = (report as { runId: number }).runId;
      const errors = store.runs.recentErrors(1, 10);
      expect(errors.map((e) => [e.runId, e.key, e.productCode])).toContainEqual([runId, broken.Id, 'IS-ENT']);
      expect(store.drift.standing()).toEqual([
        expect.objectContaining({ runId, key: drifted.internalId, cbId: drifted.id, fields: ['names'] }),
      ]);
    } finally {
      store.close();
    }
  });

  it('settles what its plan changes without a mutation, and what the plan’s read had settled', async () => {
    world = await startWorld();
    await world.sync();
    const store = StateStore.open(world.stateDb);
    try {
      // A row lost from the snapshot: the plan adopts the product cleverbridge has, unchanged.
      const key = (world.sf.db.records('Product2') as Json[]).find((p) => p.ProductCode === 'IS-ENT')!.Id as string;
      const cbId = store.snapshot.ref(key)!.cbId;
      store.snapshot.remove(key);
      expect(store.sourceHashes.get(key)).toBeDefined();
      // A mutation an interrupted run left pending: the plan's complete read saw what came of it.
      const [earlier] = store.runs.recent(1);
      store.journal.add(earlier!.id, key, 'update', cbId, {}, new Date().toISOString());
      const deps = await world.deps(store);
      const { saved } = await planForReview(deps, false);
      expect(saved.plan.entries.filter((e) => e.action !== 'noop').map((e) => [e.key, e.action])).toEqual([
        [key, 'adopt'],
      ]);
      expect(await applyPlan(deps, saved)).toMatchObject({ started: true, outcome: 'succeeded' });
      expect(store.snapshot.ref(key)?.cbId).toBe(cbId);
      expect(store.journal.pending()).toEqual([]);
      // The record it was planned from was not kept: its next change is read in full.
      expect(store.sourceHashes.get(key)).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('tells Salesforce that a product it took out of scope is out of scope', async () => {
    world = await startWorld({
      mapping: (m) => (m.scope = { where: 'Sell_Online__c = true', leavePolicy: 'deactivate' }),
    });
    await world.sync();
    const vpn = (world.sf.db.records('Product2') as Json[]).find((p) => p.ProductCode === 'VPN-UNL')!.Id as string;
    world.sf.db.update('Product2', vpn, { Sell_Online__c: false });
    const store = StateStore.open(world.stateDb);
    try {
      const deps = await world.deps(store);
      const { saved } = await planForReview(deps, false);
      expect(await applyPlan(deps, saved)).toMatchObject({ started: true, outcome: 'succeeded' });
      expect(world.sf.db.get('Product2', vpn)).toMatchObject({ Cleverbridge_Sync_Status__c: 'Out of scope' });
    } finally {
      store.close();
    }
  });
});
