import type { Command } from 'commander';
import { parsePort } from './options.js';
import type { DemoOptions } from './demo-run.js';

/**
 * `catalog-sync demo` (npm run demo): both sandboxes with the Shieldware catalog (cleverbridge
 * empty), and the daemon against them on a short schedule, until Ctrl-C.
 */
export function registerDemoCommand(program: Command, out: (line: string) => void): void {
  program
    .command('demo')
    .description('run both sandboxes and the daemon against them, with the Shieldware catalog')
    .option('--cb-port <port>', 'cleverbridge sandbox port', parsePort, 4000)
    .option('--sf-port <port>', 'Salesforce sandbox port', parsePort, 4001)
    .option('--control-port <port>', "the daemon's control API port", parsePort, 8080)
    .option('--schedule <cron>', 'incremental sync schedule', '*/10 * * * * *')
    .action(async (options: DemoOptions) => {
      const { runDemo } = await import('./demo-run.js');
      await runDemo(options, out);
    });
}
