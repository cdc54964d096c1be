/** The first schema: snapshot, runs, per-record errors, mutation journal, cursors, run lock. */
export default /* sql */ `
CREATE TABLE products (
  key          TEXT PRIMARY KEY,              -- Salesforce Product2 id, 18 characters
  cb_id        INTEGER NOT NULL UNIQUE,       -- cleverbridge product id
  canonical    TEXT NOT NULL,                 -- canonical product as last synced (stable JSON)
  hash         TEXT NOT NULL,                 -- sha256 of canonical
  synced_at    TEXT NOT NULL,
  last_outcome TEXT NOT NULL,                 -- synced | failed | unknown
  last_error   TEXT
) STRICT;

CREATE TABLE runs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL,                  -- full | incremental
  trigger     TEXT NOT NULL,                  -- cli | schedule | http
  dry_run     INTEGER NOT NULL,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  outcome     TEXT NOT NULL,                  -- running | succeeded | partial | failed
  summary     TEXT,                           -- JSON: plan counts, mutation results, cost
  error       TEXT
) STRICT;

CREATE TABLE record_errors (
  run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  key     TEXT NOT NULL,
  label   TEXT,
  code    TEXT NOT NULL,
  message TEXT NOT NULL
) STRICT;
CREATE INDEX record_errors_run ON record_errors(run_id);
CREATE INDEX record_errors_key ON record_errors(key);

CREATE TABLE journal (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id     INTEGER NOT NULL REFERENCES runs(id),
  key        TEXT NOT NULL,
  mutation   TEXT NOT NULL,                   -- create | update | delete
  cb_id      INTEGER,
  payload    TEXT NOT NULL,                   -- the mutation input sent
  canonical  TEXT,                            -- what the snapshot holds once it succeeds
  state      TEXT NOT NULL,                   -- pending | succeeded | failed
  error      TEXT,
  created_at TEXT NOT NULL,
  settled_at TEXT
) STRICT;
CREATE INDEX journal_pending ON journal(state) WHERE state = 'pending';

CREATE TABLE cursors (
  name       TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE run_lock (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  run_id      INTEGER,
  owner       TEXT,                           -- host:pid of the process holding it
  acquired_at TEXT,
  heartbeat   INTEGER                         -- epoch ms, renewed while the run lives
) STRICT;
INSERT INTO run_lock (id) VALUES (1);
`;
