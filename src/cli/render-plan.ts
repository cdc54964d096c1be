import type { FieldChange } from '../core/diff.js';
import type { Plan, PlanEntry } from '../core/plan-types.js';
import { ACTIONS } from '../core/plan.js';
import { productLabel } from '../core/product-label.js';
import type { CanonicalPrice, LocalizedText, PriceTier } from '../core/product.js';

/**
 * The plan as a person reads it: one line per product that changes, then each changed field
 * with its old and new value, like a terraform plan.
 */

const SYMBOL: Record<PlanEntry['action'], string> = {
  create: '+',
  adopt: '~',
  update: '~',
  deactivate: '~',
  drift: '!',
  delete: '-',
  noop: ' ',
  invalid: 'x',
};

const show = (v: unknown) =>
  v === null || v === undefined ? '(none)' : typeof v === 'string' ? JSON.stringify(v) : String(v);

function localizedLines(from: LocalizedText, to: LocalizedText): string[] {
  const languages = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return languages.filter((l) => from[l] !== to[l]).map((l) => `${l}: ${show(from[l])} -> ${show(to[l])}`);
}

const tierKey = (t: PriceTier) => `${t.currency} from ${t.quantity}`;

function priceLines(from: CanonicalPrice, to: CanonicalPrice): string[] {
  const lines: string[] = [];
  for (const k of ['baseCurrency', 'isGross', 'volumePricingMethod'] as const) {
    if (from[k] !== to[k]) lines.push(`${k}: ${show(from[k])} -> ${show(to[k])}`);
  }
  const before = new Map(from.tiers.map((t) => [tierKey(t), t.value]));
  const after = new Map(to.tiers.map((t) => [tierKey(t), t.value]));
  for (const k of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    if (before.get(k) !== after.get(k)) lines.push(`${k}: ${show(before.get(k))} -> ${show(after.get(k))}`);
  }
  return lines;
}

export function changeLines(change: FieldChange): string[] {
  switch (change.field) {
    case 'names':
    case 'additionalNameInformation':
    case 'descriptions':
    case 'shortDescriptions':
      return localizedLines(change.from as LocalizedText, change.to as LocalizedText).map(
        (l) => `${change.field} ${l}`,
      );
    case 'price':
      return priceLines(change.from as CanonicalPrice, change.to as CanonicalPrice).map((l) => `price ${l}`);
    default:
      return [`${change.field}: ${show(change.from)} -> ${show(change.to)}`];
  }
}

function headline(entry: PlanEntry, label: (key: string) => string): string {
  const cb = 'cbId' in entry && entry.cbId !== null ? ` (cleverbridge ${entry.cbId})` : '';
  const name = label(entry.key);
  const base = `${SYMBOL[entry.action]} ${entry.action.padEnd(10)} ${entry.key}${name ? `  ${name}` : ''}${cb}`;
  switch (entry.action) {
    case 'drift':
      return `${base}  ${entry.missing ? 'deleted in cleverbridge' : 'edited in cleverbridge'}${entry.policy === 'report' ? ' (reported only)' : ', restoring'}`;
    case 'delete':
      return `${base}  ${entry.reason === 'deleted-in-salesforce' ? 'deleted in Salesforce' : entry.reason === 'left-scope' ? 'left the scope' : 'no longer in Salesforce'}${entry.mode === 'deactivate' ? ', deactivating' : ''}${entry.held ? '  HELD' : ''}`;
    case 'noop':
      return entry.note ? `${base}  ${entry.note}` : base;
    default:
      return base;
  }
}

export interface RenderOptions {
  /** Also list products with nothing to do. */
  verbose: boolean;
  requestsPerSecond: number;
  /** The language whose product names label the lines. */
  language: string;
}

export function renderPlan(plan: Plan, options: RenderOptions): string {
  const labels = new Map<string, string>();
  for (const e of plan.entries) {
    if (e.action === 'invalid') labels.set(e.key, e.label ?? '');
    else if ('product' in e && e.product) labels.set(e.key, productLabel(e.product, options.language) ?? '');
  }
  const label = (key: string) => labels.get(key) ?? '';
  const lines: string[] = [];
  for (const entry of plan.entries) {
    if (entry.action === 'noop' && !entry.note && !options.verbose) continue;
    lines.push(headline(entry, label));
    if ('changes' in entry)
      for (const change of entry.changes) for (const l of changeLines(change)) lines.push(`      ${l}`);
    if (entry.action === 'invalid') for (const p of entry.errors) lines.push(`      ${p.code}: ${p.message}`);
  }
  if (lines.length === 0) lines.push('No changes: cleverbridge matches Salesforce.');
  lines.push('');
  lines.push(
    `Summary: ${
      ACTIONS.filter((a) => plan.counts[a] > 0)
        .map((a) => `${plan.counts[a]} ${a}`)
        .join(', ') || 'nothing to plan'
    }`,
  );
  const { mutations, requests, seconds } = plan.cost;
  lines.push(
    `Cost: ${mutations.create} create, ${mutations.update} update, ${mutations.delete} delete in ${requests} cleverbridge request(s), about ${seconds.toFixed(1)} s at ${options.requestsPerSecond} requests/s`,
  );
  if (plan.deletesHeld) lines.push(`DELETES HELD: ${plan.deletesHeld}`);
  if (plan.unexplained > 0) {
    lines.push(
      `Note: ${plan.unexplained} cleverbridge product(s) carry a Salesforce-like internalId that no Salesforce record explains; they are left alone.`,
    );
  }
  return lines.join('\n');
}
