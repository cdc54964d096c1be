import type { CleverbridgeProduct } from './product-shape.js';
import { CleverbridgeError } from './errors.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nullableArray = (v: unknown) => v === null || Array.isArray(v);
const nullableObject = (v: unknown) => v === null || isObject(v);

/**
 * Checks the products answer has the shape the query asked for, before anything is planned on
 * it: a broken read must stop the run, never look like a catalog with products missing.
 */
export function checkProducts(value: unknown): CleverbridgeProduct[] {
  if (!Array.isArray(value))
    throw new CleverbridgeError('bad-response', `products is ${value === null ? 'null' : typeof value}, not a list`);
  value.forEach((p, i) => checkProduct(p, i));
  return value as CleverbridgeProduct[];
}

/** One product of a products answer (the `index`th), checked as checkProducts checks each. */
export function checkProduct(p: unknown, index: number): CleverbridgeProduct {
  const problem = !isObject(p)
    ? 'is not an object'
    : !Number.isInteger(p.id)
      ? `has id ${JSON.stringify(p.id)}`
      : !(p.internalId === null || typeof p.internalId === 'string')
        ? `has internalId ${JSON.stringify(p.internalId)}`
        : !(
              nullableArray(p.names) &&
              nullableObject(p.price) &&
              nullableObject(p.status) &&
              nullableObject(p.contentSettings)
            )
          ? 'lacks the selected fields'
          : null;
  if (problem) throw new CleverbridgeError('bad-response', `product ${index} of the products answer ${problem}`);
  return p as CleverbridgeProduct;
}
