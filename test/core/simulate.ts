import { applyChanges } from '../../src/core/diff.js';
import type { ActualProduct, Plan, SnapshotEntry } from '../../src/core/plan-types.js';
import type { CanonicalProduct } from '../../src/core/product.js';

/**
 * What cleverbridge and the snapshot hold after every mutation of `plan` succeeded: a model of
 * the applier, for property tests of the planner (the real applier is tested end to end).
 */
export function simulateApply(plan: Plan, actual: readonly ActualProduct[], snapshot: readonly SnapshotEntry[]) {
  const cb = new Map(actual.map((a) => [a.cbId, { ...a }]));
  const snap = new Map(snapshot.map((s) => [s.key, { ...s }]));
  let nextId = 100_000;
  const record = (key: string, cbId: number, product: CanonicalProduct) => snap.set(key, { key, cbId, product });
  for (const e of plan.entries) {
    switch (e.action) {
      case 'create': {
        const cbId = nextId++;
        cb.set(cbId, { cbId, internalId: e.key, product: e.product });
        record(e.key, cbId, e.product);
        break;
      }
      case 'adopt':
      case 'update':
      case 'deactivate': {
        const current = cb.get(e.cbId)!;
        cb.set(e.cbId, { ...current, internalId: e.key, product: applyChanges(current.product, e.changes) });
        record(e.key, e.cbId, e.product);
        break;
      }
      case 'drift':
        if (e.policy === 'report') break;
        if (e.missing) {
          const cbId = nextId++;
          cb.set(cbId, { cbId, internalId: e.key, product: e.product });
          record(e.key, cbId, e.product);
        } else {
          const current = cb.get(e.cbId)!;
          cb.set(e.cbId, { ...current, product: applyChanges(current.product, e.changes) });
          record(e.key, e.cbId, e.product);
        }
        break;
      case 'delete':
        if (e.held) break;
        if (e.mode === 'delete') cb.delete(e.cbId);
        else {
          const current = cb.get(e.cbId)!;
          cb.set(e.cbId, { ...current, product: { ...current.product, status: 'DEACTIVATED' } });
        }
        snap.delete(e.key);
        break;
      case 'noop':
        if (e.forget) snap.delete(e.key);
        else if (e.product && e.cbId !== null) record(e.key, e.cbId, e.product);
        break;
      case 'invalid':
        break;
    }
  }
  return { actual: [...cb.values()], snapshot: [...snap.values()] };
}
