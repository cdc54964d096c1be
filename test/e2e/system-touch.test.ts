import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncReport } from '../../src/sync/types.js';
import { clock, mutations, startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;
type Ran = Extract<SyncReport, { started: true }>;

const PRODUCTS = 3000;
/** Rows a Salesforce query page holds (the default batch size). */
const PAGE = 2000;
/** The incremental run's change queries: products, prices, translations, tiers, deleted products. */
const CHANGE_QUERIES = 5;

const ran = (report: SyncReport): Ran => {
  if (!report.started) throw new Error('the run lock was held');
  return report;
};
const updatesWrittenBack = (world: World) => world.sf.log.stats().operations['composite:update'] ?? 0;
const stamps = (world: World, object: string) =>
  (world.sf.db.records(object) as Json[]).map((r) => [r.Id, r.SystemModstamp, r.LastModifiedDate]);

/**
 * Salesforce moving SystemModstamp on its own (a picklist value renamed, a roll-up summary
 * recalculated) touches a whole object at once. The next incremental run must read the touched
 * products within the cost of a full read (touched Product2 records whose mapped fields did not
 * change are not read again at all: their source hash matches), send nothing (the data did not
 * change), write nothing back (a write would move SystemModstamp again and feed the run after),
 * and the run after it reads no product again. Counts, not timings: the figures come from
 * bench/system-touch.ts.
 */
describe('a burst of system-driven SystemModstamp changes', () => {
  const c = clock();
  let world: World;
  let full: Ran;

  beforeAll(async () => {
    const seed = `synthetic:${PRODUCTS}`;
    world = await startWorld({ sf: { seed, now: c.now }, cb: { seed, now: c.now }, now: c.now });
    expect(await world.sync()).toMatchObject({ kind: 'full', outcome: 'succeeded' });
    c.advance(300);
    // The first full run wrote every product's status back: the next run reads that once.
    expect(await world.sync({ kind: 'incremental' })).toMatchObject({ kind: 'incremental', outcome: 'succeeded' });
    c.advance(300);
    // What reading the whole catalog costs: a full resync with nothing to do.
    full = ran(await world.sync({ kind: 'full' }));
    expect(full).toMatchObject({ outcome: 'succeeded', plan: { cost: { requests: 0 } }, writeBack: { written: 0 } });
    c.advance(300);
  }, 180_000);
  afterAll(() => world.close());

  /**
   * The cursor is the newest SystemModstamp read, and the overlap window returns what is stamped
   * just before it again (ids and stamps) until a later change moves it on: one product touched
   * and read, so that a burst is measured alone, whatever ran before.
   */
  async function moveCursorOn() {
    // A price entry: a touched Product2 alone is not read again (its source hash is unchanged).
    world.sf.db.touch('PricebookEntry', [(world.sf.db.records('PricebookEntry') as Json[])[0]!.Id]);
    c.advance(300);
    const run = ran(await world.sync({ kind: 'incremental' }));
    expect(run.plan.entries.map((e) => e.action)).toEqual(['noop']);
    c.advance(300);
  }

  /** Touches every record of `object`, then runs incremental twice, a few minutes apart. */
  async function burst(object: string) {
    await moveCursorOn();
    const touched = world.sf.db.touch(object);
    const after = stamps(world, object);
    c.advance(60);
    const before = {
      cb: world.cb.log.stats().requests,
      mutations: mutations(world),
      written: updatesWrittenBack(world),
    };
    const first = ran(await world.sync({ kind: 'incremental' }));
    c.advance(300);
    const next = ran(await world.sync({ kind: 'incremental' }));
    // Nothing reached cleverbridge, nothing was written to Salesforce: the stamps are the touch's.
    expect(world.cb.log.stats().requests - before.cb).toBe(0);
    expect(mutations(world) - before.mutations).toBe(0);
    expect(updatesWrittenBack(world) - before.written).toBe(0);
    expect(stamps(world, object)).toEqual(after);
    return { touched, first, next };
  }

  /** A run that read the burst: every product, each a noop, nothing sent or written back. */
  function expectReadInFull(run: Ran, touched: number) {
    expect(run).toMatchObject({
      kind: 'incremental',
      outcome: 'succeeded',
      error: null,
      plan: { cost: { requests: 0 } },
      apply: { succeeded: { create: 0, update: 0, delete: 0 } },
      writeBack: { written: 0, failed: 0, error: null },
      requests: { cleverbridge: 0 },
    });
    expect(run.plan.entries).toHaveLength(PRODUCTS);
    expect(run.plan.entries.every((e) => e.action === 'noop')).toBe(true);
    // Bounded by a full read of the catalog, plus the change queries' pages of ids and stamps
    // (the touched records, and the one product moveCursorOn read, which the window returns again).
    const changeRows = touched + 1;
    const changePages = CHANGE_QUERIES + Math.ceil(changeRows / PAGE);
    expect(run.requests.salesforce).toBeLessThanOrEqual(full.requests.salesforce + changePages);
    expect(run.requests.salesforceRows).toBeLessThanOrEqual(full.requests.salesforceRows + changeRows);
  }

  /** The run after: the overlap window returns the touched ids again, and nothing is read in full. */
  function expectRested(run: Ran, touched: number) {
    expect(run).toMatchObject({ kind: 'incremental', outcome: 'succeeded', writeBack: { written: 0 } });
    expect(run.plan.entries).toEqual([]);
    expect(run.requests.salesforce).toBeLessThanOrEqual(CHANGE_QUERIES + Math.ceil(touched / PAGE));
    expect(run.requests.salesforceRows).toBe(touched);
  }

  it('every Product2 touched: no field the mapping reads moved, so no product is read again in full', async () => {
    const { touched, first, next } = await burst('Product2');
    expect(touched).toBe(PRODUCTS);
    // The products change query's rows (and the price entry moveCursorOn touched, which the
    // window returns again); every source hash matches what the last sync read.
    expect(first).toMatchObject({ outcome: 'succeeded', writeBack: { written: 0 }, requests: { cleverbridge: 0 } });
    expect(first.plan.entries).toEqual([]);
    expect(first.requests.salesforceRows).toBeLessThanOrEqual(touched + 1);
    expect(first.requests.salesforce).toBeLessThanOrEqual(CHANGE_QUERIES + Math.ceil((touched + 1) / PAGE));
    expectRested(next, touched);
  }, 120_000);

  it('every PricebookEntry touched: the same, although no Product2 moved', async () => {
    const { touched, first, next } = await burst('PricebookEntry');
    expect(touched).toBeGreaterThan(PRODUCTS);
    expectReadInFull(first, touched);
    expectRested(next, touched);
  }, 120_000);
});
