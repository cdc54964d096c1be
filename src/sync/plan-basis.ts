import { createHash } from 'node:crypto';
import type { Settings } from '../config/settings.js';
import type { MappingConfig } from '../core/mapping-config.js';
import type { CleverbridgeSide, Plan } from '../core/plan-types.js';
import { stableStringify } from '../core/product.js';
import type { SnapshotRepo } from '../state/snapshot-repo.js';
import type { StateStore } from '../state/state-store.js';
import { planOptions } from './plan-options.js';
import type { SalesforceFingerprint } from './ports.js';
import type { ProductHasher } from './product-hasher.js';

/**
 * What a saved plan was made from, each part cheap to ask again: `apply` refuses a plan whose
 * basis no longer holds, since the same reads would now plan something else.
 */
export interface PlanBasis {
  /** A hash of the mapping and the settings that shape a plan (no secret goes into it). */
  config: string;
  salesforce: SalesforceFingerprint;
  /** The snapshot's version: a digest of its rows and of the journal's pending mutations. */
  snapshot: string;
  /** The managed hash of each cleverbridge product the plan touches, by id (null: it had none). */
  cleverbridge: Record<string, string | null>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The configuration a plan depends on: the mapping, the plan's policies, both endpoints and accounts. */
export function configDigest(settings: Settings, mapping: MappingConfig): string {
  const { allowMassDelete: _a, ...policies } = planOptions(settings, mapping, false);
  return sha256(
    stableStringify({
      mapping,
      policies,
      salesforce: settings.salesforce.loginUrl,
      cleverbridge: { url: settings.cleverbridge.url, clientId: settings.cleverbridge.clientId },
    }),
  );
}

export function snapshotVersion(store: StateStore): string {
  const pending = store.journal.pending().map((p) => p.id);
  return sha256(`${store.snapshot.digest()}\n${pending.join(',')}`);
}

/** The cleverbridge products a plan touches (every entry that names one), as the plan saw them. */
export function touchedProducts(
  plan: Plan,
  actual: ReadonlyMap<number, CleverbridgeSide>,
  snapshot: Pick<SnapshotRepo, 'ref'>,
  hashOf: ProductHasher,
): Record<string, string | null> {
  const touched: Record<string, string | null> = {};
  for (const e of plan.entries) {
    if (!('cbId' in e) || e.cbId === null) continue;
    const side = actual.get(e.cbId);
    touched[e.cbId] = !side
      ? null
      : 'sameAs' in side
        ? (snapshot.ref(side.sameAs)?.hash ?? null)
        : (side.hash ?? hashOf(side.product));
  }
  return touched;
}

const describeObject = (fp: SalesforceFingerprint[string] | undefined) =>
  fp ? `${fp.count} record(s), newest change ${fp.newest ?? 'none'}` : 'not read';

/** Why an object's fingerprint differs, for a person: the count and stamp, or an edit in the stamp's second. */
const objectChange = (a: SalesforceFingerprint[string] | undefined, b: SalesforceFingerprint[string] | undefined) =>
  a && b && a.count === b.count && a.newest === b.newest
    ? `a record stamped in the second of its newest change (${a.newest}) was edited`
    : `${describeObject(a)} then, ${describeObject(b)} now`;

/** What differs between the basis a plan was made from and the one found now, one line each. */
export function basisChanges(was: PlanBasis, now: PlanBasis): string[] {
  const changes: string[] = [];
  if (was.config !== now.config)
    changes.push('the configuration changed (the mapping, a sync policy, or an endpoint or account)');
  for (const object of new Set([...Object.keys(was.salesforce), ...Object.keys(now.salesforce)])) {
    const [a, b] = [was.salesforce[object], now.salesforce[object]];
    if (a?.count !== b?.count || a?.newest !== b?.newest || a?.newestSecond !== b?.newestSecond)
      changes.push(`Salesforce ${object} changed: ${objectChange(a, b)}`);
  }
  if (was.snapshot !== now.snapshot)
    changes.push('the snapshot changed: another run has synced since the plan was made');
  const edited = Object.keys(was.cleverbridge).filter((id) => was.cleverbridge[id] !== now.cleverbridge[id]);
  if (edited.length > 0) {
    const gone = edited.filter((id) => now.cleverbridge[id] === null);
    const list = edited.slice(0, 10).join(', ') + (edited.length > 10 ? ', …' : '');
    changes.push(
      `cleverbridge changed ${edited.length} product(s) the plan touches (${list})${gone.length ? `, ${gone.length} of them gone` : ''}`,
    );
  }
  return changes;
}
