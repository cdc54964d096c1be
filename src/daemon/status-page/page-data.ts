import { readStatus, type RunSummary } from '../../cli/state-status.js';
import type { DeleteReason } from '../../core/plan-types.js';
import { productLabel } from '../../core/product-label.js';
import type { RunRecord } from '../../state/run-repo.js';
import type { StateStore } from '../../state/state-store.js';
import type { SubscriptionHealth } from '../change-subscription.js';
import type { ApiUsage, CurrentRun } from '../run-coordinator.js';

/** How many runs the page lists, and how many of their record errors it searches. */
export const RUNS_LISTED = 20;
export const ERRORS_LISTED = 500;

export interface PageDataDeps {
  store: StateStore;
  current: () => CurrentRun | null;
  schedules: () => Record<string, string | null>;
  changeEvents: () => SubscriptionHealth | null;
  /** Salesforce's instance URL once connected (the record links), else null. */
  instanceUrl: () => string | null;
  apiUsage: () => ApiUsage | null;
  defaultLanguage: string;
}

type Summary = {
  deletesHeld?: string | null;
  heldDeletes?: Array<{ key: string; cbId: number; reason: DeleteReason }>;
  fullBecause?: string | null;
  requests?: { rateLimited?: number };
  apply?: { succeeded?: Record<string, number>; failed?: unknown[]; unknown?: unknown[]; notSent?: unknown[] } | null;
  writeBack?: { written?: number; failed?: number } | null;
};

const summaryOf = (r: RunRecord) => (r.summary ?? {}) as Summary;

/** A Product2 record's page in Salesforce; null without an instance URL or for a key that is not an id. */
function recordLink(instanceUrl: string | null, key: string): string | null {
  if (!instanceUrl || !/^https?:\/\//.test(instanceUrl) || !/^[a-zA-Z0-9]{15,18}$/.test(key)) return null;
  return `${instanceUrl.replace(/\/+$/, '')}/lightning/r/Product2/${key}/view`;
}

/** A listed run with what its detail shows: why it was full, what it sent, its 429s. */
function runOf(summary: RunSummary, record: RunRecord | undefined) {
  const s = record ? summaryOf(record) : {};
  const count = (list: unknown[] | undefined) => list?.length ?? 0;
  return {
    ...summary,
    rateLimited: s.requests?.rateLimited ?? 0,
    fullBecause: s.fullBecause ?? null,
    deletesHeld: s.deletesHeld ?? null,
    mutations: s.apply
      ? {
          succeeded: s.apply.succeeded ?? {},
          failed: count(s.apply.failed),
          unknown: count(s.apply.unknown),
          notSent: count(s.apply.notSent),
        }
      : null,
    writeBack: s.writeBack ? { written: s.writeBack.written ?? 0, failed: s.writeBack.failed ?? 0 } : null,
  };
}

/**
 * The deletes held now: those of the newest finished run that held some, unless a later run
 * that was not incremental (a full run plans every delete again) held none.
 */
function heldDeletes(deps: PageDataDeps, records: RunRecord[]) {
  for (const r of records) {
    if (r.outcome === 'running' || r.outcome === 'failed') continue;
    const s = summaryOf(r);
    if (s.deletesHeld) {
      const deletes = (s.heldDeletes ?? []).map((d) => ({
        ...d,
        label: productLabel(deps.store.snapshot.get(d.key)?.product ?? null, deps.defaultLanguage),
        link: recordLink(deps.instanceUrl(), d.key),
      }));
      return { runId: r.id, reason: s.deletesHeld, deletes };
    }
    if (r.kind !== 'incremental') return null;
  }
  return null;
}

/**
 * What the status page shows, from the state file (as `catalog-sync status` reads it) and the
 * daemon's own knowledge (the run in progress, the schedules, change events, API usage). It
 * holds no setting and no credential: nothing here could carry a secret.
 */
export function pageData(deps: PageDataDeps) {
  const { store } = deps;
  const records = store.runs.recent(RUNS_LISTED);
  const status = readStatus(store, records);
  const byId = new Map(records.map((r) => [r.id, r]));
  const runs = status.runs.map((r) => runOf(r, byId.get(r.id)));
  const instanceUrl = deps.instanceUrl();
  const linked = <T extends { key: string }>(x: T) => ({ ...x, link: recordLink(instanceUrl, x.key) });
  return {
    at: new Date().toISOString(),
    current: deps.current(),
    schedules: deps.schedules(),
    changeEvents: deps.changeEvents(),
    state: {
      products: status.products,
      pendingMutations: status.pendingMutations,
      cursor: status.cursor,
      lastRead: status.lastRead,
      lastCompleteRead: status.lastCompleteRead,
    },
    runs,
    errors: store.runs.recentErrors(RUNS_LISTED, ERRORS_LISTED).map(linked),
    drift: store.drift.standing().map(linked),
    held: heldDeletes(deps, records),
    usage: {
      salesforce: deps.apiUsage(),
      salesforceRequests: runs.reduce((n, r) => n + (r.requests?.salesforce ?? 0), 0),
      cleverbridgeRequests: runs.reduce((n, r) => n + (r.requests?.cleverbridge ?? 0), 0),
      cleverbridgeRateLimited: runs.reduce((n, r) => n + r.rateLimited, 0),
    },
  };
}

export type PageData = ReturnType<typeof pageData>;
