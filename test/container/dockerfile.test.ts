import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from 'dockerfile-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world.js';
import { parseDockerfile, type Stage } from './dockerfile-steps.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(dockerfile);

/** Root-only steps a test must not do on its machine: the system user (groupadd, useradd, chown). */
const ROOT_ONLY = /^(groupadd|useradd|chown)\b/;

/** Runs the Dockerfile's steps without Docker: each stage in a directory standing for its /app. */
function build(context: string, workspace: string) {
  const stageDirs = new Map<string, string>();
  let final: { dir: string; env: Record<string, string>; stage: Stage } | null = null;
  stages.forEach((stage, index) => {
    const rootDir = join(workspace, stage.name ?? `stage${index}`);
    let workdir = rootDir;
    const env: Record<string, string> = {};
    const local = (path: string) => path.replace(/^\/app\b/, rootDir);
    for (const { keyword, args } of stage.instructions) {
      if (keyword === 'WORKDIR') workdir = local(args);
      else if (keyword === 'ENV') for (const m of args.matchAll(/(\w+)=(\S+)/g)) env[m[1]!] = local(m[2]!);
      else if (keyword === 'COPY') {
        const parts = args.split(/\s+/);
        const from = parts[0]!.startsWith('--from=') ? stageDirs.get(parts.shift()!.slice(7))! : context;
        const dest = parts.pop()!;
        for (const source of parts) {
          const target =
            dest.endsWith('/') || dest === '.' || dest.startsWith('./')
              ? join(workdir, dest, parts.length > 1 ? source : '')
              : local(dest);
          const sourcePath = from === context ? join(from, source) : join(from, source.replace(/^\/app\/?/, ''));
          mkdirSync(dirname(target), { recursive: true });
          cpSync(sourcePath, target.endsWith('/') ? join(target, source.split('/').pop()!) : target, {
            recursive: true,
          });
        }
      } else if (keyword === 'RUN') {
        mkdirSync(workdir, { recursive: true });
        for (const step of args.split('&&').map((s) => s.trim())) {
          if (ROOT_ONLY.test(step)) continue;
          execFileSync('bash', ['-c', step.replaceAll('/app', rootDir)], {
            cwd: workdir,
            stdio: 'pipe',
            env: { ...process.env, ...env },
          });
        }
      }
    }
    if (stage.name) stageDirs.set(stage.name, workdir);
    final = { dir: workdir, env, stage };
  });
  return final!;
}

describe('the Dockerfile', () => {
  it('lints clean', () => {
    expect(validate(dockerfile)).toEqual([]);
  });

  it('builds on the Node 24 line, runs as a non-root user, keeps state in a volume and checks /healthz', () => {
    expect(stages.map((s) => s.base)).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim']);
    const runtime = stages.at(-1)!.instructions;
    const args = (k: string) => runtime.filter((i) => i.keyword === k).map((i) => i.args);
    expect(args('USER')).toEqual(['catalog-sync']);
    expect(args('VOLUME')).toEqual(['["/app/state"]']);
    expect(args('HEALTHCHECK')[0]).toContain('/healthz');
    expect(args('ENTRYPOINT')).toEqual(['["node", "bin/catalog-sync.js", "start"]']);
    expect(args('COPY').some((a) => a.includes('src'))).toBe(false);
  });

  // The image runs Node 24; its steps are run on that line (CI's second pass), where the
  // runtime loads the prebuilt better-sqlite3 13 the build stage installs without compiling.
  describe.runIf(Number(process.versions.node.split('.')[0]) >= 24)(
    'its build and start steps, run outside Docker on a clean copy',
    () => {
      let world: World;
      let app: { dir: string; env: Record<string, string>; stage: Stage };
      beforeAll(async () => {
        const workspace = mkdtempSync(join(tmpdir(), 'image-'));
        const context = join(workspace, 'context');
        // The build context: the files git tracks, as a fresh clone has them.
        for (const file of execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
          .split('\n')
          .filter(Boolean)) {
          if (!existsSync(join(root, file))) continue;
          mkdirSync(dirname(join(context, file)), { recursive: true });
          cpSync(join(root, file), join(context, file));
        }
        app = build(context, join(workspace, 'stages'));
        world = await startWorld({ cb: { seed: 'empty' } });
      }, 600_000);
      afterAll(() => world?.close());

      it('leaves production dependencies only in the runtime stage', () => {
        expect(existsSync(join(app.dir, 'dist/cli.js'))).toBe(true);
        expect(existsSync(join(app.dir, 'node_modules/better-sqlite3-napi/prebuilds/linux-x64.node'))).toBe(true);
        for (const dev of ['typescript', 'vitest', 'prettier', 'tsx', 'fast-check'])
          expect(existsSync(join(app.dir, 'node_modules', dev))).toBe(false);
        expect(existsSync(join(app.dir, 'src'))).toBe(false);
      });

      it('starts, answers its HEALTHCHECK, syncs, and stops on SIGTERM with exit code 0', async () => {
        const entrypoint = JSON.parse(app.stage.instructions.find((i) => i.keyword === 'ENTRYPOINT')!.args) as string[];
        const port = String(30_000 + Math.floor(Math.random() * 20_000));
        const env = {
          ...process.env,
          ...app.env,
          ...world.env,
          STATE_DB: app.env.STATE_DB!,
          CONTROL_PORT: port,
          CONTROL_HOST: '127.0.0.1',
        };
        mkdirSync(dirname(app.env.STATE_DB!), { recursive: true });
        const child = spawn(entrypoint[0]!, entrypoint.slice(1), {
          cwd: app.dir,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (d: Buffer) => (output += d.toString()));
        child.stderr.on('data', (d: Buffer) => (output += d.toString()));
        const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
        const healthcheck = JSON.parse(
          app.stage.instructions.find((i) => i.keyword === 'HEALTHCHECK')!.args.replace(/^.*?CMD\s+/, ''),
        ) as string[];
        const healthy = () =>
          new Promise<number | null>((resolve) => {
            const check = spawn(healthcheck[0]!, healthcheck.slice(1), { env, stdio: 'ignore' });
            check.once('exit', resolve);
          });
        let status: number | null = 1;
        for (let i = 0; i < 100 && status !== 0; i++) {
          status = await healthy();
          if (status !== 0) await new Promise((r) => setTimeout(r, 100));
        }
        expect(status, output).toBe(0);
        await new Promise<void>((resolve) => {
          const poll = setInterval(
            () => output.includes('"msg":"run finished"') && (clearInterval(poll), resolve()),
            50,
          );
        });
        expect(world.cb.store.size).toBe(10);
        child.kill('SIGTERM');
        expect(await exit, output).toBe(0);
      }, 60_000);
    },
  );
});
