import type { MutationKind, PlanCost, PlanEntry, PlanOptions } from './plan-types.js';

/** The mutation an entry sends, or null when it sends nothing. */
export function mutationOf(entry: PlanEntry): MutationKind | null {
  switch (entry.action) {
    case 'create':
      return 'create';
    case 'adopt':
    case 'update':
    case 'deactivate':
      return entry.changes.length > 0 ? 'update' : null;
    case 'drift':
      if (entry.policy === 'report') return null;
      return entry.missing ? 'create' : 'update';
    case 'delete':
      if (entry.held) return null;
      return entry.mode === 'delete' ? 'delete' : 'update';
    case 'noop':
    case 'invalid':
      return null;
  }
}

/** Mutations by kind, the cleverbridge requests they take in batches, and the time at the rate limit. */
export function planCost(
  entries: readonly PlanEntry[],
  options: Pick<PlanOptions, 'batchSize' | 'requestsPerSecond'>,
): PlanCost {
  const mutations: Record<MutationKind, number> = { create: 0, update: 0, delete: 0 };
  for (const entry of entries) {
    const m = mutationOf(entry);
    if (m) mutations[m]++;
  }
  const total = mutations.create + mutations.update + mutations.delete;
  const requests = Math.ceil(total / options.batchSize);
  return { mutations, requests, seconds: requests / options.requestsPerSecond };
}
