import { Command, CommanderError } from 'commander';
import { ConfigError } from './config/config-error.js';
import { EXIT } from './cli/exit-codes.js';
import { registerApplyCommand } from './cli/apply-command.js';
import { registerCheckCommand } from './cli/check-command.js';
import { registerDemoCommand } from './cli/demo-command.js';
import { registerSandboxCommand } from './cli/sandbox-command.js';
import { registerStartCommand } from './cli/start-command.js';
import { registerStatusCommand } from './cli/status-command.js';
import { registerSyncCommands } from './cli/sync-command.js';

/**
 * The `catalog-sync` command. Returns the process exit code (see cli/exit-codes.ts): a usage
 * error is reported with the option at fault and exits 1, a configuration error names the
 * setting and exits 78.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name('catalog-sync')
    .description('Keeps a cleverbridge product catalog in step with Salesforce.')
    .exitOverride()
    .showHelpAfterError('(run catalog-sync --help for usage)');
  registerStartCommand(program, (code) => (exitCode = code));
  registerSyncCommands(program, out, (code) => (exitCode = code));
  registerApplyCommand(program, out, (code) => (exitCode = code));
  registerCheckCommand(program, out, (code) => (exitCode = code));
  registerStatusCommand(program, out, (code) => (exitCode = code));
  registerSandboxCommand(program, out);
  registerDemoCommand(program, out);
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version output are not failures; usage errors were already printed.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.error;
    }
    process.stderr.write(`catalog-sync: ${(error as Error).message}\n`);
    return error instanceof ConfigError ? EXIT.config : EXIT.error;
  }
}
