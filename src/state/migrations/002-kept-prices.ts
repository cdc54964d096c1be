/**
 * Price values catalog-sync does not manage (other billing intervals, currencies out of scope)
 * as cleverbridge last showed them, so that an incremental run, which does not read
 * cleverbridge, can carry them over when it replaces a product's price list.
 */
export default /* sql */ `
ALTER TABLE products ADD COLUMN kept_prices TEXT NOT NULL DEFAULT '[]';
`;
