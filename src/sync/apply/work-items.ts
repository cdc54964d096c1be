import type { KeptPriceValue } from '../../core/product.js';
import { mutationOf } from '../../core/plan-cost.js';
import type { MutationKind, PlanEntry } from '../../core/plan-types.js';
import type { CanonicalProduct } from '../../core/product.js';
import type { Mutation } from '../ports.js';
import type { Step } from './transitions.js';

/** One product's mutation as the applier carries it through its attempts. */
export interface WorkItem {
  key: string;
  entry: PlanEntry;
  step: Step;
  /** The mutation the plan asked for, whatever step it has reached (what the result counts). */
  mutation: MutationKind;
  cbId: number | null;
  /** What the snapshot holds once it succeeds; null when the product leaves it. */
  product: CanonicalProduct | null;
  attempts: number;
  /** Attempts that got no answer: how long the next backoff is, and when to give up. */
  unanswered: number;
  answers: string[];
  /** Journal rows of attempts not yet settled (an unknown outcome stays pending until resolved). */
  journal: number[];
}

function firstStep(entry: PlanEntry, mutation: MutationKind, createsAsEnsure: boolean): Step {
  if (mutation === 'create') return createsAsEnsure ? 'ensure' : 'create';
  if (entry.action === 'delete') return entry.mode === 'delete' ? 'delete' : 'deactivate';
  return mutation;
}

/**
 * The work a plan asks for: one item per entry that sends a mutation. With `createsAsEnsure`,
 * every create starts as an ensure: the plan was made against the snapshot, and cleverbridge may
 * have the product without the snapshot knowing.
 */
export function workItems(entries: readonly PlanEntry[], createsAsEnsure = false): WorkItem[] {
  const items: WorkItem[] = [];
  for (const entry of entries) {
    const mutation = mutationOf(entry);
    if (!mutation) continue;
    items.push({
      key: entry.key,
      entry,
      step: firstStep(entry, mutation, createsAsEnsure),
      mutation,
      cbId: 'cbId' in entry ? entry.cbId : null,
      product: entry.action === 'delete' ? null : 'product' in entry ? entry.product : null,
      attempts: 0,
      unanswered: 0,
      answers: [],
      journal: [],
    });
  }
  return items;
}

/** The mutation for an item at its current step, built only when its batch is sent. */
export function mutationFor(item: WorkItem, kept: (cbId: number) => readonly KeptPriceValue[]): Mutation {
  switch (item.step) {
    case 'create':
      return { kind: 'create', key: item.key, product: item.product! };
    case 'ensure':
      return { kind: 'ensure', key: item.key, product: item.product! };
    case 'deactivate':
      return { kind: 'deactivate', cbId: item.cbId! };
    case 'delete':
      return { kind: 'delete', cbId: item.cbId! };
    case 'update': {
      const changes = 'changes' in item.entry ? item.entry.changes : [];
      return { kind: 'update', cbId: item.cbId!, changes, kept: kept(item.cbId!) };
    }
  }
}

/** The GraphQL mutation a step sends, as the journal records it. */
export const journalMutation = (step: Step): MutationKind =>
  step === 'create' ? 'create' : step === 'delete' ? 'delete' : 'update';
