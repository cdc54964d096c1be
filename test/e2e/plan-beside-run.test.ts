import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.js';
import { planSync, runSync } from '../../src/sync/dispatch.js';
import { CURSOR } from '../../src/sync/run-lifecycle.js';
import { clock, startClockedWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

describe('a dry run beside a real run', () => {
  let world: World;
  afterEach(() => world.close());

  it('defect 3: an incremental run with a plan running beside it on the same reader commits the cursor of its own read', async () => {
    const c = clock();
    world = await startClockedWorld(c);
    await world.sync({ kind: 'incremental' });
    c.advance(300);
    await world.sync({ kind: 'incremental' }); // reads the write-back once
    c.advance(300);
    const db = world.sf.db;
    const code = (productCode: string) =>
      (db.records('Product2') as Json[]).find((p) => p.ProductCode === productCode)!;
    db.update('Product2', code('CB-3Y').Id, { Description: 'Edit A, the run reads it.' });
    const stampA = c.now().toISOString();
    c.advance(60);

    // One reader, one client, as the daemon shares them between its runs and GET /plan.
    const store = StateStore.open(world.stateDb);
    const deps = await world.deps(store);
    world.cb.faults.configure({ latencyMs: 1500 });
    const run = runSync(deps, { kind: 'incremental', trigger: 'schedule', allowMassDelete: false });

    // While the run's mutation is in flight, two more edits, and a plan that reads them.
    const watcher = StateStore.open(world.stateDb);
    while (watcher.journal.pending().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    watcher.close();
    c.advance(100);
    const late = code('IS-BAS');
    const entry = (db.records('PricebookEntry') as Json[]).find(
      (e) => e.Product2Id === late.Id && e.CurrencyIsoCode === 'USD',
    )!;
    db.update('PricebookEntry', entry.Id, { UnitPrice: 321 });
    c.advance(300);
    db.update('Product2', code('CB-1Y').Id, { Description: 'Edit C, newer still.' });
    const plan = planSync(deps, { kind: 'full', allowMassDelete: false });
    const [report] = await Promise.all([run, plan]);
    expect(report).toMatchObject({ started: true, kind: 'incremental', outcome: 'succeeded' });
    expect(store.cursors.get(CURSOR)).toBe(stampA);
    store.close();

    // So the next run still reads edit B, made after the run's read and before edit C.
    world.cb.faults.reset();
    c.advance(60);
    expect(await world.sync({ kind: 'incremental' })).toMatchObject({ outcome: 'succeeded' });
    const cb = [...world.cb.store.all()].find((p) => p.internalId === late.Id)!;
    expect(cb.price!.tiers).toContainEqual({ currency: 'USD', quantity: 1, interval: 0, value: 321 });
  });
});
