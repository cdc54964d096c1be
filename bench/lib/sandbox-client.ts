import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EditResult, HostInfo, HostStart } from './sandbox-host.js';

type Role = 'salesforce' | 'cleverbridge';

/** One sandbox's process (sandbox-host.ts), called by operation name over IPC. */
class Host {
  #child: ChildProcess;
  #next = 0;
  #waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();

  constructor(role: Role) {
    this.#child = fork(fileURLToPath(new URL('./sandbox-host.ts', import.meta.url)), [role], {
      execArgv: ['--import', 'tsx', '--max-old-space-size=8192'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.#waiting.get(m.id);
      this.#waiting.delete(m.id);
      if (m.error) waiter?.reject(new Error(`${role} sandbox host: ${m.error}`));
      else waiter?.resolve(m.result);
    });
    this.#child.on('exit', (code) => {
      for (const w of this.#waiting.values()) w.reject(new Error(`the ${role} sandbox host exited (${code})`));
      this.#waiting.clear();
    });
  }

  call<T>(op: string, args?: unknown): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#child.send({ id, op, args });
    });
  }

  disconnect(): void {
    this.#child.disconnect();
  }
}

/** Both sandboxes, each in a process of its own, called like one object. */
export class Sandboxes {
  readonly #sf = new Host('salesforce');
  readonly #cb = new Host('cleverbridge');

  async start(args: HostStart): Promise<HostInfo> {
    const [sf, cb] = await Promise.all([
      this.#sf.call<HostInfo>('start', args),
      this.#cb.call<HostInfo>('start', args),
    ]);
    return { env: { ...sf.env, ...cb.env } };
  }
  /** Moves Salesforce's clock ahead, as if that much time had passed. */
  advanceClock(seconds: number): Promise<void> {
    return this.#sf.call('advanceClock', seconds);
  }
  rateLimit(enabled: boolean): Promise<void> {
    return this.#cb.call('rateLimit', enabled);
  }
  edit(count: number, salt: number): Promise<EditResult> {
    return this.#sf.call('edit', { count, salt });
  }
  /** Salesforce moves SystemModstamp on its own (sf.db.touch): answers how many records it touched. */
  touch(type: string, ids?: string[]): Promise<number> {
    return this.#sf.call('touch', { type, ids });
  }
  async stats(): Promise<{
    cb: { requests: number; byStatus: Record<string, number>; products: number };
    sf: { requests: number; activeProducts: number };
  }> {
    const [sf, cb] = await Promise.all([this.#sf.call<object>('stats'), this.#cb.call<object>('stats')]);
    return { ...sf, ...cb } as Awaited<ReturnType<Sandboxes['stats']>>;
  }
  async close(): Promise<void> {
    await Promise.all([this.#sf.call('stop').catch(() => undefined), this.#cb.call('stop').catch(() => undefined)]);
    this.#sf.disconnect();
    this.#cb.disconnect();
  }
}
