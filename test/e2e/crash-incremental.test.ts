import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxDatabase } from '../../src/sandbox/salesforce/database.js';
import { createRandom } from '../../src/sandbox/shared/random.js';
import { StateStore } from '../../src/state/state-store.js';
import { killDaemon, startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.js';
import { catalogIds, startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

const created = (world: World) => world.cb.log.stats().operations['mutation:createProduct'] ?? 0;

/** New active products with a USD price, and renamed ones: what the next incremental run sends. */
function editMany(db: SandboxDatabase, news: number, renames: number) {
  const book = (db.records('Pricebook2') as Json[]).find((b) => b.IsStandard)!.Id;
  for (let i = 0; i < news; i++) {
    const id = db.create('Product2', { Name: `New product ${i}`, ProductCode: `NEW-${i}`, IsActive: true });
    db.create('PricebookEntry', {
      Product2Id: id,
      Pricebook2Id: book,
      CurrencyIsoCode: 'USD',
      UnitPrice: 10 + i,
      IsActive: true,
    });
  }
  const active = (db.records('Product2') as Json[]).filter((p) => p.IsActive && !String(p.Name).startsWith('New'));
  for (const p of active.slice(0, renames)) db.update('Product2', p.Id, { Name: `${p.Name} (renamed)` });
}

// An incremental run killed with SIGKILL while it sends, then an incremental run again (not a
// full resync, which would find everything by reading cleverbridge): the second must settle what
// the first left unknown, without a duplicate, on catalog-sync's side alone.
describe.each([true, false])('an interrupted incremental run (unique internalIds: %s)', (uniqueInternalIds) => {
  let world: World;
  let daemon: DaemonProcess | undefined;
  afterEach(async () => {
    await killDaemon(daemon);
    await world.close();
  });

  it.each([1, 2])('killed during apply (trial %i), is finished by the next incremental run', async (trial) => {
    world = await startWorld({
      sf: { seed: 'synthetic:200', seedNumber: trial },
      cb: { seed: 'empty', seedNumber: trial, uniqueInternalIds },
    });
    expect(await world.sync({ kind: 'full' })).toMatchObject({ started: true, outcome: 'succeeded' });
    editMany(world.sf.db, 300, 100);
    world.cb.faults.configure({ dropRate: 0.05, dropPhase: 'after', latencyMs: 30 });

    // The daemon's first run is incremental (there is a cursor); it is killed mid-apply.
    const killAfter = createRandom(trial).int(20, 250);
    const before = created(world);
    daemon = startDaemonProcess(world, { CB_BATCH_SIZE: '10', SYNC_SCHEDULE: '0 0 1 1 *' });
    await daemon.waitForLog((l) => l.msg === 'run started' && l.kind === 'incremental');
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (created(world) - before >= killAfter) {
          clearInterval(poll);
          daemon!.child.kill('SIGKILL');
          resolve();
        }
      }, 2);
      daemon!.exit.then(() => {
        clearInterval(poll);
        reject(new Error(`the daemon ended before it could be killed:\n${daemon!.output()}`));
      });
    });
    expect(await daemon.exit).toBeNull();
    const store = StateStore.open(world.stateDb);
    expect(store.journal.pending().length).toBeGreaterThan(0);
    store.close();

    world.cb.faults.reset();
    const next = await world.sync({ kind: 'incremental' });
    expect(next).toMatchObject({ started: true, kind: 'incremental', outcome: 'succeeded' });
    const ids = catalogIds(world);
    expect(ids.inCleverbridge).toEqual(ids.active);
    const after = StateStore.open(world.stateDb);
    expect(after.journal.pending()).toEqual([]);
    expect(after.snapshot.count()).toBe(ids.active.length);
    after.close();
    // Nothing is left for a full resync to find.
    expect(await world.plan()).toMatchObject({ kind: 'full', plan: { cost: { requests: 0 } } });
  });
});
