import type { Command } from 'commander';
import { startDaemon } from '../daemon/daemon.js';
import { createLogger } from '../lib/logger.js';
import { EXIT } from './exit-codes.js';
import { configure } from './runtime.js';
import { untilStopped } from './signals.js';

/**
 * `catalog-sync start`: the daemon. The first SIGTERM (or SIGINT) lets the batch in flight
 * settle and exits 0 (1 if it did not settle within the shutdown timeout); a second one exits
 * at once with 130: what is not settled stays in the journal for the next start.
 */
export function registerStartCommand(program: Command, exit: (code: number) => void): void {
  program
    .command('start')
    .description('run the daemon: incremental syncs and full resyncs on schedule, the control API')
    .action(async () => {
      const { settings, mapping } = configure();
      const log = createLogger(settings.daemon.logLevel);
      const daemon = await startDaemon(settings, mapping, log);
      const signal = await untilStopped();
      const force = () => {
        log.warn('second signal: exiting now');
        process.exit(130);
      };
      process.once('SIGTERM', force);
      process.once('SIGINT', force);
      const settled = await daemon.stop(signal);
      exit(settled ? EXIT.ok : EXIT.error);
    });
}
