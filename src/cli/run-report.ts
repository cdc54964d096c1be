import { purgedMessage } from '../sync/dispatch.js';
import type { Plan } from '../core/plan-types.js';
import type { SyncReport } from '../sync/types.js';
import { EXIT } from './exit-codes.js';

type Out = (line: string) => void;

export function summaryLines(report: Extract<SyncReport, { started: true }>): string[] {
  const a = report.apply;
  const lines = [
    `Run ${report.runId} (${report.kind}${report.fullBecause ? `: ${report.fullBecause}` : ''}) ${report.outcome}: ${a.succeeded.create} created, ${a.succeeded.update} updated, ${a.succeeded.delete} deleted; ${a.failed.length} failed, ${a.unknown.length} unknown, ${a.notSent.length} not sent.`,
    ...[...a.failed, ...a.unknown].map((f) => `  ${f.key}: ${f.code}: ${f.message}`),
    `Requests: ${report.requests.salesforce} to Salesforce (${report.requests.salesforceRows} records read), ${report.requests.cleverbridge} to cleverbridge.`,
  ];
  const wb = report.writeBack;
  if (wb.written + wb.failed > 0)
    lines.push(
      `Sync status written back to ${wb.written} Salesforce product(s)${wb.failed ? `, ${wb.failed} failed` : ''}.`,
    );
  if (report.purgedIds.length > 0) lines.push(`Warning: ${purgedMessage(report.purgedIds.length)}.`);
  if (report.error) lines.push(`${report.apply.stoppedBy ? 'Stopped' : 'Warning'}: ${report.error}`);
  return lines;
}

/**
 * What a run of `sync` or `apply` did, for a person (the plan as `rendered`, then the summary)
 * or as JSON; answers the exit code.
 */
export function reportRun(report: SyncReport, json: boolean, out: Out, rendered: (plan: Plan) => string): number {
  if (!report.started) {
    const holder = report.heldBy;
    out(
      `Another run (${holder.runId}, ${holder.owner}, since ${holder.acquiredAt}) is in progress; nothing done. Try again when it ends.`,
    );
    return EXIT.busy;
  }
  if (json) {
    const { runId, outcome, plan, apply, writeBack, requests, error } = report;
    const head = { runId, kind: report.kind, outcome, counts: plan.counts, deletesHeld: plan.deletesHeld };
    out(JSON.stringify({ ...head, apply, writeBack, requests, error }, null, 2));
  } else {
    out(rendered(report.plan));
    out('');
    for (const line of summaryLines(report)) out(line);
  }
  return report.outcome === 'succeeded' ? EXIT.ok : report.outcome === 'partial' ? EXIT.partial : EXIT.error;
}

/** SIGINT or SIGTERM stops sending: what is in flight settles and is recorded, the rest is not sent. */
export function abortOnSignal(): { signal: AbortSignal; release: () => void } {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    signal: stop.signal,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
