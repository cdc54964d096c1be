import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/daemon-process.js';
import { startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

describe('the plan is what the run does', () => {
  let world: World;
  afterEach(() => world.close());

  it('defect 7: for the same inputs, `plan --json` and a real run make the same entries, in the same order', async () => {
    // A catalog read in two pages, with a record that cannot sync on the second.
    world = await startWorld({ sf: { seed: 'synthetic:2500' }, cb: { seed: 'empty' } });
    const db = world.sf.db;
    const products = (db.records('Product2') as Json[]).filter((p) => p.IsActive);
    const broken = products[2200]!.Id;
    const entry = (db.records('PricebookEntry') as Json[]).find(
      (e) => e.Product2Id === broken && e.CurrencyIsoCode === 'USD',
    )!;
    db.update('PricebookEntry', entry.Id, { UnitPrice: -5 });

    const plan = runCli(world, ['plan', '--json']);
    expect(await plan.exit, plan.output()).toBe(2);
    const planned = JSON.parse(plan.output()) as { entries: Json[]; counts: Json };
    const run = await world.sync({ kind: 'full' });
    expect(run.started).toBe(true);
    if (!run.started) return;
    expect(planned.counts.invalid).toBe(1);
    expect(planned.entries.map((e) => `${e.action} ${e.key}`)).toEqual(
      run.plan.entries.map((e) => `${e.action} ${e.key}`),
    );
    expect(planned.entries).toEqual(JSON.parse(JSON.stringify(run.plan.entries)));
    expect(planned.counts).toEqual(run.plan.counts);
  });
});
