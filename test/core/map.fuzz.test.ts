import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapCleverbridgeProduct } from '../../src/cleverbridge/map-product.js';
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
import { bareCleverbridgeProduct, defaultMapping, sfFromCanonical } from '../helpers/mapping.js';
import { defaultOptions, KEYS } from './arbitraries.js';
import { cleverbridgeProductArb, nastyText, salesforceProductArb } from './fuzz-arbitraries.js';
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
  'VALUE_INVALID',
  'VALUE_NOT_MAPPED',
  'INTERVAL_VALUE_INVALID',
  'INTERVAL_PERIOD_INVALID',
  'ORDER_QUANTITY_INVALID',
  'ID_INVALID',
]);

const BARE = bareCleverbridgeProduct(1);

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
    expectCanonicalTexts(p[field] ?? {});
    for (const value of Object.values(p[field] ?? {})) {
      expect(sendableText(value, field === 'descriptions' || field === 'shortDescriptions')).toBe(true);
      expect([...value].length).toBeLessThanOrEqual(config.limits[field] ?? Infinity);
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
  it('never throws; answers either a sendable product or errors with known codes and messages', () => {
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
          expect(mapped.errors.length).toBeGreaterThan(0);
          for (const problem of mapped.errors) {
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
        for (const field of LOCALIZED_FIELDS) expectCanonicalTexts(mapped.product[field] ?? {});
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
