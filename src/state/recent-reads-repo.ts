import { stampKey, type RecordStamp } from '../sync/ports.js';
import type { Db } from './database.js';

/**
 * Which Salesforce records, at which SystemModstamp, the last complete runs read inside the
 * incremental overlap window; see migration 003.
 */
export class RecentReadsRepo {
  readonly #all;
  readonly #prune;
  readonly #add;

  constructor(private readonly db: Db) {
    this.#all = db.prepare<[], { record_id: string; stamp: number }>('SELECT record_id, stamp FROM recent_reads');
    this.#prune = db.prepare<[number]>('DELETE FROM recent_reads WHERE stamp < ?');
    this.#add = db.prepare<[string, number]>('INSERT OR IGNORE INTO recent_reads (record_id, stamp) VALUES (?, ?)');
  }

  /** The records read, as `stampKey`s. */
  keys(): Set<string> {
    return new Set(this.#all.all().map((r) => stampKey(r.record_id, r.stamp)));
  }

  /** Adds `reads` and forgets everything stamped before `from` (the next run's window start). */
  keep(reads: readonly RecordStamp[], from: number): void {
    this.db.transaction(() => {
      this.#prune.run(from);
      for (const r of reads) if (r.stamp >= from) this.#add.run(r.id, r.stamp);
    })();
  }
}
