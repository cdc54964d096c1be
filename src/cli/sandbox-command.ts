import type { Command } from 'commander';
import { SEED_NAMES } from '../sandbox/cleverbridge/seeds/index.js';
import { startCleverbridgeSandbox, DEFAULT_USER } from '../sandbox/cleverbridge/server.js';
import { parseNonNegativeInt, parsePort } from './options.js';

interface SandboxOptions {
  host: string;
  cbPort: number;
  seed: string;
  seedNumber: number;
  stateFile?: string;
  latency: number;
  blockMs: number;
}

/** Resolves on the first SIGINT or SIGTERM. */
const untilStopped = () =>
  new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

export function registerSandboxCommand(program: Command, out: (line: string) => void): void {
  program
    .command('sandbox')
    .description('run the local cleverbridge GraphQL emulator, seeded, until stopped (Ctrl-C)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--cb-port <port>', 'cleverbridge emulator port (0 picks a free one)', parsePort, 4000)
    .option('--seed <seed>', `catalog to start with: ${SEED_NAMES}`, 'shieldware')
    .option('--seed-number <n>', 'makes synthetic catalogs and random faults reproducible', parseNonNegativeInt, 1)
    .option('--state-file <path>', 'keep the catalog in this JSON file across restarts')
    .option('--latency <ms>', 'added latency per request, in milliseconds', parseNonNegativeInt, 0)
    .option('--block-ms <ms>', 'how long a client over the rate limit is blocked', parseNonNegativeInt, 60_000)
    .action(async (options: SandboxOptions) => {
      const username = process.env.CB_USERNAME || DEFAULT_USER.username;
      const password = process.env.CB_PASSWORD || DEFAULT_USER.password;
      const cb = await startCleverbridgeSandbox({
        host: options.host,
        port: options.cbPort,
        seed: options.seed,
        seedNumber: options.seedNumber,
        ...(options.stateFile ? { stateFile: options.stateFile } : {}),
        users: [{ username, password, clientIds: [...DEFAULT_USER.clientIds] }],
        faults: { latencyMs: options.latency },
        rateLimit: { blockMs: options.blockMs },
      });
      out(`cleverbridge GraphQL sandbox: ${cb.graphqlUrl}`);
      out(`  user ${username}, password ${password}, client ${DEFAULT_USER.clientIds.join(', ')}`);
      out(`  seed ${options.seed}: ${cb.store.size} products; control routes under ${cb.baseUrl}/__sandbox/`);
      out(`  CB_GRAPHQL_URL=${cb.graphqlUrl} CB_USERNAME=${username} CB_PASSWORD=${password} CB_CLIENT_ID=864`);
      out('Press Ctrl-C to stop.');
      const signal = await untilStopped();
      out(`${signal}: stopping the sandbox`);
      await cb.close();
    });
}
