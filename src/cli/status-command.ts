import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { stateDbSetting } from '../config/settings.js';
import { StateStore } from '../state/state-store.js';
import { EXIT } from './exit-codes.js';
import { renderStatus } from './render-status.js';
import { readStatus } from './state-status.js';

type Out = (line: string) => void;

/**
 * `catalog-sync status [--json]`: what the state file says (cursor, last complete read, change
 * event positions, last runs, the last run's errors, held deletes), without a daemon and without
 * Salesforce or cleverbridge credentials.
 */
export function registerStatusCommand(program: Command, out: Out, exit: (code: number) => void): void {
  program
    .command('status')
    .description('what the state file says: cursor, last runs, errors, held deletes; no network, no credentials')
    .option('--json', 'print it as JSON')
    .option('--state <path>', 'the state file (default: STATE_DB, then the config file, then state/catalog-sync.db)')
    .action((options: { json?: boolean; state?: string }) => {
      const path = options.state ?? stateDbSetting(process.env);
      if (!existsSync(path)) {
        process.stderr.write(`catalog-sync: no state file at ${path}: catalog-sync has not run with it yet\n`);
        return exit(EXIT.error);
      }
      const store = StateStore.open(path);
      try {
        const status = readStatus(store);
        if (options.json) out(JSON.stringify({ stateDb: path, ...status }, null, 2));
        else for (const line of renderStatus(path, status, Date.now())) out(line);
      } finally {
        store.close();
      }
      exit(EXIT.ok);
    });
}
