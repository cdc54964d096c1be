/**
 * Per product, the hash of the Product2 fields the mapping reads as the last run that synced it
 * read them. An incremental run compares it with what the products change query returns: a
 * product whose SystemModstamp moved without a change to those fields (the write-back, a system
 * process) is not read again with its prices, tiers and translations.
 */
export default /* sql */ `
CREATE TABLE source_hashes (
  key TEXT PRIMARY KEY,
  hash TEXT NOT NULL
) WITHOUT ROWID;
`;
