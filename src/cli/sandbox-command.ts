import type { Command } from 'commander';
import { parseNonNegativeInt, parsePort, parsePositiveInt } from './options.js';
import type { SandboxOptions } from './sandbox-run.js';

/** `catalog-sync sandbox`: the emulators are loaded only when this command runs. */
export function registerSandboxCommand(program: Command, out: (line: string) => void): void {
  program
    .command('sandbox')
    .description('run the local Salesforce REST and cleverbridge GraphQL emulators, seeded, until stopped (Ctrl-C)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--cb-port <port>', 'cleverbridge emulator port (0 picks a free one)', parsePort, 4000)
    .option('--sf-port <port>', 'Salesforce emulator port (0 picks a free one)', parsePort, 4001)
    .option('--seed <seed>', 'catalog to start both with: shieldware, empty or synthetic:N', 'shieldware')
    .option('--cb-seed <seed>', 'the cleverbridge catalog, when it differs from --seed (e.g. empty)')
    .option('--sf-seed <seed>', 'the Salesforce catalog, when it differs from --seed')
    .option('--seed-number <n>', 'makes synthetic catalogs and random faults reproducible', parseNonNegativeInt, 1)
    .option('--state-file <path>', 'keep the cleverbridge catalog in this JSON file across restarts')
    .option('--latency <ms>', 'added latency per request, in milliseconds', parseNonNegativeInt, 0)
    .option(
      '--block-ms <ms>',
      'how long a client over the cleverbridge rate limit is blocked',
      parseNonNegativeInt,
      60_000,
    )
    .option('--sf-daily-limit <n>', 'Salesforce API calls allowed per 24 hours', parsePositiveInt, 100_000)
    .action(async (options: SandboxOptions) => {
      const { runSandbox } = await import('./sandbox-run.js');
      await runSandbox(options, out);
    });
}
