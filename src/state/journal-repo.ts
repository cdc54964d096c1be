import type { MutationKind } from '../core/plan-types.js';
import type { Db } from './database.js';

/** resolved: left pending by an earlier run that stopped; a later full read settled the product. */
export type JournalState = 'pending' | 'succeeded' | 'failed' | 'resolved';

export interface JournalEntry {
  id: number;
  runId: number;
  key: string;
  mutation: MutationKind;
  cbId: number | null;
  payload: unknown;
  state: JournalState;
  error: string | null;
}

interface Raw {
  id: number;
  run_id: number;
  key: string;
  mutation: MutationKind;
  cb_id: number | null;
  payload: string;
  state: JournalState;
  error: string | null;
}

/**
 * The mutation journal: every mutation is written as pending before it is sent and settled
 * after, so a crash leaves a record of what may have reached cleverbridge.
 */
export class JournalRepo {
  readonly #add;
  readonly #settle;
  readonly #pending;
  readonly #resolve;
  readonly #resolveKey;

  constructor(db: Db) {
    this.#add = db.prepare(
      `INSERT INTO journal (run_id, key, mutation, cb_id, payload, state, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
    );
    this.#settle = db.prepare('UPDATE journal SET state = ?, error = ?, settled_at = ? WHERE id = ?');
    this.#resolve = db.prepare(
      `UPDATE journal SET state = 'resolved', settled_at = ? WHERE state = 'pending' AND run_id <> ?`,
    );
    this.#resolveKey = db.prepare(
      `UPDATE journal SET state = 'resolved', settled_at = ? WHERE state = 'pending' AND run_id <> ? AND key = ?`,
    );
    this.#pending = db.prepare<[], Raw>(`SELECT * FROM journal WHERE state = 'pending' ORDER BY id`);
  }

  add(runId: number, key: string, mutation: MutationKind, cbId: number | null, payload: unknown, at: string): number {
    return Number(this.#add.run(runId, key, mutation, cbId, JSON.stringify(payload), at).lastInsertRowid);
  }

  settle(id: number, state: Exclude<JournalState, 'pending'>, error: string | null, at: string): void {
    this.#settle.run(state, error, at, id);
  }

  /** Settles every pending row of runs other than `runId`: a full read has since seen cleverbridge. */
  resolveEarlier(runId: number, at: string): number {
    return this.#resolve.run(at, runId).changes;
  }

  /** Settles the pending rows of earlier runs for these products: this run has settled them. */
  resolveKeys(runId: number, keys: Iterable<string>, at: string): number {
    let n = 0;
    for (const key of keys) n += this.#resolveKey.run(at, runId, key).changes;
    return n;
  }

  pending(): JournalEntry[] {
    return this.#pending.all().map((r) => ({
      id: r.id,
      runId: r.run_id,
      key: r.key,
      mutation: r.mutation,
      cbId: r.cb_id,
      payload: JSON.parse(r.payload),
      state: r.state,
      error: r.error,
    }));
  }
}
