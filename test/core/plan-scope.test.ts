import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/plan.js';
import { defaultOptions } from './arbitraries.js';
import { A, B, C, D, cb, product, read, synced } from './plan-builders.js';

describe('plan: the mapping scope', () => {
  const world = [synced(A, 1), synced(B, 2), synced(C, 3)];
  const actual = [cb(1, A), cb(2, B), cb(3, C), cb(4, D)];

  it('deactivates a synced product that left the scope (the default), in a full or an incremental read', () => {
    for (const complete of [true, false]) {
      const p = plan(
        read({ [A]: product(), [C]: product() }, { complete, outOfScopeKeys: [B] }),
        world,
        actual,
        defaultOptions(),
      );
      expect(p.entries.filter((e) => e.key === B)).toEqual([
        { key: B, action: 'delete', cbId: 2, mode: 'deactivate', held: false, reason: 'left-scope' },
      ]);
      expect(p.cost.mutations).toEqual({ create: 0, update: 1, delete: 0 });
    }
  });

  it('deletes it under leavePolicy delete, whatever the delete policy', () => {
    const p = plan(
      read({}, { complete: false, outOfScopeKeys: [B] }),
      world,
      actual,
      defaultOptions({ leavePolicy: 'delete', deletePolicy: 'deactivate' }),
    );
    expect(p.entries).toEqual([
      { key: B, action: 'delete', cbId: 2, mode: 'delete', held: false, reason: 'left-scope' },
    ]);
  });

  it('keeps it as it is under leavePolicy keep, and forgets it: no longer managed', () => {
    const p = plan(
      read({}, { complete: false, outOfScopeKeys: [B] }),
      world,
      actual,
      defaultOptions({ leavePolicy: 'keep' }),
    );
    expect(p.entries).toEqual([
      {
        key: B,
        action: 'noop',
        cbId: 2,
        product: product(),
        refresh: false,
        forget: true,
        note: 'left the scope: kept in cleverbridge as it is, no longer managed',
      },
    ]);
  });

  it('leaves alone, and does not report as unexplained, what is out of scope and was never synced', () => {
    const p = plan(
      read({ [A]: product() }, { outOfScopeKeys: [D] }),
      [synced(A, 1)],
      [cb(1, A), cb(4, D)],
      defaultOptions(),
    );
    expect(p.entries.map((e) => [e.key, e.action])).toEqual([[A, 'noop']]);
    expect(p.unexplained).toBe(0);
    const without = plan(read({ [A]: product() }), [synced(A, 1)], [cb(1, A), cb(4, D)], defaultOptions());
    expect(without.unexplained).toBe(1);
  });

  it('forgets one that left the scope and is already deactivated', () => {
    const p = plan(
      read({}, { complete: false, outOfScopeKeys: [B] }),
      world,
      [cb(2, B, product({ status: 'DEACTIVATED' }))],
      defaultOptions(),
    );
    expect(p.entries).toEqual([
      expect.objectContaining({ key: B, action: 'noop', forget: true, note: 'left the scope; already deactivated' }),
    ]);
  });

  it('holds leaves past the mass-delete limit, as deletes are (a mistyped scope leaves everything)', () => {
    const options = defaultOptions({ massDelete: { maxCount: 1, maxShare: 1 } });
    const p = plan(read({ [A]: product() }, { outOfScopeKeys: [B, C] }), world, actual, options);
    expect(p.entries.filter((e) => e.action === 'delete').map((e) => e.action === 'delete' && e.held)).toEqual([
      true,
      true,
    ]);
    expect(p.deletesHeld).toMatch(/2 of 3 managed products would be deleted/);
    const kept = plan(read({ [A]: product() }, { outOfScopeKeys: [B, C] }), world, actual, {
      ...options,
      leavePolicy: 'keep',
    });
    expect(kept.deletesHeld).toBeNull();
  });

  it('creates a product that entered the scope like any new one', () => {
    const p = plan(read({ [D]: product() }, { complete: false }), [], [], defaultOptions());
    expect(p.entries).toEqual([{ key: D, action: 'create', product: product() }]);
  });
});
