import fc from 'fast-check';
import type { CleverbridgeProduct } from '../../src/cleverbridge/product-shape.js';
import type { SalesforceProduct, SfRecord } from '../../src/core/salesforce-product.js';
import { KEYS, keyArb } from './arbitraries.js';

/** Generators for the mapper fuzz tests: Salesforce and cleverbridge records, tame and hostile. */

// Anything a JSON answer can hold, biased towards the values that break mappers.
export const nastyText = fc.oneof(
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
export const salesforceProductArb = fc.oneof(tameProductArb, hostileProductArb);

const localizedArb = fc.option(
  fc.array(
    fc.record({
      value: fc.oneof(nastyText, fc.constant(null as unknown as string)),
      language: fc.option(fc.record({ id: fc.constantFrom('EN', 'DE', 'FR', 'JA', '') })),
    }),
    { maxLength: 4 },
  ),
);
export const cleverbridgeProductArb: fc.Arbitrary<CleverbridgeProduct> = fc.record({
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
