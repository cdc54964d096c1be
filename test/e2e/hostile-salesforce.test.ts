import { ConfigError } from '../../src/config/config-error.js';
import { runSync } from '../../src/sync/dispatch.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredProduct } from '../../src/sandbox/cleverbridge/model.js';
import { StateStore } from '../../src/state/state-store.js';
import { CREATE, postGraphQL, productInput } from '../helpers/cleverbridge.js';
import { clock, mutations, startClockedWorld, startWorld, type World } from '../helpers/world.js';
import { CASES, Org, type Json, type Synced } from './hostile-salesforce-cases.js';

const localized = (entries: Array<{ language: string; value: string }> | undefined) =>
  Object.fromEntries((entries ?? []).filter((e) => e.value !== '').map((e) => [e.language, e.value]));

function cbProducts(world: World, id: string): StoredProduct[] {
  return [...world.cb.store.all()].filter((p) => p.internalId === id);
}

function expectSynced(world: World, name: string, id: string, want: Synced) {
  const found = cbProducts(world, id);
  expect(found, name).toHaveLength(1);
  const p = found[0]!;
  expect(localized(p.names), name).toEqual(want.names);
  expect(localized(p.contentSettings?.description), name).toEqual(want.descriptions ?? {});
  if (want.internalName !== undefined) expect(p.internalName, name).toBe(want.internalName);
  const prices = (p.price?.tiers ?? []).filter((t) => t.interval === 0).map((t) => [t.currency, t.quantity, t.value]);
  expect(prices, name).toEqual(want.prices ?? [['USD', 1, 10]]);
  expect(world.sf.db.get('Product2', id), name).toMatchObject({
    Cleverbridge_Sync_Status__c: 'Synced',
    Cleverbridge_Product_Id__c: String(p.id),
    Cleverbridge_Sync_Error__c: null,
  });
}

function expectFailed(world: World, runId: number, name: string, id: string, code: string, message: RegExp) {
  const store = StateStore.open(world.stateDb);
  try {
    const errors = store.runs.errors(runId).filter((e) => e.key === id);
    expect(
      errors.map((e) => e.code),
      name,
    ).toContain(code);
    expect(errors.find((e) => e.code === code)!.message, name).toMatch(message);
  } finally {
    store.close();
  }
  const record = world.sf.db.get('Product2', id)!;
  expect(record.Cleverbridge_Sync_Status__c, name).toBe('Error');
  expect(String(record.Cleverbridge_Sync_Error__c), name).toMatch(new RegExp(`(^|\\n)${code}: .*${message.source}`));
}

describe('hostile Salesforce records, end to end', () => {
  let world: World;
  afterEach(() => world.close());

  it(`${CASES.length} cases: each syncs exactly or fails alone with its code, recorded and written back; nothing repeats`, async () => {
    const c = clock();
    world = await startClockedWorld(c, { seed: 'empty' });
    world.mapping.currencies = world.mapping.currencies.filter((x) => x !== 'BRL');
    const org = new Org(world.sf.db);
    const ids = CASES.map((k) => k.make(org));
    const healthy = org.product({ Name: 'Plain Product', ProductCode: 'PLAIN' });

    c.advance(60);
    const first = await world.sync();
    expect(first).toMatchObject({ started: true, outcome: 'partial' });
    if (!first.started) return;
    const failing = CASES.filter((k) => 'fails' in k.expect).length;
    expect(first.plan.counts).toMatchObject({ invalid: failing, create: CASES.length - failing + 1 });
    CASES.forEach((k, i) => {
      if ('synced' in k.expect) expectSynced(world, k.name, ids[i]!, k.expect.synced);
      else {
        expectFailed(world, first.runId, k.name, ids[i]!, k.expect.fails, k.expect.message);
        expect(cbProducts(world, ids[i]!), k.name).toEqual([]);
      }
    });
    expectSynced(world, 'the plain product', healthy, { names: { EN: 'Plain Product' }, internalName: 'PLAIN' });

    // No endless updates: the next full run sends nothing and finds the same errors.
    c.advance(300);
    const sent = mutations(world);
    const second = await world.sync();
    expect(second).toMatchObject({ outcome: 'partial', plan: { counts: { invalid: failing }, cost: { requests: 0 } } });
    expect(mutations(world)).toBe(sent);

    // The edits reach cleverbridge in an incremental run; the failing one fails alone.
    const baseGone = CASES.findIndex((k) => k.name === 'a product whose base-currency price is deleted');
    const before = cbProducts(world, ids[baseGone]!)[0]!;
    c.advance(300);
    CASES.forEach((k, i) => k.edit?.make(org, ids[i]!));
    c.advance(60);
    const third = await world.sync({ kind: 'incremental' });
    expect(third).toMatchObject({ started: true, kind: 'incremental', outcome: 'partial' });
    if (!third.started) return;
    // The NFD re-save changes nothing in cleverbridge; the two deletions update one product each.
    expect(third.plan.counts).toMatchObject({ update: 2, invalid: 1 });
    CASES.forEach((k, i) => {
      if (!k.edit) return;
      if ('synced' in k.edit.expect) expectSynced(world, k.name, ids[i]!, k.edit.expect.synced);
      else expectFailed(world, third.runId, k.name, ids[i]!, k.edit.expect.fails, k.edit.expect.message);
    });
    expect(cbProducts(world, ids[baseGone]!)).toEqual([before]);

    // Settled: the next runs read the write-back once, then send and write nothing.
    for (let i = 0; i < 2; i++) {
      c.advance(300);
      const settled = mutations(world);
      const run = await world.sync({ kind: 'incremental' });
      expect(run).toMatchObject({ plan: { cost: { requests: 0 } } });
      expect(mutations(world)).toBe(settled);
      if (i === 1) expect(run).toMatchObject({ writeBack: { written: 0 }, plan: { counts: { invalid: 0 } } });
    }
  });

  it("a value cleverbridge refuses although the mapping allowed it fails alone with cleverbridge's reason", async () => {
    world = await startWorld({ sf: { seed: 'empty' }, cb: { seed: 'empty' } });
    // An operator set a limit above cleverbridge's own (255 for names).
    world.mapping.limits = { ...world.mapping.limits, names: 1000 };
    const org = new Org(world.sf.db);
    const refused = org.product({ Name: '\u0958'.repeat(255) });
    const fine = org.product({ Name: 'Fine Product' });
    const run = await world.sync();
    expect(run).toMatchObject({ outcome: 'partial', apply: { failed: [expect.objectContaining({ key: refused })] } });
    expect(cbProducts(world, refused)).toEqual([]);
    expectSynced(world, 'the product next to it', fine, { names: { EN: 'Fine Product' } });
    if (run.started) expectFailed(world, run.runId, 'refused', refused, 'VALUE_TOO_LONG', /at most 255 characters/);
  });

  it("reasons longer than the org's error field are cut to fit, and not written again", async () => {
    world = await startWorld({
      sf: { seed: 'empty', customFields: [{ object: 'Product2', name: 'Short_Error__c', type: 'text', length: 80 }] },
      cb: { seed: 'empty' },
    });
    world.mapping.writeBack = { ...world.mapping.writeBack!, error: 'Short_Error__c' };
    const org = new Org(world.sf.db);
    const id = org.product(
      { Name: '\u00a0', Description: 'a\u0007b' },
      {
        prices: [
          ['USD', 1, -1],
          ['JPY', 1, 0.5],
        ],
      },
    );
    const first = await world.sync();
    expect(first).toMatchObject({ outcome: 'partial', writeBack: { written: 1, failed: 0 } });
    const error = String(world.sf.db.get('Product2', id)!.Short_Error__c);
    expect(error).toMatch(/^TEXT_INVALID_CHARACTER: The EN description .*…$/);
    expect(error.length).toBeLessThanOrEqual(80);
    expect(world.sf.db.get('Product2', id)!.Cleverbridge_Sync_Status__c).toBe('Error');
    expect(await world.sync()).toMatchObject({ outcome: 'partial', writeBack: { written: 0, failed: 0 } });
  });

  it('adopts a cleverbridge product carrying the 15-character form of the id instead of making a second one', async () => {
    world = await startWorld({ sf: { seed: 'empty' }, cb: { seed: 'empty' } });
    const org = new Org(world.sf.db);
    const id = org.product({ Name: 'Legacy Import', ProductCode: 'LEGACY' });
    const made = await postGraphQL(world.cb, {
      query: CREATE,
      variables: { input: productInput({ internalId: id.slice(0, 15), names: [{ languageId: 'EN', value: 'Old' }] }) },
    });
    expect(made.status).toBe(200);
    const run = await world.sync();
    expect(run).toMatchObject({ outcome: 'succeeded', plan: { counts: { adopt: 1, create: 0 } } });
    const all = [...world.cb.store.all()];
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ internalId: id.slice(0, 15), names: [{ language: 'EN', value: 'Legacy Import' }] });
    expect(await world.sync()).toMatchObject({ outcome: 'succeeded', plan: { cost: { requests: 0 } } });
  });

  it('a mapped custom field deleted from the org stops the run with a clear error, and nothing is sent', async () => {
    world = await startWorld({
      sf: { seed: 'shieldware', customFields: [{ object: 'Product2', name: 'Teaser__c', type: 'text' }] },
      cb: { seed: 'empty' },
    });
    world.mapping.text = {
      ...world.mapping.text,
      shortDescriptions: { field: 'Teaser__c', translationField: null, languageFields: {} },
    };
    const id = (world.sf.db.records('Product2') as Json[]).find((p) => p.IsActive)!.Id;
    world.sf.db.update('Product2', id, { Teaser__c: 'Protects everything' });
    expect(await world.sync()).toMatchObject({ outcome: 'succeeded' });
    const before = JSON.stringify([...world.cb.store.all()]);
    const sent = mutations(world);

    // The daemon binds the mapping to the org once, at start: its runs meet the deletion in the query.
    const store = StateStore.open(world.stateDb);
    const bound = await world.deps(store);
    world.sf.org.schema.deleteCustomField('Product2', 'Teaser__c');
    try {
      for (const kind of ['full', 'incremental'] as const) {
        const error = await runSync(bound, { kind, trigger: 'cli', allowMassDelete: false }).then(
          () => null,
          (e: Error & { code?: string }) => e,
        );
        expect(error).toMatchObject({ code: 'SF_QUERY_REJECTED' });
        expect(error!.message).toMatch(/No such column 'Teaser__c' on entity 'Product2'/);
        expect(error!.message).toMatch(/config\/mapping\.json/);
      }
    } finally {
      store.close();
    }
    // A new start checks the mapping against the org first and stops naming the setting.
    const error = await world.sync().then(
      () => null,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'mapping.text.shortDescriptions.field: Product2 has no field Teaser__c (missing, or hidden from the integration user by field-level security)',
    ]);
    expect(mutations(world)).toBe(sent);
    expect(JSON.stringify([...world.cb.store.all()])).toBe(before);
  });
});
