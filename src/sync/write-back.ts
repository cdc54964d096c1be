import type { MappingConfig } from '../core/mapping-config.js';
import { mutationOf } from '../core/plan-cost.js';
import type { Plan, PlanEntry } from '../core/plan-types.js';
import type { SfRecord } from '../core/salesforce-product.js';
import type { ApplyResult } from './apply/applier.js';
import type { StatusUpdate } from './ports.js';

/** What an e-commerce manager sees on the product in Salesforce. */
export type SyncStatus = 'Synced' | 'Error' | 'Held' | 'Pending' | 'Out of scope';

export interface WriteBackResult {
  written: number;
  failed: number;
  requests: number;
  /** Why the write-back as a whole failed (the run then ends partial), or null. */
  error: string | null;
  /** Why the first record that failed alone did (the run then ends partial too), or null. */
  firstFailure: string | null;
}

/** The default mapping's long text area holds 32,768 characters; keep well inside it. */
export const MAX_ERROR = 32_000;

/**
 * A text cut to `max` UTF-16 units (how Salesforce measures), marked with an ellipsis, never
 * splitting a surrogate pair, and without trailing whitespace Salesforce would trim (which
 * would make the stored value differ from ours and the write-back repeat every run).
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

export interface Outcome {
  status: SyncStatus;
  cbId: number | null;
  error: string | null;
  /** A change reached cleverbridge in this run: the time is news. */
  synced: boolean;
}

/** How a product's mutation settled in this run (none: it had no mutation). */
export type Settled =
  { kind: 'succeeded' } | { kind: 'failed'; reason: string } | { kind: 'unknown' } | { kind: 'not-sent' };

/**
 * One product's outcome in this run, as Salesforce is told it: `cbId` is the cleverbridge product
 * the snapshot holds for it once settled. Null for a delete: the record is gone from Salesforce.
 */
export function outcomeOf(e: PlanEntry, settled: Settled | undefined, cbId: number | null): Outcome | null {
  const not = (status: SyncStatus, error: string): Outcome => ({ status, cbId, error, synced: false });
  if (e.action === 'delete') return null;
  if (e.action === 'invalid') return not('Error', e.errors.map((p) => `${p.code}: ${p.message}`).join('\n'));
  if (settled?.kind === 'failed') return not('Error', settled.reason);
  if (settled?.kind === 'unknown') return not('Pending', 'cleverbridge did not answer; the next run settles it');
  if (e.action === 'drift' && e.policy === 'report')
    return not('Held', 'edited in cleverbridge; not restored (drift policy: report)');
  if (settled?.kind === 'not-sent') return not('Held', 'not sent: the run stopped before its turn');
  return { status: 'Synced', cbId, error: null, synced: mutationOf(e) !== null || e.action === 'adopt' };
}

/** How each mutation of `apply` settled, by key (a failure over an unknown over a not-sent). */
function settledOf(apply: ApplyResult | null): Map<string, Settled> {
  const settled = new Map<string, Settled>();
  for (const key of apply?.notSent ?? []) settled.set(key, { kind: 'not-sent' });
  for (const u of apply?.unknown ?? []) settled.set(u.key, { kind: 'unknown' });
  for (const f of apply?.failed ?? []) settled.set(f.key, { kind: 'failed', reason: `${f.code}: ${f.message}` });
  return settled;
}

/** Each product's outcome in this run, for the products the run read from Salesforce. */
function outcomes(plan: Plan, apply: ApplyResult | null, cbIdOf: (key: string) => number | null): Map<string, Outcome> {
  const settled = settledOf(apply);
  const out = new Map<string, Outcome>();
  for (const e of plan.entries) {
    const o = outcomeOf(e, settled.get(e.key), cbIdOf(e.key));
    if (o) out.set(e.key, o);
  }
  return out;
}

/**
 * Whether Salesforce shows a product already as a product in step (planned with nothing to send)
 * leaves it: synced, to cleverbridge product `cbId`, with no error. Then it has nothing to write.
 */
export function showsInStep(shown: SfRecord, cbId: number | null, config: MappingConfig): boolean {
  const wb = config.writeBack;
  if (!wb) return true;
  const productId = !(wb.productId in shown) || (shown[wb.productId] ?? null) === (cbId === null ? null : String(cbId));
  return (shown[wb.status] ?? null) === 'Synced' && (shown[wb.error] ?? null) === null && productId;
}

/** The products this run synced, or found in step: what they were read as is what cleverbridge has. */
export function syncedKeys(plan: Plan, apply: ApplyResult | null): Set<string> {
  const synced = new Set<string>();
  for (const [key, o] of outcomes(plan, apply, () => null)) if (o.status === 'Synced') synced.add(key);
  return synced;
}

/**
 * The outcome of products out of the mapping's scope that were synced before (their status field
 * is set): "Out of scope", unless leaving it failed or is held. One never synced stays as it is.
 */
export function outOfScopeOutcomes(
  plan: Plan,
  apply: ApplyResult | null,
  records: readonly SfRecord[],
  statusField: string,
): Map<string, Outcome> {
  const out = new Map<string, Outcome>();
  if (records.length === 0) return out;
  // A product out of scope is planned, if at all, as the delete of its leave.
  const leaves = new Map(plan.entries.flatMap((e) => (e.action === 'delete' ? [[e.key, e] as const] : [])));
  const failed = new Map((apply?.failed ?? []).map((f) => [f.key, `${f.code}: ${f.message}`]));
  for (const record of records) {
    const key = String(record.Id);
    if ((record[statusField] ?? null) === null) continue;
    const error = failed.get(key);
    // cbId null: the read asked these records for no product id field, so none is written.
    if (error) out.set(key, { status: 'Error', cbId: null, error, synced: false });
    else if (leaves.get(key)?.held)
      out.set(key, { status: 'Held', cbId: null, error: `left the scope; ${plan.deletesHeld}`, synced: false });
    else out.set(key, { status: 'Out of scope', cbId: null, error: null, synced: false });
  }
  return out;
}

/**
 * The Product2 update that tells Salesforce `o` of product `key` where `record` (its write-back
 * fields as read) does not show it already, so write-backs do not feed the next incremental run
 * more than once; null when it does. Out of scope, only the status and error are known (the read
 * asked for no more).
 */
export function updateOf(
  key: string,
  record: SfRecord,
  o: Outcome,
  config: MappingConfig,
  now: string,
  errorLength: number = MAX_ERROR,
): StatusUpdate | null {
  const wb = config.writeBack;
  if (!wb) return null;
  const fields: Record<string, unknown> = {
    [wb.status]: o.status,
    [wb.error]: o.error === null ? null : clip(o.error, Math.min(errorLength, MAX_ERROR)),
  };
  if (wb.productId in record) fields[wb.productId] = o.cbId === null ? null : String(o.cbId);
  const changed = Object.entries(fields).filter(([f, v]) => (record[f] ?? null) !== v);
  const update: StatusUpdate = { Id: key, ...Object.fromEntries(changed) };
  if (o.synced && o.status === 'Synced') update[wb.lastSynced] = now;
  return Object.keys(update).length > 1 ? update : null;
}
