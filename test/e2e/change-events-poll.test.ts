import { afterEach, describe, expect, it } from 'vitest';
import { killDaemon, startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.js';
import { startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;
// Polls every 2 seconds (node-cron's six-field form); the nightly full resync never comes.
const FAST_POLL = { SYNC_SCHEDULE: '*/2 * * * * *', FULL_SYNC_SCHEDULE: '0 0 1 1 *' };
const finished = (l: Json) => l.msg === 'run finished';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the poller beside change events', () => {
  let world: World;
  let daemon: DaemonProcess | undefined;
  afterEach(async () => {
    await killDaemon(daemon);
    daemon = undefined;
    await world.close();
  });
  const readyz = async () => (await (await fetch(`${daemon!.url}/readyz`)).json()) as Json;

  it('waits for the backstop (15 minutes) while events flow for every object it follows', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    daemon = startDaemonProcess(world, FAST_POLL);
    await daemon.waitForLog(finished);
    await daemon.waitForLog((l) => l.msg === 'change events' && l.state === 'up');
    await pause(5000);
    expect(daemon.logs().filter(finished)).toHaveLength(1);
    expect((await readyz()).changeEvents).toEqual({ state: 'up', detail: null, notFollowed: [] });
  });

  it('polls on its schedule, and says why, in an org that publishes no Product2 change events', async () => {
    const others = ['PricebookEntry', 'Price_Tier__c'];
    world = await startWorld({ sf: { streaming: { changeDataCapture: others } }, cb: { seed: 'empty' } });
    daemon = startDaemonProcess(world, FAST_POLL);
    await daemon.waitForLog((l) => l.msg === 'Product2 has no change events in this org: polling only');
    await daemon.waitForLog((l) => finished(l) && l.kind === 'incremental' && l.trigger === 'schedule');
    const ready = await readyz();
    expect(ready.ready).toBe(true);
    expect(ready.changeEvents).toMatchObject({ state: 'unavailable', notFollowed: ['Product2'] });
  });

  it('polls on its schedule while one of its objects publishes no change events', async () => {
    world = await startWorld({
      sf: { streaming: { changeDataCapture: ['Product2', 'PricebookEntry'] } },
      cb: { seed: 'empty' },
    });
    daemon = startDaemonProcess(world, FAST_POLL);
    await daemon.waitForLog((l) => /^Price_Tier__c has no change events in this org/.test(l.msg));
    await daemon.waitForLog((l) => finished(l) && l.kind === 'incremental' && l.trigger === 'schedule');
    expect((await readyz()).changeEvents).toEqual({ state: 'up', detail: null, notFollowed: ['Price_Tier__c'] });
  });
});
