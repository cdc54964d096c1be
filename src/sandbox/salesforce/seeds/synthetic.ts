import { SYNTHETIC_ID_BASE, syntheticCatalog, type SyntheticProduct } from '../../synthetic-catalog.js';
import { SALESFORCE_LANGUAGE, type SeedBuilder, type SeedProduct } from './seed-builder.js';

/** When synthetic product i was last changed: one minute apart, as in the cleverbridge seed. */
export const syntheticModifiedAt = (index: number) => Date.UTC(2024, 0, 1) + index * 60_000;

export function toSeedProduct(p: SyntheticProduct): SeedProduct {
  const languages = Object.keys(p.names).filter((l) => l !== 'EN');
  return {
    name: p.names.EN as string,
    code: p.productCode,
    family: p.family,
    active: p.active,
    description: p.descriptions.EN ?? null,
    translations: languages.map((l) => ({
      language: SALESFORCE_LANGUAGE[l] as string,
      name: p.names[l] as string,
      description: p.descriptions[l] ?? null,
    })),
    prices: p.prices,
  };
}

/**
 * synthetic:N — the vendor-neutral synthetic catalog, so that product i here and in the
 * cleverbridge seed describe the same thing under the same Product2 id.
 */
export function seedSynthetic(
  builder: SeedBuilder,
  count: number,
  seed: number,
  reserve: (sequence: number) => void,
): void {
  reserve(SYNTHETIC_ID_BASE - 1);
  for (const p of syntheticCatalog(count, seed)) {
    const id = builder.product(toSeedProduct(p), syntheticModifiedAt(p.index));
    if (id !== p.product2Id) throw new Error(`synthetic product ${p.index} got id ${id}, not ${p.product2Id}`);
  }
}
