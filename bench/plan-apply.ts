/**
 * npm run bench:plan-apply: `plan --out` and `apply` at N products, in process against both
 * sandboxes (the tests' world), beside a full sync of the same catalog.
 *   npm run bench:plan-apply [-- --products 10000 --rate 25 --changed 100]
 * Prints: the plan of an initial load (time, file size), its apply (time, requests, 429s), then,
 * on the catalog in step with `--changed` products renamed, the plan, the snapshot version and
 * the apply with its basis check, and a no-op full sync for comparison.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SalesforceSandboxOptions } from '../src/sandbox/salesforce/server.js';
import { StateStore } from '../src/state/state-store.js';
import { applyPlan } from '../src/sync/apply-plan.js';
import { snapshotVersion } from '../src/sync/plan-basis.js';
import { planForReview } from '../src/sync/plan-for-review.js';
import { serializePlan } from '../src/sync/saved-plan.js';
import type { SyncReport } from '../src/sync/types.js';
import { startWorld } from '../test/helpers/world.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '25' },
    changed: { type: 'string', default: '100' },
  },
});
const N = Number(values.products);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const sent = (r: SyncReport) =>
  r.started
    ? `${r.outcome}, ${r.requests.salesforce} Salesforce and ${r.requests.cleverbridge} cleverbridge requests, ${r.requests.rateLimited} x 429`
    : 'not started (the run lock is held)';

const sf: SalesforceSandboxOptions = { seed: `synthetic:${N}`, dailyApiLimit: 10_000_000 };
const world = await startWorld({ sf, settings: (s) => void (s.cleverbridge.requestsPerSecond = Number(values.rate)) });
const store = StateStore.open(world.stateDb);
try {
  const deps = await world.deps(store);
  let t = performance.now();
  const { saved } = await planForReview(deps, false);
  const planned = seconds(t);
  const file = join(mkdtempSync(join(tmpdir(), 'plan-apply-')), 'plan.json');
  t = performance.now();
  writeFileSync(file, serializePlan(saved));
  const size = (statSync(file).size / 1e6).toFixed(1);
  console.log(`plan --out of an initial load of ${N}: ${planned}, file written in ${seconds(t)}, ${size} MB`);
  t = performance.now();
  const load = await applyPlan(deps, saved);
  console.log(`apply at ${values.rate} requests/s: ${seconds(t)}, ${sent(load)}`);

  const renamed = (world.sf.db.records('Product2') as Array<{ Id: string; Name: string }>).slice(
    0,
    Number(values.changed),
  );
  for (const p of renamed) world.sf.db.update('Product2', p.Id, { Name: `${p.Name} (renamed)` });
  t = performance.now();
  const { saved: small } = await planForReview(deps, false);
  console.log(`plan --out with ${renamed.length} of ${N} renamed: ${seconds(t)}, ${small.plan.entries.length} entries`);
  t = performance.now();
  snapshotVersion(store);
  console.log(`snapshot version of ${store.snapshot.count()} rows: ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  const apply = await applyPlan(deps, small);
  console.log(`apply, basis check included: ${seconds(t)}, ${sent(apply)}`);
  t = performance.now();
  await world.sync();
  console.log(`a no-op full sync beside it: ${seconds(t)}`);
} finally {
  store.close();
  await world.close();
}
