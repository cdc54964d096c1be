import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapCleverbridgeProduct } from '../../src/cleverbridge/map-product.js';
import type { CleverbridgeProduct } from '../../src/cleverbridge/product-shape.js';
import { parseMapping } from '../../src/config/mapping-schema.js';
import { mapSalesforceProduct } from '../../src/core/map-salesforce.js';
import { managedFields } from '../../src/core/mapping-config.js';
import type { CanonicalProduct } from '../../src/core/product.js';
import { defaultMapping, sfProduct } from '../helpers/mapping.js';
import { nastyText } from './fuzz-arbitraries.js';
import { fieldsJson } from './oracle.js';

/** A mapping with every field of the guide's createProduct example, picklists through value maps. */
const raw = JSON.parse(JSON.stringify(defaultMapping()));
raw.text.version = { field: 'Version__c' };
raw.text.systemRequirements = { field: 'Requirements__c' };
raw.fields = {
  ...raw.fields,
  ean: 'EAN__c',
  minimumOrderQuantity: 'Min_Quantity__c',
  maximumOrderQuantity: 'Max_Quantity__c',
  excludeFromTracking: 'No_Tracking__c',
  supportContactId: { field: 'Support_Level__c', values: { Gold: 1627, Silver: 1628 } },
};
raw.subscription = {
  recurringInterval: {
    value: 'Term__c',
    intervalPeriod: { field: 'Period__c', values: { Month: 'MONTHS', Year: 'YEARS' } },
  },
  recurrenceCount: 'Renewals__c',
  allowDeactivation: 'Cancellable__c',
  licenseType: { field: 'License__c', values: { New: 'NEW', Renewal: 'RENEWAL' } },
};
const config = parseMapping(raw);
const fields = managedFields(config);

const anyValue = fc.oneof(nastyText, fc.integer({ min: -3, max: 40 }), fc.double(), fc.boolean(), fc.constant(null));
/** Mostly values a manager would type, sometimes anything at all. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: anyValue, weight: 1 });
const extrasArb = fc.record({
  Version__c: fc.oneof(fc.constantFrom('2026', 'v3.1', null), nastyText),
  Requirements__c: fc.oneof(nastyText, fc.constant('Windows 11\nmacOS 15'), fc.constant(null)),
  EAN__c: mostly(fc.constantFrom('4006381333931', null)),
  Min_Quantity__c: mostly(fc.integer({ min: 1, max: 5 })),
  Max_Quantity__c: mostly(fc.integer({ min: 5, max: 50 })),
  No_Tracking__c: mostly(fc.boolean()),
  Support_Level__c: mostly(fc.constantFrom('Gold', 'Silver', 'Bronze', null)),
  Term__c: mostly(fc.constantFrom(1, 12, 36, null)),
  Period__c: mostly(fc.constantFrom('Month', 'Year', 'Decade', null)),
  Renewals__c: mostly(fc.constantFrom(0, 3, null)),
  Cancellable__c: mostly(fc.boolean()),
  License__c: mostly(fc.constantFrom('New', 'Renewal', 'Upgrade', null)),
});

const localized = (text: Readonly<Record<string, string>> | undefined) =>
  Object.entries(text ?? {}).map(([id, value]) => ({ value, language: { id } }));
const interval = (i: { intervalPeriod: string; value: number } | null | undefined) => i ?? null;

/**
 * What cleverbridge answers for a product created from `p`, written here from the guide's
 * response shape (not with the adapter's own code): the settings catalog-sync does not set are
 * cleverbridge's defaults.
 */
function cleverbridgeAnswer(p: CanonicalProduct): CleverbridgeProduct {
  const s = p.subscription;
  return {
    id: 7,
    internalId: null,
    status: { id: p.status },
    productType: { id: p.productType },
    salesTaxCode: { code: p.salesTaxCode },
    numberOfLicenses: p.numberOfLicenses,
    internalName: p.internalName,
    internalCategory: p.internalCategory,
    names: localized(p.names),
    additionalNameInformation: localized(p.additionalNameInformation),
    version: localized(p.version),
    contentSettings: {
      description: localized(p.descriptions),
      shortDescription: localized(p.shortDescriptions),
      systemRequirements: localized(p.systemRequirements),
    },
    price: {
      isGross: p.price.isGross,
      baseCurrency: { id: p.price.baseCurrency },
      volumePricingMethod: { id: p.price.volumePricingMethod },
      priceAbsoluteValues: p.price.tiers.map((t) => ({
        currency: { id: t.currency },
        quantity: t.quantity,
        interval: 0,
        value: t.value,
      })),
    },
    ean: p.ean ?? null,
    minimumOrderQuantity: p.minimumOrderQuantity ?? null,
    maximumOrderQuantity: p.maximumOrderQuantity ?? null,
    excludeFromTracking: p.excludeFromTracking ?? false,
    supportContact: p.supportContactId === null || p.supportContactId === undefined ? null : { id: p.supportContactId },
    subscriptionSettings: s
      ? {
          recurringInterval: interval(s.recurringInterval),
          initialInterval: null,
          recurrenceCount: s.recurrenceCount ?? null,
          allowDeactivation: s.allowDeactivation ?? false,
          startNewIntervalOnPayment: false,
          licenseType: { id: s.licenseType ?? 'UNDEFINED' },
        }
      : null,
  };
}

describe('mapper fuzzing: the fields a mapping adds, and subscriptions', () => {
  it('answers valid kinds or known errors, and is a fixed point through cleverbridge (no endless updates)', () => {
    let ok = 0;
    let subscriptions = 0;
    fc.assert(
      fc.property(extrasArb, (extras) => {
        const mapped = mapSalesforceProduct(sfProduct({ record: extras }), config);
        if (!mapped.ok) {
          for (const e of mapped.errors) expect(e.message.length).toBeGreaterThan(10);
          return;
        }
        ok++;
        const p = mapped.product;
        for (const f of ['minimumOrderQuantity', 'maximumOrderQuantity'] as const)
          expect(p[f] === null || (Number.isInteger(p[f]) && (p[f] as number) >= 0)).toBe(true);
        if (typeof p.minimumOrderQuantity === 'number' && typeof p.maximumOrderQuantity === 'number')
          expect(p.minimumOrderQuantity).toBeLessThanOrEqual(p.maximumOrderQuantity);
        expect([null, 1627, 1628]).toContain(p.supportContactId);
        expect(typeof p.excludeFromTracking === 'boolean' || p.excludeFromTracking === null).toBe(true);
        if (p.subscription) {
          subscriptions++;
          expect(['MONTHS', 'YEARS']).toContain(p.subscription.recurringInterval.intervalPeriod);
          expect(p.subscription.recurringInterval.value).toBeGreaterThanOrEqual(1);
          expect(['UNDEFINED', 'NEW', 'RENEWAL']).toContain(p.subscription.licenseType);
        } else expect(extras.Term__c === null || !mapped.ok).toBe(true);
        const back = mapCleverbridgeProduct(cleverbridgeAnswer(p), config).product;
        expect(fieldsJson(back, fields)).toBe(fieldsJson(p, fields));
      }),
      { numRuns: 1500 },
    );
    expect(ok).toBeGreaterThan(20);
    expect(subscriptions).toBeGreaterThan(10);
  });

  it('gives each wrong value its own code, naming the value', () => {
    const errors = (record: Record<string, unknown>) => {
      const mapped = mapSalesforceProduct(sfProduct({ record: { ...validExtras, ...record } }), config);
      return mapped.ok ? [] : mapped.errors.map((e) => `${e.code}: ${e.message}`);
    };
    expect(errors({})).toEqual([]);
    expect(errors({ Period__c: 'Decade' })).toEqual([
      'VALUE_NOT_MAPPED: The subscription interval period "Decade" (Period__c) is not in the mapping\'s value map for it.',
      'INTERVAL_PERIOD_INVALID: The subscription interval period null is not one of DAYS, WEEKS, MONTHS, YEARS.',
    ]);
    expect(errors({ Term__c: 0 })).toEqual([
      'INTERVAL_VALUE_INVALID: The subscription interval length 0 is not a whole number from 1.',
    ]);
    expect(errors({ Term__c: -12 })[0]).toMatch(/^INTERVAL_VALUE_INVALID/);
    expect(errors({ Support_Level__c: 'Bronze' })).toEqual([
      'VALUE_NOT_MAPPED: The supportContactId "Bronze" (Support_Level__c) is not in the mapping\'s value map for it.',
    ]);
    expect(errors({ Min_Quantity__c: 10, Max_Quantity__c: 5 })).toEqual([
      'ORDER_QUANTITY_INVALID: The minimum order quantity 10 is above the maximum 5.',
    ]);
    expect(errors({ Min_Quantity__c: 1.5 })[0]).toMatch(/^VALUE_INVALID: The minimumOrderQuantity 1.5/);
    // No term: a one-time product, whatever the period says.
    const oneTime = mapSalesforceProduct(
      sfProduct({ record: { ...validExtras, Term__c: null, Period__c: 'Decade' } }),
      config,
    );
    expect(oneTime.ok && oneTime.product.subscription).toBeNull();
  });
});

const validExtras = {
  Version__c: '2026',
  Requirements__c: 'Windows 11',
  EAN__c: '4006381333931',
  Min_Quantity__c: 1,
  Max_Quantity__c: 10,
  No_Tracking__c: false,
  Support_Level__c: 'Gold',
  Term__c: 12,
  Period__c: 'Month',
  Renewals__c: null,
  Cancellable__c: true,
  License__c: 'New',
};
