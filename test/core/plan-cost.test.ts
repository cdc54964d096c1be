import { describe, expect, it } from 'vitest';
import { mutationOf, planCost } from '../../src/core/plan-cost.js';
import type { PlanEntry } from '../../src/core/plan-types.js';
import { canonicalProduct } from '../helpers/products.js';

const product = canonicalProduct();
const key = '01t5g0000000001AAA';
const change = { field: 'status', from: 'FULLY_AVAILABLE', to: 'DEACTIVATED' } as const;
const drift = (policy: 'overwrite' | 'report', missing: boolean): PlanEntry => ({
  key,
  action: 'drift',
  cbId: 7,
  product,
  changes: missing ? [] : [change],
  missing,
  policy,
});
const del = (mode: 'delete' | 'deactivate', held: boolean): PlanEntry => ({
  key,
  action: 'delete',
  cbId: 7,
  mode,
  held,
  reason: 'deleted-in-salesforce',
});

describe('the mutation a plan entry sends', () => {
  it.each([
    ['a create', { key, action: 'create', product }, 'create'],
    ...(['adopt', 'update', 'deactivate'] as const).flatMap((action) => [
      [`an ${action} with changes`, { key, action, cbId: 7, product, changes: [change] }, 'update'],
      [`an ${action} without changes`, { key, action, cbId: 7, product, changes: [] }, null],
    ]),
    ['a drift restored', drift('overwrite', false), 'update'],
    ['a drift created again', drift('overwrite', true), 'create'],
    ['a drift only reported', drift('report', false), null],
    ['a missing drift only reported', drift('report', true), null],
    ['a delete', del('delete', false), 'delete'],
    ['a delete by deactivation', del('deactivate', false), 'update'],
    ['a held delete', del('delete', true), null],
    ['a held deactivation', del('deactivate', true), null],
    ['a noop', { key, action: 'noop', cbId: 7, product, refresh: true }, null],
    ['an invalid record', { key, action: 'invalid', cbId: null, label: null, errors: [] }, null],
  ] as Array<[string, PlanEntry, string | null]>)('%s sends %s', (_name, entry, mutation) => {
    expect(mutationOf(entry)).toBe(mutation);
  });
});

describe('the cost of a plan', () => {
  it('counts each kind of mutation, the requests they take in batches and the seconds at the rate', () => {
    const entries: PlanEntry[] = [
      { key, action: 'create', product },
      { key, action: 'create', product },
      { key, action: 'update', cbId: 1, product, changes: [change] },
      del('delete', false),
      del('delete', false),
      del('delete', false),
      del('deactivate', true),
      { key, action: 'noop', cbId: 7, product, refresh: false },
    ];
    expect(planCost(entries, { batchSize: 2, requestsPerSecond: 4 })).toEqual({
      mutations: { create: 2, update: 1, delete: 3 },
      requests: 3,
      seconds: 0.75,
    });
    expect(planCost(entries, { batchSize: 25, requestsPerSecond: 2 })).toEqual({
      mutations: { create: 2, update: 1, delete: 3 },
      requests: 1,
      seconds: 0.5,
    });
    expect(planCost([], { batchSize: 25, requestsPerSecond: 2 })).toEqual({
      mutations: { create: 0, update: 0, delete: 0 },
      requests: 0,
      seconds: 0,
    });
  });
});
