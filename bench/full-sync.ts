/**
 * Full sync of a synthetic catalog into an empty cleverbridge, then a no-op full sync: wall
 * time, requests per side, peak RSS of this process (the daemon's side only: the sandboxes run
 * in a child process). Measures what the daemon achieves against cleverbridge's rate limit.
 *   npm run bench:full-sync [-- --products 10000 --batch 50 --latency 0]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { CleverbridgeClient } from '../src/cleverbridge/client.js';
import { Throttle } from '../src/cleverbridge/throttle.js';
import { loadMapping } from '../src/config/mapping-schema.js';
import { loadSettings } from '../src/config/settings.js';
import { connectSalesforce } from '../src/salesforce/connection.js';
import { SalesforceReader } from '../src/salesforce/reader.js';
import { StateStore } from '../src/state/state-store.js';
import { runFullSync } from '../src/sync/run-sync.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '10000' },
    batch: { type: 'string', default: '50' },
    latency: { type: 'string', default: '0' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));

/** Starts `catalog-sync sandbox` in a child process and reads its environment lines. */
async function startSandbox() {
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin/catalog-sync.js'),
      'sandbox',
      '--cb-port',
      '0',
      '--sf-port',
      '0',
      '--cb-seed',
      'empty',
      '--sf-seed',
      `synthetic:${values.products}`,
      '--latency',
      values.latency!,
      '--sf-daily-limit',
      '100000000',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const env: Record<string, string> = {};
  for await (const line of createInterface({ input: child.stdout })) {
    for (const [, k, v] of line.matchAll(/\b([A-Z_]+)=(\S+)/g)) env[k!] = v!;
    if (line.startsWith('Press Ctrl-C')) break;
  }
  return { env, stop: () => child.kill('SIGTERM') };
}

const sandbox = await startSandbox();
const settings = loadSettings(
  { ...sandbox.env, CB_BATCH_SIZE: values.batch, STATE_DB: join(mkdtempSync(join(tmpdir(), 'bench-')), 'state.db') },
  join(root, 'config/catalog-sync.json'),
);
const mapping = loadMapping(join(root, 'config/mapping.json'));
const store = StateStore.open(settings.stateDb);

async function run(label: string) {
  const cleverbridge = new CleverbridgeClient(settings.cleverbridge);
  const throttle = new Throttle(settings.cleverbridge);
  const salesforce = new SalesforceReader(await connectSalesforce(settings.salesforce), mapping);
  const started = performance.now();
  const report = await runFullSync(
    { settings, mapping, store, salesforce, cleverbridge, throttle, log: pino({ level: 'silent' }) },
    { kind: 'full', trigger: 'cli', dryRun: false, allowMassDelete: false },
  );
  const seconds = (performance.now() - started) / 1000;
  if (!report.started) throw new Error('lock held');
  const m = report.apply!.succeeded;
  console.log(
    `${label}: ${seconds.toFixed(1)} s, ${report.outcome}; ${m.create} created, ${m.update} updated; requests: Salesforce ${report.requests.salesforce}, cleverbridge ${report.requests.cleverbridge} (${throttle.stats.rateLimited} x 429)`,
  );
  return { seconds, report };
}

try {
  const first = await run(`initial load of ${values.products} products, batch ${values.batch}`);
  const mutations = first.report.started ? first.report.apply!.succeeded.create : 0;
  const bound = mutations / (30 * Number(values.batch));
  console.log(
    `  bound at 30 requests/s: ${bound.toFixed(1)} s; achieved ${((bound / first.seconds) * 100).toFixed(0)}% of it`,
  );
  await run('no-op full resync');
  console.log(`peak RSS of the daemon side: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  store.close();
  sandbox.stop();
}
