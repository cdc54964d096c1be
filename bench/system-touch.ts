/**
 * What an incremental run costs after Salesforce moved SystemModstamp on its own (a picklist
 * value renamed, a roll-up summary recalculated) on a whole object at once, beside a full resync
 * of the same catalog.
 *
 *   npx tsx bench/system-touch.ts [--products 5000] [--latency 0]
 *
 * A synced catalog of N synthetic products (both sandboxes seeded alike, adopted by a first full
 * run, whose write-back the next incremental run reads once); then, in turn, every Product2 and
 * every PricebookEntry touched (sf.db.touch), each followed by an incremental run and one more a
 * few minutes later (and preceded by one product touched and read, so that the cursor has moved
 * past the previous burst); then a full resync. Each run's Salesforce requests and rows are the daemon's
 * own counts (every attempt, write-back included; the token request aside).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { syntheticProduct } from '../src/sandbox/synthetic-catalog.js';
import { Sandboxes } from './lib/sandbox-client.js';
import { SyncRunner, type RunFigures } from './lib/sync-runner.js';

const { values } = parseArgs({
  options: { products: { type: 'string', default: '5000' }, latency: { type: 'string', default: '0' } },
});
const products = Number(values.products);
const latencyMs = Number(values.latency);

const sandboxes = new Sandboxes();
const rows: Array<{ run: string; touched: number; f: RunFigures }> = [];
try {
  const seed = `synthetic:${products}`;
  const { env } = await sandboxes.start({ sfSeed: seed, cbSeed: seed, latencyMs });
  const runner = new SyncRunner(env, join(mkdtempSync(join(tmpdir(), 'system-touch-')), 'state.db'));
  const firstProduct = syntheticProduct(1, 0).product2Id;
  const run = async (name: string, kind: 'full' | 'incremental', touched = 0) => {
    rows.push({ run: name, touched, f: await runner.run(kind) });
    await sandboxes.advanceClock(300);
  };
  await run('first full run (adopts)', 'full');
  await run('incremental: reads the write-back once', 'incremental');
  await run('incremental: idle', 'incremental');
  for (const object of ['Product2', 'PricebookEntry']) {
    // The overlap window returns the last burst's ids until a later change moves the cursor on.
    await sandboxes.touch('Product2', [firstProduct]);
    await sandboxes.advanceClock(60);
    await run('incremental: one product touched (cursor moves on)', 'incremental', 1);
    const touched = await sandboxes.touch(object);
    await sandboxes.advanceClock(60);
    await run(`incremental after touching every ${object}`, 'incremental', touched);
    await run('incremental: the next one', 'incremental');
  }
  await run('full resync of the same catalog', 'full');
  runner.close();
} finally {
  await sandboxes.close();
}

const full = rows.at(-1)!.f;
const head = ['run', 'touched', 'SF requests', 'SF rows', 'seconds', 'cb requests', 'mutations', 'written back'];
const body = rows.map(({ run, touched, f }) => [
  run,
  touched ? String(touched) : '',
  `${f.sfRequests} (${(f.sfRequests / full.sfRequests).toFixed(2)}x)`,
  `${f.sfRows} (${(f.sfRows / full.sfRows).toFixed(2)}x)`,
  `${f.seconds.toFixed(2)} (${(f.seconds / full.seconds).toFixed(2)}x)`,
  String(f.cbRequests),
  String(f.created + f.updated + f.deleted),
  String(f.writeBack.written),
]);
const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)));
console.log(`${products} products, ${latencyMs} ms latency per request; ratios to the full resync`);
for (const r of [head, widths.map((w) => '-'.repeat(w)), ...body]) console.log(line(r).join('  '));
