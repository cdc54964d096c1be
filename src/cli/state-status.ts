import type { StoredRecordError, RunRecord } from '../state/run-repo.js';
import type { StateStore } from '../state/state-store.js';
import { CURSOR, LAST_COMPLETE_READ, LAST_READ } from '../sync/run-lifecycle.js';

const REPLAY = 'changeEvents.replayId:';

/** What the state file says of catalog-sync, for `catalog-sync status`: no daemon, no network. */
export interface StateStatus {
  /** The newest SystemModstamp read (Salesforce's clock): where the next incremental read starts. */
  cursor: string | null;
  /** When the last read that committed, and the last complete (full) one, began (our clock). */
  lastRead: string | null;
  lastCompleteRead: string | null;
  /** Each change event channel's stored position (the last event a committed run covered). */
  changeEvents: Record<string, number>;
  /** Products managed (snapshot rows), and mutations sent without a known outcome. */
  products: number;
  pendingMutations: number;
  /** A run in progress now (another process holds the lock), if any. */
  running: { runId: number; owner: string } | null;
  runs: RunSummary[];
  /** The per-product errors of the last finished run. */
  errors: { runId: number; errors: StoredRecordError[] } | null;
  /** Why the last finished run held deletes, if it did. */
  deletesHeld: { runId: number; reason: string } | null;
}

export interface RunSummary {
  id: number;
  kind: RunRecord['kind'];
  trigger: RunRecord['trigger'];
  startedAt: string;
  finishedAt: string | null;
  outcome: RunRecord['outcome'];
  counts: Record<string, number> | null;
  requests: { salesforce: number; cleverbridge: number } | null;
  error: string | null;
}

type Summary = { counts?: Record<string, number>; requests?: RunSummary['requests']; deletesHeld?: string | null };

const summaryOf = (r: RunRecord): RunSummary => {
  const s = (r.summary ?? {}) as Summary;
  return {
    id: r.id,
    kind: r.kind,
    trigger: r.trigger,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    outcome: r.outcome,
    counts: s.counts ?? null,
    requests: s.requests ? { salesforce: s.requests.salesforce, cleverbridge: s.requests.cleverbridge } : null,
    error: r.error,
  };
};

/** The state file's facts: the last `limit` runs, the last finished run's errors and held deletes. */
export function readStatus(store: StateStore, runs: RunRecord[] = store.runs.recent(10)): StateStatus {
  const last = runs.find((r) => r.outcome !== 'running');
  const held = (last?.summary as Summary | null | undefined)?.deletesHeld ?? null;
  const holder = store.lock.holder();
  return {
    cursor: store.cursors.get(CURSOR),
    lastRead: store.cursors.get(LAST_READ),
    lastCompleteRead: store.cursors.get(LAST_COMPLETE_READ),
    changeEvents: Object.fromEntries(
      store.cursors.withPrefix(REPLAY).map(({ name, value }) => [name.slice(REPLAY.length), Number(value)]),
    ),
    products: store.snapshot.count(),
    pendingMutations: store.journal.pending().length,
    running: holder ? { runId: holder.runId, owner: holder.owner } : null,
    runs: runs.map(summaryOf),
    errors: last ? { runId: last.id, errors: store.runs.errors(last.id) } : null,
    deletesHeld: last && held ? { runId: last.id, reason: held } : null,
  };
}
