/** What `catalog-sync` exits with; documented in the README. */
export const EXIT = {
  ok: 0,
  /** The command failed: a connection, the state database, a run stopped by an error. */
  error: 1,
  /** `plan`: the plan would change cleverbridge (like `terraform plan -detailed-exitcode`). */
  changesPending: 2,
  /** `sync`: finished, but some records were invalid or failed, or deletes were held. */
  partial: 3,
  /** `sync`: another run holds the run lock; nothing was done. */
  busy: 4,
  /** `apply`: the plan file is stale (what it was made from changed) or not a plan; nothing was sent. */
  planRefused: 5,
  /** A setting is missing or invalid; nothing was started (EX_CONFIG of sysexits). */
  config: 78,
} as const;
