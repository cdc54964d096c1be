import { afterEach, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/sandbox/shared/random.js';
import { StateStore } from '../../src/state/state-store.js';
import { runCli } from '../helpers/daemon-process.js';
import { catalogIds, startWorld, type World } from '../helpers/world.js';

const cli = (world: World, args: string[]) => runCli(world, args, { CB_BATCH_SIZE: '10' });

const created = (world: World) => world.cb.log.stats().operations['mutation:createProduct'] ?? 0;

// The no-duplicate guarantee must hold on catalog-sync's side alone, also where cleverbridge
// takes a second product with the same internalId.
describe.each([true, false])('crash safety (unique internalIds: %s)', (uniqueInternalIds) => {
  let world: World;
  afterEach(() => world.close());

  // Each trial kills `catalog-sync sync --full` with SIGKILL after a different number of
  // creates, some answers lost on the way, then runs it again. Latency keeps batches in flight.
  it.each([1, 2])(
    'a sync killed during apply (trial %i) converges on the next run, with no duplicate',
    async (trial) => {
      world = await startWorld({
        sf: { seed: 'synthetic:500', seedNumber: trial },
        cb: {
          seed: 'empty',
          seedNumber: trial,
          uniqueInternalIds,
          faults: { dropRate: 0.05, dropPhase: 'after', latencyMs: 30 },
        },
      });
      const killAfter = createRandom(trial).int(20, 400);
      const first = cli(world, ['sync', '--full']);
      await new Promise<void>((resolve, reject) => {
        const poll = setInterval(() => {
          if (created(world) >= killAfter) {
            clearInterval(poll);
            first.child.kill('SIGKILL');
            resolve();
          }
        }, 2);
        first.exit.then(() => {
          clearInterval(poll);
          reject(new Error(`the sync ended before it could be killed:\n${first.output()}`));
        });
      });
      expect(await first.exit).toBeNull();

      // The killed run left the journal rows of the batches in flight pending, and the run lock
      // taken by a dead process.
      const store = StateStore.open(world.stateDb);
      expect(store.journal.pending().length).toBeGreaterThan(0);
      expect(store.lock.holder()).not.toBeNull();
      store.close();

      world.cb.faults.reset();
      const second = cli(world, ['sync', '--full']);
      expect(await second.exit, second.output()).toBe(0);

      const ids = catalogIds(world);
      expect(ids.inCleverbridge).toEqual(ids.active);

      const after = StateStore.open(world.stateDb);
      expect(after.journal.pending()).toEqual([]);
      expect(after.snapshot.count()).toBe(ids.active.length);
      after.close();

      const plan = cli(world, ['plan']);
      expect(await plan.exit, plan.output()).toBe(0);
    },
  );
});
