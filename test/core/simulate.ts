import type { FieldChange } from '../../src/core/diff.js';
import type { ActualProduct, Plan, SnapshotEntry } from '../../src/core/plan-types.js';
import type { CanonicalProduct } from '../../src/core/product.js';

/**
 * What cleverbridge holds after an update that sends `changes`: each changed field takes its new
 * value, every other field stays. The test's own, so the planner's changes are not applied with
 * the planner's own applyChanges.
 */
function updated(product: CanonicalProduct, changes: readonly FieldChange[]): CanonicalProduct {
  const next: Record<string, unknown> = { ...product };
  for (const { field, to } of changes) next[field] = to;
  return next as unknown as CanonicalProduct;
}

/**
 * What cleverbridge and the snapshot hold after every mutation of `plan` succeeded: a model of
 * the applier and of settleWithoutMutation (src/sync/settle-run.ts), for property tests of the
 * planner (the real applier is tested end to end). An update sends only its changes; a noop
 * writes the snapshot only when it says `refresh`.
 */
export function simulateApply(plan: Plan, actual: readonly ActualProduct[], snapshot: readonly SnapshotEntry[]) {
  const cb = new Map(actual.map((a) => [a.cbId, { ...a }]));
  const snap = new Map(snapshot.map((s) => [s.key, { ...s }]));
  let nextId = 100_000;
  const record = (key: string, cbId: number, product: CanonicalProduct) => snap.set(key, { key, cbId, product });
  const create = (key: string, product: CanonicalProduct) => {
    const cbId = nextId++;
    cb.set(cbId, { cbId, internalId: key, product });
    record(key, cbId, product);
  };
  for (const e of plan.entries) {
    switch (e.action) {
      case 'create':
        create(e.key, e.product);
        break;
      case 'adopt':
      case 'update':
      case 'deactivate': {
        const current = cb.get(e.cbId)!;
        cb.set(e.cbId, { ...current, internalId: e.key, product: updated(current.product, e.changes) });
        record(e.key, e.cbId, e.product);
        break;
      }
      case 'drift':
        if (e.policy === 'report') break;
        if (e.missing) create(e.key, e.product);
        else {
          const current = cb.get(e.cbId)!;
          cb.set(e.cbId, { ...current, product: updated(current.product, e.changes) });
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
        else if (e.refresh && e.product && e.cbId !== null) record(e.key, e.cbId, e.product);
        break;
      case 'invalid':
        break;
    }
  }
  return { actual: [...cb.values()], snapshot: [...snap.values()] };
}
