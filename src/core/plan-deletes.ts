import type { ActualProduct, DeleteReason, PlanEntry, PlanOptions } from './plan-types.js';
import type { CanonicalProduct } from './product.js';

/** Nothing to send for `key`; `forget` drops its snapshot row. */
export const noop = (
  key: string,
  cbId: number | null,
  product: CanonicalProduct | null,
  note: string,
  forget = false,
): PlanEntry => ({
  key,
  action: 'noop',
  cbId,
  product,
  refresh: false,
  ...(forget ? { forget } : {}),
  note,
});

export interface DeleteCandidate {
  key: string;
  reason: DeleteReason;
  actual: ActualProduct | undefined;
  cbId: number;
}

/** Deletes, with the safety rules: none from an empty read, all held past the mass-delete limit. */
export function planDeletes(
  candidates: DeleteCandidate[],
  emptyRead: boolean,
  managed: number,
  options: PlanOptions,
): { entries: PlanEntry[]; held: string | null } {
  // A product kept as it is when it leaves the scope is not taken from the shop: not counted.
  const kept = (c: DeleteCandidate) => c.reason === 'left-scope' && options.leavePolicy === 'keep';
  const live = candidates.filter((c) => c.actual !== undefined && !kept(c)).length;
  const { maxCount, maxShare } = options.massDelete;
  const massHold = !options.allowMassDelete && (live > maxCount || (managed > 0 && live / managed > maxShare));
  const reasons: string[] = [];
  const entries = candidates.map((c): PlanEntry => {
    const mode = c.reason === 'left-scope' ? (options.leavePolicy ?? 'deactivate') : options.deletePolicy;
    if (!c.actual) {
      return noop(c.key, null, null, 'already gone from cleverbridge', true);
    }
    if (mode === 'keep') {
      return noop(
        c.key,
        c.cbId,
        c.actual.product,
        'left the scope: kept in cleverbridge as it is, no longer managed',
        true,
      );
    }
    if (mode === 'deactivate' && c.actual.product.status === 'DEACTIVATED') {
      const why = c.reason === 'left-scope' ? 'left the scope' : 'deleted in Salesforce';
      return noop(c.key, c.cbId, c.actual.product, `${why}; already deactivated`, true);
    }
    const fromEmptyRead = emptyRead && c.reason === 'absent-from-full-read';
    return {
      key: c.key,
      action: 'delete',
      cbId: c.cbId,
      mode,
      held: fromEmptyRead || massHold,
      reason: c.reason,
    };
  });
  const heldByEmptyRead = entries.filter(
    (e) => e.action === 'delete' && e.held && e.reason === 'absent-from-full-read' && emptyRead,
  ).length;
  if (heldByEmptyRead > 0) {
    reasons.push(
      `Salesforce returned no product at all: ${heldByEmptyRead} delete(s) of products absent from it are held; an empty read is never trusted for deletes.`,
    );
  }
  if (massHold && live > 0) {
    reasons.push(
      `${live} of ${managed} managed products would be deleted, over the limit (${maxCount} products or ` +
        `${Math.round(maxShare * 100)}%): every delete is held. Check Salesforce, then run again with --allow-mass-delete to apply them.`,
    );
  }
  return { entries, held: reasons.length > 0 ? reasons.join(' ') : null };
}
