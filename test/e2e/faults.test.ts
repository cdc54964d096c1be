import { afterEach, describe, expect, it } from 'vitest';
import { catalogIds, startWorld, type World } from '../helpers/world.js';

describe('full sync under faults', () => {
  let world: World;
  afterEach(() => world.close());

  it.each([true, false])(
    'converges through 5xx answers, lost answers, failing mutations and a 429 block, without losing or duplicating anything (unique internalIds: %s)',
    async (uniqueInternalIds) => {
      world = await startWorld({
        sf: { seed: 'synthetic:400' },
        cb: {
          seed: 'empty',
          uniqueInternalIds,
          rateLimit: { blockMs: 1500 },
          faults: { errorRate: 0.15, dropRate: 0.1, dropPhase: 'after' },
        },
        settings: (s) => void (s.cleverbridge.batchSize = 10),
      });
      world.cb.mutationFaults.setRate(0.05);
      world.cb.mutationFaults.add({ mutation: 'createProduct', phase: 'after', times: 3 });
      let blocked = false;
      // Backoff waits a tenth of the real time, so the test stays fast.
      const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms / 10));
      const report = await world.sync(
        {
          onProgress: (settled) => {
            if (!blocked && settled > 100) {
              blocked = true;
              world.cb.rateLimiter.forceBlock(1500);
            }
          },
        },
        { sleep },
      );
      // Under this much failure an item may exhaust its attempts: its outcome is then unknown, never
      // guessed, and the next run settles it. Nothing is refused, nothing is left unsent.
      expect(report).toMatchObject({ started: true, apply: { failed: [], notSent: [] } });
      if (!report.started) return;
      expect(report.apply!.unknown.length).toBeLessThanOrEqual(2);
      expect(report.outcome).toBe(report.apply!.unknown.length === 0 ? 'succeeded' : 'partial');
      const stats = world.cb.log.stats();
      expect(stats.byStatus['429']).toBeGreaterThan(0);
      expect(stats.byOutcome.fault).toBeGreaterThan(0);
      expect(stats.byOutcome.dropped).toBeGreaterThan(0);

      world.cb.faults.reset();
      world.cb.mutationFaults.clear();
      const again = await world.sync();
      expect(again).toMatchObject({ started: true, outcome: 'succeeded' });
      // Every product exactly once: nothing lost, nothing duplicated.
      const ids = catalogIds(world);
      expect(ids.inCleverbridge).toEqual(ids.active);
      const third = await world.sync();
      expect(third).toMatchObject({ started: true, outcome: 'succeeded', plan: { cost: { requests: 0 } } });
    },
  );

  it('stops at once on a 401 with a clear message, without retrying', async () => {
    world = await startWorld({ cb: { seed: 'empty' }, settings: (s) => void (s.cleverbridge.password = 'wrong') });
    await expect(world.sync()).rejects.toThrow(/cleverbridge refused the credentials \(HTTP 401\).*does not retry/);
    expect(world.cb.log.stats().byStatus['401']).toBe(1);
    expect(world.cb.auth.isLocked(world.cb.users[0]!.username)).toBe(false);
  });
});
