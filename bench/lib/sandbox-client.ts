import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EditResult, HostInfo, HostStart } from './sandbox-host.js';

/** The sandboxes' process (sandbox-host.ts), called like an object. */
export class Sandboxes {
  #child: ChildProcess;
  #next = 0;
  #waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();

  constructor() {
    this.#child = fork(fileURLToPath(new URL('./sandbox-host.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx', '--max-old-space-size=8192'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.#waiting.get(m.id);
      this.#waiting.delete(m.id);
      if (m.error) waiter?.reject(new Error(`sandbox host: ${m.error}`));
      else waiter?.resolve(m.result);
    });
    this.#child.on('exit', (code) => {
      for (const w of this.#waiting.values()) w.reject(new Error(`the sandbox host exited (${code})`));
      this.#waiting.clear();
    });
  }

  #call<T>(op: string, args?: unknown): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#child.send({ id, op, args });
    });
  }

  start(args: HostStart): Promise<HostInfo> {
    return this.#call('start', args);
  }
  /** Moves Salesforce's clock ahead, as if that much time had passed. */
  advanceClock(seconds: number): Promise<void> {
    return this.#call('advanceClock', seconds);
  }
  rateLimit(enabled: boolean): Promise<void> {
    return this.#call('rateLimit', enabled);
  }
  edit(count: number, salt: number): Promise<EditResult> {
    return this.#call('edit', { count, salt });
  }
  /** Salesforce moves SystemModstamp on its own (sf.db.touch): answers how many records it touched. */
  touch(type: string, ids?: string[]): Promise<number> {
    return this.#call('touch', { type, ids });
  }
  stats(): Promise<{
    cb: { requests: number; byStatus: Record<string, number>; products: number };
    sf: { requests: number; activeProducts: number };
  }> {
    return this.#call('stats');
  }
  async close(): Promise<void> {
    await this.#call('stop').catch(() => undefined);
    this.#child.disconnect();
  }
}
