import type { SalesforceOrg } from '../org.js';
import { SeedBuilder } from './seed-builder.js';
import { seedShieldware } from './shieldware.js';
import { seedSynthetic } from './synthetic.js';

/** When the org was set up and got its standard price book, before any seeded product. */
const ORG_SET_UP_AT = Date.UTC(2023, 0, 9, 8, 0, 0);

export const SEED_NAMES = "'shieldware', 'empty' or 'synthetic:N'";

/**
 * Fills a new org: 'shieldware' (the guide's catalog), 'empty' (only the standard price book,
 * which every org has) or 'synthetic:N' (N generated products, reproducible from seedNumber).
 */
export function seedOrg(org: SalesforceOrg, spec: string, seedNumber: number, userId: string): void {
  const synthetic = /^synthetic:(\d+)$/.exec(spec);
  if (spec !== 'shieldware' && spec !== 'empty' && !synthetic)
    throw new RangeError(`unknown seed "${spec}": use ${SEED_NAMES}`);
  const builder = new SeedBuilder(org, userId, ORG_SET_UP_AT);
  if (spec === 'shieldware') seedShieldware(builder);
  if (synthetic) {
    const product2 = org.schema.object('Product2');
    seedSynthetic(builder, Number(synthetic[1]), seedNumber, (sequence) =>
      org.store.reserveSequence(product2?.keyPrefix ?? '01t', sequence),
    );
  }
}
