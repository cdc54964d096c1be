import { createHash } from 'node:crypto';
import { stableStringify, type CanonicalProduct, type ProductField } from './product.js';

/**
 * A hash of the managed fields of a product: two products hash alike exactly when fieldsEqual
 * finds them equal on `fields` (an absent field and a null one differ, as sameJson tells them
 * apart). It lets a plan tell "in step" from a hash kept per product, without holding the
 * products themselves. SHA-256: a collision would hide a change, so no weaker hash will do.
 */
export function managedHash(product: CanonicalProduct, fields: readonly ProductField[]): string {
  const values = fields.map((f) => (product[f] === undefined ? '\u0000absent' : stableStringify(product[f])));
  return createHash('sha256').update(values.join('\u0001')).digest('base64url');
}
