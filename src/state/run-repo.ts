import type { RecordError } from '../core/plan-types.js';
import type { Db } from './database.js';

/** What a run read: everything (full), Salesforce's changes (incremental), or nothing, sending a saved plan (apply). */
export type RunKind = 'full' | 'incremental' | 'apply';
/** The kinds of run a sync request asks for. */
export type SyncKind = Exclude<RunKind, 'apply'>;
export type RunTrigger = 'cli' | 'schedule' | 'http' | 'event';
export type RunOutcome = 'running' | 'succeeded' | 'partial' | 'failed';

export interface RunRecord {
  id: number;
  kind: RunKind;
  trigger: RunTrigger;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string | null;
  outcome: RunOutcome;
  summary: unknown;
  error: string | null;
}

/** A record error as the run history keeps it: with its product and the product's name. */
export interface StoredRecordError {
  key: string;
  label: string | null;
  code: string;
  message: string;
}

/** A record error of one of the last runs, as the status page lists and searches them. */
export interface RecentRecordError extends StoredRecordError {
  runId: number;
  /** The product's code as synced (its internalName: Product2.ProductCode in the default mapping). */
  productCode: string | null;
}

interface Raw {
  id: number;
  kind: RunKind;
  trigger: RunTrigger;
  dry_run: number;
  started_at: string;
  finished_at: string | null;
  outcome: RunOutcome;
  summary: string | null;
  error: string | null;
}

const toRun = (r: Raw): RunRecord => ({
  id: r.id,
  kind: r.kind,
  trigger: r.trigger,
  dryRun: r.dry_run === 1,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  outcome: r.outcome,
  summary: r.summary === null ? null : JSON.parse(r.summary),
  error: r.error,
});

/** Run history with its outcome and summary, and the per-record errors of each run. */
export class RunRepo {
  readonly #insert;
  readonly #finish;
  readonly #discard;
  readonly #recent;
  readonly #get;
  readonly #error;
  readonly #errors;
  readonly #recentErrors;

  constructor(db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO runs (kind, trigger, dry_run, started_at, outcome) VALUES (?, ?, ?, ?, 'running')`,
    );
    this.#discard = db.prepare(`DELETE FROM runs WHERE id = ? AND outcome = 'running'`);
    this.#finish = db.prepare('UPDATE runs SET finished_at = ?, outcome = ?, summary = ?, error = ? WHERE id = ?');
    this.#recent = db.prepare<[number], Raw>('SELECT * FROM runs ORDER BY id DESC LIMIT ?');
    this.#get = db.prepare<[number], Raw>('SELECT * FROM runs WHERE id = ?');
    this.#error = db.prepare(
      'INSERT INTO record_errors (run_id, key, label, code, message, product_code) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#errors = db.prepare<[number], StoredRecordError>(
      'SELECT key, label, code, message FROM record_errors WHERE run_id = ? ORDER BY rowid',
    );
    this.#recentErrors = db.prepare<[number, number], RecentRecordError>(
      `SELECT run_id AS runId, key, label, product_code AS productCode, code, message FROM record_errors
       WHERE run_id IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?) ORDER BY run_id DESC, rowid LIMIT ?`,
    );
  }

  start(kind: RunKind, trigger: RunTrigger, dryRun: boolean, at: string): number {
    return Number(this.#insert.run(kind, trigger, dryRun ? 1 : 0, at).lastInsertRowid);
  }

  finish(
    id: number,
    outcome: Exclude<RunOutcome, 'running'>,
    summary: unknown,
    error: string | null,
    at: string,
  ): void {
    this.#finish.run(at, outcome, JSON.stringify(summary), error, id);
  }

  /** Forgets a run that never began (it could not take the run lock). */
  discard(id: number): void {
    this.#discard.run(id);
  }

  get(id: number): RunRecord | undefined {
    const raw = this.#get.get(id);
    return raw && toRun(raw);
  }

  recent(limit: number): RunRecord[] {
    return this.#recent.all(limit).map(toRun);
  }

  recordErrors(
    runId: number,
    key: string,
    label: string | null,
    errors: readonly RecordError[],
    productCode: string | null = null,
  ): void {
    for (const e of errors) this.#error.run(runId, key, label, e.code, e.message, productCode);
  }

  /** The record errors of the last `runs` runs, the newest run's first, at most `limit`. */
  recentErrors(runs: number, limit: number): RecentRecordError[] {
    return this.#recentErrors.all(runs, limit);
  }

  errors(runId: number): StoredRecordError[] {
    return this.#errors.all(runId);
  }
}
