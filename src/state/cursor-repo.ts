import type { Db } from './database.js';

/** Named positions (e.g. the incremental Salesforce cursor), moved only after a run commits. */
export class CursorRepo {
  readonly #get;
  readonly #set;
  readonly #prefixed;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { value: string }>('SELECT value FROM cursors WHERE name = ?');
    this.#prefixed = db.prepare<[number, string], { name: string; value: string }>(
      'SELECT name, value FROM cursors WHERE substr(name, 1, ?) = ? ORDER BY name',
    );
    this.#set = db.prepare(
      'INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
  }

  get(name: string): string | null {
    return this.#get.get(name)?.value ?? null;
  }

  set(name: string, value: string, at: string): void {
    this.#set.run(name, value, at);
  }

  /** The positions whose names start with `prefix`, by name. */
  withPrefix(prefix: string): Array<{ name: string; value: string }> {
    return this.#prefixed.all(prefix.length, prefix);
  }
}
