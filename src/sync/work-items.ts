import type { MutationCall } from '../cleverbridge/client.js';
import type { MappingConfig } from '../core/mapping-config.js';
import { createProductInput, ensureProductInput, updateProductInput } from '../core/mutation-input.js';
import { mutationOf } from '../core/plan-cost.js';
import type { Mutation, PlanEntry } from '../core/plan-types.js';
import type { CanonicalProduct } from '../core/product.js';
import type { CleverbridgeActual } from '../core/map-cleverbridge.js';

/** One mutation to make, as the applier carries it through retries. */
export interface WorkItem {
  key: string;
  entry: PlanEntry;
  /**
   * create: a new product; ensure: a create whose first attempt may have worked (update by
   * internalId, then create if not found); update; delete.
   */
  step: 'create' | 'ensure' | 'update' | 'delete';
  /** The mutation the plan asked for, whatever step it has reached. */
  mutation: Mutation;
  cbId: number | null;
  /** What the snapshot holds once it succeeds; null when the product leaves it. */
  product: CanonicalProduct | null;
  /** Attempts that ended without an answer (not counting a create turned into an ensure or back). */
  failures: number;
  /** Journal rows of attempts not yet settled (an unknown outcome stays pending until resolved). */
  journal: number[];
}

/**
 * The work a plan asks for: one item per entry that sends a mutation. A create of a key in
 * `uncertain` (an earlier run may have created it before it stopped) starts as an ensure.
 */
export function workItems(entries: readonly PlanEntry[], uncertain: ReadonlySet<string> = new Set()): WorkItem[] {
  const items: WorkItem[] = [];
  for (const entry of entries) {
    const mutation = mutationOf(entry);
    if (!mutation) continue;
    const cbId = 'cbId' in entry ? entry.cbId : null;
    const product = entry.action === 'delete' ? null : 'product' in entry ? entry.product : null;
    const step = mutation === 'create' && uncertain.has(entry.key) ? 'ensure' : mutation;
    items.push({ key: entry.key, entry, step, mutation, cbId, product, failures: 0, journal: [] });
  }
  return items;
}

/** The GraphQL call for an item at its current step, built only when its batch is sent. */
export function callFor(
  item: WorkItem,
  clientId: number,
  config: MappingConfig,
  actual: ReadonlyMap<number, CleverbridgeActual>,
): MutationCall {
  const { entry } = item;
  switch (item.step) {
    case 'create':
      return { kind: 'create', input: createProductInput(clientId, item.key, item.product!) };
    case 'ensure':
      return { kind: 'update', input: ensureProductInput(clientId, item.key, item.product!, config) };
    case 'delete':
      return { kind: 'delete', input: { id: item.cbId } };
    case 'update': {
      if (entry.action === 'delete') {
        // The deactivate delete policy.
        return { kind: 'update', input: { id: item.cbId, status: 'DEACTIVATED' } };
      }
      const changes = 'changes' in entry ? entry.changes : [];
      const kept = actual.get(item.cbId!)?.keptPriceValues ?? [];
      return { kind: 'update', input: updateProductInput(item.cbId!, changes, config, kept) };
    }
  }
}
