import type { Db } from './database.js';

export interface LockHolder {
  runId: number;
  owner: string;
  acquiredAt: string;
}

export type LockResult = { acquired: true } | { acquired: false; heldBy: LockHolder };

interface Raw {
  run_id: number | null;
  owner: string | null;
  acquired_at: string | null;
  heartbeat: number | null;
}

/**
 * One run at a time, across processes sharing the state file (the daemon's scheduler and HTTP
 * trigger, and a `catalog-sync sync` started from a shell). A holder renews its heartbeat; a lock
 * whose holder stopped renewing (killed) for `staleAfterMs`, or whose process on this host is
 * gone, is taken over.
 */
export class RunLock {
  readonly #db: Db;
  readonly #read;
  readonly #take;
  readonly #beat;
  readonly #release;

  constructor(db: Db) {
    this.#db = db;
    this.#read = db.prepare<[], Raw>('SELECT run_id, owner, acquired_at, heartbeat FROM run_lock WHERE id = 1');
    this.#take = db.prepare('UPDATE run_lock SET run_id = ?, owner = ?, acquired_at = ?, heartbeat = ? WHERE id = 1');
    this.#beat = db.prepare('UPDATE run_lock SET heartbeat = ? WHERE id = 1 AND run_id = ?');
    this.#release = db.prepare(
      'UPDATE run_lock SET run_id = NULL, owner = NULL, acquired_at = NULL, heartbeat = NULL WHERE id = 1 AND run_id = ?',
    );
  }

  holder(): LockHolder | null {
    const r = this.#read.get()!;
    return r.run_id === null ? null : { runId: r.run_id, owner: r.owner ?? '', acquiredAt: r.acquired_at ?? '' };
  }

  acquire(
    runId: number,
    owner: string,
    options: { now: number; staleAfterMs: number; ownerAlive: (owner: string) => boolean },
  ): LockResult {
    // IMMEDIATE: the check and the take happen under SQLite's write lock, so two processes
    // cannot both see the lock free.
    return this.#db
      .transaction((): LockResult => {
        const r = this.#read.get()!;
        const held = r.run_id !== null;
        const stale =
          held && (options.now - (r.heartbeat ?? 0) > options.staleAfterMs || !options.ownerAlive(r.owner ?? ''));
        if (held && !stale) {
          return {
            acquired: false,
            heldBy: { runId: r.run_id!, owner: r.owner ?? '', acquiredAt: r.acquired_at ?? '' },
          };
        }
        this.#take.run(runId, owner, new Date(options.now).toISOString(), options.now);
        return { acquired: true };
      })
      .immediate();
  }

  heartbeat(runId: number, now: number): boolean {
    return this.#beat.run(now, runId).changes === 1;
  }

  release(runId: number): void {
    this.#release.run(runId);
  }
}
