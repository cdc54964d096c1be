/**
 * How long a Salesforce edit takes to reach cleverbridge with the daemon running on a schedule,
 * and how many Salesforce API calls an idle incremental run spends.
 *   npm run bench:latency [-- --schedule "*\/10 * * * * *" --samples 5 --spread 10]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCleverbridgeSandbox } from '../src/sandbox/cleverbridge/server.js';
import { sandboxEnv } from '../src/sandbox/sandbox-env.js';
import { startSalesforceSandbox } from '../src/sandbox/salesforce/server.js';

const { values } = parseArgs({
  options: {
    schedule: { type: 'string', default: '*/5 * * * *' },
    samples: { type: 'string', default: '3' },
    // Edits come this many seconds (at random) after the previous one arrived; 0: at once, the
    // worst case (a whole interval to wait). The schedule's interval gives the average case.
    spread: { type: 'string', default: '0' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const sf = await startSalesforceSandbox({ dailyApiLimit: 10_000_000 });
const cb = await startCleverbridgeSandbox({ seed: 'empty' });
const runs: Array<Record<string, any>> = [];
const daemon = spawn(process.execPath, [join(root, 'bin/catalog-sync.js'), 'start'], {
  cwd: root,
  env: {
    ...process.env,
    ...sandboxEnv(sf, cb),
    STATE_DB: join(mkdtempSync(join(tmpdir(), 'latency-')), 'state.db'),
    SYNC_SCHEDULE: values.schedule,
    CONTROL_PORT: '0',
    LOG_LEVEL: 'info',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let partial = '';
daemon.stdout.on('data', (d: Buffer) => {
  partial += d.toString();
  const lines = partial.split('\n');
  partial = lines.pop() ?? '';
  for (const l of lines) {
    try {
      const line = JSON.parse(l);
      if (line.msg === 'run finished') runs.push(line);
    } catch {
      // not JSON
    }
  }
});
const until = (test: () => boolean) =>
  new Promise<void>((resolve) => {
    const t = setInterval(() => test() && (clearInterval(t), resolve()), 10);
  });
await until(() => runs.length >= 1);
const product = sf.db.records('Product2').find((p) => p.ProductCode === 'CB-3Y')!;
const cbProduct = () => [...cb.store.all()].find((p) => p.internalId === product.Id)!;
const delays: number[] = [];
for (let i = 0; i < Number(values.samples); i++) {
  await new Promise((r) => setTimeout(r, Math.random() * Number(values.spread) * 1000));
  const name = `Cloudbit - 3 Years #${i}`;
  const at = Date.now();
  sf.db.update('Product2', String(product.Id), { Name: name });
  await until(() => cbProduct().names.some((n) => n.value === name));
  delays.push((Date.now() - at) / 1000);
  console.log(`edit ${i + 1}: in cleverbridge after ${delays.at(-1)!.toFixed(1)} s`);
}
// Idle: wait for two more runs with no edit; the second reads nothing new.
const seen = runs.length;
await until(() => runs.length >= seen + 2);
const idle = runs.at(-1)!;
console.log(
  `schedule ${values.schedule}: delay mean ${(delays.reduce((a, b) => a + b, 0) / delays.length).toFixed(1)} s, max ${Math.max(...delays).toFixed(1)} s`,
);
console.log(
  `idle incremental run: ${idle.requests.salesforce} Salesforce API calls (${idle.requests.salesforceRows} records read), ${idle.requests.cleverbridge} cleverbridge requests`,
);
daemon.kill('SIGTERM');
await new Promise((r) => daemon.once('exit', r));
await Promise.all([sf.close(), cb.close()]);
