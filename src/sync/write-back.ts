import type { MappingConfig } from '../core/mapping-config.js';
import { mutationOf } from '../core/plan-cost.js';
import type { Plan } from '../core/plan-types.js';
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

interface Outcome {
  status: SyncStatus;
  cbId: number | null;
  error: string | null;
  /** A change reached cleverbridge in this run: the time is news. */
  synced: boolean;
}

/** Each product's outcome in this run, for the products the run read from Salesforce. */
function outcomes(plan: Plan, apply: ApplyResult | null, cbIdOf: (key: string) => number | null): Map<string, Outcome> {
  const failed = new Map((apply?.failed ?? []).map((f) => [f.key, `${f.code}: ${f.message}`]));
  const unknown = new Set((apply?.unknown ?? []).map((f) => f.key));
  const notSent = new Set(apply?.notSent ?? []);
  const out = new Map<string, Outcome>();
  for (const e of plan.entries) {
    if (e.action === 'delete') continue; // the record is deleted in Salesforce: nothing to write to
    if (e.action === 'invalid') {
      out.set(e.key, {
        status: 'Error',
        cbId: cbIdOf(e.key),
        error: e.errors.map((p) => `${p.code}: ${p.message}`).join('\n'),
        synced: false,
      });
      continue;
    }
    const sent = mutationOf(e) !== null;
    const error = failed.get(e.key);
    if (error) out.set(e.key, { status: 'Error', cbId: cbIdOf(e.key), error, synced: false });
    else if (unknown.has(e.key))
      out.set(e.key, {
        status: 'Pending',
        cbId: cbIdOf(e.key),
        error: 'cleverbridge did not answer; the next run settles it',
        synced: false,
      });
    else if (e.action === 'drift' && e.policy === 'report') {
      out.set(e.key, {
        status: 'Held',
        cbId: cbIdOf(e.key),
        error: 'edited in cleverbridge; not restored (drift policy: report)',
        synced: false,
      });
    } else if (notSent.has(e.key)) {
      out.set(e.key, {
        status: 'Held',
        cbId: cbIdOf(e.key),
        error: 'not sent: the run stopped before its turn',
        synced: false,
      });
    } else out.set(e.key, { status: 'Synced', cbId: cbIdOf(e.key), error: null, synced: sent || e.action === 'adopt' });
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
function outOfScopeOutcomes(
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

export interface WriteBackInput {
  plan: Plan;
  apply: ApplyResult | null;
  /** The write-back fields of the products read, as Salesforce shows them now. */
  shown: ReadonlyMap<string, SfRecord>;
  /** Products out of scope the read came upon: their Id and status field. */
  outOfScope: readonly SfRecord[];
  cbIdOf: (key: string) => number | null;
  config: MappingConfig;
  now: string;
  /** What the org's error field holds. */
  errorLength?: number;
}

/**
 * The Product2 updates that tell managers how their products fared, only where Salesforce does
 * not already show it: a product synced before and unchanged gets no write, so write-backs do
 * not feed the next incremental run more than once.
 */
export function writeBackUpdates(input: WriteBackInput): StatusUpdate[] {
  const wb = input.config.writeBack;
  if (!wb) return [];
  const errorLength = Math.min(input.errorLength ?? MAX_ERROR, MAX_ERROR);
  const current = new Map(input.shown);
  for (const r of input.outOfScope) current.set(String(r.Id), r);
  const all = [
    ...outcomes(input.plan, input.apply, input.cbIdOf),
    ...outOfScopeOutcomes(input.plan, input.apply, input.outOfScope, wb.status),
  ];
  const updates: StatusUpdate[] = [];
  for (const [key, o] of all) {
    const record = current.get(key);
    if (!record) continue;
    const fields: Record<string, unknown> = {
      [wb.status]: o.status,
      [wb.error]: o.error === null ? null : clip(o.error, errorLength),
    };
    // Out of scope, only the status and error are known (the read asked for no more).
    if (wb.productId in record) fields[wb.productId] = o.cbId === null ? null : String(o.cbId);
    const changed = Object.entries(fields).filter(([f, v]) => (record[f] ?? null) !== v);
    const update: StatusUpdate = { Id: key, ...Object.fromEntries(changed) };
    if (o.synced && o.status === 'Synced') update[wb.lastSynced] = input.now;
    if (Object.keys(update).length > 1) updates.push(update);
  }
  return updates;
}
