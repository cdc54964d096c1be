import type { CanonicalProduct, ProductField } from '../../src/core/product.js';

/**
 * The tests' own idea of "equal", written here so that the properties do not check the planner
 * with the comparison it uses itself (fieldsEqual, diffProducts, sameJson in src/core/product.ts):
 * JSON with object keys sorted at every level and undefined members left out, as a string.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The `fields` of `p` as canonical JSON: compare two with toBe, and a failure shows the fields. */
export const fieldsJson = (p: CanonicalProduct, fields: readonly ProductField[]): string =>
  canonicalJson(Object.fromEntries(fields.map((f) => [f, p[f]])));

export const sameFields = (a: CanonicalProduct, b: CanonicalProduct, fields: readonly ProductField[]): boolean =>
  fieldsJson(a, fields) === fieldsJson(b, fields);
