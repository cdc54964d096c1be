/**
 * The Salesforce records (id and SystemModstamp) read within the overlap window before the
 * incremental cursor. The next run's change queries return them again (the window is read twice
 * so that late commits are not missed); a record seen with the same SystemModstamp has not
 * changed since, so its product is not read again.
 */
export default /* sql */ `
CREATE TABLE recent_reads (
  record_id TEXT NOT NULL,
  stamp INTEGER NOT NULL,
  PRIMARY KEY (record_id, stamp)
) WITHOUT ROWID;
CREATE INDEX recent_reads_stamp ON recent_reads (stamp);
`;
