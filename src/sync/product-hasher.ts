import { managedFields, type MappingConfig } from '../core/mapping-config.js';
import { managedHash } from '../core/product-hash.js';
import type { CanonicalProduct } from '../core/product.js';

export type ProductHasher = (product: CanonicalProduct) => string;

/**
 * The hash a run compares and keeps in the snapshot for each product: of the fields `mapping`
 * manages. The same function on every side (Salesforce's records, cleverbridge's products, the
 * rows written), or "in step" could never be told from a hash.
 */
export function productHasher(mapping: MappingConfig): ProductHasher {
  const fields = managedFields(mapping);
  return (product) => managedHash(product, fields);
}
