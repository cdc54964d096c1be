/**
 * npm run bench:memory: the memory a full resync takes as the catalog grows (issue 15), the
 * memory part of `npm run bench` on its own. For each size: a catalog in sync, 1% of it changed,
 * a full resync in a fresh process of plain node (as the daemon runs); its wall time, peak RSS
 * and peak V8 heap, and the targets: under 300 MB at 100,000, flat in the catalog's size.
 *   npm run bench:memory [-- --sizes 20000,100000,200000 --latency 40 --batch 50 --out bench-memory.json]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureMemory, memoryTargets, printMemory, type MemoryRow } from './lib/memory-scenario.js';
import { Sandboxes } from './lib/sandbox-client.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '20000,100000,200000' },
    latency: { type: 'string', default: '40' },
    batch: { type: 'string', default: '50' },
    out: { type: 'string', default: 'bench-memory.json' },
  },
});
const sizes = values.sizes!.split(',').filter(Boolean).map(Number);
const dir = mkdtempSync(join(tmpdir(), 'catalog-sync-memory-'));
const sandboxes = new Sandboxes();
const began = performance.now();
const log = (line: string) =>
  console.error(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);

try {
  const options = { latencyMs: Number(values.latency), batch: Number(values.batch), dir, log };
  const rows: MemoryRow[] = [];
  for (const n of sizes) rows.push(await measureMemory(sandboxes, n, options));
  printMemory(rows);
  const targets = memoryTargets(rows);
  for (const t of targets) console.log(`${t.met ? 'met    ' : 'NOT MET'}  ${t.name}: ${t.value} (goal ${t.goal})`);
  writeFileSync(
    values.out!,
    `${JSON.stringify({ options: { sizes, ...options, log: undefined }, rows, targets }, null, 2)}\n`,
  );
  console.log(`\nwritten to ${values.out}; ${((performance.now() - began) / 1000).toFixed(0)} s in all`);
} finally {
  await sandboxes.close();
  rmSync(dir, { recursive: true, force: true });
}
