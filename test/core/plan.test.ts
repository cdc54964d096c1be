import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/plan.js';
import type { ActualProduct, SalesforceRead, SnapshotEntry } from '../../src/core/plan-types.js';
import type { CanonicalProduct } from '../../src/core/product.js';
import { defaultOptions, KEYS } from './arbitraries.js';
import { canonicalProduct } from '../helpers/products.js';

const [A, B, C, D] = KEYS as [string, string, string, string];

const product = canonicalProduct;

const read = (products: Record<string, CanonicalProduct>, over: Partial<SalesforceRead> = {}): SalesforceRead => ({
  complete: true,
  products: Object.entries(products).map(([key, p]) => ({ key, product: p })),
  invalid: [],
  deletedKeys: [],
  ...over,
});
const synced = (key: string, cbId: number, p = product()): SnapshotEntry => ({ key, cbId, product: p });
const cb = (cbId: number, internalId: string | null, p = product()): ActualProduct => ({
  cbId,
  internalId,
  product: p,
});

describe('plan: one product', () => {
  it('creates a product cleverbridge does not have', () => {
    const p = plan(read({ [A]: product() }), [], [], defaultOptions());
    expect(p.entries).toEqual([{ key: A, action: 'create', product: product() }]);
    expect(p.cost).toEqual({ mutations: { create: 1, update: 0, delete: 0 }, requests: 1, seconds: 1 / 25 });
  });

  it('does not create a product that is inactive in Salesforce', () => {
    const p = plan(read({ [A]: product({ status: 'DEACTIVATED' }) }), [], [], defaultOptions());
    expect(p.entries[0]).toMatchObject({ action: 'noop', note: 'inactive in Salesforce: not created' });
    expect(p.cost.requests).toBe(0);
  });

  it('adopts a cleverbridge product found by internalId, with the field changes it needs', () => {
    const p = plan(read({ [A]: product({ names: { EN: 'New', DE: 'Neu' } }) }), [], [cb(7, A)], defaultOptions());
    expect(p.entries).toEqual([
      {
        key: A,
        action: 'adopt',
        cbId: 7,
        product: product({ names: { EN: 'New', DE: 'Neu' } }),
        changes: [{ field: 'names', from: { EN: 'Antivirus' }, to: { EN: 'New', DE: 'Neu' } }],
      },
    ]);
  });

  it('adopts a product whose internalId is the 15-character or case-mangled form of the id, never a second one', () => {
    for (const internalId of [A.slice(0, 15), A.toUpperCase(), A.toLowerCase()]) {
      const p = plan(read({ [A]: product() }), [], [cb(7, internalId)], defaultOptions());
      expect(p.entries).toEqual([{ key: A, action: 'adopt', cbId: 7, product: product(), changes: [] }]);
    }
    // A 15-character id that is not a Product2 id's stays someone else's product.
    const other = plan(read({ [A]: product() }), [], [cb(7, `a01${A.slice(3, 15)}`)], defaultOptions());
    expect(other.entries).toEqual([{ key: A, action: 'create', product: product() }]);
    // Salesforce deleted it: found under its 15-character form too.
    const gone = plan(read({}, { deletedKeys: [A] }), [], [cb(7, A.slice(0, 15))], defaultOptions());
    expect(gone.entries).toMatchObject([{ key: A, action: 'delete', cbId: 7 }]);
  });

  it('updates a changed field, listing old and new value', () => {
    const price = { ...product().price, tiers: [{ currency: 'USD', quantity: 1, value: 12.5 }] };
    const p = plan(read({ [A]: product({ price }) }), [synced(A, 7)], [cb(7, A)], defaultOptions());
    expect(p.entries).toEqual([
      {
        key: A,
        action: 'update',
        cbId: 7,
        product: product({ price }),
        changes: [{ field: 'price', from: product().price, to: price }],
      },
    ]);
  });

  it('calls an update that deactivates a deactivation', () => {
    const p = plan(read({ [A]: product({ status: 'DEACTIVATED' }) }), [synced(A, 7)], [cb(7, A)], defaultOptions());
    expect(p.entries[0]).toMatchObject({
      action: 'deactivate',
      changes: [{ field: 'status', from: 'FULLY_AVAILABLE', to: 'DEACTIVATED' }],
    });
  });

  it('leaves out of the comparison the fields a record cannot speak for', () => {
    const desired = product({ status: 'DEACTIVATED', price: { ...product().price, tiers: [] } });
    const p = plan(
      read({}, { products: [{ key: A, product: desired, ignore: ['price'] }] }),
      [synced(A, 7)],
      [cb(7, A)],
      defaultOptions(),
    );
    expect(p.entries[0]).toMatchObject({ action: 'deactivate', changes: [{ field: 'status', to: 'DEACTIVATED' }] });
  });

  it('reports drift when only cleverbridge changed, and restores it or not by policy', () => {
    const edited = cb(7, A, product({ names: { EN: 'Edited in cleverbridge' } }));
    const overwrite = plan(read({ [A]: product() }), [synced(A, 7)], [edited], defaultOptions());
    expect(overwrite.entries[0]).toMatchObject({
      action: 'drift',
      policy: 'overwrite',
      missing: false,
      changes: [{ field: 'names' }],
    });
    expect(overwrite.cost.mutations.update).toBe(1);
    const report = plan(read({ [A]: product() }), [synced(A, 7)], [edited], defaultOptions({ driftPolicy: 'report' }));
    expect(report.entries[0]).toMatchObject({ action: 'drift', policy: 'report' });
    expect(report.cost.requests).toBe(0);
  });

  it('Salesforce wins when both sides changed', () => {
    const edited = cb(7, A, product({ names: { EN: 'cleverbridge edit' } }));
    const p = plan(
      read({ [A]: product({ names: { EN: 'Salesforce edit' } }) }),
      [synced(A, 7)],
      [edited],
      defaultOptions(),
    );
    expect(p.entries[0]).toMatchObject({
      action: 'update',
      changes: [{ field: 'names', to: { EN: 'Salesforce edit' } }],
    });
  });

  it('creates again a synced product deleted in cleverbridge, unless it is inactive', () => {
    const gone = plan(read({ [A]: product() }), [synced(A, 7)], [], defaultOptions());
    expect(gone.entries[0]).toMatchObject({ action: 'drift', missing: true, policy: 'overwrite' });
    expect(gone.cost.mutations.create).toBe(1);
    const inactive = plan(read({ [A]: product({ status: 'DEACTIVATED' }) }), [synced(A, 7)], [], defaultOptions());
    expect(inactive.entries[0]).toMatchObject({ action: 'noop', forget: true });
  });

  it('is a noop when cleverbridge already matches, refreshing a stale snapshot', () => {
    expect(plan(read({ [A]: product() }), [synced(A, 7)], [cb(7, A)], defaultOptions()).entries[0]).toMatchObject({
      action: 'noop',
      refresh: false,
    });
    const stale = synced(A, 7, product({ names: { EN: 'old' } }));
    expect(plan(read({ [A]: product() }), [stale], [cb(7, A)], defaultOptions()).entries[0]).toMatchObject({
      action: 'noop',
      refresh: true,
    });
  });

  it('compares only the managed fields', () => {
    const p = plan(
      read({ [A]: product({ shortDescriptions: { EN: 'set in Salesforce' } }) }),
      [synced(A, 7)],
      [cb(7, A)],
      defaultOptions({ managedFields: ['names', 'price', 'status'] }),
    );
    expect(p.entries[0]).toMatchObject({ action: 'noop' });
  });

  it('finds a synced product by its cleverbridge id even when its internalId was edited there', () => {
    const p = plan(read({ [A]: product() }), [synced(A, 7)], [cb(7, 'typo')], defaultOptions());
    expect(p.entries[0]).toMatchObject({ action: 'noop', cbId: 7 });
  });

  it('reports an invalid record, sends nothing for it, and never deletes its product', () => {
    const r = read(
      {},
      { invalid: [{ key: A, label: 'Antivirus', problems: [{ code: 'PRICE_NEGATIVE', message: 'negative' }] }] },
    );
    const p = plan(r, [synced(A, 7)], [cb(7, A)], defaultOptions());
    expect(p.entries).toEqual([
      {
        key: A,
        action: 'invalid',
        cbId: 7,
        label: 'Antivirus',
        problems: [{ code: 'PRICE_NEGATIVE', message: 'negative' }],
      },
    ]);
    expect(p.cost.requests).toBe(0);
  });
});

describe('plan: deletes and their safety rules', () => {
  const world = [synced(A, 1), synced(B, 2), synced(C, 3)];
  const actual = [cb(1, A), cb(2, B), cb(3, C)];

  it('deletes a product Salesforce reports deleted, even from an incremental read', () => {
    const p = plan(read({}, { complete: false, deletedKeys: [B] }), world, actual, defaultOptions());
    expect(p.entries).toEqual([
      { key: B, action: 'delete', cbId: 2, mode: 'delete', held: false, reason: 'deleted-in-salesforce' },
    ]);
  });

  it('deletes a product absent from a complete read, and nothing from an incomplete one', () => {
    const full = plan(read({ [A]: product(), [C]: product() }), world, actual, defaultOptions());
    expect(full.entries.filter((e) => e.action === 'delete')).toEqual([
      { key: B, action: 'delete', cbId: 2, mode: 'delete', held: false, reason: 'absent-from-full-read' },
    ]);
    const partial = plan(read({ [A]: product() }, { complete: false }), world, actual, defaultOptions());
    expect(partial.entries.filter((e) => e.action === 'delete')).toEqual([]);
  });

  it('deactivates instead of deleting under the deactivate policy', () => {
    const p = plan(
      read({}, { complete: false, deletedKeys: [B, C] }),
      world,
      [cb(1, A), cb(2, B), cb(3, C, product({ status: 'DEACTIVATED' }))],
      defaultOptions({ deletePolicy: 'deactivate' }),
    );
    expect(p.entries).toEqual([
      { key: B, action: 'delete', cbId: 2, mode: 'deactivate', held: false, reason: 'deleted-in-salesforce' },
      expect.objectContaining({ key: C, action: 'noop', forget: true }),
    ]);
    expect(p.cost.mutations).toEqual({ create: 0, update: 1, delete: 0 });
  });

  it('forgets a deleted product that is already gone from cleverbridge', () => {
    const p = plan(read({}, { complete: false, deletedKeys: [B] }), world, [cb(1, A), cb(3, C)], defaultOptions());
    expect(p.entries).toEqual([expect.objectContaining({ key: B, action: 'noop', forget: true })]);
  });

  it('deletes a product cleverbridge has under an id Salesforce reports deleted, though never synced', () => {
    const p = plan(read({}, { complete: false, deletedKeys: [D] }), [], [cb(4, D)], defaultOptions());
    expect(p.entries).toEqual([expect.objectContaining({ key: D, action: 'delete', cbId: 4, held: false })]);
  });

  it('never deletes because of an empty read, and says so', () => {
    const p = plan(read({}), world, actual, defaultOptions({ allowMassDelete: true }));
    expect(p.entries.every((e) => e.action === 'delete' && e.held)).toBe(true);
    expect(p.deletesHeld).toMatch(/Salesforce returned no product at all: 3 delete\(s\)/);
    expect(p.cost.requests).toBe(0);
  });

  it('holds every delete past the mass-delete count, until explicitly allowed', () => {
    const opts = { massDelete: { maxCount: 1, maxShare: 1 } };
    const p = plan(read({ [A]: product() }), world, actual, defaultOptions(opts));
    expect(p.entries.filter((e) => e.action === 'delete').map((e) => e.action === 'delete' && e.held)).toEqual([
      true,
      true,
    ]);
    expect(p.deletesHeld).toMatch(/2 of 3 managed products would be deleted.*--allow-mass-delete/);
    const allowed = plan(read({ [A]: product() }), world, actual, defaultOptions({ ...opts, allowMassDelete: true }));
    expect(allowed.entries.filter((e) => e.action === 'delete' && !e.held)).toHaveLength(2);
    expect(allowed.deletesHeld).toBeNull();
  });

  it('holds every delete past the mass-delete share', () => {
    const p = plan(
      read({ [A]: product() }),
      world,
      actual,
      defaultOptions({ massDelete: { maxCount: 100, maxShare: 0.5 } }),
    );
    expect(p.deletesHeld).toMatch(/2 of 3 managed products would be deleted, over the limit \(100 products or 50%\)/);
    expect(p.cost.mutations.delete).toBe(0);
  });

  it('takes the share of the whole catalog when it sees only part of it (an incremental run)', () => {
    const opts = { massDelete: { maxCount: 100, maxShare: 0.5 } };
    const lone = read({}, { complete: false, deletedKeys: [B] });
    const part = [synced(B, 2)];
    expect(plan(lone, part, [cb(2, B)], defaultOptions(opts)).deletesHeld).toMatch(/1 of 1 managed/);
    const p = plan(lone, part, [cb(2, B)], defaultOptions({ ...opts, catalogSize: 40 }));
    expect(p.deletesHeld).toBeNull();
    expect(p.entries).toMatchObject([{ key: B, action: 'delete', held: false }]);
  });
});

describe('plan: what it leaves alone', () => {
  it('never touches cleverbridge products it does not manage, and counts stray Salesforce ids', () => {
    const p = plan(read({ [A]: product() }), [], [cb(1, A), cb(2, null), cb(3, 'ERP-77'), cb(4, B)], defaultOptions());
    expect(p.entries.map((e) => e.key)).toEqual([A]);
    // B looks like a Product2 id but no Salesforce record explains it: counted, not deleted.
    expect(p.unexplained).toBe(1);
  });

  it('costs requests by batch size and seconds at the request rate', () => {
    const many = Object.fromEntries(KEYS.map((k) => [k, product()]));
    const p = plan(read(many), [], [], defaultOptions({ batchSize: 5, requestsPerSecond: 4 }));
    expect(p.cost).toEqual({ mutations: { create: 12, update: 0, delete: 0 }, requests: 3, seconds: 0.75 });
    expect(p.counts.create).toBe(12);
  });
});
