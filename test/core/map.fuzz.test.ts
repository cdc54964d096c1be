import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CleverbridgeProduct } from '../../src/core/cleverbridge-product.js';
import { mapCleverbridgeProduct } from '../../src/core/map-cleverbridge.js';
import { mapSalesforceProduct, type MappedRecord } from '../../src/core/map-salesforce.js';
import { managedFields } from '../../src/core/mapping-config.js';
import { plan } from '../../src/core/plan.js';
import type { ActualProduct, SalesforceRead } from '../../src/core/plan-types.js';
import {
  canonicalLocalized,
  LOCALIZED_FIELDS,
  type CanonicalProduct,
  type LocalizedText,
} from '../../src/core/product.js';
import type { SalesforceProduct, SfRecord } from '../../src/core/salesforce-product.js';
import { defaultMapping, sfFromCanonical } from '../helpers/mapping.js';
import { defaultOptions, KEYS, keyArb } from './arbitraries.js';
import { fieldsJson } from './oracle.js';
import { sendableText } from './sendable-text.js';
import { simulateApply } from './simulate.js';

const config = defaultMapping();
const RUNS = { numRuns: 1500 };

/** Every problem code the Salesforce mapper may give; a new one must be added here on purpose. */
const PROBLEM_CODES = new Set([
  'FIELD_MISSING',
  'FIELD_TYPE',
  'TEXT_TOO_LONG',
  'TEXT_INVALID_CHARACTER',
  'NAME_MISSING',
  'PRICE_INVALID',
  'PRICE_PRECISION',
  'PRICE_DUPLICATE',
  'TIER_INVALID',
  'BASE_PRICE_MISSING',
  'LICENSES_INVALID',
  'ID_INVALID',
]);

// Anything a JSON answer can hold, biased towards the values that break mappers.
const nastyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    'Café',
    'Cafe\u0301',
    '\u0958'.repeat(200),
    'L'.repeat(256),
    '\u00a0',
    '\u200b\u200d',
    ' ',
    '',
    'a\u0000b',
    'x\ud800',
    'Z\u0351\u0359a\u0300',
    '<script>alert(1)</script>',
    'حماية\u200f',
  ),
);
const scalar = fc.oneof(
  nastyText,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('NaN', 'Infinity', '-1', '1e400', '12,50', ' 3 ', '0x10', '19.999'),
);
const anyJson = fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
const amount = fc.oneof(
  fc.integer({ min: -100_000, max: 200_000_000_000 }).map((cents) => cents / 100),
  fc.double({ min: -1e12, max: 1e12 }),
  anyJson,
);
const currency = fc.oneof(fc.constantFrom('USD', 'usd', 'EUR', 'JPY', 'GBP', 'CAD', '', ' USD'), anyJson);
const flag = fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: anyJson });
const text = fc.oneof({ weight: 4, arbitrary: nastyText }, { weight: 1, arbitrary: anyJson });
const id = fc.oneof(
  keyArb,
  keyArb.map((k) => k.slice(0, 15)),
  keyArb.map((k) => k.toUpperCase()),
  fc.string({ maxLength: 20 }),
  anyJson,
);
/** A record: every field may be missing, null or of the wrong type. */
const recordOf = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record(fields, { requiredKeys: [] }) as fc.Arbitrary<SfRecord>;

/** Records mostly as a manager makes them, each field now and then hostile. */
const often = <T>(usual: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 8, arbitrary: usual }, { weight: 1, arbitrary: anyJson });
const usualAmount = fc.integer({ min: 0, max: 100_000 }).map((cents) => cents / 100);
const tameProductArb: fc.Arbitrary<SalesforceProduct> = fc.record({
  record: recordOf({
    Id: often(keyArb),
    Name: often(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 })),
    Description: often(fc.option(nastyText)),
    ProductCode: often(fc.option(fc.string({ maxLength: 10 }))),
    Family: often(fc.option(fc.constantFrom('Security', 'Backup'))),
    IsActive: often(fc.boolean()),
  }).map((r) => ({
    Id: KEYS[0],
    Name: 'Name',
    IsActive: true,
    Description: null,
    ProductCode: null,
    Family: null,
    ...r,
  })),
  priceEntries: fc
    .array(
      recordOf({
        CurrencyIsoCode: often(fc.constantFrom('EUR', 'JPY', 'GBP', 'CAD')),
        UnitPrice: often(usualAmount),
        IsActive: often(fc.boolean()),
      }),
      { maxLength: 3 },
    )
    .map((entries) => [{ CurrencyIsoCode: 'USD', UnitPrice: 10, IsActive: true }, ...entries]),
  tiers: fc.array(
    recordOf({
      CurrencyIsoCode: often(fc.constantFrom('USD', 'EUR')),
      Min_Quantity__c: often(fc.integer({ min: 2, max: 20 })),
      Unit_Price__c: often(usualAmount),
    }),
    { maxLength: 3 },
  ),
  translations: fc.array(
    recordOf({
      Language: often(fc.constantFrom('de', 'fr', 'ja')),
      Name: often(nastyText),
      Description: often(nastyText),
    }),
    { maxLength: 3 },
  ),
});
const hostileProductArb: fc.Arbitrary<SalesforceProduct> = fc.record({
  record: recordOf({ Id: id, Name: text, Description: text, ProductCode: text, Family: text, IsActive: flag }),
  priceEntries: fc.array(recordOf({ CurrencyIsoCode: currency, UnitPrice: amount, IsActive: flag }), { maxLength: 6 }),
  tiers: fc.array(
    recordOf({
      CurrencyIsoCode: currency,
      Min_Quantity__c: fc.oneof(fc.integer({ min: -2, max: 20 }), fc.double(), anyJson),
      Unit_Price__c: amount,
    }),
    { maxLength: 6 },
  ),
  translations: fc.array(
    recordOf({ Language: fc.oneof(fc.constantFrom('de', 'fr', 'ja', 'DE'), anyJson), Name: text, Description: text }),
    { maxLength: 4 },
  ),
});
const salesforceProductArb = fc.oneof(tameProductArb, hostileProductArb);

const localizedArb = fc.option(
  fc.array(
    fc.record({
      value: fc.oneof(nastyText, fc.constant(null as unknown as string)),
      language: fc.option(fc.record({ id: fc.constantFrom('EN', 'DE', 'FR', 'JA', '') })),
    }),
    { maxLength: 4 },
  ),
);
const cleverbridgeProductArb: fc.Arbitrary<CleverbridgeProduct> = fc.record({
  id: fc.integer({ min: 1 }),
  internalId: fc.option(id.map((v) => (typeof v === 'string' ? v : 'x'))),
  status: fc.option(fc.record({ id: fc.constantFrom('FULLY_AVAILABLE', 'DEACTIVATED', 'HIDDEN', '') })),
  productType: fc.option(fc.record({ id: fc.string({ maxLength: 10 }) })),
  salesTaxCode: fc.option(fc.record({ code: fc.option(fc.string({ maxLength: 10 })) })),
  numberOfLicenses: fc.option(fc.integer()),
  internalName: fc.option(nastyText),
  internalCategory: fc.option(nastyText),
  names: localizedArb,
  additionalNameInformation: localizedArb,
  contentSettings: fc.option(fc.record({ description: localizedArb, shortDescription: localizedArb })),
  price: fc.option(
    fc.record({
      isGross: fc.option(fc.boolean()),
      baseCurrency: fc.option(fc.record({ id: fc.constantFrom('USD', 'EUR', '') })),
      volumePricingMethod: fc.option(fc.record({ id: fc.constantFrom('PRICE_SCALE', 'VOLUME_DISCOUNT') })),
      priceAbsoluteValues: fc.option(
        fc.array(
          fc.record({
            currency: fc.option(fc.record({ id: fc.constantFrom('USD', 'EUR', 'JPY', 'CAD') })),
            quantity: fc.option(fc.integer({ min: 1, max: 100 })),
            interval: fc.option(fc.constantFrom(0, 1, 12)),
            value: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e9 })),
          }),
          { maxLength: 5 },
        ),
      ),
    }),
  ),
  subscriptionSettings: fc.option(
    fc.record({
      recurringInterval: fc.option(
        fc.record({ intervalPeriod: fc.constantFrom('MONTHS', 'YEARS'), value: fc.integer({ min: 1, max: 12 }) }),
      ),
    }),
  ),
}) as fc.Arbitrary<CleverbridgeProduct>;

const BARE: CleverbridgeProduct = {
  id: 1,
  internalId: null,
  status: null,
  productType: null,
  salesTaxCode: null,
  numberOfLicenses: null,
  internalName: null,
  internalCategory: null,
  names: null,
  additionalNameInformation: null,
  contentSettings: null,
  price: null,
  subscriptionSettings: null,
};

/** A localized map in canonical form: sorted languages, NFC texts, none blank. */
function expectCanonicalTexts(texts: LocalizedText) {
  expect(Object.keys(texts)).toEqual(Object.keys(texts).sort());
  for (const value of Object.values(texts)) {
    expect(value).toBe(value.normalize('NFC'));
    expect(/^[\s\p{Cf}]*$/u.test(value)).toBe(false);
  }
}

/** A product cleverbridge can take as it is: what a mapper may only ever answer as `ok`. */
function expectSendable(p: CanonicalProduct) {
  expect(p.names[config.defaultLanguage]).toBeTruthy();
  for (const field of LOCALIZED_FIELDS) {
    expectCanonicalTexts(p[field]);
    for (const value of Object.values(p[field])) {
      expect(sendableText(value, field === 'descriptions' || field === 'shortDescriptions')).toBe(true);
      expect([...value].length).toBeLessThanOrEqual(config.limits[field]);
    }
  }
  const seen = new Set<string>();
  for (const t of p.price.tiers) {
    expect(config.currencies).toContain(t.currency);
    expect(seen.has(`${t.currency}/${t.quantity}`)).toBe(false);
    seen.add(`${t.currency}/${t.quantity}`);
    expect(Number.isInteger(t.quantity) && t.quantity >= 1).toBe(true);
    expect(Number.isFinite(t.value) && t.value >= 0 && t.value <= 1e9).toBe(true);
    expect(Number.isInteger(Math.round(t.value * 100))).toBe(true);
    if (t.currency === 'JPY') expect(Number.isInteger(t.value)).toBe(true);
  }
}

describe('mapper fuzzing: arbitrary Salesforce records', () => {
  it('never throws; answers either a sendable product or problems with known codes and messages', () => {
    let ok = 0;
    fc.assert(
      fc.property(salesforceProductArb, (sf) => {
        const mapped = mapSalesforceProduct(sf, config);
        expect(typeof mapped.key).toBe('string');
        if (mapped.ok) {
          ok++;
          expectSendable(mapped.product);
          if (mapped.ignore.includes('price')) expect(mapped.product.status).toBe('DEACTIVATED');
          else expect(mapped.product.price.tiers.some((t) => t.currency === 'USD' && t.quantity === 1)).toBe(true);
        } else {
          expect(mapped.problems.length).toBeGreaterThan(0);
          for (const problem of mapped.problems) {
            expect(PROBLEM_CODES.has(problem.code), problem.code).toBe(true);
            expect(problem.message.length).toBeGreaterThan(10);
            expect(problem.message.length).toBeLessThan(1000);
          }
        }
      }),
      RUNS,
    );
    // The generator must reach valid records too, or the checks above prove nothing.
    expect(ok).toBeGreaterThan(RUNS.numRuns / 10);
  });

  it('is deterministic: the same record (a deep copy) maps to the same result', () => {
    fc.assert(
      fc.property(salesforceProductArb, (sf) => {
        expect(mapSalesforceProduct(structuredClone(sf), config)).toEqual(mapSalesforceProduct(sf, config));
      }),
      RUNS,
    );
  });

  it('is a fixed point on its own output: a product mapped once maps to itself again (no endless updates)', () => {
    const fields = managedFields(config);
    fc.assert(
      fc.property(salesforceProductArb, (sf) => {
        const mapped = mapSalesforceProduct(sf, config);
        if (!mapped.ok || mapped.ignore.length > 0) return;
        const again = mapSalesforceProduct(sfFromCanonical(mapped.key, mapped.product, config), config);
        expect(again.ok).toBe(true);
        if (again.ok) expect(fieldsJson(again.product, fields)).toBe(fieldsJson(mapped.product, fields));
      }),
      RUNS,
    );
  });
});

describe('mapper fuzzing: arbitrary cleverbridge products', () => {
  it('never throws, is deterministic, and answers canonical texts and tiers', () => {
    fc.assert(
      fc.property(cleverbridgeProductArb, (cb) => {
        const mapped = mapCleverbridgeProduct(cb, config);
        expect(mapCleverbridgeProduct(structuredClone(cb), config)).toEqual(mapped);
        for (const field of LOCALIZED_FIELDS) expectCanonicalTexts(mapped.product[field]);
        const tiers = mapped.product.price.tiers;
        expect(tiers).toEqual(
          [...tiers].sort((a, b) => a.currency.localeCompare(b.currency) || a.quantity - b.quantity),
        );
      }),
      RUNS,
    );
  });

  it('reads a text back equal to what was sent, whatever its normalization or blank padding', () => {
    fc.assert(
      fc.property(nastyText, fc.constantFrom('NFC', 'NFD', 'NFKC', 'NFKD') as fc.Arbitrary<string>, (value, form) => {
        const sent = canonicalLocalized({ EN: value });
        const storedAs = sent.EN === undefined ? '' : form === 'NFD' ? sent.EN.normalize('NFD') : sent.EN;
        const read = mapCleverbridgeProduct({ ...BARE, names: [{ value: storedAs, language: { id: 'EN' } }] }, config);
        expect(read.product.names).toEqual(sent);
      }),
      RUNS,
    );
  });
});

describe('mapper and planner together', () => {
  const KEYED = fc.tuple(fc.constantFrom(...KEYS), salesforceProductArb);

  it('for arbitrary records on both sides, planning again after applying the plan gives only noops', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(KEYED, { selector: ([key]) => key, maxLength: 8 }),
        fc.array(fc.tuple(fc.option(fc.constantFrom(...KEYS)), cleverbridgeProductArb), { maxLength: 8 }),
        fc.boolean(),
        (records, cbProducts, complete) => {
          const read: SalesforceRead = { complete, products: [], invalid: [], deletedKeys: [] };
          for (const [key, sf] of records) {
            const mapped: MappedRecord = mapSalesforceProduct({ ...sf, record: { ...sf.record, Id: key } }, config);
            if (mapped.ok)
              (read.products as unknown[]).push({ key: mapped.key, product: mapped.product, ignore: mapped.ignore });
            else (read.invalid as unknown[]).push(mapped);
          }
          const actual: ActualProduct[] = cbProducts.map(([internalId, cb], i) => {
            // cleverbridge ids are unique; the generated ones need not be.
            return { cbId: i + 1, internalId, product: mapCleverbridgeProduct(cb, config).product };
          });
          const options = defaultOptions({ managedFields: managedFields(config) });
          const first = plan(read, [], actual, options);
          const after = simulateApply(first, actual, []);
          const second = plan(read, after.snapshot, after.actual, options);
          const open = second.entries.filter(
            (e) =>
              e.action !== 'invalid' &&
              !(e.action === 'delete' && e.held) &&
              (e.action !== 'noop' || e.refresh || e.forget),
          );
          expect(open).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
