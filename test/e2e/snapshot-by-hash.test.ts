import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StateStore } from '../../src/state/state-store.js';
import { runSync } from '../../src/sync/dispatch.js';
import { productHasher } from '../../src/sync/product-hasher.js';
import { ReadCollector } from '../../src/sync/read-collector.js';
import { fullRead } from '../../src/sync/read-stage.js';
import type { SalesforceRead } from '../../src/sync/ports.js';
import { clock, startWorld, type World } from '../helpers/world.js';

const PRODUCTS = 40;

/**
 * Issue 15 item 2: a full run keeps of each cleverbridge product in step with its snapshot row
 * only its ids (the row holds the product), and plans a product in step on all three sides from
 * hashes alone, without loading its snapshot row. A row an older release wrote (the hash of the
 * whole product) is refreshed once, then found in step by hash like the others.
 */
describe('a full run compares by hash', () => {
  const c = clock();
  let world: World;
  let store: StateStore;

  beforeAll(async () => {
    const seed = `synthetic:${PRODUCTS}`;
    world = await startWorld({ sf: { seed, now: c.now }, cb: { seed, now: c.now }, now: c.now });
    expect(await world.sync()).toMatchObject({ started: true, outcome: 'succeeded' });
    store = StateStore.open(world.stateDb);
  }, 60_000);
  afterAll(async () => {
    store.close();
    await world.close();
  });

  const full = async () => runSync(await world.deps(store), { kind: 'full', trigger: 'cli', allowMassDelete: false });

  it('writes the hash of the managed fields into each snapshot row, adopted or updated', async () => {
    const hashOf = productHasher(world.mapping);
    const rows = store.snapshot.all();
    expect(rows.length).toBeGreaterThan(PRODUCTS / 2);
    for (const row of rows) expect(row.hash).toBe(hashOf(row.product));
    const renamed = rows[3]!;
    world.sf.db.update('Product2', renamed.key, { Name: 'Renamed in Salesforce' });
    const run = await full();
    expect(run).toMatchObject({ outcome: 'succeeded', apply: { succeeded: { update: 1 } } });
    const row = store.snapshot.get(renamed.key)!;
    expect(row.product.names.EN).toBe('Renamed in Salesforce');
    expect(row.hash).toBe(hashOf(row.product));
  });

  /** The cleverbridge products a full read keeps whole: those that differ from their snapshot row. */
  const keptWhole = async () => {
    const deps = await world.deps(store);
    const session = deps.cleverbridge.session();
    const stage = fullRead({ ...deps, store, session, hashOf: productHasher(world.mapping) });
    const found = await stage.counterpart(Promise.resolve({} as SalesforceRead), new ReadCollector(world.mapping));
    const refs = found.actual.filter((a) => 'sameAs' in a);
    return { whole: found.actual.filter((a) => !('sameAs' in a)).map((a) => a.cbId), refs: refs.length };
  };
  let inStepByHash = new Set<number>();

  it('keeps a cleverbridge product in step by reference only, and one edited there whole', async () => {
    const before = await keptWhole();
    // Products whose price Salesforce cannot speak for (no price entry) compare without it, so
    // their hash differs from the row's: kept whole, and compared field by field.
    expect(before.refs).toBeGreaterThan(PRODUCTS / 2);
    const edited = [...world.cb.store.all()].find((p) => p.internalId !== null && !before.whole.includes(p.id))!;
    world.cb.store.put({ ...edited, names: [{ language: 'EN', value: 'Edited in cleverbridge' }] });
    const after = await keptWhole();
    expect(after.whole.sort()).toEqual([...before.whole, edited.id].sort());
    world.cb.store.put(edited);
    inStepByHash = new Set([...world.cb.store.all()].map((p) => p.id).filter((id) => !before.whole.includes(id)));
  });

  /** The snapshot rows a run loads, by the cleverbridge product they hold. */
  const loadedDuring = async (work: () => Promise<unknown>) => {
    const loads = vi.spyOn(store.snapshot, 'get');
    await work();
    const keys = loads.mock.calls.map(([key]) => key);
    loads.mockRestore();
    return keys.map((key) => store.snapshot.ref(key)?.cbId);
  };

  it('plans the products in step without loading their snapshot rows', async () => {
    const loaded = await loadedDuring(async () => expect(await full()).toMatchObject({ outcome: 'succeeded' }));
    expect(inStepByHash.size).toBeGreaterThan(PRODUCTS / 2);
    for (const cbId of loaded) expect(inStepByHash.has(cbId!)).toBe(false);
  });

  it('keeps the source hash of each product found in step, for the next incremental run', async () => {
    store.db.prepare('DELETE FROM source_hashes').run();
    expect(await full()).toMatchObject({ outcome: 'succeeded', plan: { counts: { update: 0, create: 0 } } });
    const hashes = store.db.prepare('SELECT count(*) AS n FROM source_hashes').get() as { n: number };
    expect(hashes.n).toBe(store.snapshot.count());
  });

  it('refreshes rows an older release wrote, once, and then finds them in step by hash', async () => {
    store.db.prepare(`UPDATE products SET hash = 'sha256-of-the-whole-product'`).run();
    const first = await full();
    if (!first.started) throw new Error('the run lock was held');
    const refreshed = first.plan.entries.filter((e) => e.action === 'noop' && e.refresh);
    expect(refreshed.length).toBe(store.snapshot.count());
    const loaded = await loadedDuring(async () => {
      const second = await full();
      if (!second.started) throw new Error('the run lock was held');
      expect(second.plan.entries.filter((e) => e.action === 'noop' && e.refresh)).toEqual([]);
    });
    for (const cbId of loaded) expect(inStepByHash.has(cbId!)).toBe(false);
  });
});
