import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/plan.js';
import { defaultOptions, KEYS } from './arbitraries.js';
import type { CanonicalProduct } from '../../src/core/product.js';
import { A, B, C, D, cb, product, read, synced } from './plan-builders.js';

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
    expect(gone.entries).toEqual([
      { key: A, action: 'drift', cbId: 7, product: product(), changes: [], missing: true, policy: 'overwrite' },
    ]);
    expect(gone.cost.mutations.create).toBe(1);
    const inactive = plan(read({ [A]: product({ status: 'DEACTIVATED' }) }), [synced(A, 7)], [], defaultOptions());
    expect(inactive.entries).toEqual([
      {
        key: A,
        action: 'noop',
        cbId: null,
        product: product({ status: 'DEACTIVATED' }),
        refresh: false,
        forget: true,
        note: 'gone from cleverbridge and inactive in Salesforce',
      },
    ]);
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
      { invalid: [{ key: A, label: 'Antivirus', errors: [{ code: 'PRICE_NEGATIVE', message: 'negative' }] }] },
    );
    const p = plan(r, [synced(A, 7)], [cb(7, A)], defaultOptions());
    expect(p.entries).toEqual([
      {
        key: A,
        action: 'invalid',
        cbId: 7,
        label: 'Antivirus',
        errors: [{ code: 'PRICE_NEGATIVE', message: 'negative' }],
      },
    ]);
    expect(p.cost.requests).toBe(0);
  });
});

describe('plan: what a change is called', () => {
  const updateOf = (desired: CanonicalProduct, was = product()) =>
    plan(read({ [A]: desired }), [synced(A, 7, was)], [cb(7, A, was)], defaultOptions()).entries[0]?.action;

  it('calls an update a deactivation when the status goes to DEACTIVATED, whatever else changes with it', () => {
    expect(updateOf(product({ status: 'DEACTIVATED', names: { EN: 'Old product' } }))).toBe('deactivate');
    // Reactivated, or another field that happens to hold the word: a plain update.
    expect(updateOf(product(), product({ status: 'DEACTIVATED' }))).toBe('update');
    expect(updateOf(product({ internalName: 'DEACTIVATED' }))).toBe('update');
  });

  it('plans a record read twice once', () => {
    const twice = read(
      {},
      {
        products: [
          { key: A, product: product() },
          { key: A, product: product() },
        ],
      },
    );
    expect(plan(twice, [], [], defaultOptions()).entries).toEqual([{ key: A, action: 'create', product: product() }]);
  });

  it('reports an invalid record under the id it was synced to, even when cleverbridge has it under another', () => {
    const invalid = read({}, { complete: false, invalid: [{ key: A, label: null, errors: [] }] });
    expect(plan(invalid, [synced(A, 7)], [cb(8, A)], defaultOptions()).entries).toMatchObject([{ cbId: 7 }]);
    expect(plan(invalid, [], [cb(8, A)], defaultOptions()).entries).toMatchObject([{ cbId: 8 }]);
    expect(plan(invalid, [], [], defaultOptions()).entries).toMatchObject([{ cbId: null }]);
  });
});

describe('plan: what it leaves alone', () => {
  it('never touches cleverbridge products it does not manage, and counts stray Salesforce ids', () => {
    const p = plan(read({ [A]: product() }), [], [cb(1, A), cb(2, null), cb(3, 'ERP-77'), cb(4, B)], defaultOptions());
    expect(p.entries.map((e) => e.key)).toEqual([A]);
    // B looks like a Product2 id but no Salesforce record explains it: counted, not deleted.
    expect(p.unexplained).toBe(1);
  });

  it('counts as unexplained only the Product2 ids that nothing explains', () => {
    const strays = [
      cb(1, A),
      cb(3, C),
      cb(4, D),
      cb(8, B.slice(0, 15)),
      cb(5, '01t-legacy-7'),
      cb(6, '0035g00000AbCdEAAV'),
    ];
    // A is adopted; C, D and B (its 15-character form) are unexplained; the last two are no Product2 ids.
    expect(plan(read({ [A]: product() }), [], strays, defaultOptions()).unexplained).toBe(3);
  });

  it('costs requests by batch size and seconds at the request rate', () => {
    const many = Object.fromEntries(KEYS.map((k) => [k, product()]));
    const p = plan(read(many), [], [], defaultOptions({ batchSize: 5, requestsPerSecond: 4 }));
    expect(p.cost).toEqual({ mutations: { create: 12, update: 0, delete: 0 }, requests: 3, seconds: 0.75 });
    expect(p.counts.create).toBe(12);
  });
});
