import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.js';
import type { SavedPlan } from '../../src/sync/saved-plan.js';
import { runCli } from '../helpers/daemon-process.js';
import { createPricedProduct, editEachKind } from '../helpers/edits.js';
import { startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

const byInternalId = (world: World) =>
  new Map([...world.cb.store.all()].filter((p) => p.internalId).map((p) => [p.internalId!, structuredClone(p)]));
const mutations = (world: World) =>
  Object.entries(world.cb.log.stats().operations)
    .filter(([op]) => op.startsWith('mutation'))
    .reduce((n, [, count]) => n + count, 0);
const idOf = (world: World, code: string) =>
  (world.sf.db.records('Product2') as Json[]).find((p) => p.ProductCode === code)!.Id as string;

const runs = (world: World) => {
  const store = StateStore.open(world.stateDb);
  try {
    return store.runs.recent(20).map((r) => ({ id: r.id, kind: r.kind, outcome: r.outcome }));
  } finally {
    store.close();
  }
};

/** `catalog-sync plan --out`, answered with the saved plan. */
async function planTo(world: World, file: string, ...flags: string[]): Promise<SavedPlan> {
  const plan = runCli(world, ['plan', '--out', file, ...flags]);
  const code = await plan.exit;
  expect([0, 2], plan.output()).toContain(code);
  expect(plan.output()).toContain(`catalog-sync apply ${file}`);
  return JSON.parse(readFileSync(file, 'utf8')) as SavedPlan;
}

/** `catalog-sync apply`, expected to refuse: what it said. Nothing is sent and no run is left. */
async function refusedApply(world: World, file: string): Promise<string> {
  const [sent, history] = [mutations(world), runs(world)];
  const apply = runCli(world, ['apply', file]);
  expect(await apply.exit, apply.output()).toBe(5);
  expect(mutations(world)).toBe(sent);
  expect(runs(world)).toEqual(history);
  return apply.output();
}

describe('catalog-sync plan --out and apply', () => {
  let world: World;
  const dir = mkdtempSync(join(tmpdir(), 'plan-apply-'));
  afterEach(() => world.close());

  it('applies exactly the plan it was given, and nothing a later plan would add', async () => {
    world = await startWorld();
    expect((await world.sync()).started).toBe(true);
    const ids = editEachKind(world.sf.db, {
      codes: ['IS-ENT', 'CB-3Y', 'IS-BAS', 'CB-1Y'],
      name: 'Internet Security Enterprise, reviewed',
      usdPrice: 123.45,
    });
    const [before, sent] = [byInternalId(world), mutations(world)];
    const file = join(dir, 'fresh.json');
    const saved = await planTo(world, file);
    expect(mutations(world)).toBe(sent); // planning sends nothing
    const planned = new Set(saved.plan.entries.filter((e) => e.action !== 'noop').map((e) => e.key));
    expect(planned).toEqual(new Set(Object.values(ids)));

    const apply = runCli(world, ['apply', file, '--json']);
    expect(await apply.exit, apply.output()).toBe(0);
    expect(JSON.parse(apply.output())).toMatchObject({ kind: 'apply', outcome: 'succeeded' });
    const after = byInternalId(world);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
      (key) => JSON.stringify(before.get(key)) !== JSON.stringify(after.get(key)),
    );
    expect(new Set(changed)).toEqual(planned);
    expect(after.get(ids.renamed)!.names).toContainEqual({
      language: 'EN',
      value: 'Internet Security Enterprise, reviewed',
    });
    expect(after.has(ids.deleted)).toBe(false);
    expect(after.has(ids.fresh)).toBe(true);
    // The write-back told Salesforce, and the next plan finds nothing left to do.
    const fresh = (world.sf.db.records('Product2') as Json[]).find((p) => p.Id === ids.fresh)!;
    expect(fresh.Cleverbridge_Product_Id__c).toBe(String(after.get(ids.fresh)!.id));
    const next = runCli(world, ['plan']);
    expect(await next.exit, next.output()).toBe(0);
    expect(runs(world)[0]).toMatchObject({ kind: 'apply', outcome: 'succeeded' });
  });

  it('loads an empty catalog from a reviewed plan before any sync, then syncs incrementally from there', async () => {
    world = await startWorld();
    const file = join(dir, 'first.json');
    const plan = runCli(world, ['plan', '--out', file, '--json']);
    expect(await plan.exit, plan.output()).toBe(2);
    expect(existsSync(world.stateDb)).toBe(false); // planning created no state file
    const apply = runCli(world, ['apply', file]);
    expect(await apply.exit, apply.output()).toBe(0);
    expect(world.cb.store.size).toBe(10);
    // No read moved a cursor yet: the next sync reads everything, and finds it in step.
    const next = runCli(world, ['sync', '--json']);
    expect(await next.exit, next.output()).toBe(0);
    expect(JSON.parse(next.output())).toMatchObject({ kind: 'full', apply: { succeeded: { create: 0, update: 0 } } });
  });

  it('refuses, sending nothing, after a Salesforce edit, a cleverbridge edit or another sync', async () => {
    world = await startWorld();
    await world.sync();
    world.sf.db.update('Product2', idOf(world, 'IS-ENT'), { Name: 'Renamed before the plan' });

    const salesforce = join(dir, 'salesforce.json');
    await planTo(world, salesforce);
    world.sf.db.update('Product2', idOf(world, 'CB-3Y'), { Name: 'Renamed after the plan' });
    expect(await refusedApply(world, salesforce)).toMatch(/stale; nothing was sent.*\n.*Salesforce Product2 changed/);

    const cleverbridge = join(dir, 'cleverbridge.json');
    const saved = await planTo(world, cleverbridge);
    const touched = Number(Object.keys(saved.basis.cleverbridge)[0]);
    const product = world.cb.store.get(touched)!;
    world.cb.store.put({ ...product, names: [{ language: 'EN', value: 'Edited in cleverbridge' }] });
    expect(await refusedApply(world, cleverbridge)).toContain(
      `cleverbridge changed 1 product(s) the plan touches (${touched})`,
    );

    const synced = join(dir, 'synced.json');
    await planTo(world, synced);
    await world.sync();
    expect(await refusedApply(world, synced)).toContain('the snapshot changed: another run has synced');
  });

  it('updates, never duplicates, a product cleverbridge gained under a planned create since the plan', async () => {
    // cleverbridge's guide does not say internalIds are unique: a create would make a second one.
    world = await startWorld({ cb: { uniqueInternalIds: false } });
    await world.sync();
    const key = createPricedProduct(world.sf.db);
    const file = join(dir, 'create.json');
    const saved = await planTo(world, file);
    const changes = saved.plan.entries.filter((e) => e.action !== 'noop');
    expect(changes.map((e) => [e.key, e.action])).toEqual([[key, 'create']]);
    // Loaded into cleverbridge meanwhile by someone else, under the Product2 id.
    const id = world.cb.store.allocateProductId();
    world.cb.store.put({ ...structuredClone([...world.cb.store.all()][0]!), id, internalId: key });
    const apply = runCli(world, ['apply', file]);
    expect(await apply.exit, apply.output()).toBe(0);
    const copies = [...world.cb.store.all()].filter((p) => p.internalId === key);
    expect(copies.map((p) => [p.id, p.names])).toEqual([
      [id, [{ language: 'EN', value: 'Shieldware Identity Guard' }]],
    ]);
  });

  it('releases held deletes only from a plan made with --allow-mass-delete', async () => {
    world = await startWorld();
    await world.sync();
    const gone = ['CB-1Y', 'CB-2Y', 'CB-3Y'].map((code) => idOf(world, code));
    for (const id of gone) world.sf.db.delete('Product2', id);
    // And a record that cannot sync: it fails alone, its reason recorded by the apply run too.
    const broken = idOf(world, 'IS-ENT');
    const entry = (world.sf.db.records('PricebookEntry') as Json[]).find((e) => e.Product2Id === broken)!;
    world.sf.db.update('PricebookEntry', entry.Id, { UnitPrice: -5 });

    const held = join(dir, 'held.json');
    const plan = runCli(world, ['plan', '--out', held]);
    expect(await plan.exit, plan.output()).toBe(0); // held deletes send nothing
    expect(plan.output()).toContain('Its held deletes stay held: make the plan with --allow-mass-delete');
    const apply = runCli(world, ['apply', held]);
    expect(await apply.exit, apply.output()).toBe(3); // partial: deletes held, a record invalid
    expect(gone.every((id) => byInternalId(world).has(id))).toBe(true);
    const store = StateStore.open(world.stateDb);
    const [run] = store.runs.recent(1);
    expect(run).toMatchObject({ kind: 'apply', outcome: 'partial' });
    expect(new Set(store.runs.errors(run!.id).map((e) => e.key))).toEqual(new Set([broken]));
    store.close();
    const status = (world.sf.db.records('Product2') as Json[]).find((p) => p.Id === broken)!;
    expect(status.Cleverbridge_Sync_Status__c).toBe('Error');

    const allowed = join(dir, 'allowed.json');
    await planTo(world, allowed, '--allow-mass-delete');
    const release = runCli(world, ['apply', allowed]);
    expect(await release.exit, release.output()).toBe(3); // the invalid record still is
    expect(release.output()).toContain('3 deleted');
    expect(gone.some((id) => byInternalId(world).has(id))).toBe(false);
  });

  it('refuses a plan file that was edited, or made with another mapping', async () => {
    world = await startWorld();
    await world.sync();
    world.sf.db.update('Product2', idOf(world, 'IS-ENT'), { Name: 'Renamed for review' });
    const file = join(dir, 'edited.json');
    const saved = await planTo(world, file);
    const edited = JSON.parse(readFileSync(file, 'utf8')) as Json;
    edited.plan.entries[0].product.names.EN = 'Not what was reviewed';
    writeFileSync(join(dir, 'edited-copy.json'), JSON.stringify(edited));
    expect(await refusedApply(world, join(dir, 'edited-copy.json'))).toContain('PLAN_FILE_EDITED');

    expect(saved.basis.config).toMatch(/^[0-9a-f]{64}$/);
    const mapping = JSON.parse(readFileSync(world.env.MAPPING_FILE!, 'utf8')) as Json;
    mapping.scope = { ...mapping.scope, leavePolicy: 'keep' };
    writeFileSync(world.env.MAPPING_FILE!, JSON.stringify(mapping));
    expect(await refusedApply(world, file)).toContain('the configuration changed');
  });
});
