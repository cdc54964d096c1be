import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { killDaemon, startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.js';
import { clock, startClockedWorld, startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

/** A pino logger whose lines the test reads. */
function capturedLog() {
  const lines: Json[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(text) as Json);
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

describe('unexpected errors are logged once', () => {
  let world: World;
  let daemon: DaemonProcess | undefined;
  afterEach(async () => {
    await killDaemon(daemon);
    await world.close();
  });

  it('defect 6: a describe that fails during the write-back is logged with the run id', async () => {
    const c = clock();
    world = await startClockedWorld(c);
    await world.sync({ kind: 'incremental' });
    c.advance(300);
    await world.sync({ kind: 'incremental' });
    c.advance(300);
    const db = world.sf.db;
    const products = db.records('Product2') as Json[];
    db.update('Product2', products.find((p) => p.ProductCode === 'CB-3Y')!.Id, { Name: 'Cloud Backup, 3 years' });
    // cleverbridge refuses the other rename: the first error text of the run, so the write-back
    // asks how much of it Product2's error field holds, once the first product has settled.
    const broken = products.find((p) => p.ProductCode === 'IS-BAS')!.Id;
    db.update('Product2', broken, { Name: 'Internet Security Basic, renamed' });
    world.cb.mutationFaults.add({ internalId: broken, code: 'INVALID_VALUE', message: 'name refused.' });
    c.advance(60);
    const { log, lines } = capturedLog();
    // The describe the write-back asks (its error text must fit the field) is refused.
    const run = await world.sync({ kind: 'incremental', onProgress: () => world.sf.usage.forceExceeded(1) }, { log });
    expect(run).toMatchObject({ started: true, writeBack: { written: 2 } });
    if (!run.started) return;
    const logged = lines.filter((l) => l.level >= 40 && /describ/i.test(`${l.msg} ${l.err?.message ?? ''}`));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ runId: run.runId });
  });

  it('defect 6: a failed GET /plan is logged, not only answered 500', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    daemon = startDaemonProcess(world, { CONTROL_TOKEN: 'a-control-token-of-some-length' });
    await daemon.waitForLog((l) => l.msg === 'run finished');
    world.cb.answerFaults.schedule({
      kind: 'replace',
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ errors: [{ message: 'Internal failure in the product service.' }] }),
    });
    const answer = await fetch(`${daemon.url}/plan`, {
      headers: { Authorization: 'Bearer a-control-token-of-some-length' },
    });
    expect(answer.status).toBe(500);
    const line = await daemon.waitForLog((l) => l.level >= 50 && /plan/.test(String(l.msg)), 5000);
    expect(JSON.stringify(line)).toMatch(/Internal failure in the product service/);
  });
});
