/**
 * How long a Salesforce edit takes to reach cleverbridge with the daemon running, and what an
 * idle daemon costs. With change events (the default): 20 edits at random moments, renames and
 * price changes in turn, against the targets (median under 2 s, maximum under 5 s); then a quiet
 * window, extrapolated to an hour (the backstop polls and the streaming connection's requests).
 * Polling only (`--events off`): the delay of the schedule, and an idle incremental run's calls.
 *   npm run bench:latency [-- --events off --schedule "*\/10 * * * * *" --samples 5 --spread 10]
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
    events: { type: 'string', default: 'on' },
    schedule: { type: 'string', default: '*/5 * * * *' },
    samples: { type: 'string' },
    // Edits come up to this many seconds (at random) after the previous one arrived; 0: at once.
    spread: { type: 'string' },
    // With events: how long the quiet window lasts, in seconds.
    quiet: { type: 'string', default: '120' },
  },
});
const events = values.events !== 'off';
const samples = Number(values.samples ?? (events ? 20 : 3));
const spread = Number(values.spread ?? (events ? 3 : 0));
const TOKEN = 'bench-latency-token-0123456789';
const root = fileURLToPath(new URL('..', import.meta.url));
const sf = await startSalesforceSandbox({ dailyApiLimit: 10_000_000 });
const cb = await startCleverbridgeSandbox({ seed: 'empty' });
const port = 10_000 + Math.floor(Math.random() * 20_000);
const lines: Array<Record<string, any>> = [];
const runs = () => lines.filter((l) => l.msg === 'run finished');
const daemon = spawn(process.execPath, [join(root, 'bin/catalog-sync.js'), 'start'], {
  cwd: root,
  env: {
    ...process.env,
    ...sandboxEnv(sf, cb),
    STATE_DB: join(mkdtempSync(join(tmpdir(), 'latency-')), 'state.db'),
    SYNC_SCHEDULE: values.schedule,
    CHANGE_EVENTS: events ? 'on' : 'off',
    CONTROL_PORT: String(port),
    CONTROL_TOKEN: TOKEN,
    LOG_LEVEL: 'info',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let partial = '';
daemon.stdout.on('data', (d: Buffer) => {
  partial += d.toString();
  const parts = partial.split('\n');
  partial = parts.pop() ?? '';
  for (const l of parts) {
    try {
      lines.push(JSON.parse(l));
    } catch {
      // not JSON
    }
  }
});
const until = (test: () => boolean) =>
  new Promise<void>((resolve) => {
    const t = setInterval(() => test() && (clearInterval(t), resolve()), 10);
  });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
await until(() => runs().length >= 1);
if (events) await until(() => lines.some((l) => l.msg === 'change events' && l.state === 'up'));

const product = sf.db.records('Product2').find((p) => p.ProductCode === 'CB-3Y')!;
const id = String(product.Id);
const entry = sf.db.records('PricebookEntry').find((e) => e.Product2Id === id && e.CurrencyIsoCode === 'USD')!;
const cbProduct = () => [...cb.store.all()].find((p) => p.internalId === id)!;
/** A rename, or (every other edit, with events) a new USD price: the predicate says it arrived. */
function edit(i: number): () => boolean {
  if (events && i % 2 === 1) {
    const price = 200 + i;
    sf.db.update('PricebookEntry', String(entry.Id), { UnitPrice: price });
    return () => cbProduct().price!.tiers.some((t) => t.value === price);
  }
  const name = `Cloudbit - 3 Years #${i}`;
  sf.db.update('Product2', id, { Name: name });
  return () => cbProduct().names.some((n) => n.value === name);
}
const delays: number[] = [];
for (let i = 0; i < samples; i++) {
  await pause(Math.random() * spread * 1000);
  const at = Date.now();
  await until(edit(i));
  delays.push((Date.now() - at) / 1000);
  console.log(`edit ${i + 1}: in cleverbridge after ${delays.at(-1)!.toFixed(2)} s`);
}
const sorted = [...delays].sort((a, b) => a - b);
const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
const max = sorted.at(-1)!;
const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
console.log(
  `${events ? 'change events' : `schedule ${values.schedule}`}: delay median ${median.toFixed(2)} s, mean ${mean.toFixed(2)} s, max ${max.toFixed(2)} s`,
);
if (events) {
  console.log(
    `target median < 2 s: ${median < 2 ? 'met' : 'NOT MET'}; target max < 5 s: ${max < 5 ? 'met' : 'NOT MET'}`,
  );
  await quietHour();
} else {
  // Idle: wait for two more runs with no edit; the second reads nothing new.
  const seen = runs().length;
  await until(() => runs().length >= seen + 2);
  const idle = runs().at(-1)!;
  console.log(
    `idle incremental run: ${idle.requests.salesforce} Salesforce API calls (${idle.requests.salesforceRows} records read), ${idle.requests.cleverbridge} cleverbridge requests`,
  );
}
daemon.kill('SIGTERM');
await new Promise((r) => daemon.once('exit', r));
await Promise.all([sf.close(), cb.close()]);

/**
 * A quiet window with events flowing: the polls that ran in it (none: the backstop waits 15
 * minutes) and the streaming requests, extrapolated to an hour beside four backstop polls, each
 * costing what an idle poll costs (one started over the control API after the window).
 */
async function quietHour(): Promise<void> {
  await pause(2000); // the last edit's write-back event
  const cometd = () => sf.log.stats().operations;
  const before = { requests: sf.log.stats().requests, runs: runs().length, ops: { ...cometd() } };
  const seconds = Number(values.quiet);
  await pause(seconds * 1000);
  const after = sf.log.stats();
  const streaming = Object.entries(after.operations)
    .filter(([kind]) => kind.startsWith('cometd'))
    .reduce((n, [kind, count]) => n + count - (before.ops[kind] ?? 0), 0);
  const polls = runs().length - before.runs;
  const started = await fetch(`http://127.0.0.1:${port}/sync?wait=true`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  const { runId } = (await started.json()) as { runId: number };
  await until(() => runs().some((r) => r.runId === runId));
  const poll = runs().find((r) => r.runId === runId)!;
  const perHour = 3600 / seconds;
  console.log(
    `quiet ${seconds} s with events up: ${polls} poll(s), ${streaming} streaming message(s) (${after.requests - before.requests} Salesforce requests in all)`,
  );
  console.log(
    `quiet hour, extrapolated: 4 backstop polls x ${poll.requests.salesforce} API calls = ${4 * poll.requests.salesforce} API calls, plus about ${Math.round(streaming * perHour)} streaming messages (not counted against the API allocation)`,
  );
  console.log(`target at most 4 polls an hour: ${polls * perHour <= 4 ? 'met' : 'NOT MET'} (${polls} in ${seconds} s)`);
}
