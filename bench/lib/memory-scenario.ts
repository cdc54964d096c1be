import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandboxes } from './sandbox-client.js';
import { runInChild, SyncRunner, type RunFigures } from './sync-runner.js';

/** One size of the memory scenario: a full resync with 1% changed, in a fresh process. */
export interface MemoryRow {
  products: number;
  changed: number;
  run: RunFigures;
}

export interface MemoryOptions {
  latencyMs: number;
  batch: number;
  /** Where the state files go. */
  dir: string;
  log: (line: string) => void;
}

/**
 * A catalog of `n` products in sync (both sandboxes seeded alike, adopted by a first full run:
 * set-up, not measured), then 1% of it changed, then a full resync in a fresh process of its
 * own: its wall time, start and peak RSS, and peak V8 heap.
 */
export async function measureMemory(sandboxes: Sandboxes, n: number, o: MemoryOptions): Promise<MemoryRow> {
  o.log(`memory, ${n}: setting up a catalog in sync`);
  const seed = `synthetic:${n}`;
  const { env } = await sandboxes.start({ sfSeed: seed, cbSeed: seed, latencyMs: o.latencyMs });
  await sandboxes.rateLimit(false);
  const db = join(o.dir, `memory-${n}.db`);
  const setup = new SyncRunner(env, db, { batchSize: 100, requestsPerSecond: 30 });
  await setup.run('full');
  setup.close();
  await sandboxes.rateLimit(true);
  await sandboxes.advanceClock(300);
  const edits = await sandboxes.edit(Math.round(n / 100), 2);
  o.log(`memory, ${n}: full resync with ${edits.products} products changed, in a fresh process`);
  const run = await runInChild(env, db, 'full', o.batch);
  rmSync(db, { force: true });
  return { products: n, changed: edits.products, run };
}

/** The memory targets over the sizes measured (issue 15). */
export function memoryTargets(
  rows: readonly MemoryRow[],
): { name: string; goal: string; value: string; met: boolean }[] {
  const sorted = [...rows].sort((a, b) => a.products - b.products);
  const mb = (x: number) => `${x.toFixed(0)} MB`;
  const targets = [];
  const hundred = sorted.find((r) => r.products === 100_000);
  if (hundred) {
    const rss = hundred.run.peakRssMb;
    targets.push({
      name: 'full resync of 100000, 1% changed: peak RSS',
      goal: '< 300 MB',
      value: mb(rss),
      met: rss < 300,
    });
  }
  const [first, last] = [sorted[0], sorted.at(-1)];
  if (first && last && last !== first) {
    const ratio = last.run.peakRssMb / first.run.peakRssMb;
    targets.push({
      name: `full resync: peak RSS at ${last.products} over that at ${first.products}`,
      goal: '<= 1.25x',
      value: `${ratio.toFixed(2)}x (${mb(last.run.peakRssMb)} / ${mb(first.run.peakRssMb)})`,
      met: ratio <= 1.25,
    });
  }
  return targets;
}

export function printMemory(rows: readonly MemoryRow[]): void {
  const mb = (x: number) => `${x.toFixed(0)} MB`;
  console.log('\nMemory: full resync, 1% changed, each in a fresh process');
  console.log('products  changed      wall  start RSS   peak RSS  peak heap  MB per 1,000');
  for (const r of [...rows].sort((a, b) => a.products - b.products)) {
    const cells = [
      String(r.products).padStart(8),
      String(r.changed).padStart(7),
      `${r.run.seconds.toFixed(1)} s`.padStart(9),
      mb(r.run.startRssMb).padStart(10),
      mb(r.run.peakRssMb).padStart(10),
      mb(r.run.peakHeapMb).padStart(10),
      (r.run.peakRssMb / (r.products / 1000)).toFixed(2).padStart(13),
    ];
    console.log(cells.join('  '));
  }
}
