import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/plan.js';
import type { PlanOptions } from '../../src/core/plan-types.js';
import { defaultOptions, KEYS } from './arbitraries.js';
import { A, B, C, D, cb, product, read, synced } from './plan-builders.js';

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
      {
        key: C,
        action: 'noop',
        cbId: 3,
        product: product({ status: 'DEACTIVATED' }),
        refresh: false,
        forget: true,
        note: 'deleted in Salesforce; already deactivated',
      },
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
    expect(p.deletesHeld).toBe(
      '2 of 3 managed products would be deleted, over the limit (1 products or 100%): every delete is held. ' +
        'Check Salesforce, then run again with --allow-mass-delete to apply them.',
    );
    const allowed = plan(read({ [A]: product() }), world, actual, defaultOptions({ ...opts, allowMassDelete: true }));
    expect(allowed.entries.filter((e) => e.action === 'delete' && !e.held)).toHaveLength(2);
    expect(allowed.deletesHeld).toBeNull();
  });

  it('says why each delete is held when an empty read also goes past the limit', () => {
    // Salesforce reports B deleted: that delete is not one the empty read made.
    const empty = read({}, { deletedKeys: [B] });
    const p = plan(empty, world, actual, defaultOptions({ massDelete: { maxCount: 100, maxShare: 0.5 } }));
    expect(p.entries.map((e) => e.action === 'delete' && e.held)).toEqual([true, true, true]);
    expect(p.deletesHeld).toBe(
      'Salesforce returned no product at all: 2 delete(s) of products absent from it are held; ' +
        'an empty read is never trusted for deletes. ' +
        '3 of 3 managed products would be deleted, over the limit (100 products or 50%): every delete is held. ' +
        'Check Salesforce, then run again with --allow-mass-delete to apply them.',
    );
  });

  it('counts toward the limit only the deletes cleverbridge still has a product for', () => {
    const gone = plan(
      read({}, { complete: false, deletedKeys: [B, C] }),
      world,
      [cb(1, A), cb(2, B)],
      defaultOptions({ massDelete: { maxCount: 1, maxShare: 1 } }),
    );
    expect(gone.deletesHeld).toBeNull();
    expect(gone.entries).toEqual([
      { key: B, action: 'delete', cbId: 2, mode: 'delete', held: false, reason: 'deleted-in-salesforce' },
      {
        key: C,
        action: 'noop',
        cbId: null,
        product: null,
        refresh: false,
        forget: true,
        note: 'already gone from cleverbridge',
      },
    ]);
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

describe('plan: the mass-delete limits, exactly at and just past each', () => {
  // Ten synced products, all in cleverbridge; Salesforce reports the first `n` of them deleted.
  const ten = KEYS.slice(0, 10);
  const snapshot = ten.map((key, i) => synced(key, i + 1));
  const cleverbridge = ten.map((key, i) => cb(i + 1, key));
  const deleting = (n: number, massDelete: PlanOptions['massDelete']) => {
    const deleted = read({}, { complete: false, deletedKeys: ten.slice(0, n) });
    const p = plan(deleted, snapshot, cleverbridge, defaultOptions({ massDelete }));
    return {
      held: p.entries.map((e) => e.action === 'delete' && e.held),
      deletesHeld: p.deletesHeld,
      sent: p.cost.mutations.delete,
    };
  };
  const heldMessage = (live: number, limit: string) =>
    `${live} of 10 managed products would be deleted, over the limit (${limit}): every delete is held. ` +
    'Check Salesforce, then run again with --allow-mass-delete to apply them.';

  it('applies exactly maxCount deletes, and holds all of maxCount + 1', () => {
    const massDelete = { maxCount: 3, maxShare: 1 };
    expect(deleting(3, massDelete)).toEqual({ held: [false, false, false], deletesHeld: null, sent: 3 });
    expect(deleting(4, massDelete)).toEqual({
      held: [true, true, true, true],
      deletesHeld: heldMessage(4, '3 products or 100%'),
      sent: 0,
    });
  });

  it('applies a share of deletes exactly at maxShare, and holds all of one more', () => {
    const massDelete = { maxCount: 100, maxShare: 0.3 };
    expect(deleting(3, massDelete)).toEqual({ held: [false, false, false], deletesHeld: null, sent: 3 });
    expect(deleting(4, massDelete)).toEqual({
      held: [true, true, true, true],
      deletesHeld: heldMessage(4, '100 products or 30%'),
      sent: 0,
    });
  });
});
