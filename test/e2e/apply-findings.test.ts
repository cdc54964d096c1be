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
});
