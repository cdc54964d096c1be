import type { Command } from 'commander';
import { ConfigError } from '../config/config-error.js';
import { anyFailed, failed, ok, renderChecks, type CheckResult } from '../check/check-result.js';
import { runChecks } from '../check/run-checks.js';
import { EXIT } from './exit-codes.js';
import { configure } from './runtime.js';

type Out = (line: string) => void;

/** The configuration, then (when it is valid) every check against Salesforce and cleverbridge. */
async function check(env: NodeJS.ProcessEnv): Promise<CheckResult[]> {
  let configured;
  try {
    configured = configure(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [
      failed('configuration', `${error.problems.length} setting(s) to fix; nothing else checked`, [...error.problems]),
    ];
  }
  const valid = ok('configuration', `settings and ${configured.settings.mappingFile} are valid`);
  return [valid, ...(await runChecks(configured))];
}

export function registerCheckCommand(program: Command, out: Out, exit: (code: number) => void): void {
  program
    .command('check')
    .description('check the configuration, the Salesforce org and cleverbridge before go-live; changes nothing')
    .option('--json', 'print the checks as JSON')
    .action(async (options: { json?: boolean }) => {
      const results = await check(process.env);
      if (options.json) out(JSON.stringify({ ok: !anyFailed(results), checks: results }, null, 2));
      else for (const line of renderChecks(results)) out(line);
      exit(anyFailed(results) ? EXIT.error : EXIT.ok);
    });
}
