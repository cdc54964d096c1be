import initial from './001-initial.js';

/** Schema migrations in order; the database's user_version is the number applied. */
export const MIGRATIONS: readonly string[] = [initial];
