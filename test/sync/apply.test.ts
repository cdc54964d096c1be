import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CleverbridgeClient } from '../../src/cleverbridge/client.js';
import { mapCleverbridgeProduct } from '../../src/cleverbridge/map-product.js';
import type { PlanEntry } from '../../src/core/plan-types.js';
import { makeSalesforceId } from '../../src/core/salesforce-id.js';
import type { CleverbridgeSandbox } from '../../src/sandbox/cleverbridge/server.js';
import { StateStore } from '../../src/state/state-store.js';
import { Applier, applyAll as applyPlan, type ApplyContext } from '../../src/sync/apply/applier.js';
import { MAX_ATTEMPTS } from '../../src/sync/apply/transitions.js';
import { workItems } from '../../src/sync/apply/work-items.js';
import { withSandbox } from '../helpers/cleverbridge.js';
import { defaultMapping } from '../helpers/mapping.js';
import { namedProduct } from '../helpers/products.js';

const config = defaultMapping();
const key = (i: number) => makeSalesforceId('01t', '5g', 5000 + i);
const product = namedProduct;
const creates = (n: number): PlanEntry[] =>
  Array.from({ length: n }, (_, i) => ({ key: key(i), action: 'create' as const, product: product(`Product ${i}`) }));

describe('applying a plan to cleverbridge', () => {
  let sandbox: CleverbridgeSandbox;
  let store: StateStore;
  let runId: number;

  beforeEach(async () => {
    sandbox = await withSandbox({ seed: 'empty' });
    store = StateStore.open(join(mkdtempSync(join(tmpdir(), 'apply-')), 'state.db'));
    runId = store.runs.start('full', 'cli', false, new Date().toISOString());
  });
  afterEach(async () => {
    store.close();
    await sandbox.close();
  });

  /** A client of the sandbox with its own throttle, as one process has. */
  function client(over: { password?: string; requestsPerSecond?: number; concurrency?: number } = {}) {
    const user = sandbox.users[0]!;
    return new CleverbridgeClient(
      {
        url: sandbox.graphqlUrl,
        username: user.username,
        password: over.password ?? user.password,
        clientId: 864,
        timeoutMs: 5000,
        requestsPerSecond: over.requestsPerSecond ?? 28,
        concurrency: over.concurrency ?? 4,
      },
      config,
    );
  }

  function context(over: Partial<ApplyContext> = {}): ApplyContext {
    return {
      session: client().session(),
      store,
      runId,
      batchSize: 10,
      kept: () => [],
      now: () => new Date().toISOString(),
      sleep: async () => {},
      ...over,
    };
  }

  const internalIds = () => [...sandbox.store.all()].map((p) => p.internalId).sort();

  it('creates every product in batches, records each in the snapshot and settles the journal', async () => {
    const result = await applyPlan(workItems(creates(35)), context());
    expect(result.succeeded).toEqual({ create: 35, update: 0, delete: 0 });
    expect(result.requests).toBe(4);
    expect(sandbox.log.stats().operations['mutation:createProduct']).toBe(35);
    expect(internalIds()).toEqual(Array.from({ length: 35 }, (_, i) => key(i)).sort());
    expect(store.snapshot.count()).toBe(35);
    const row = store.snapshot.get(key(3))!;
    expect(sandbox.store.get(row.cbId)?.internalId).toBe(key(3));
    expect(store.journal.pending()).toEqual([]);
  });

  it('applies work as it is pushed: full batches at once, the partial rest only at finish', async () => {
    const applier = new Applier(context());
    const items = workItems(creates(25));
    const sent = () => sandbox.log.stats().operations['mutation:createProduct'] ?? 0;
    applier.push(items.slice(0, 14));
    // One full batch of 10 goes out; the 4 left wait for more, however long it takes.
    await vi.waitFor(() => expect(sent()).toBe(10), { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sent()).toBe(10);
    applier.push(items.slice(14));
    await vi.waitFor(() => expect(sent()).toBe(20), { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sent()).toBe(20);
    const result = await applier.finish();
    expect(result).toMatchObject({ succeeded: { create: 25 }, requests: 3, failed: [], notSent: [] });
    expect(internalIds()).toEqual(Array.from({ length: 25 }, (_, i) => key(i)).sort());
  });

  it('sends nothing more once aborted; what was sent is recorded', async () => {
    const applier = new Applier(context({ session: client({ requestsPerSecond: 5, concurrency: 1 }).session() }));
    applier.push(workItems(creates(40)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    applier.abort();
    const result = await applier.finish();
    expect(result.succeeded.create).toBeGreaterThanOrEqual(10);
    expect(result.succeeded.create + result.notSent.length).toBe(40);
    expect(sandbox.store.size).toBe(result.succeeded.create);
    expect(store.snapshot.count()).toBe(result.succeeded.create);
    expect(store.journal.pending()).toEqual([]);
  });

  it('fails, rather than hangs, when the state file fails under it', async () => {
    const applier = new Applier(context({ session: client({ requestsPerSecond: 5, concurrency: 1 }).session() }));
    applier.push(workItems(creates(40)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    store.close();
    await expect(applier.finish()).rejects.toThrow(/database connection is not open/);
  });

  it('fails a record cleverbridge refuses alone, with its reason, and applies the rest', async () => {
    sandbox.mutationFaults.add({
      internalId: key(4),
      code: 'INVALID_VALUE',
      message: 'value must be between 0 and 1000000000.',
    });
    const result = await applyPlan(workItems(creates(10)), context());
    expect(result.succeeded.create).toBe(9);
    expect(result.failed).toEqual([
      { key: key(4), code: 'INVALID_VALUE', message: 'value must be between 0 and 1000000000.' },
    ]);
    // With the product's name, so that the status page finds it by name.
    expect(store.runs.errors(runId)).toEqual([
      { key: key(4), label: 'Product 4', code: 'INVALID_VALUE', message: 'value must be between 0 and 1000000000.' },
    ]);
    expect(store.journal.pending()).toEqual([]);
  });

  it("records a refused product under its name in the mapping's default language", async () => {
    sandbox.mutationFaults.add({ internalId: key(1), code: 'INVALID_VALUE', message: 'refused' });
    const entries = creates(2).map((e) =>
      e.action === 'create' ? { ...e, product: { ...e.product, names: { DE: 'Produkt', EN: 'Product' } } } : e,
    );
    await applyPlan(workItems(entries), context({ language: 'EN' }));
    expect(store.runs.errors(runId).map((e) => e.label)).toEqual(['Product']);
  });

  it.each([true, false])(
    'never duplicates a product whose create succeeded but whose answer was lost (unique internalIds: %s)',
    async (unique) => {
      sandbox.store.uniqueInternalIds = unique;
      sandbox.faults.schedule({ kind: 'drop', phase: 'after' }, 2);
      sandbox.mutationFaults.add({ internalId: key(7), phase: 'after', times: 2 });
      const result = await applyPlan(workItems(creates(20)), context());
      expect(result.succeeded.create).toBe(20);
      expect(result.failed).toEqual([]);
      expect(internalIds()).toEqual(Array.from({ length: 20 }, (_, i) => key(i)).sort());
      expect(sandbox.store.size).toBe(20);
      expect(store.snapshot.count()).toBe(20);
      expect(store.journal.pending()).toEqual([]);
    },
  );

  it('makes a create answered DUPLICATE_INTERNAL_ID right by internalId, without a second product', async () => {
    const taken = await applyPlan(workItems(creates(1)), context());
    const cbId = store.snapshot.get(key(0))!.cbId;
    expect(taken.succeeded.create).toBe(1);
    // The plan did not know (a snapshot row lost): it asks for a create of a product that exists.
    store.snapshot.remove(key(0));
    const entry: PlanEntry = { key: key(0), action: 'create', product: product('Renamed') };
    const result = await applyPlan(workItems([entry]), context());
    expect(result).toMatchObject({ succeeded: { create: 1 }, failed: [], unknown: [] });
    expect(sandbox.log.stats().failedOperations['mutation:createProduct']).toBe(1);
    expect(sandbox.store.size).toBe(1);
    expect(sandbox.store.get(cbId)?.names).toEqual([{ language: 'EN', value: 'Renamed' }]);
    expect(store.snapshot.get(key(0))?.cbId).toBe(cbId);
    expect(store.journal.pending()).toEqual([]);
  });

  it('gives up on a mutation that never gets an answer: unknown, its journal rows pending, its snapshot row marked', async () => {
    await applyPlan(workItems(creates(1)), context());
    const row = store.snapshot.get(key(0))!;
    sandbox.mutationFaults.add({ internalId: key(0), code: 'INTERNAL_SERVER_ERROR', times: 100 });
    const entry: PlanEntry = {
      key: key(0),
      action: 'update',
      cbId: row.cbId,
      product: product('Renamed'),
      changes: [{ field: 'names', from: { EN: 'Product 0' }, to: { EN: 'Renamed' } }],
    };
    const result = await applyPlan(workItems([entry]), context());
    expect(result.unknown).toEqual([
      { key: key(0), code: 'CB_OUTCOME_UNKNOWN', message: 'no answer after 8 attempts' },
    ]);
    expect(store.journal.pending().map((j) => j.key)).toEqual(Array(8).fill(key(0)));
    expect(store.snapshot.get(key(0))).toMatchObject({ cbId: row.cbId, lastOutcome: 'unknown' });
    expect(store.snapshot.unknownKeys()).toEqual([key(0)]);
  });

  it(
    'defect 2: a create answered DUPLICATE_INTERNAL_ID whose ensure answers NOT_FOUND fails alone after a bounded number of attempts, with both answers',
    { timeout: 10_000 },
    async () => {
      // The internalId lookup and the uniqueness check disagree (another client account, letter case).
      sandbox.mutationFaults.add({
        mutation: 'createProduct',
        internalId: key(0),
        code: 'DUPLICATE_INTERNAL_ID',
        message: 'Product 1 already has this internalId.',
      });
      sandbox.mutationFaults.add({
        mutation: 'updateProduct',
        internalId: key(0),
        code: 'NOT_FOUND',
        message: 'No product with this internalId.',
      });
      const result = await applyPlan(workItems(creates(3)), context());
      expect(result.succeeded.create).toBe(2);
      expect(result.failed).toHaveLength(1);
      expect(result.failed[0]).toMatchObject({ key: key(0), code: 'CB_CREATE_UNRESOLVED' });
      expect(result.failed[0]!.message).toMatch(/DUPLICATE_INTERNAL_ID.*NOT_FOUND|NOT_FOUND.*DUPLICATE_INTERNAL_ID/);
      const ops = sandbox.log.stats().operations;
      expect((ops['mutation:createProduct'] ?? 0) + (ops['mutation:updateProduct'] ?? 0)).toBe(2 + MAX_ATTEMPTS);
      expect(store.journal.pending()).toEqual([]);
    },
  );

  it('sends the creates that ensures answered NOT_FOUND in full batches, not one request per answer', async () => {
    // A quarter of the work is new products (sent as ensures first), the rest deletes of
    // products cleverbridge no longer has: each batch's answer frees two or three creates.
    const entries: PlanEntry[] = Array.from({ length: 100 }, (_, i) =>
      i % 4 === 0
        ? { key: key(i), action: 'create', product: product(`Product ${i}`) }
        : {
            key: key(i),
            action: 'delete',
            cbId: 900_000 + i,
            mode: 'delete',
            held: false,
            reason: 'deleted-in-salesforce',
          },
    );
    const result = await applyPlan(workItems(entries, true), context());
    expect(result).toMatchObject({ succeeded: { create: 25, delete: 75 }, failed: [], unknown: [] });
    // Ten batches of ensures and deletes, then the 25 creates in three batches.
    expect(result.requests).toBe(13);
    expect(sandbox.store.size).toBe(25);
  });

  it('retries through 5xx answers and dropped connections', async () => {
    sandbox.faults.schedule({ kind: 'error', status: 503 });
    sandbox.faults.schedule({ kind: 'drop', phase: 'before' });
    sandbox.faults.schedule({ kind: 'error', status: 500 });
    const result = await applyPlan(workItems(creates(30)), context());
    expect(result.succeeded.create).toBe(30);
    expect(sandbox.store.size).toBe(30);
    expect(result.requests).toBeGreaterThan(3);
  });

  it('on a 429 sends nothing until its Retry-After has passed, then resends what was refused', async () => {
    sandbox.rateLimiter.forceBlock(300); // answered with Retry-After: 1 (seconds, rounded up)
    const session = client().session();
    const result = await applyPlan(workItems(creates(60)), context({ session }));
    expect(result).toMatchObject({ succeeded: { create: 60 }, failed: [], unknown: [] });
    expect(sandbox.store.size).toBe(60);
    const log = sandbox.log.entries();
    const refused = log.filter((r) => r.status === 429);
    const first = refused[0]!;
    // Only requests already in flight when the first 429 came back can meet the block.
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeLessThanOrEqual(4);
    const next = log.find((r) => r.at > first.at && r.status !== 429)!;
    expect(next.at - first.at).toBeGreaterThanOrEqual(950);
    expect(session.rateLimited).toBe(refused.length);
  });

  it('stops at the first 401 without retrying, sending nothing more', async () => {
    const user = sandbox.users[0]!;
    const result = await applyPlan(
      workItems(creates(100)),
      context({ session: client({ password: 'wrong' }).session() }),
    );
    expect(result.stoppedBy?.code).toBe('CB_AUTH_FAILED');
    expect(result.succeeded.create).toBe(0);
    expect(result.notSent).toHaveLength(100);
    // One request while the credentials are unproven; after its 401, nothing more is sent.
    expect(sandbox.log.stats()).toMatchObject({ requests: 1, byStatus: { '401': 1 } });
    expect(sandbox.auth.isLocked(user.username)).toBe(false);
    expect(store.journal.pending()).toEqual([]);
  });

  it('updates, deactivates and deletes, treating an already deleted product as deleted', async () => {
    const first = await applyPlan(workItems(creates(3)), context());
    expect(first.succeeded.create).toBe(3);
    const rows = [0, 1, 2].map((i) => store.snapshot.get(key(i))!);
    const entries: PlanEntry[] = [
      {
        key: key(0),
        action: 'update',
        cbId: rows[0]!.cbId,
        product: product('Renamed', 12),
        changes: [
          { field: 'names', from: { EN: 'Product 0' }, to: { EN: 'Renamed' } },
          { field: 'price', from: product('x').price, to: product('x', 12).price },
        ],
      },
      {
        key: key(1),
        action: 'delete',
        cbId: rows[1]!.cbId,
        mode: 'deactivate',
        held: false,
        reason: 'deleted-in-salesforce',
      },
      {
        key: key(2),
        action: 'delete',
        cbId: rows[2]!.cbId,
        mode: 'delete',
        held: false,
        reason: 'deleted-in-salesforce',
      },
    ];
    sandbox.store.delete(rows[2]!.cbId); // deleted out of band meanwhile
    const result = await applyPlan(workItems(entries), context());
    expect(result.succeeded).toEqual({ create: 0, update: 2, delete: 1 });
    expect(mapCleverbridgeProduct(cbProduct(rows[0]!.cbId), config).product.names).toEqual({ EN: 'Renamed' });
    expect(sandbox.store.get(rows[1]!.cbId)?.status).toBe('DEACTIVATED');
    expect(store.snapshot.get(key(0))?.product.names).toEqual({ EN: 'Renamed' });
    expect(store.snapshot.get(key(1))).toBeUndefined();
    expect(store.snapshot.get(key(2))).toBeUndefined();
  });

  function cbProduct(id: number) {
    const p = sandbox.store.get(id)!;
    return {
      id: p.id,
      internalId: p.internalId,
      status: { id: p.status },
      productType: { id: p.productType },
      salesTaxCode: { code: p.salesTaxCode },
      numberOfLicenses: p.numberOfLicenses,
      internalName: p.internalName,
      internalCategory: p.internalCategory,
      names: p.names.map((n) => ({ value: n.value, language: { id: n.language } })),
      additionalNameInformation: null,
      contentSettings: null,
      price: {
        isGross: p.price!.isGross,
        baseCurrency: { id: p.price!.baseCurrency },
        volumePricingMethod: { id: p.price!.volumePricingMethod },
        priceAbsoluteValues: p.price!.tiers.map((t) => ({
          currency: { id: t.currency },
          quantity: t.quantity,
          interval: t.interval,
          value: t.value,
        })),
      },
      subscriptionSettings: null,
    };
  }
});
