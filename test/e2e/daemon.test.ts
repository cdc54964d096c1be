import { afterEach, describe, expect, it } from 'vitest';
import { killDaemon, startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.js';
import { editEachKind } from '../helpers/edits.js';
import { listeningOn } from '../helpers/listening-sockets.js';
import { catalogIds, startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;
const TOKEN = 'test-control-token-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };
const finished = (runId?: number) => (l: Json) =>
  l.msg === 'run finished' && (runId === undefined || l.runId === runId);
/** The value of one series in Prometheus text, e.g. `catalog_sync_runs_total{kind="full",outcome="succeeded"}`. */
function metric(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  expect(line, `${series} in /metrics`).toBeDefined();
  return Number(line!.slice(series.length + 1));
}
const byInternalId = (world: World) =>
  new Map([...world.cb.store.all()].filter((p) => p.internalId).map((p) => [p.internalId!, p]));

describe('the daemon process', () => {
  let world: World;
  let daemon: DaemonProcess | undefined;
  afterEach(async () => {
    await killDaemon(daemon);
    daemon = undefined;
    await world.close();
  });

  it('syncs on its own, follows Salesforce edits on schedule, writes outcomes back, then rests', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    // Every 2 seconds (node-cron's six-field form); polling only (change events: change-events.test.ts).
    daemon = startDaemonProcess(world, { SYNC_SCHEDULE: '*/2 * * * * *', CONTROL_TOKEN: TOKEN, CHANGE_EVENTS: 'off' });
    const first = await daemon.waitForLog(finished());
    expect(first).toMatchObject({ kind: 'full', outcome: 'succeeded' });
    expect(world.cb.store.size).toBe(10);

    // Each kind of edit a manager makes, at once: they reach cleverbridge in the next run.
    const db = world.sf.db;
    const edited = Date.now();
    const { renamed, repriced, deactivated, deleted, fresh } = editEachKind(db, {
      codes: ['CB-3Y', 'CB-2Y', 'IS-BAS', 'CB-1D'],
      name: 'Cloudbit - 3 Years (2026)',
      usdPrice: 275,
    });
    const arrived = () => {
      const cb = byInternalId(world);
      return (
        cb.get(renamed)!.names.some((n) => n.value === 'Cloudbit - 3 Years (2026)') &&
        cb.get(repriced)!.price!.tiers.some((t) => t.value === 275) &&
        cb.get(deactivated)!.status === 'DEACTIVATED' &&
        !cb.has(deleted) &&
        cb.has(fresh)
      );
    };
    const seen = await new Promise<number>((resolve, reject) => {
      const poll = setInterval(() => {
        if (arrived()) {
          clearInterval(poll);
          resolve(Date.now() - edited);
        }
      }, 20);
      setTimeout(() => (clearInterval(poll), reject(new Error('the edits did not reach cleverbridge'))), 15_000);
    });
    expect(seen).toBeLessThan(8000);
    const run = await daemon.waitForLog((l) => finished()(l) && l.kind === 'incremental' && l.counts.create === 1);
    expect(run.counts).toMatchObject({ create: 1, update: 2, deactivate: 1, delete: 1 });
    await daemon.waitForLog((l) => l.runId === run.runId + 1);
    for (const id of [renamed, repriced, deactivated, fresh]) {
      expect(db.get('Product2', id)).toMatchObject({
        Cleverbridge_Sync_Status__c: 'Synced',
        Cleverbridge_Product_Id__c: String(byInternalId(world).get(id)!.id),
      });
    }

    // Two more runs after that: the write-back is read once, then nothing; no cleverbridge request.
    const cbRequests = world.cb.log.stats().requests;
    const runs = daemon.logs().filter(finished()).length;
    await daemon.waitForLog((l) => finished()(l) && daemon!.logs().filter(finished()).length >= runs + 2, 15_000);
    expect(world.cb.log.stats().requests).toBe(cbRequests);

    const incrementalLogged = daemon
      .logs()
      .filter((l) => finished()(l) && l.kind === 'incremental' && l.outcome === 'succeeded').length;
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    const status = (await (await fetch(`${daemon.url}/status`)).json()) as Json;
    // The newest runs first, at most ten; the first run, the full one, is the oldest while it is listed.
    const ids: number[] = status.runs.map((r: Json) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids).toEqual(Array.from({ length: Math.min(10, ids[0]!) }, (_, i) => ids[0]! - i));
    expect(status.runs.at(-1)).toMatchObject(ids.at(-1) === 1 ? { kind: 'full', outcome: 'succeeded' } : {});
    expect(metrics).toMatch(/^# HELP catalog_sync_runs_total Runs by kind and outcome$/m);
    // Change events are off here: their metrics are not exported (their alert cannot fire).
    expect(metrics).not.toContain('catalog_sync_change_events');
    expect(status.changeEvents).toBeNull();
    expect(metrics).toMatch(/^catalog_sync_mutations_total\{kind="create",outcome="succeeded"\} 11$/m);
    expect(metrics).toMatch(/^catalog_sync_mutations_total\{kind="update",outcome="succeeded"\} 3$/m);
    expect(metrics).toMatch(/^catalog_sync_mutations_total\{kind="delete",outcome="succeeded"\} 1$/m);
    // The edits' run and the two after it at least, every run logged before, and no run not yet started.
    const incremental = metric(metrics, 'catalog_sync_runs_total{kind="incremental",outcome="succeeded"}');
    expect(incremental).toBeGreaterThanOrEqual(Math.max(3, incrementalLogged));
    expect(incremental).toBeLessThanOrEqual(ids[0]! - 1);
    expect(metrics).toMatch(/^catalog_sync_salesforce_api_usage \d+$/m);

    daemon.child.kill('SIGTERM');
    expect(await daemon.exit).toBe(0);
  });

  it('never runs two syncs at once: a manual full resync during a run is refused, or waits when asked', async () => {
    world = await startWorld({ sf: { seed: 'synthetic:400' }, cb: { seed: 'empty' } });
    daemon = startDaemonProcess(world, { CONTROL_TOKEN: TOKEN, CB_BATCH_SIZE: '5' });
    await daemon.waitForLog((l) => l.msg === 'run started');
    const refused = await fetch(`${daemon.url}/sync?full=true`, { method: 'POST', headers: auth });
    expect(refused.status).toBe(409);
    const refusal = (await refused.json()) as Json;
    expect(refusal).toMatchObject({ error: 'another run is in progress' });
    expect(refusal.runningRunId).toBe(1);

    const waited = await fetch(`${daemon.url}/sync`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ full: true, wait: true }),
    });
    expect(waited.status).toBe(202);
    expect(await waited.json()).toMatchObject({ runId: 2, kind: 'full' });
    const second = await daemon.waitForLog(finished(2));
    const firstRun = daemon.logs().find(finished(1))!;
    // The second started after the first finished.
    const secondStart = daemon.logs().find((l) => l.msg === 'run started' && l.runId === 2)!;
    expect(secondStart.time).toBeGreaterThanOrEqual(firstRun.time);
    expect(second).toMatchObject({ kind: 'full', outcome: 'succeeded' });
    const internalIds = [...world.cb.store.all()].map((p) => p.internalId);
    expect(new Set(internalIds).size).toBe(internalIds.length);
  });

  it('guards the control API', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    daemon = startDaemonProcess(world, { CONTROL_TOKEN: TOKEN });
    await daemon.waitForLog(finished());
    const call = (path: string, init: RequestInit = {}) => fetch(`${daemon!.url}${path}`, init);
    expect((await call('/sync', { method: 'POST' })).status).toBe(401);
    expect(
      (await call('/sync', { method: 'POST', headers: { Authorization: 'Bearer wrong-token-0123456789' } })).status,
    ).toBe(401);
    expect((await call('/plan')).status).toBe(401);
    expect(
      (
        await call('/sync', {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: '{"full": true, "drop": 1}',
        })
      ).status,
    ).toBe(400);
    expect((await call('/sync', { method: 'POST', headers: auth, body: 'x'.repeat(10_000) })).status).toBe(413);
    expect((await call('/nowhere')).status).toBe(404);
    expect((await call('/healthz', { method: 'POST' })).status).toBe(405);
    const plan = await call('/plan', { headers: auth });
    expect(plan.status).toBe(200);
    expect(await plan.json()).toMatchObject({ counts: { noop: 12 }, cost: { requests: 0 } });
    expect((await call('/readyz')).status).toBe(200);
    // It listens on CONTROL_HOST (127.0.0.1 by default) only: one socket on the port, bound to
    // 127.0.0.1, not to every address (0.0.0.0 or ::). Read from the kernel's socket table, so no
    // traffic goes to this machine's other addresses.
    const port = Number(new URL(daemon.url).port);
    expect(listeningOn(port)).toEqual([{ family: 4, address: '127.0.0.1', port }]);
  });

  it('without a token, the endpoints that act are disabled', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    daemon = startDaemonProcess(world);
    await daemon.waitForLog(finished());
    const answer = await fetch(`${daemon.url}/sync`, { method: 'POST', headers: auth });
    expect(answer.status).toBe(403);
    expect(await answer.json()).toEqual({ error: 'disabled: set CONTROL_TOKEN to enable this endpoint' });
  });

  it('on SIGTERM during a large apply, settles what is in flight, exits 0, and the next start finishes without duplicates', async () => {
    world = await startWorld({ sf: { seed: 'synthetic:600' }, cb: { seed: 'empty' } });
    daemon = startDaemonProcess(world, { CB_BATCH_SIZE: '5' });
    await daemon.waitForLog((l) => l.msg === 'run started');
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (world.cb.store.size >= 100) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    const stoppedAt = Date.now();
    daemon.child.kill('SIGTERM');
    expect(await daemon.exit).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    const stoppedRun = daemon.logs().find(finished())!;
    expect(stoppedRun.outcome).toBe('partial');
    const madeBefore = world.cb.store.size;
    expect(madeBefore).toBeLessThan(540);

    daemon = startDaemonProcess(world);
    const next = await daemon.waitForLog(finished(), 30_000);
    expect(next).toMatchObject({ outcome: 'succeeded' });
    const ids = catalogIds(world);
    expect(ids.inCleverbridge).toEqual(ids.active);
    daemon.child.kill('SIGTERM');
    expect(await daemon.exit).toBe(0);
  });

  it('exits at once on a second SIGTERM', async () => {
    world = await startWorld({ sf: { seed: 'synthetic:600' }, cb: { seed: 'empty', faults: { latencyMs: 300 } } });
    daemon = startDaemonProcess(world, { CB_BATCH_SIZE: '5' });
    await daemon.waitForLog((l) => l.msg === 'run started');
    daemon.child.kill('SIGTERM');
    await daemon.waitForLog((l) => l.msg === 'stopping');
    daemon.child.kill('SIGTERM');
    expect(await daemon.exit).toBe(130);
  });

  it.each([
    ['a missing CB_GRAPHQL_URL', { CB_GRAPHQL_URL: '' }, 'CB_GRAPHQL_URL is required'],
    [
      'an invalid cron expression',
      { SYNC_SCHEDULE: 'every five minutes' },
      'SYNC_SCHEDULE: "every five minutes" is not a cron expression',
    ],
    ['a non-numeric port', { CONTROL_PORT: 'eighty' }, 'CONTROL_PORT must be a whole number'],
  ])('refuses to start with %s, naming the setting, before any network call', async (_name, env, message) => {
    world = await startWorld({ cb: { seed: 'empty' } });
    daemon = startDaemonProcess(world, env);
    expect(await daemon.exit).toBe(78);
    expect(daemon.output()).toContain(message);
    expect(world.cb.log.stats().requests).toBe(0);
    expect(world.sf.log.stats().requests).toBe(0);
  });
});
