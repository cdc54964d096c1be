import type { RunSummary, StateStatus } from './state-status.js';

/** How long ago `iso` was, in the largest unit that fits (`now` in epoch ms). */
export function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 120) return `${s} s ago`;
  if (s < 7200) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

const changed = (c: Record<string, number>) =>
  ['create', 'adopt', 'update', 'deactivate', 'drift', 'delete'].reduce((n, k) => n + (c[k] ?? 0), 0);

function runLine(r: RunSummary): string {
  const took = r.finishedAt ? `, ${((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)} s` : '';
  const counts = r.counts
    ? `: ${changed(r.counts)} to change, ${r.counts.noop ?? 0} unchanged, ${r.counts.invalid ?? 0} invalid`
    : '';
  const requests = r.requests
    ? `; requests: ${r.requests.salesforce} Salesforce, ${r.requests.cleverbridge} cleverbridge`
    : '';
  const error = r.error ? `\n      ${r.error}` : '';
  return `  run ${r.id} ${r.kind} (${r.trigger}) ${r.startedAt}${took} ${r.outcome}${counts}${requests}${error}`;
}

/** `catalog-sync status` for a person: positions first, then runs, then what needs a look. */
export function renderStatus(path: string, s: StateStatus, now: number): string[] {
  const when = (iso: string | null) => (iso ? `${iso} (${ago(iso, now)})` : 'never');
  const lines = [
    `state file ${path}: ${s.products} product(s) managed, ${s.pendingMutations} mutation(s) of unknown outcome`,
    `cursor: ${s.cursor ?? 'none yet (the next run is full)'} (Salesforce's clock)`,
    `last read: ${when(s.lastRead)}; last complete read: ${when(s.lastCompleteRead)}`,
  ];
  const channels = Object.entries(s.changeEvents);
  if (channels.length > 0)
    lines.push(`change events: ${channels.map(([c, id]) => `${c} at replay id ${id}`).join(', ')}`);
  if (s.running) lines.push(`running now: run ${s.running.runId} (${s.running.owner})`);
  lines.push(s.runs.length > 0 ? 'last runs:' : 'no run yet', ...s.runs.map(runLine));
  if (s.deletesHeld)
    lines.push(
      `DELETES HELD by run ${s.deletesHeld.runId}: ${s.deletesHeld.reason}`,
      '  release them: catalog-sync sync --full --allow-mass-delete',
      '  or review them first: catalog-sync plan --out plan.json --allow-mass-delete, then catalog-sync apply plan.json',
    );
  if (s.errors && s.errors.errors.length > 0) {
    lines.push(`errors of run ${s.errors.runId} (${s.errors.errors.length}):`);
    for (const e of s.errors.errors)
      lines.push(`  ${e.key}${e.label ? ` ${JSON.stringify(e.label)}` : ''}: ${e.code}: ${e.message}`);
  }
  return lines;
}
