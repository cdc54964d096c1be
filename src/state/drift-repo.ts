import type { Db } from './database.js';

/** Drift a run reported and did not restore (policy 'report'): one product, the fields that differ. */
export interface DriftReport {
  runId: number;
  key: string;
  cbId: number;
  label: string | null;
  fields: string[];
  /** The product is gone from cleverbridge. */
  missing: boolean;
}

interface Raw {
  run_id: number;
  key: string;
  cb_id: number;
  label: string | null;
  fields: string;
  missing: number;
}

/**
 * The drift reports of each run. Only a full run reads cleverbridge, so the drift standing now is
 * what the last finished full run reported, or the last apply run (its plan was a full one); a
 * later one that restored it, or found none, reports none.
 */
export class DriftRepo {
  readonly #insert;
  readonly #standing;

  constructor(db: Db) {
    this.#insert = db.prepare(
      'INSERT INTO drift_reports (run_id, key, cb_id, label, fields, missing) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#standing = db.prepare<[], Raw>(
      `SELECT * FROM drift_reports WHERE run_id = (
         SELECT id FROM runs WHERE kind IN ('full', 'apply') AND dry_run = 0 AND outcome NOT IN ('running', 'failed')
         ORDER BY id DESC LIMIT 1)
       ORDER BY rowid`,
    );
  }

  record(report: DriftReport): void {
    const { runId, key, cbId, label, fields, missing } = report;
    this.#insert.run(runId, key, cbId, label, JSON.stringify(fields), missing ? 1 : 0);
  }

  /** The drift the last finished full (or apply) run reported. */
  standing(): DriftReport[] {
    return this.#standing.all().map((r) => ({
      runId: r.run_id,
      key: r.key,
      cbId: r.cb_id,
      label: r.label,
      fields: JSON.parse(r.fields) as string[],
      missing: r.missing === 1,
    }));
  }
}
