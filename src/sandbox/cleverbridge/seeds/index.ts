import type { CatalogState } from '../model.js';
import { shieldwareCatalog } from './shieldware.js';
import { syntheticCleverbridgeCatalog } from './synthetic.js';

/** 'shieldware' | 'empty' | 'synthetic:N' (N products), or a catalog state to start from. */
export type SeedSpec = string | CatalogState;

export const SEED_NAMES = "'shieldware', 'empty' or 'synthetic:N'";

export function resolveSeed(spec: SeedSpec, seedNumber: number): CatalogState {
  if (typeof spec !== 'string') return structuredClone(spec);
  if (spec === 'shieldware') return shieldwareCatalog();
  if (spec === 'empty') return { ...shieldwareCatalog(), products: [] };
  const synthetic = /^synthetic:(\d+)$/.exec(spec);
  if (synthetic) return syntheticCleverbridgeCatalog(Number(synthetic[1]), seedNumber);
  throw new RangeError(`unknown seed "${spec}": use ${SEED_NAMES}`);
}
