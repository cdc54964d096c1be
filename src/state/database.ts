import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { Database } from './sqlite.js';
import { MIGRATIONS } from './migrations/index.js';

export type Db = Database;

/** The state database could not be opened or migrated; start-up stops on it. */
export class StateError extends Error {
  readonly code = 'STATE_DB';
}

/**
 * Opens (creating it if needed) the SQLite state file: owner-only permissions, WAL so that
 * readers (status, metrics) never wait on a run, foreign keys on, then every pending migration
 * in one transaction each. A database newer than this program is refused rather than guessed at.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    // Create it owner-only before SQLite does, so no other user can ever read it.
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  }
  let db: Db;
  try {
    db = new Database(path);
  } catch (error) {
    throw new StateError(`STATE_DB: cannot open ${path}: ${(error as Error).message}`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    db.close();
    throw new StateError(
      `STATE_DB: ${path} has schema version ${version}; this catalog-sync knows ${MIGRATIONS.length}. Upgrade catalog-sync.`,
    );
  }
  MIGRATIONS.slice(version).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + i + 1}`);
    })();
  });
  return db;
}
