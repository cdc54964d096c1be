import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world.js';

const TOO_MANY = '<html><body><h1>Too Many Requests</h1></body></html>';

describe('one layer retries', () => {
  let world: World;
  afterEach(() => world.close());

  it('defect 4: a products read that keeps answering 429 is resent by one layer only, never multiplied', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    for (let i = 0; i < 200; i++) {
      world.cb.answerFaults.schedule({
        kind: 'replace',
        status: 429,
        contentType: 'text/html',
        body: TOO_MANY,
        headers: { 'Retry-After': '0' },
      });
    }
    await expect(world.sync({ kind: 'full' }, { sleep: () => Promise.resolve() })).rejects.toThrow(/429/);
    const refused = world.cb.log.stats().byStatus['429'] ?? 0;
    // The throttle waits each Retry-After and resends, ten times at most; nothing wraps it.
    expect(refused).toBe(10);
  });
});
