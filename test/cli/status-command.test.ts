import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { replayCursor } from '../../src/daemon/change-subscription.js';
import { StateStore } from '../../src/state/state-store.js';
import { runCli } from '../helpers/daemon-process.js';
import { startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

describe('catalog-sync status', () => {
  let world: World;
  let closed = false;
  afterEach(async () => {
    if (!closed) await world.close();
    closed = false;
  });

  /** Two runs: a full sync, then one with an invalid price and more deletes than the limit allows. */
  async function history() {
    world = await startWorld({ cb: { seed: 'empty' } });
    await world.sync({ kind: 'full' });
    const db = world.sf.db;
    const active = (db.records('Product2') as Json[]).filter((p) => p.IsActive);
    const broken = active[0]!;
    const entry = (db.records('PricebookEntry') as Json[]).find((e) => e.Product2Id === broken.Id)!;
    db.update('PricebookEntry', entry.Id, { UnitPrice: -5 });
    for (const p of active.slice(1, 7)) db.delete('Product2', p.Id);
    const run = await world.sync({ kind: 'full' });
    expect(run).toMatchObject({ started: true, outcome: 'partial' });
    return { broken };
  }

  it('says what the state file holds, without credentials and with both systems gone', async () => {
    const { broken } = await history();
    const state = world.settings.stateDb;
    await world.close();
    closed = true;
    // As the daemon leaves it once a run covered change events up to replay id 42.
    const store = StateStore.open(state);
    store.cursors.set(replayCursor('/data/Product2ChangeEvent'), '42', new Date().toISOString());
    store.close();
    // Only the state file: no Salesforce or cleverbridge setting, neither system running.
    const bare = { SF_LOGIN_URL: '', SF_CLIENT_ID: '', CB_GRAPHQL_URL: '', CB_PASSWORD: '', STATE_DB: state };
    const text = runCli(world, ['status'], bare);
    expect(await text.exit, text.output()).toBe(0);
    const out = text.output();
    expect(out).toContain(`state file ${state}: 10 product(s) managed, 0 mutation(s) of unknown outcome`);
    expect(out).toMatch(/^cursor: \d{4}-\d\d-\d\dT[\d:.]+Z \(Salesforce's clock\)$/m);
    expect(out).toContain('change events: /data/Product2ChangeEvent at replay id 42\n');
    expect(out).toMatch(/^last read: .* \(\d+ s ago\); last complete read: .* \(\d+ s ago\)$/m);
    expect(out).toMatch(
      /^ {2}run 2 full \(cli\) .* partial: 6 to change, 5 unchanged, 1 invalid; requests: \d+ Salesforce, 1 cleverbridge$/m,
    );
    expect(out).toMatch(/^ {2}run 1 full \(cli\) .* succeeded: 10 to change/m);
    expect(out).toMatch(/^DELETES HELD by run 2: .+/m);
    expect(out).toContain('  release them: catalog-sync sync --full --allow-mass-delete');
    expect(out).toContain('  or review them first: catalog-sync plan --out plan.json --allow-mass-delete, then');
    expect(out).toContain(`errors of run 2 (2):\n  ${broken.Id} ${JSON.stringify(broken.Name)}: PRICE_INVALID: `);

    const json = runCli(world, ['status', '--json'], bare);
    expect(await json.exit).toBe(0);
    const status = JSON.parse(json.output()) as Json;
    expect(status).toMatchObject({
      stateDb: state,
      products: 10,
      pendingMutations: 0,
      running: null,
      changeEvents: { '/data/Product2ChangeEvent': 42 },
      deletesHeld: { runId: 2, reason: expect.any(String) },
      errors: {
        runId: 2,
        errors: [{ key: broken.Id, label: broken.Name, code: 'PRICE_INVALID' }, { code: 'BASE_PRICE_MISSING' }],
      },
    });
    expect(status.runs.map((r: Json) => [r.id, r.kind, r.trigger, r.outcome])).toEqual([
      [2, 'full', 'cli', 'partial'],
      [1, 'full', 'cli', 'succeeded'],
    ]);
    expect(status.lastCompleteRead).toBe(status.lastRead);
  });

  it('refuses, exit 1, when there is no state file there', async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    const missing = join(mkdtempSync(join(tmpdir(), 'status-')), 'none.db');
    const run = runCli(world, ['status', '--state', missing]);
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain(`no state file at ${missing}`);
  });
});
