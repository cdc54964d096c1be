import type { MappingConfig } from '../core/mapping-config.js';
import { toId18 } from '../core/salesforce-id.js';
import type { ChangeEvent, ChangeTargets } from '../sync/ports.js';

/** What one change event asks of the daemon. */
export type EventAsk =
  /** Nothing: a change to no field the mapping reads (the write-back's own updates). */
  | { kind: 'none' }
  /** An incremental run by cursor: the event names no record (an overflow). */
  | { kind: 'cursor-run' }
  | { kind: 'records'; what: keyof ChangeTargets; ids: string[] };

/** The objects whose change events the daemon follows: Product2, its price book entries, its tiers. */
export const followedObjects = (mapping: MappingConfig): string[] => [
  'Product2',
  'PricebookEntry',
  ...(mapping.tiers ? [mapping.tiers.object] : []),
];

const ids = (list: readonly unknown[]): string[] =>
  list.map((id) => toId18(String(id))).filter((id): id is string => id !== null);

/**
 * What an event asks for. `readFields`: the Product2 fields the mapping reads (lower case); an
 * UPDATE of none of them changes nothing in cleverbridge. A created entry or tier names its
 * product in the event; any other names only itself, and the run looks its product up.
 */
export function askOf(event: ChangeEvent, mapping: MappingConfig, readFields: ReadonlySet<string>): EventAsk {
  if (event.changeType === 'GAP_OVERFLOW') return { kind: 'cursor-run' };
  const named = ids(event.recordIds);
  if (event.entity === 'Product2') {
    const relevant = event.changeType !== 'UPDATE' || event.changedFields.some((f) => readFields.has(f.toLowerCase()));
    return relevant ? { kind: 'records', what: 'products', ids: named } : { kind: 'none' };
  }
  const parentField =
    event.entity === 'PricebookEntry'
      ? 'Product2Id'
      : event.entity === mapping.tiers?.object
        ? mapping.tiers.productField
        : null;
  if (parentField === null) return { kind: 'none' };
  const parent = event.changeType === 'CREATE' ? event.fields[parentField] : undefined;
  if (typeof parent === 'string') return { kind: 'records', what: 'products', ids: ids([parent]) };
  return { kind: 'records', what: event.entity === 'PricebookEntry' ? 'priceEntries' : 'tiers', ids: named };
}

/** The records events named that no run has covered yet, and whether one asked for a run by cursor. */
export class DirtyRecords {
  readonly #sets = { products: new Set<string>(), priceEntries: new Set<string>(), tiers: new Set<string>() };
  cursorRun = false;

  add(what: keyof ChangeTargets, list: readonly string[]): void {
    for (const id of list) this.#sets[what].add(id);
  }

  get empty(): boolean {
    return !this.cursorRun && Object.values(this.#sets).every((s) => s.size === 0);
  }

  /** Everything, handed over and cleared. */
  take(): { targets: ChangeTargets; cursorRun: boolean } {
    const { products, priceEntries, tiers } = this.#sets;
    const taken = {
      targets: { products: [...products], priceEntries: [...priceEntries], tiers: [...tiers] },
      cursorRun: this.cursorRun,
    };
    for (const s of Object.values(this.#sets)) s.clear();
    this.cursorRun = false;
    return taken;
  }

  /** What a run took and did not cover, put back. */
  restore(taken: { targets: ChangeTargets; cursorRun: boolean }): void {
    for (const what of ['products', 'priceEntries', 'tiers'] as const) this.add(what, taken.targets[what]);
    this.cursorRun ||= taken.cursorRun;
  }
}
