import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { managedFields } from '../../src/core/mapping-config.js';
import { mapSalesforceProduct } from '../../src/core/map-salesforce.js';
import { canonicalTiers, type PriceTier } from '../../src/core/product.js';
import { defaultMapping, sfFromCanonical, sfProduct } from '../helpers/mapping.js';
import { KEYS, productArb } from './arbitraries.js';
import { fieldsJson } from './oracle.js';

const config = defaultMapping();

describe('Salesforce product -> canonical product', () => {
  it('maps names, translations, descriptions, prices and tiers', () => {
    const mapped = mapSalesforceProduct(
      sfProduct({
        record: { Id: '01t5g00000000AA', Name: 'Antivirus', Description: 'Protects.' },
        priceEntries: [
          { CurrencyIsoCode: 'USD', UnitPrice: 19.99, IsActive: true },
          { CurrencyIsoCode: 'EUR', UnitPrice: 18.5, IsActive: true },
          { CurrencyIsoCode: 'GBP', UnitPrice: 15, IsActive: false },
          { CurrencyIsoCode: 'CAD', UnitPrice: 25, IsActive: true },
        ],
        tiers: [
          { CurrencyIsoCode: 'USD', Min_Quantity__c: 10, Unit_Price__c: 15.99 },
          { CurrencyIsoCode: 'USD', Min_Quantity__c: 5, Unit_Price__c: 17.99 },
        ],
        translations: [
          { Language: 'de', Name: 'Virenschutz', Description: 'Schützt.' },
          { Language: 'ja', Name: 'ウイルス対策', Description: null },
        ],
      }),
      config,
    );
    expect(mapped).toEqual({
      ok: true,
      ignore: [],
      // A 15-character id is normalised to 18.
      key: '01t5g00000000AAAAY',
      product: {
        status: 'FULLY_AVAILABLE',
        productType: 'PRODUCT',
        salesTaxCode: 'DC010500',
        numberOfLicenses: 1,
        internalName: 'AV-1',
        internalCategory: 'Security',
        names: { DE: 'Virenschutz', EN: 'Antivirus' },
        additionalNameInformation: {},
        descriptions: { DE: 'Schützt.', EN: 'Protects.' },
        shortDescriptions: {},
        price: {
          baseCurrency: 'USD',
          isGross: false,
          volumePricingMethod: 'PRICE_SCALE',
          // Inactive entries and currencies out of scope (CAD) are left out; tiers sorted.
          tiers: [
            { currency: 'EUR', quantity: 1, value: 18.5 },
            { currency: 'USD', quantity: 1, value: 19.99 },
            { currency: 'USD', quantity: 5, value: 17.99 },
            { currency: 'USD', quantity: 10, value: 15.99 },
          ],
        },
        subscription: null,
      },
    });
  });

  it('maps an inactive product to DEACTIVATED', () => {
    const mapped = mapSalesforceProduct(sfProduct({ record: { IsActive: false } }), config);
    expect(mapped.ok && mapped.product.status).toBe('DEACTIVATED');
  });

  it('normalises Unicode and drops blank texts, so equal texts compare equal', () => {
    const mapped = mapSalesforceProduct(
      sfProduct({
        record: { Name: 'Cafe\u0301', Description: '   ' },
        translations: [{ Language: 'de', Name: '', Description: null }],
      }),
      config,
    );
    expect(mapped.ok && mapped.product.names).toEqual({ EN: 'Café' });
    expect(mapped.ok && mapped.product.descriptions).toEqual({});
  });

  const errors: Array<[string, Parameters<typeof sfProduct>[0], string]> = [
    ['no name', { record: { Name: null } }, 'NAME_MISSING'],
    ['a blank name', { record: { Name: ' \t ' } }, 'NAME_MISSING'],
    ['a name over the limit', { record: { Name: 'x'.repeat(256) } }, 'TEXT_TOO_LONG'],
    [
      'a German name over the limit',
      { translations: [{ Language: 'de', Name: 'ü'.repeat(256), Description: null }] },
      'TEXT_TOO_LONG',
    ],
    [
      'a negative price',
      { priceEntries: [{ CurrencyIsoCode: 'USD', UnitPrice: -1, IsActive: true }] },
      'PRICE_INVALID',
    ],
    [
      'a price that is not a number',
      { priceEntries: [{ CurrencyIsoCode: 'USD', UnitPrice: 'NaN', IsActive: true }] },
      'PRICE_INVALID',
    ],
    ['a huge price', { priceEntries: [{ CurrencyIsoCode: 'USD', UnitPrice: 1e12, IsActive: true }] }, 'PRICE_INVALID'],
    [
      'three decimals',
      { priceEntries: [{ CurrencyIsoCode: 'USD', UnitPrice: 9.999, IsActive: true }] },
      'PRICE_PRECISION',
    ],
    [
      'no base currency price',
      { priceEntries: [{ CurrencyIsoCode: 'EUR', UnitPrice: 9, IsActive: true }] },
      'BASE_PRICE_MISSING',
    ],
    [
      'two prices in one currency',
      {
        priceEntries: [
          { CurrencyIsoCode: 'USD', UnitPrice: 9, IsActive: true },
          { CurrencyIsoCode: 'usd', UnitPrice: 10, IsActive: true },
        ],
      },
      'PRICE_DUPLICATE',
    ],
    [
      'a tier from quantity 1',
      { tiers: [{ CurrencyIsoCode: 'USD', Min_Quantity__c: 1, Unit_Price__c: 5 }] },
      'TIER_INVALID',
    ],
    [
      'a tier from quantity 2.5',
      { tiers: [{ CurrencyIsoCode: 'USD', Min_Quantity__c: 2.5, Unit_Price__c: 5 }] },
      'TIER_INVALID',
    ],
    [
      'two tiers from the same quantity',
      {
        tiers: [
          { CurrencyIsoCode: 'USD', Min_Quantity__c: 5, Unit_Price__c: 5 },
          { CurrencyIsoCode: 'USD', Min_Quantity__c: 5, Unit_Price__c: 4 },
        ],
      },
      'PRICE_DUPLICATE',
    ],
    ['a mapped field missing from the record', { record: { Family: undefined } }, 'FIELD_MISSING'],
    ['a name that is not text', { record: { Name: 42 } }, 'FIELD_TYPE'],
    ['an id that is not a Salesforce id', { record: { Id: 'not-an-id' } }, 'ID_INVALID'],
  ];

  it.each(errors)('refuses %s, with a stable code and a message', (_name, over, code) => {
    const input = sfProduct(over);
    if (over?.record && 'Family' in over.record && over.record.Family === undefined)
      delete (input.record as Record<string, unknown>).Family;
    const mapped = mapSalesforceProduct(input, config);
    expect(mapped.ok).toBe(false);
    if (!mapped.ok) {
      expect(mapped.errors.map((p) => p.code)).toContain(code);
      for (const p of mapped.errors) expect(p.message.length).toBeGreaterThan(10);
    }
  });

  it('accepts tiers in a currency without a quantity-1 price, as the guide catalog has them', () => {
    const mapped = mapSalesforceProduct(
      sfProduct({ tiers: [{ CurrencyIsoCode: 'HKD', Min_Quantity__c: 3, Unit_Price__c: 0 }] }),
      config,
    );
    expect(mapped.ok && mapped.product.price.tiers).toEqual([
      { currency: 'HKD', quantity: 3, value: 0 },
      { currency: 'USD', quantity: 1, value: 19.99 },
    ]);
  });

  it('lets an inactive product without a usable price through, its price left out of the comparison', () => {
    const mapped = mapSalesforceProduct(
      sfProduct({
        record: { IsActive: false },
        priceEntries: [{ CurrencyIsoCode: 'USD', UnitPrice: 19.99, IsActive: false }],
      }),
      config,
    );
    expect(mapped).toMatchObject({ ok: true, ignore: ['price'], product: { status: 'DEACTIVATED' } });
    const active = mapSalesforceProduct(
      sfProduct({ priceEntries: [{ CurrencyIsoCode: 'USD', UnitPrice: 19.99, IsActive: false }] }),
      config,
    );
    expect(active).toMatchObject({ ok: false, errors: [{ code: 'BASE_PRICE_MISSING' }] });
  });

  it('keeps every problem of a record, not only the first', () => {
    const mapped = mapSalesforceProduct(
      sfProduct({ record: { Name: null }, priceEntries: [{ CurrencyIsoCode: 'USD', UnitPrice: -5, IsActive: true }] }),
      config,
    );
    expect(!mapped.ok && mapped.errors.map((p) => p.code)).toEqual([
      'NAME_MISSING',
      'PRICE_INVALID',
      'BASE_PRICE_MISSING',
    ]);
  });

  /** A valid price has a quantity-1 price in the base currency and in every currency with tiers. */
  const withListPrices = (tiers: readonly PriceTier[]) => {
    const out = [...tiers];
    for (const currency of new Set(['USD', ...tiers.map((t) => t.currency)])) {
      if (!out.some((t) => t.currency === currency && t.quantity === 1)) out.push({ currency, quantity: 1, value: 1 });
    }
    return canonicalTiers(out);
  };

  it('round trip: the records of any canonical product map back to it', () => {
    const fields = managedFields(config);
    const valid = productArb.map((p) => ({
      ...p,
      productType: 'PRODUCT',
      salesTaxCode: 'DC010500',
      numberOfLicenses: 1,
      // A valid record has a name in the default language.
      names: { ...p.names, EN: p.names.EN ?? 'Name' },
      price: { ...p.price, isGross: false, tiers: withListPrices(p.price.tiers) },
    }));
    fc.assert(
      fc.property(fc.constantFrom(...KEYS), valid, (key, p) => {
        const mapped = mapSalesforceProduct(sfFromCanonical(key, p, config), config);
        expect(mapped).toMatchObject({ ok: true });
        if (mapped.ok) expect(fieldsJson(mapped.product, fields)).toBe(fieldsJson(p, fields));
      }),
      { numRuns: 300 },
    );
  });
});
