import { Command, CommanderError } from 'commander';
import { registerSandboxCommand } from './cli/sandbox-command.js';

/**
 * The `catalog-sync` command. Returns the process exit code: 0 success, 1 error (including a
 * usage error, reported with the option or argument at fault).
 */
export async function main(argv: readonly string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const program = new Command()
    .name('catalog-sync')
    .description('Keeps a cleverbridge product catalog in step with Salesforce.')
    .exitOverride()
    .showHelpAfterError('(run catalog-sync --help for usage)');
  registerSandboxCommand(program, out);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version output are not failures; usage errors were already printed.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 1;
    }
    process.stderr.write(`catalog-sync: ${(error as Error).message}\n`);
    return 1;
  }
}
