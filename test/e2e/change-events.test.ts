import { afterEach, describe, expect, it } from 'vitest';
import { killDaemon, startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.js';
import { replayCursor } from '../../src/daemon/change-subscription.js';
import { StateStore } from '../../src/state/state-store.js';
import { createPricedProduct } from '../helpers/edits.js';
import { startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;
const TOKEN = 'test-control-token-0123456789';
// Polls that never come during a test (the hourly poll could fire in one): whatever
// reaches cleverbridge after the first run came through change events.
const NO_POLL = { SYNC_SCHEDULE: '0 0 1 1 *', FULL_SYNC_SCHEDULE: '0 0 1 1 *', CONTROL_TOKEN: TOKEN };
const finished = (l: Json) => l.msg === 'run finished';
const eventRun = (l: Json) => finished(l) && l.trigger === 'event';
const up = (l: Json) => l.msg === 'change events' && l.state === 'up';

const byInternalId = (world: World) =>
  new Map([...world.cb.store.all()].filter((p) => p.internalId).map((p) => [p.internalId!, p]));
const named = (world: World, id: string, name: string) =>
  byInternalId(world)
    .get(id)
    ?.names.some((n) => n.value === name) ?? false;

/** Milliseconds until `check` holds (polled every 20 ms); fails after `timeoutMs`. */
async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<number> {
  const began = Date.now();
  while (!check()) {
    if (Date.now() - began > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - began;
}

async function metric(daemon: DaemonProcess, series: string): Promise<number> {
  const text = await (await fetch(`${daemon.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('the daemon follows Salesforce change events', () => {
  let world: World;
  let daemon: DaemonProcess | undefined;
  afterEach(async () => {
    await killDaemon(daemon);
    daemon = undefined;
    await world.close();
  });

  /** The daemon started on a synced catalog, its change events up. */
  const following = async (env: Record<string, string> = {}) => {
    daemon = startDaemonProcess(world, { ...NO_POLL, ...env });
    await daemon.waitForLog(finished);
    await daemon.waitForLog(up);
    return daemon;
  };
  const idOf = (code: string) =>
    (world.sf.db.records('Product2') as Json[]).find((p) => p.ProductCode === code)!.Id as string;

  it('brings each kind of edit to cleverbridge within seconds, and the write-back it causes starts no run', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const d = await following();
    const db = world.sf.db;
    const book = (db.records('Pricebook2') as Json[]).find((b) => b.IsStandard)!.Id;
    const seen: Record<string, number> = {};

    const renamed = idOf('CB-3Y');
    db.update('Product2', renamed, { Name: 'Cloudbit - 3 Years (2026)' });
    seen.rename = await until(() => named(world, renamed, 'Cloudbit - 3 Years (2026)'), 'the rename');

    const repriced = idOf('CB-2Y');
    const entry = (db.records('PricebookEntry') as Json[]).find(
      (e) => e.Product2Id === repriced && e.CurrencyIsoCode === 'USD' && e.Pricebook2Id === book,
    )!;
    db.update('PricebookEntry', entry.Id, { UnitPrice: 275 });
    const price = () =>
      byInternalId(world)
        .get(repriced)!
        .price!.tiers.some((t) => t.value === 275);
    seen.price = await until(price, 'the price');

    const fresh = createPricedProduct(db);
    seen.create = await until(() => byInternalId(world).get(fresh)?.price !== undefined, 'the new product');

    const deactivated = idOf('IS-BAS');
    db.update('Product2', deactivated, { IsActive: false });
    seen.deactivate = await until(() => byInternalId(world).get(deactivated)!.status === 'DEACTIVATED', 'deactivation');

    const deleted = idOf('CB-1D');
    db.delete('Product2', deleted);
    seen.delete = await until(() => !byInternalId(world).has(deleted), 'the delete');

    for (const [edit, ms] of Object.entries(seen)) expect(ms, edit).toBeLessThan(5000);
    // One run per edit, each through events; every run wrote its outcome back, and those updates
    // publish events too: they start nothing.
    await new Promise((r) => setTimeout(r, 1500));
    const requests = world.cb.log.stats().requests;
    expect(d.logs().filter(eventRun)).toHaveLength(5);
    // Each planned just the one product its edit named: no write-back's event joined it.
    const plans = d.logs().filter((l) => l.msg === 'plan made' && l.trigger === 'event');
    const planned = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(plans.map((l) => planned(l.counts))).toEqual([1, 1, 1, 1, 1]);
    await new Promise((r) => setTimeout(r, 2000));
    expect(d.logs().filter(finished)).toHaveLength(6);
    expect(world.cb.log.stats().requests).toBe(requests);
    // An update of a field no mapping reads asks for nothing: its position is stored all the same.
    db.update('Product2', fresh, { Cleverbridge_Sync_Error__c: 'noted by hand' });
    const last = world.sf.streaming.bus.retained().at(-1)!;
    await pause(1000);
    expect(d.logs().filter(finished)).toHaveLength(6);
    const store = StateStore.open(world.settings.stateDb);
    expect(store.cursors.get(replayCursor('/data/Product2ChangeEvent'))).toBe(String(last.replayId));
    store.close();
    expect(db.get('Product2', fresh)).toMatchObject({ Cleverbridge_Sync_Status__c: 'Synced' });
    expect(await metric(d, 'catalog_sync_change_events_total{entity="Product2",type="UPDATE"}')).toBeGreaterThan(3);
    expect(await metric(d, 'catalog_sync_change_events_up')).toBe(1);
    const status = (await (await fetch(`${d.url}/status`)).json()) as Json;
    expect(status.changeEvents).toEqual({ state: 'up', detail: null, notFollowed: [] });
  });

  const mutationsOf = (kind: string) => world.cb.log.stats().operations[`mutation:${kind}`] ?? 0;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'replays the events published while it was stopped (%s): nothing lost, nothing sent twice',
    async (signal) => {
      world = await startWorld({ cb: { seed: 'empty' } });
      const first = await following();
      const db = world.sf.db;
      const before = idOf('CB-3Y');
      db.update('Product2', before, { Name: 'Before the stop' });
      await until(() => named(world, before, 'Before the stop'), 'the rename before the stop');
      await first.waitForLog(eventRun);
      await pause(700); // its write-back's event arrives too
      first.child.kill(signal);
      await first.exit;

      const stopped = idOf('CB-2Y');
      db.update('Product2', stopped, { Name: 'While stopped' });
      const published = world.sf.streaming.bus.retained().at(-1)!;
      const updates = mutationsOf('updateProduct');
      const again = await following({ LOG_LEVEL: 'debug' });
      await until(() => named(world, stopped, 'While stopped'), 'the rename made while stopped');
      // The restarted daemon received the event published before it subscribed: a replay.
      await again.waitForLog((l) => l.msg === 'change event' && l.replayId === published.replayId);
      await pause(1500);
      expect(mutationsOf('updateProduct') - updates).toBe(1);
      expect(byInternalId(world).size).toBe(10);
    },
  );

  it('replays, after a restart, the event whose run was killed before it committed', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const first = await following();
    await pause(700); // the first run's write-back events are covered and stored
    world.cb.faults.configure({ latencyMs: 5000 }); // the event's run waits on cleverbridge
    const id = idOf('CB-3Y');
    world.sf.db.update('Product2', id, { Name: 'Killed mid-run' });
    const published = world.sf.streaming.bus.retained().at(-1)!;
    await first.waitForLog((l) => l.msg === 'plan made' && l.trigger === 'event');
    first.child.kill('SIGKILL');
    await first.exit;
    world.cb.faults.configure({ latencyMs: 0 });
    const again = await following({ LOG_LEVEL: 'debug' });
    await again.waitForLog((l) => l.msg === 'change event' && l.replayId === published.replayId);
    await until(() => named(world, id, 'Killed mid-run'), 'the change whose run was killed');
  });

  it('re-reads the records a gap event names, and runs by cursor after an overflow event', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const d = await following();
    const db = world.sf.db;
    const gapped = idOf('CB-3Y');
    world.sf.streaming.gapNext();
    db.update('Product2', gapped, { Name: 'Behind a gap' });
    await until(() => named(world, gapped, 'Behind a gap'), 'the change behind the gap');
    const gapPlan = await d.waitForLog((l) => l.msg === 'plan made' && l.trigger === 'event');
    expect(gapPlan).toMatchObject({ targets: 1, counts: { update: 1 } });

    const overflowed = idOf('CB-2Y');
    world.sf.streaming.overflowNext();
    db.update('Product2', overflowed, { Name: 'Behind an overflow' });
    await until(() => named(world, overflowed, 'Behind an overflow'), 'the change behind the overflow');
    const overflowPlan = await d.waitForLog((l) => l.msg === 'plan made' && l.trigger === 'event' && 'since' in l);
    expect(overflowPlan).toMatchObject({ kind: 'incremental', counts: { update: 1 } });
    expect(await metric(d, 'catalog_sync_change_events_total{entity="Product2",type="GAP_UPDATE"}')).toBe(1);
    expect(await metric(d, 'catalog_sync_change_events_total{entity="Product2",type="GAP_OVERFLOW"}')).toBe(1);
  });

  it('runs by cursor when its replay position is no longer kept, then follows new events', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const d = await following({ LOG_LEVEL: 'debug' });
    // A position on Product2's channel: an edit's event (the first run's write-back may have
    // been published before the subscribe was in place).
    const placed = idOf('CB-1Y');
    world.sf.db.update('Product2', placed, { Name: 'For a position' });
    await until(() => named(world, placed, 'For a position'), 'the edit that gives a position');
    await d.waitForLog((l) => l.msg === 'run finished' && l.trigger === 'event');
    const mark = Date.now();
    const after = (l: Json) => l.time >= mark;
    // Dropped, and while it reconnects a change is made and every event expires (72 hours
    // passed): the position faye subscribes again from is gone, and so is the change's event.
    const missed = idOf('CB-2Y');
    world.sf.streaming.dropClients();
    world.sf.db.update('Product2', missed, { Name: 'Missed by the stream' });
    world.sf.streaming.expireEvents();
    await d.waitForLog((l) => after(l) && /replay position outside the retention window/.test(l.msg));
    await until(() => named(world, missed, 'Missed by the stream'), 'the change the stream lost');
    const fallback = await d.waitForLog((l) => after(l) && l.msg === 'plan made' && l.trigger === 'event');
    expect(fallback).toMatchObject({ kind: 'incremental', counts: { update: 1 } });
    expect(fallback).toHaveProperty('since');
    await d.waitForLog((l) => after(l) && up(l));
    const later = idOf('IS-ENT');
    const edited = Date.now();
    world.sf.db.update('Product2', later, { Name: 'After the fallback' });
    await until(() => named(world, later, 'After the fallback'), 'the next change');
    // Through the stream: its event came (its run may be the run by cursor still pending).
    await d.waitForLog(
      (l) => l.time >= edited && l.msg === 'change event' && l.entity === 'Product2' && l.ask === 'records',
    );
  });

  it('keeps what a failed run did not sync, and runs for it again', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const d = await following();
    // The products query reads the tiers: while they are hidden from the user, a run fails.
    const user = world.sf.credentials.username;
    world.sf.permissions.setObjectAccess(user, 'Price_Tier__c', { read: false });
    const id = idOf('CB-3Y');
    world.sf.db.update('Product2', id, { Name: 'After a failed run' });
    await d.waitForLog((l) => l.msg === 'run failed' && l.trigger === 'event');
    world.sf.permissions.setObjectAccess(user, 'Price_Tier__c', { read: true });
    await until(() => named(world, id, 'After a failed run'), 'the change');
    const again = await d.waitForLog((l) => eventRun(l) && l.outcome === 'succeeded');
    expect(again.counts).toMatchObject({ update: 1 });
  });

  it('logs in again when Salesforce stops accepting its session, and follows events on', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const d = await following();
    world.sf.sessions.expireAll();
    // The stream's next connect is refused; a change made meanwhile is replayed from its
    // position once the daemon has logged in again.
    const first = idOf('CB-3Y');
    world.sf.db.update('Product2', first, { Name: 'As the session ends' });
    await until(() => named(world, first, 'As the session ends'), 'the change as the session ends');
    await d.waitForLog((l) => /^Salesforce refused the session/.test(l.detail ?? '') && l.state === 'down');
    await d.waitForLog(() => d.logs().filter(up).length >= 2);
    const second = idOf('CB-2Y');
    world.sf.db.update('Product2', second, { Name: 'With a new session' });
    await until(() => named(world, second, 'With a new session'), 'the change after logging in again');
    await d.waitForLog(() => d.logs().filter(eventRun).length >= 2);
  });

  it('reconnects after its streaming connection is dropped, and what changed meanwhile arrives', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const d = await following({ LOG_LEVEL: 'debug' });
    const db = world.sf.db;
    // A position on Product2's channel: an edit's event (the first run's write-back may have
    // been published before the subscribe was in place).
    db.update('Product2', idOf('CB-1Y'), { Name: 'For a position' });
    await d.waitForLog((l) => l.msg === 'run finished' && l.trigger === 'event');
    expect(world.sf.streaming.dropClients()).toBe(1);
    // Product2's change is replayed from its position; PricebookEntry's channel has received
    // nothing yet, so it has none: a run by cursor finds the price.
    const renamed = idOf('CB-3Y');
    db.update('Product2', renamed, { Name: 'While dropped' });
    const repriced = idOf('CB-2Y');
    const entry = (db.records('PricebookEntry') as Json[]).find(
      (e) => e.Product2Id === repriced && e.CurrencyIsoCode === 'USD',
    )!;
    db.update('PricebookEntry', entry.Id, { UnitPrice: 311 });
    await until(() => named(world, renamed, 'While dropped'), 'the rename made while dropped', 20_000);
    const price = () =>
      byInternalId(world)
        .get(repriced)!
        .price!.tiers.some((t) => t.value === 311);
    await until(price, 'the price changed while dropped', 20_000);
    await d.waitForLog((l) => /^reconnected without a position to replay from/.test(l.msg));
  });
});
