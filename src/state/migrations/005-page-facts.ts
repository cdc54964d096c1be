/**
 * What the status page shows that runs did not keep per product: the product code beside each
 * record error (the page searches by it), and the drift a run reported and did not restore
 * (drift policy 'report'), one row per product, with the fields that differ.
 */
export default /* sql */ `
ALTER TABLE record_errors ADD COLUMN product_code TEXT;

CREATE TABLE drift_reports (
  run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  key     TEXT NOT NULL,
  cb_id   INTEGER NOT NULL,
  label   TEXT,
  fields  TEXT NOT NULL,                      -- JSON array of the managed fields that differ
  missing INTEGER NOT NULL                    -- 1: the product is gone from cleverbridge
) STRICT;
CREATE INDEX drift_reports_run ON drift_reports(run_id);
`;
