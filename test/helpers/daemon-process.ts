import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { World } from './world.js';

const bin = fileURLToPath(new URL('../../bin/catalog-sync.js', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

export interface DaemonProcess {
  child: ChildProcess;
  /** JSON log lines so far. */
  logs(): Array<Record<string, any>>;
  output(): string;
  exit: Promise<number | null>;
  /** Resolves with the first log line matching, or rejects if the process exits first. */
  waitForLog(match: (line: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  url: string;
}

/** Runs `catalog-sync start` against the world's sandboxes, its control API on `port`. */
export function startDaemonProcess(world: World, env: Record<string, string> = {}, port = 0): DaemonProcess {
  // Below Linux's ephemeral range (32768-60999): the sandboxes' own ports (port 0) and every
  // outgoing connection take theirs from it, and once took the one picked here (EADDRINUSE).
  const controlPort = port || 10_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: root,
    env: { ...process.env, ...world.env, CONTROL_PORT: String(controlPort), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const lines: Array<Record<string, any>> = [];
  const waiters: Array<{ match: (l: Record<string, any>) => boolean; resolve: (l: Record<string, any>) => void }> = [];
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => {
    output += d.toString();
    partial += d.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) {
      try {
        const line = JSON.parse(text) as Record<string, any>;
        lines.push(line);
        for (const w of [...waiters])
          if (w.match(line)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(line);
          }
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    logs: () => lines,
    output: () => output,
    exit,
    url: `http://127.0.0.1:${controlPort}`,
    waitForLog(match, timeoutMs = 20_000) {
      const found = lines.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching log line in ${timeoutMs} ms:\n${output}`)),
          timeoutMs,
        );
        waiters.push({ match, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        exit.then((code) => reject(new Error(`the daemon exited (${code}) first:\n${output}`)));
      });
    },
  };
}

/** Runs the real CLI once against the world's sandboxes; `output` is stdout and stderr together. */
export function runCli(world: World, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...process.env, ...world.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? null : code)),
  );
  return { child, exit, output: () => output };
}

/** Kills a daemon a test left running (a failed assertion), so the next test starts clean. */
export async function killDaemon(daemon: DaemonProcess | undefined): Promise<void> {
  if (daemon && daemon.child.exitCode === null) {
    daemon.child.kill('SIGKILL');
    await daemon.exit;
  }
}
