import { createServer, type Server } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { startDaemon } from '../../src/daemon/daemon.js';
import { Releasers } from '../../src/lib/lifecycle.js';
import { StateStore } from '../../src/state/state-store.js';
import { startWorld, type World } from '../helpers/world.js';

describe('releasers', () => {
  it('release in the reverse order of start, each once, and one that throws does not stop the others', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'error' }, { write: (l: string) => void lines.push(l) });
    const releasers = new Releasers(log);
    const released: string[] = [];
    releasers.add('first', () => void released.push('first'));
    releasers.add('second', () => {
      throw new Error('second broke');
    });
    releasers.add('third', async () => void released.push('third'));
    await releasers.releaseAll();
    await releasers.releaseAll();
    expect(released).toEqual(['third', 'first']);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ part: 'second', msg: 'releasing a part failed' });
  });
});

describe('the daemon starting', () => {
  let world: World;
  let taken: Server;
  afterEach(async () => {
    await new Promise((resolve) => taken.close(resolve));
    await world.close();
  });

  it('releases what it started when a later part fails: no schedule fires after a failed start', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const settings = loadSettings(
      { ...world.env, CONTROL_PORT: String(port), SYNC_SCHEDULE: '* * * * * *' },
      new URL('../../config/catalog-sync.json', import.meta.url).pathname,
    );
    const lines: Array<{ msg: string }> = [];
    const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l) as { msg: string }) });
    await expect(startDaemon(settings, world.mapping, log)).rejects.toThrow(/EADDRINUSE/);
    const before = world.cb.log.stats().requests;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    // Not even a scheduled run that is turned away: the schedules are gone.
    expect(lines.filter((l) => /scheduled run/.test(l.msg))).toEqual([]);
    expect(world.cb.log.stats().requests).toBe(before);
    const store = StateStore.open(world.stateDb);
    expect(store.runs.recent(5)).toEqual([]);
    store.close();
  });
});
