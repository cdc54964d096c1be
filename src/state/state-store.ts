import { CursorRepo } from './cursor-repo.js';
import { openDatabase, type Db } from './database.js';
import { DriftRepo } from './drift-repo.js';
import { JournalRepo } from './journal-repo.js';
import { RecentReadsRepo } from './recent-reads-repo.js';
import { RunLock } from './run-lock.js';
import { RunRepo } from './run-repo.js';
import { SnapshotRepo } from './snapshot-repo.js';
import { SourceHashRepo } from './source-hash-repo.js';

/** The SQLite state file and its parts; `transaction` makes several writes one commit. */
export class StateStore {
  readonly db: Db;
  readonly snapshot: SnapshotRepo;
  readonly runs: RunRepo;
  readonly journal: JournalRepo;
  readonly lock: RunLock;
  readonly cursors: CursorRepo;
  readonly recentReads: RecentReadsRepo;
  readonly sourceHashes: SourceHashRepo;
  readonly drift: DriftRepo;

  private constructor(db: Db) {
    this.db = db;
    this.snapshot = new SnapshotRepo(db);
    this.runs = new RunRepo(db);
    this.journal = new JournalRepo(db);
    this.lock = new RunLock(db);
    this.cursors = new CursorRepo(db);
    this.recentReads = new RecentReadsRepo(db);
    this.sourceHashes = new SourceHashRepo(db);
    this.drift = new DriftRepo(db);
  }

  static open(path: string): StateStore {
    return new StateStore(openDatabase(path));
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
