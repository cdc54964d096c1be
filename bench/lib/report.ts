import type { NaiveFigures } from '../naive-sync.js';
import type { RunFigures } from './sync-runner.js';

export interface Target {
  name: string;
  goal: string;
  value: string;
  met: boolean;
}

export interface SweepRow {
  batch: number;
  products: number;
  seconds: number;
  cbRequests: number;
  boundRatio: number;
  rateLimited: number;
}

type Naive = NaiveFigures & { sfRequests: number };

export interface Results {
  options: { products: number; large: number; latencyMs: number; batch: number; requestsPerSecond: number };
  scenarios: {
    initialLoad: RunFigures & { boundSeconds: number; boundAt30: number };
    noopResync: RunFigures;
    firstIncremental?: RunFigures;
    incremental?: RunFigures;
    fullResyncChanged?: RunFigures;
    baselineInitialLoad?: Naive;
    baselineFullResync?: Naive;
    batchSweep: SweepRow[];
  };
  targets: Target[];
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const s = (x: number) => `${x.toFixed(1)} s`;

export function printReport(r: Results): void {
  const { options: o, scenarios: sc } = r;
  const run = (name: string, f: RunFigures) => [
    name,
    s(f.seconds),
    String(f.sfRequests),
    String(f.sfRows),
    String(f.cbRequests),
    String(f.created + f.updated + f.deleted),
    String(f.rateLimited),
    `${f.peakRssMb.toFixed(0)} MB`,
  ];
  const naive = (name: string, f: Naive) => [
    `${name} (projected from ${f.pushed} pushed in ${f.pushSeconds.toFixed(0)} s)`,
    s(f.projectedSeconds),
    String(f.sfRequests),
    '',
    String(f.cbRequests),
    String(f.cbRequests - 1),
    '',
    '',
  ];
  console.log(
    `\ncatalog-sync benchmark: latency ${o.latencyMs} ms per request on each side, batch ${o.batch}, ${o.requestsPerSecond} requests/s cap\n`,
  );
  console.log(
    table(
      ['scenario', 'wall', 'SF requests', 'SF rows', 'CB requests', 'mutations', '429s', 'peak RSS'],
      [
        run(`1. initial load of ${o.products}`, sc.initialLoad),
        run(`2. no-op full resync of ${o.products}`, sc.noopResync),
        sc.firstIncremental && run(`3a. first incremental after loading ${o.large}`, sc.firstIncremental),
        sc.incremental && run(`3. incremental, 1% of ${o.large} changed`, sc.incremental),
        sc.fullResyncChanged && run(`4. full resync, 1% of ${o.large} changed`, sc.fullResyncChanged),
        sc.baselineInitialLoad && naive('5. naive script, initial load', sc.baselineInitialLoad),
        sc.baselineFullResync && naive('5. naive script, 1%-changed full resync', sc.baselineFullResync),
      ].filter((row): row is string[] => Boolean(row)),
    ),
  );
  console.log(
    `\ninitial load: bound ${s(sc.initialLoad.boundSeconds)} at ${o.requestsPerSecond} requests/s (${s(sc.initialLoad.boundAt30)} at cleverbridge's 30/s); ` +
      `apply phase ${s(sc.initialLoad.applySeconds)}, the rest reading both sides, planning and writing back`,
  );
  if (sc.batchSweep.length > 0) console.log('\nbatch size sweep (initial load):');
  if (sc.batchSweep.length > 0)
    console.log(
      table(
        ['batch', 'products', 'wall', 'CB requests', 'share of bound', '429s'],
        sc.batchSweep.map((b) => [
          String(b.batch),
          String(b.products),
          s(b.seconds),
          String(b.cbRequests),
          `${(b.boundRatio * 100).toFixed(0)}%`,
          String(b.rateLimited),
        ]),
      ),
    );
  console.log('\ntargets:');
  console.log(
    table(
      ['target', 'goal', 'measured', 'status'],
      r.targets.map((t) => [t.name, t.goal, t.value, t.met ? 'met' : 'NOT MET']),
    ),
  );
}
