import { createHash } from 'node:crypto';
import type { MappingConfig } from '../core/mapping-config.js';
import type { SfRecord } from '../core/salesforce-product.js';
import { product2Fields } from './soql.js';

/**
 * The Product2 fields whose values decide what a product is in cleverbridge, and whether it is
 * in scope: the mapped fields and the scope condition's, not the write-back's (catalog-sync's own
 * writes move SystemModstamp without changing any of these) nor the stamps.
 */
export function sourceHashFields(config: MappingConfig): string[] {
  const own = new Set([...Object.values(config.writeBack ?? {}), 'Id', 'SystemModstamp'].map((f) => f.toLowerCase()));
  return product2Fields(config)
    .filter((f) => !own.has(f.toLowerCase()))
    .sort();
}

/**
 * A hash of a Product2 record's source fields, names included (a mapping that reads other fields
 * never matches an old hash). A full read and the change query hash the same values alike.
 */
export function sourceHash(fields: readonly string[], record: SfRecord): string {
  // SOQL names are case-insensitive; Salesforce answers each field under its own spelling.
  const names = new Map(Object.keys(record).map((k) => [k.toLowerCase(), k]));
  const values = fields.map((f) => [f.toLowerCase(), record[names.get(f.toLowerCase()) ?? f] ?? null]);
  return createHash('sha256').update(JSON.stringify(values)).digest('base64url');
}
