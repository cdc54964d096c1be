import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string | undefined;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('catalog-sync demo', () => {
  it('syncs the Shieldware catalog, prints the edit lines, follows an edit made with them, and stops on SIGTERM', async () => {
    // In a directory of its own, with the shipped config, as `npm run demo` on a fresh clone.
    dir = mkdtempSync(join(tmpdir(), 'demo-'));
    cpSync(join(root, 'config'), join(dir, 'config'), { recursive: true });
    const child = spawn(
      process.execPath,
      [join(root, 'bin/catalog-sync.js'), 'demo', '--cb-port', '0', '--sf-port', '0', '--control-port', '0'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const until = (test: RegExp, ms: number) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const poll = setInterval(() => {
          const match = test.exec(output);
          if (match) (clearInterval(poll), clearTimeout(timer), resolve(match));
        }, 20);
        const timer = setTimeout(
          () => (clearInterval(poll), reject(new Error(`no ${test} within ${ms} ms:\n${output}`))),
          ms,
        );
      });

    const first = await until(/run 1 \(full\) succeeded: (\d+) product\(s\) to change.*\n/, 20_000);
    expect(Number(first[1])).toBeGreaterThan(0);
    expect(first[0]).toMatch(/cleverbridge: \d+ created, 0 updated, 0 deleted/);
    await until(/Press Ctrl-C to stop\./, 2000);
    // The complete Shieldware mapping: a subscription product, and one left out of scope.
    expect(output).toContain('Cloudbit - 1 Year: subscription, every 1 year');
    expect(output).toContain('Technical Support - Gold Level: not sold online');
    expect(existsSync(join(dir, 'state/demo.db'))).toBe(true);

    // The two curl lines the demo prints, done with fetch: a token, then the PATCH.
    const token = /client_id=(\S+) -d client_secret=(\S+) (\S+)\/services\/oauth2\/token/.exec(output)!;
    const patch = /-d '(\{"Name".*\})' (\S+\/sobjects\/Product2\/\w+)/.exec(output)!;
    const auth = await fetch(`${token[3]}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: token[1]!, client_secret: token[2]! }),
    });
    const { access_token } = (await auth.json()) as { access_token: string };
    const edited = await fetch(patch[2]!, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' },
      body: patch[1],
    });
    expect(edited.status).toBe(204);

    // The edit arrives through its change event, in a run of its own.
    const synced = await until(
      /run \d+ \(incremental\) succeeded: 1 product\(s\) to change.*cleverbridge: 0 created, 1 updated.*\n/,
      25_000,
    );
    expect(synced[0]).toMatch(/requests: \d+ Salesforce, [1-9]\d* cleverbridge/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: stopping');
  }, 60_000);
});
