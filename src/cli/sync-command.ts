import type { Command } from 'commander';
import type { Plan } from '../core/plan-types.js';
import { StateStore } from '../state/state-store.js';
import { planFullSync, runFullSync } from '../sync/run-sync.js';
import { EXIT } from './exit-codes.js';
import { progressBar } from './progress.js';
import { renderPlan } from './render-plan.js';
import { cliLogger, configure, connect, readSnapshot, type Configured } from './runtime.js';

type Out = (line: string) => void;

interface PlanOptions {
  full?: boolean;
  json?: boolean;
  verbose?: boolean;
  allowMassDelete?: boolean;
}

interface SyncOptions extends PlanOptions {
  dryRun?: boolean;
}

const pendingChanges = (plan: Plan) => plan.cost.requests > 0;

/** Plans a full sync and shows it; writes nothing anywhere. */
async function showPlan(configured: Configured, options: PlanOptions, out: Out): Promise<number> {
  const log = cliLogger();
  const deps = await connect(configured, log);
  const { plan } = await planFullSync(
    { ...deps, snapshot: () => readSnapshot(configured.settings.stateDb) },
    !!options.allowMassDelete,
  );
  if (options.json) out(JSON.stringify({ kind: 'full', dryRun: true, ...plan }, null, 2));
  else {
    out(
      renderPlan(plan, {
        verbose: !!options.verbose,
        requestsPerSecond: configured.settings.cleverbridge.requestsPerSecond,
        language: configured.mapping.defaultLanguage,
      }),
    );
  }
  return pendingChanges(plan) ? EXIT.changesPending : EXIT.ok;
}

async function runSync(configured: Configured, options: SyncOptions, out: Out): Promise<number> {
  if (options.dryRun) {
    const code = await showPlan(configured, options, out);
    return code === EXIT.changesPending ? EXIT.ok : code;
  }
  const log = cliLogger();
  const deps = await connect(configured, log);
  const store = StateStore.open(configured.settings.stateDb);
  const bar = progressBar(!options.json);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const report = await runFullSync(
      { ...deps, store },
      {
        kind: options.full ? 'full' : 'incremental',
        trigger: 'cli',
        dryRun: false,
        allowMassDelete: !!options.allowMassDelete,
        signal: stop.signal,
        onProgress: (settled, total) => bar.update(settled, total),
      },
    );
    bar.stop();
    if (!report.started) {
      const holder = report.heldBy;
      out(
        `Another run (${holder.runId}, ${holder.owner}, since ${holder.acquiredAt}) is in progress; nothing done. Try again when it ends.`,
      );
      return EXIT.busy;
    }
    if (options.json) {
      out(
        JSON.stringify(
          {
            runId: report.runId,
            outcome: report.outcome,
            counts: report.plan.counts,
            deletesHeld: report.plan.deletesHeld,
            apply: report.apply,
            requests: report.requests,
            error: report.error,
          },
          null,
          2,
        ),
      );
    } else {
      out(
        renderPlan(report.plan, {
          verbose: !!options.verbose,
          requestsPerSecond: configured.settings.cleverbridge.requestsPerSecond,
          language: configured.mapping.defaultLanguage,
        }),
      );
      out('');
      const a = report.apply!;
      out(
        `Run ${report.runId} (${report.kind}${report.fullBecause ? `: ${report.fullBecause}` : ''}) ${report.outcome}: ${a.succeeded.create} created, ${a.succeeded.update} updated, ${a.succeeded.delete} deleted; ${a.failed.length} failed, ${a.unknown.length} unknown, ${a.notSent.length} not sent.`,
      );
      for (const f of [...a.failed, ...a.unknown]) out(`  ${f.key}: ${f.code}: ${f.message}`);
      out(
        `Requests: ${report.requests.salesforce} to Salesforce (${report.requests.salesforceRows} records read), ${report.requests.cleverbridge} to cleverbridge.`,
      );
      if (report.writeBack && report.writeBack.written + report.writeBack.failed > 0) {
        out(
          `Sync status written back to ${report.writeBack.written} Salesforce product(s)${report.writeBack.failed ? `, ${report.writeBack.failed} failed` : ''}.`,
        );
      }
      if (report.error) out(`Stopped: ${report.error}`);
    }
    return report.outcome === 'succeeded' ? EXIT.ok : report.outcome === 'partial' ? EXIT.partial : EXIT.error;
  } finally {
    bar.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    store.close();
  }
}

export function registerSyncCommands(program: Command, out: Out, exit: (code: number) => void): void {
  program
    .command('plan')
    .description('show what a full sync would change in cleverbridge, field by field; writes nothing')
    .option('--full', 'plan a full sync (read everything; the only kind of plan so far)')
    .option('--json', 'print the plan as JSON')
    .option('--verbose', 'also list products with nothing to do')
    .option('--allow-mass-delete', 'plan deletes past the mass-delete limit instead of holding them')
    .action(async (options: PlanOptions) => {
      exit(await showPlan(configure(), options, out));
    });
  program
    .command('sync')
    .description('make cleverbridge match Salesforce (an incremental run unless --full)')
    .option('--full', 'read everything from both sides (default: the Salesforce changes since the last run)')
    .option('--dry-run', 'plan only: write nothing anywhere')
    .option('--json', 'print the result as JSON')
    .option('--verbose', 'also list products with nothing to do')
    .option('--allow-mass-delete', 'apply deletes even past the mass-delete limit')
    .action(async (options: SyncOptions) => {
      exit(await runSync(configure(), options, out));
    });
}
