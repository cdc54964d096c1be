import type { Command } from 'commander';
import { StateStore } from '../state/state-store.js';
import { applyPlan, StalePlanError } from '../sync/apply-plan.js';
import { PlanFileError } from '../sync/saved-plan.js';
import { EXIT } from './exit-codes.js';
import { loadPlanFile } from './plan-file.js';
import { progressBar } from './progress.js';
import { cliLogger, configure, connect } from './runtime.js';
import { abortOnSignal, reportRun } from './run-report.js';
import { rendered } from './sync-command.js';

type Out = (line: string) => void;

const refuse = (lines: readonly string[]) => {
  for (const line of lines) process.stderr.write(`${line}\n`);
  return EXIT.planRefused;
};

/** `catalog-sync apply FILE`: sends exactly the saved plan, or refuses a stale one and sends nothing. */
async function apply(file: string, options: { json?: boolean }, out: Out): Promise<number> {
  let saved;
  try {
    saved = loadPlanFile(file);
  } catch (error) {
    if (error instanceof PlanFileError) return refuse([`catalog-sync: ${error.message} (${error.code})`]);
    throw error;
  }
  const configured = configure();
  const deps = await connect(configured, cliLogger());
  const store = StateStore.open(configured.settings.stateDb);
  const bar = progressBar(!options.json);
  const stop = abortOnSignal();
  try {
    const report = await applyPlan({ ...deps, store }, saved, {
      signal: stop.signal,
      onProgress: (settled, total) => bar.update(settled, total),
    });
    bar.stop();
    return reportRun(report, !!options.json, out, (plan) => rendered(configured, plan, false));
  } catch (error) {
    if (!(error instanceof StalePlanError)) throw error;
    return refuse([
      `catalog-sync: the plan in ${file} is stale; nothing was sent (${error.code}). Since it was made (${saved.madeAt}):`,
      ...error.changes.map((c) => `  - ${c}`),
      `Make a new plan (catalog-sync plan --out ${file}), review it, and apply that.`,
    ]);
  } finally {
    bar.stop();
    stop.release();
    store.close();
  }
}

export function registerApplyCommand(program: Command, out: Out, exit: (code: number) => void): void {
  program
    .command('apply')
    .argument('<file>', 'a plan saved by catalog-sync plan --out')
    .description('send exactly a reviewed plan; refuses, sending nothing, if anything it was made from changed')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      exit(await apply(file, options, out));
    });
}
