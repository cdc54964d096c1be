import { sameJson, type CanonicalProduct, type ProductField } from './product.js';

/** One managed field whose value must change, from what cleverbridge has to what it should have. */
export interface FieldChange<F extends ProductField = ProductField> {
  field: F;
  from: CanonicalProduct[F];
  to: CanonicalProduct[F];
}

/** The managed fields that differ between `from` and `to`, in the order `fields` lists them. */
export function diffProducts(
  from: CanonicalProduct,
  to: CanonicalProduct,
  fields: readonly ProductField[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (!sameJson(from[field], to[field])) changes.push({ field, from: from[field], to: to[field] } as FieldChange);
  }
  return changes;
}

/** `base` with the managed fields of `changes` applied: what cleverbridge holds after an update. */
export function applyChanges(base: CanonicalProduct, changes: readonly FieldChange[]): CanonicalProduct {
  const next = { ...base } as Record<ProductField, unknown>;
  for (const change of changes) next[change.field] = change.to;
  return next as unknown as CanonicalProduct;
}
