/**
 * The soak: the daemon process runs against both sandboxes for a while, with a steady stream of
 * Salesforce edits and cleverbridge faults; then faults stop, a full resync runs, and
 * cleverbridge must equal Salesforce exactly (a plan of nothing but noops, every product once).
 * Prints the daemon's RSS and open file descriptors, first and last, sampled once a minute.
 *   npm run soak [-- --minutes 20 --products 2000 --edit-every 2]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCleverbridgeSandbox } from '../src/sandbox/cleverbridge/server.js';
import { sandboxEnv } from '../src/sandbox/sandbox-env.js';
import { createRandom } from '../src/sandbox/shared/random.js';
import { startSalesforceSandbox } from '../src/sandbox/salesforce/server.js';

type Json = Record<string, any>;

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '20' },
    products: { type: 'string', default: '2000' },
    'edit-every': { type: 'string', default: '2' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const minutes = Number(values.minutes);
const TOKEN = 'soak-control-token-0123456789';
const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 60_000).toFixed(1).padStart(5)} min] ${line}`);

const sf = await startSalesforceSandbox({ seed: `synthetic:${values.products}`, dailyApiLimit: 100_000_000 });
const cb = await startCleverbridgeSandbox({ seed: 'empty', rateLimit: { blockMs: 5000 } });
const port = 20_000 + Math.floor(Math.random() * 20_000);
const daemon = spawn(process.execPath, [join(root, 'bin/catalog-sync.js'), 'start'], {
  cwd: root,
  env: {
    ...process.env,
    ...sandboxEnv(sf, cb),
    STATE_DB: join(mkdtempSync(join(tmpdir(), 'soak-')), 'state.db'),
    SYNC_SCHEDULE: '*/15 * * * * *',
    FULL_SYNC_SCHEDULE: '*/5 * * * *',
    CONTROL_PORT: String(port),
    CONTROL_TOKEN: TOKEN,
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const exited = new Promise<number | null>((resolve) => daemon.once('exit', resolve));
const api = (path: string, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers: { Authorization: `Bearer ${TOKEN}` } });
const status = async () => (await (await api('/status')).json()) as Json;

/** The daemon's resident memory (MB) and open file descriptors, from /proc. */
function sample(): { rssMb: number; fds: number } {
  const text = readFileSync(`/proc/${daemon.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? 0);
  return { rssMb: rssKb / 1024, fds: readdirSync(`/proc/${daemon.pid}/fd`).length };
}

// Wait for the first (full) run to finish.
for (;;) {
  await new Promise((r) => setTimeout(r, 1000));
  const s = await status().catch(() => null);
  if (s?.runs?.some((r: Json) => r.outcome === 'succeeded')) break;
}
const samples = [sample()];
log(`first sync done; daemon RSS ${samples[0]!.rssMb.toFixed(0)} MB, ${samples[0]!.fds} open fds`);

// Faults on both sides, all along.
cb.faults.configure({ errorRate: 0.03, dropRate: 0.02, dropPhase: 'after' });
cb.mutationFaults.setRate(0.01);
sf.faults.configure({ errorRate: 0.01 });

const random = createRandom(7);
const edits = { name: 0, hostileName: 0, price: 0, deactivate: 0, activate: 0, create: 0, delete: 0 };
/** Names from the hostile catalogue (test/e2e/hostile-salesforce.test.ts): some sync, some fail alone. */
const HOSTILE_NAMES = [
  'Shield 🛡️ Family 👨‍👩‍👧 🇩🇪',
  'Café Sécurité'.normalize('NFD'),
  'حماية السحابة\u200f',
  '<script>alert(1)</script> & "quotes" \\ O\'Brien',
  'Z\u0351\u0359a\u0300\u0301l\u0327g\u0306o',
  'Cloud\u0007Vault',
  '\u00a0\u00a0',
];
const book = (sf.db.records('Pricebook2') as Json[]).find((b) => b.IsStandard)!.Id;
let n = 0;
const editOnce = () => {
  const products = sf.db.records('Product2') as Json[];
  const p = products[random.int(0, products.length - 1)]!;
  const kind = random.pick([
    'name',
    'name',
    'hostileName',
    'price',
    'price',
    'deactivate',
    'activate',
    'create',
    'delete',
  ] as const);
  n++;
  if (kind === 'name') sf.db.update('Product2', p.Id, { Name: `Product ${n}` });
  else if (kind === 'hostileName') sf.db.update('Product2', p.Id, { Name: random.pick(HOSTILE_NAMES) });
  else if (kind === 'price') {
    const entry = (sf.db.records('PricebookEntry') as Json[]).find((e) => e.Product2Id === p.Id);
    if (!entry) return;
    sf.db.update('PricebookEntry', entry.Id, { UnitPrice: random.int(5, 500) + 0.99 });
  } else if (kind === 'deactivate') sf.db.update('Product2', p.Id, { IsActive: false });
  else if (kind === 'activate') sf.db.update('Product2', p.Id, { IsActive: true });
  else if (kind === 'delete') sf.db.delete('Product2', p.Id);
  else {
    const id = sf.db.create('Product2', { Name: `Soak Product ${n}`, ProductCode: `SOAK-${n}`, IsActive: true });
    sf.db.create('PricebookEntry', {
      Product2Id: id,
      Pricebook2Id: book,
      CurrencyIsoCode: 'USD',
      UnitPrice: 19.99,
      IsActive: true,
    });
  }
  edits[kind]++;
};
const editing = setInterval(editOnce, Number(values['edit-every']) * 1000);
const sampling = setInterval(() => {
  samples.push(sample());
  const last = samples.at(-1)!;
  log(`RSS ${last.rssMb.toFixed(0)} MB, ${last.fds} fds, ${Object.values(edits).reduce((a, b) => a + b, 0)} edits`);
}, 60_000);
await new Promise((r) => setTimeout(r, minutes * 60_000));
clearInterval(editing);
clearInterval(sampling);

// Quiet: faults off; one more incremental run settles what the faults left uncertain. Then a
// full resync must find nothing left to do: incremental runs alone kept cleverbridge in step.
cb.faults.reset();
cb.mutationFaults.clear();
sf.faults.reset();
cb.rateLimiter.reset();
const quietSince = new Date().toISOString();
for (;;) {
  await new Promise((r) => setTimeout(r, 1000));
  const runs = (await status()).runs as Json[];
  if (runs.some((r) => r.kind === 'incremental' && r.startedAt > quietSince && r.outcome !== 'running')) break;
}
const { runId } = (await (await api('/sync?full=true&wait=true', { method: 'POST' })).json()) as Json;
let full: Json | undefined;
while (!full) {
  await new Promise((r) => setTimeout(r, 1000));
  full = ((await status()).runs as Json[]).find((r) => r.id === runId && r.outcome !== 'running');
}
log(`final full resync: ${full.outcome}`);
const plan = (await (await api('/plan')).json()) as Json;
// Records Salesforce holds that cannot be synced (e.g. activated without an active USD price)
// fail alone with their reason; the rest must match exactly.
const invalid = new Set((plan.entries as Json[]).filter((e) => e.action === 'invalid').map((e) => e.key));
const active = new Set(
  (sf.db.records('Product2') as Json[]).filter((p) => p.IsActive && !invalid.has(p.Id)).map((p) => p.Id),
);
const linked = [...cb.store.all()].filter((p) => p.internalId);
const once = linked.length === new Set(linked.map((p) => p.internalId)).size;
const live = linked.filter((p) => !invalid.has(p.internalId!) && p.status !== 'DEACTIVATED').map((p) => p.internalId!);
const equal = once && live.length === active.size && live.every((id) => active.has(id));
// Contents, judged without catalog-sync's own comparison: every live product's name is its
// Salesforce name (NFC), and every record that cannot sync shows its reason in Salesforce.
const sfById = new Map((sf.db.records('Product2') as Json[]).map((p) => [p.Id as string, p]));
const nameOf = (p: { names: Array<{ language: string; value: string }> }) =>
  p.names.find((x) => x.language === 'EN')?.value;
const namesEqual = linked
  .filter((p) => active.has(p.internalId!))
  .every((p) => nameOf(p) === String(sfById.get(p.internalId!)!.Name).normalize('NFC'));
const reasonsWrittenBack = [...invalid].every(
  (id) => sfById.get(id)?.Cleverbridge_Sync_Status__c === 'Error' && sfById.get(id)?.Cleverbridge_Sync_Error__c,
);
const runs = (await status()).runs as Json[];
samples.push(sample());
daemon.kill('SIGTERM');
const code = await exited;
const first = samples[0]!;
const last = samples.at(-1)!;
console.log(
  JSON.stringify(
    {
      minutes,
      edits,
      finalFullSync: { outcome: full.outcome, counts: full.summary?.counts },
      planAfter: plan.counts,
      invalidWithReasons: invalid.size,
      cleverbridgeEqualsSalesforce: equal,
      namesEqual,
      reasonsWrittenBack,
      eachProductOnce: once,
      rssMb: {
        first: Math.round(first.rssMb),
        last: Math.round(last.rssMb),
        max: Math.round(Math.max(...samples.map((s) => s.rssMb))),
      },
      openFds: { first: first.fds, last: last.fds },
      runsShownInStatus: runs.length,
      daemonExit: code,
      cleverbridgeRequests: cb.log.stats().requests,
    },
    null,
    2,
  ),
);
await Promise.all([sf.close(), cb.close()]);
const nothingToDo = (counts: Record<string, number> | undefined) =>
  counts !== undefined && Object.entries(counts).every(([k, v]) => k === 'noop' || k === 'invalid' || v === 0);
const quiet = nothingToDo(plan.counts) && nothingToDo(full.summary?.counts);
process.exitCode = equal && namesEqual && reasonsWrittenBack && quiet && code === 0 ? 0 : 1;
