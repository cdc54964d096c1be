import { recordId } from './salesforce/record-id.js';

/** Shieldware's cleverbridge client account, as in the product guide. */
export const SHIELDWARE_CLIENT_ID = 864;

/**
 * The Salesforce Product2 ids of the Shieldware catalog, shared by both emulators' seeds: the
 * cleverbridge products that catalog-sync manages carry them as internalId.
 */
export const shieldwareProduct2Id = (n: number): string => recordId('01t', '5g', n);
