import { runFullSync } from './full-sync.js';
import { runIncrementalSync } from './incremental-sync.js';
import { CURSOR, LAST_READ } from './run-lifecycle.js';
import type { SyncDeps, SyncReport, SyncRequest } from './types.js';

export { planFullSync, runFullSync, type FullPlan, type PlanDeps } from './full-sync.js';
export type { SyncDeps, SyncReport, SyncRequest } from './types.js';

/**
 * Salesforce keeps deleted records in its recycle bin for 15 days: past that, a deletion may no
 * longer show, so a cursor that old is not trusted and a full resync runs instead.
 */
export const DELETED_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

/** One run of the kind asked for; an incremental one runs as full when there is no usable cursor. */
export async function runSync(deps: SyncDeps, request: SyncRequest): Promise<SyncReport> {
  if (request.kind === 'full') return runFullSync(deps, request);
  const cursor = deps.store.cursors.get(CURSOR);
  const lastRead = deps.store.cursors.get(LAST_READ);
  const now = (deps.now ?? (() => new Date()))();
  if (!cursor || !lastRead)
    return runFullSync(deps, { ...request, kind: 'full' }, 'no cursor yet: the first run reads everything');
  if (now.getTime() - Date.parse(lastRead) > DELETED_WINDOW_MS) {
    const why = `the last complete read (${lastRead}) is older than Salesforce keeps deleted records`;
    return runFullSync(deps, { ...request, kind: 'full' }, why);
  }
  const since = new Date(Date.parse(cursor) - deps.settings.sync.overlapSeconds * 1000);
  return runIncrementalSync(deps, request, since);
}
