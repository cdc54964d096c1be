import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GraphQLClient } from 'graphql-request';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/catalog-sync.js', import.meta.url));

/** Starts `catalog-sync sandbox` and resolves with its output once it says it is ready. */
function startSandboxCommand(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, 'sandbox', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('Press Ctrl-C to stop.')) resolve(output);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before it was ready:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

describe('catalog-sync sandbox', () => {
  it('starts the cleverbridge emulator seeded with Shieldware, prints URL and credentials, and stops on SIGTERM', async () => {
    const run = startSandboxCommand(['--cb-port', '0'], { CB_USERNAME: 'demo', CB_PASSWORD: 'demo-pass' });
    const banner = await run.ready;
    const url = /cleverbridge GraphQL sandbox: (http:\/\/\S+\/graphql)/.exec(banner)?.[1];
    expect(url).toBeDefined();
    expect(banner).toContain('user demo, password demo-pass, client 864');
    expect(banner).toContain('seed shieldware: 14 products');

    const client = new GraphQLClient(url!, {
      headers: { Authorization: `Basic ${Buffer.from('demo:demo-pass').toString('base64')}` },
    });
    expect(await client.request('{ product(id: 97771) { id } }')).toEqual({ product: { id: 97771 } });

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('SIGTERM: stopping the sandbox');
  });

  it('refuses a bad option, naming it, with exit code 1', async () => {
    const run = startSandboxCommand(['--cb-port', 'eighty']);
    await expect(run.ready).rejects.toThrow(/--cb-port <port>' argument 'eighty' is invalid/);
    expect(await run.exited).toBe(1);
  });

  it('refuses an unknown seed with the valid names', async () => {
    const run = startSandboxCommand(['--cb-port', '0', '--seed', 'bogus']);
    await expect(run.ready).rejects.toThrow(/unknown seed "bogus"/);
    expect(await run.exited).toBe(1);
  });
});
