import type { Command } from 'commander';
import type { Plan } from '../core/plan-types.js';
import { StateStore } from '../state/state-store.js';
import { planSync, runSync } from '../sync/dispatch.js';
import { savePlanFile } from './plan-file.js';
import type { PlanReport } from '../sync/types.js';
import { abortOnSignal, reportRun } from './run-report.js';
import { EXIT } from './exit-codes.js';
import { progressBar } from './progress.js';
import { renderPlan } from './render-plan.js';
import { cliLogger, configure, connect, readOnlyState, type Configured } from './runtime.js';

type Out = (line: string) => void;

interface PlanOptions {
  full?: boolean;
  out?: string;
  json?: boolean;
  verbose?: boolean;
  allowMassDelete?: boolean;
}

interface SyncOptions extends PlanOptions {
  dryRun?: boolean;
}

const pendingChanges = (plan: Plan) => plan.cost.requests > 0;

export const rendered = (configured: Configured, plan: Plan, verbose: boolean) =>
  renderPlan(plan, {
    verbose,
    requestsPerSecond: configured.settings.cleverbridge.requestsPerSecond,
    language: configured.mapping.defaultLanguage,
  });

/** Plans a run of `kind` through the same pipeline as a sync and shows it; writes nothing anywhere. */
async function showPlan(configured: Configured, options: PlanOptions, kind: 'full' | 'incremental', out: Out) {
  const deps = await connect(configured, cliLogger());
  const store = readOnlyState(configured.settings.stateDb);
  const allowMassDelete = !!options.allowMassDelete;
  let report: PlanReport;
  try {
    report = options.out
      ? await savePlanFile({ ...deps, store }, options.out, allowMassDelete)
      : await planSync({ ...deps, store }, { kind, allowMassDelete });
  } finally {
    store.close();
  }
  if (options.json) out(JSON.stringify({ kind: report.kind, dryRun: true, ...report.plan }, null, 2));
  else out(rendered(configured, report.plan, !!options.verbose));
  if (options.out) {
    // With --json, stdout carries the JSON alone.
    const say = options.json ? (line: string) => process.stderr.write(`${line}\n`) : out;
    say(`\nPlan saved to ${options.out}. To apply exactly this plan: catalog-sync apply ${options.out}`);
    if (report.plan.deletesHeld && !allowMassDelete)
      say('Its held deletes stay held: make the plan with --allow-mass-delete to release them.');
  }
  return pendingChanges(report.plan) ? EXIT.changesPending : EXIT.ok;
}

async function sync(configured: Configured, options: SyncOptions, out: Out): Promise<number> {
  const kind = options.full ? 'full' : 'incremental';
  if (options.dryRun) {
    const code = await showPlan(configured, options, kind, out);
    return code === EXIT.changesPending ? EXIT.ok : code;
  }
  const deps = await connect(configured, cliLogger());
  const store = StateStore.open(configured.settings.stateDb);
  const bar = progressBar(!options.json);
  const stop = abortOnSignal();
  try {
    const report = await runSync(
      { ...deps, store },
      {
        kind,
        trigger: 'cli',
        allowMassDelete: !!options.allowMassDelete,
        signal: stop.signal,
        onProgress: (settled, total) => bar.update(settled, total),
      },
    );
    bar.stop();
    return reportRun(report, !!options.json, out, (plan) => rendered(configured, plan, !!options.verbose));
  } finally {
    bar.stop();
    stop.release();
    store.close();
  }
}

export function registerSyncCommands(program: Command, out: Out, exit: (code: number) => void): void {
  program
    .command('plan')
    .description('show what a full sync would change in cleverbridge, field by field; writes nothing but --out')
    .option('--full', 'plan a full sync (read everything; the only kind of plan so far)')
    .option('--json', 'print the plan as JSON')
    .option('--verbose', 'also list products with nothing to do')
    .option('--allow-mass-delete', 'plan deletes past the mass-delete limit instead of holding them')
    .option('--out <file>', 'also save the plan, with what it was made from, for catalog-sync apply')
    .action(async (options: PlanOptions) => {
      exit(await showPlan(configure(), options, 'full', out));
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
      exit(await sync(configure(), options, out));
    });
}
