import fc from 'fast-check';
import type { ActualProduct, PlanOptions, SnapshotEntry } from '../../src/core/plan-types.js';
import { canonicalLocalized, canonicalTiers, type CanonicalProduct, PRODUCT_FIELDS } from '../../src/core/product.js';
import { makeSalesforceId } from '../../src/core/salesforce-id.js';

/** Keys from a small pool so that generated catalogs overlap (the interesting cases). */
export const KEYS = Array.from({ length: 12 }, (_, i) => makeSalesforceId('01t', '5g', i + 1));
export const keyArb = fc.constantFrom(...KEYS);

const text = fc.constantFrom('Antivirus', 'Virenschutz', 'Backup', 'Cafe\u0301', 'Café', 'VPN Pro', '');
const localized = fc.record({ EN: text, DE: text }, { requiredKeys: [] }).map((values) => canonicalLocalized(values));

const tiers = fc
  .uniqueArray(
    fc.record({
      currency: fc.constantFrom('USD', 'EUR', 'JPY'),
      quantity: fc.constantFrom(1, 5, 10),
      value: fc.integer({ min: 0, max: 5000 }).map((cents) => cents / 100),
    }),
    { selector: (t) => `${t.currency}/${t.quantity}`, minLength: 1, maxLength: 4 },
  )
  // Yen have no minor unit.
  .map((list) => canonicalTiers(list.map((t) => (t.currency === 'JPY' ? { ...t, value: Math.round(t.value) } : t))));

export const productArb: fc.Arbitrary<CanonicalProduct> = fc.record({
  status: fc.constantFrom('FULLY_AVAILABLE' as const, 'DEACTIVATED' as const),
  productType: fc.constant('PRODUCT'),
  salesTaxCode: fc.constantFrom('DC010500', 'SW050000'),
  numberOfLicenses: fc.constantFrom(1, 5),
  internalName: fc.constantFrom(null, 'SW-1', 'SW-2'),
  internalCategory: fc.constantFrom(null, 'Security'),
  names: localized.filter((l) => Object.keys(l).length > 0),
  additionalNameInformation: localized,
  descriptions: localized,
  shortDescriptions: localized,
  price: fc.record({
    baseCurrency: fc.constant('USD'),
    isGross: fc.boolean(),
    volumePricingMethod: fc.constant('PRICE_SCALE'),
    tiers,
  }),
  subscription: fc.option(
    fc.record({
      recurringInterval: fc.record({
        intervalPeriod: fc.constantFrom('MONTHS' as const, 'YEARS' as const),
        value: fc.constantFrom(1, 12),
      }),
    }),
    {
      nil: null,
    },
  ),
});

/** A catalog state across the three sides, consistent in ids. */
export const worldArb = fc
  .record({
    desired: fc.dictionary(keyArb, productArb, { maxKeys: 10 }),
    snapshot: fc.dictionary(keyArb, productArb, { maxKeys: 10 }),
    actual: fc.dictionary(keyArb, productArb, { maxKeys: 10 }),
    deleted: fc.uniqueArray(keyArb, { maxLength: 4 }),
    unmanaged: fc.array(fc.tuple(fc.constantFrom(null, 'legacy-1', 'ERP-77', '0035g00000AbCdEAAV'), productArb), {
      maxLength: 3,
    }),
    complete: fc.boolean(),
    // Sides that agree on a product, as they do after a sync: what makes a noop, an update or a drift.
    echo: fc.dictionary(keyArb, fc.constantFrom('snapshot', 'actual', 'both', 'synced'), { maxKeys: 6 }),
  })
  .map((generated) => {
    // Copies: fast-check shrinks from the generated value, which must stay as it was.
    const w = { ...generated, snapshot: { ...generated.snapshot }, actual: { ...generated.actual } };
    for (const [key, side] of Object.entries(w.echo)) {
      // Clones, not the same object: equal must mean equal in value.
      const desired = w.desired[key];
      if (desired && (side === 'snapshot' || side === 'both')) w.snapshot[key] = structuredClone(desired);
      if (desired && (side === 'actual' || side === 'both')) w.actual[key] = structuredClone(desired);
      const synced = w.snapshot[key];
      if (side === 'synced' && synced) w.actual[key] = structuredClone(synced);
    }
    // cleverbridge ids: a synced product keeps its id; unmanaged products get their own.
    const cbIdOf = (key: string) => 1000 + KEYS.indexOf(key);
    const deleted = w.deleted.filter((k) => !(k in w.desired));
    const snapshot: SnapshotEntry[] = Object.entries(w.snapshot).map(([key, product]) => ({
      key,
      cbId: cbIdOf(key),
      product,
    }));
    const actual: ActualProduct[] = [
      ...Object.entries(w.actual).map(([key, product]) => ({ cbId: cbIdOf(key), internalId: key, product })),
      ...w.unmanaged.map(([internalId, product], i) => ({ cbId: 9000 + i, internalId, product })),
    ];
    return {
      read: {
        complete: w.complete,
        products: Object.entries(w.desired).map(([key, product]) => ({ key, product })),
        invalid: [],
        deletedKeys: deleted,
      },
      snapshot,
      actual,
    };
  });

export const defaultOptions = (over: Partial<PlanOptions> = {}): PlanOptions => ({
  managedFields: PRODUCT_FIELDS,
  driftPolicy: 'overwrite',
  deletePolicy: 'delete',
  massDelete: { maxCount: 1000, maxShare: 1 },
  allowMassDelete: false,
  batchSize: 25,
  requestsPerSecond: 25,
  ...over,
});
