import { describe, expect, it } from 'vitest';
import { mapSalesforceProduct } from '../../src/core/map-salesforce.js';
import type { SfRecord } from '../../src/core/salesforce-product.js';
import { defaultMapping, sfProduct } from '../helpers/mapping.js';

const config = defaultMapping();
const usd = (UnitPrice: unknown): SfRecord => ({ CurrencyIsoCode: 'USD', UnitPrice, IsActive: true });
const tier = (Min_Quantity__c: unknown, Unit_Price__c: unknown, CurrencyIsoCode = 'USD'): SfRecord => ({
  CurrencyIsoCode,
  Min_Quantity__c,
  Unit_Price__c,
});
const map = (priceEntries: SfRecord[], tiers: SfRecord[] = [], record: Record<string, unknown> = {}) =>
  mapSalesforceProduct(sfProduct({ priceEntries, tiers, record }), config);
const tiersOf = (priceEntries: SfRecord[], tiers: SfRecord[] = []) => {
  const mapped = map(priceEntries, tiers);
  if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
  return mapped.product.price.tiers;
};
const problemsOf = (priceEntries: SfRecord[], tiers: SfRecord[] = []) => {
  const mapped = map(priceEntries, tiers);
  return mapped.ok ? [] : mapped.errors.map(({ code, message }) => ({ code, message }));
};
const notAnAmount = (what: string, shown: string) => ({
  code: 'PRICE_INVALID',
  message: `The ${what} ${shown} is not an amount from 0 to 1000000000.`,
});

describe('Salesforce prices -> canonical tiers', () => {
  it('takes an amount as a number or as the text of one, from 0 to a billion', () => {
    expect(tiersOf([usd('19.99')])).toEqual([{ currency: 'USD', quantity: 1, value: 19.99 }]);
    expect(tiersOf([usd(0)])).toEqual([{ currency: 'USD', quantity: 1, value: 0 }]);
    expect(tiersOf([usd(1_000_000_000)])).toEqual([{ currency: 'USD', quantity: 1, value: 1_000_000_000 }]);
    // Binary float error up to a millionth of a cent is no decimal.
    expect(tiersOf([usd(0.00000001)])).toEqual([{ currency: 'USD', quantity: 1, value: 0 }]);
  });

  it('refuses what is not an amount, naming the price and the value', () => {
    for (const [value, shown] of [
      ['', '""'],
      ['  ', '"  "'],
      [true, 'true'],
      [null, 'null'],
      [-0.01, '-0.01'],
      [1_000_000_000.01, '1000000000.01'],
    ] as const) {
      expect(problemsOf([usd(value)])[0]).toEqual(notAnAmount('USD price', shown));
    }
    expect(problemsOf([usd(10)], [tier(5, -1)])).toEqual([notAnAmount('USD tier price from quantity 5', '-1')]);
    expect(problemsOf([usd(10), { CurrencyIsoCode: 'EUR', UnitPrice: 10.005, IsActive: true }])).toEqual([
      { code: 'PRICE_PRECISION', message: 'The EUR price 10.005 has more than 2 decimal places.' },
    ]);
  });

  it('says which price or tier comes twice', () => {
    expect(problemsOf([usd(10), usd(11)])).toEqual([
      { code: 'PRICE_DUPLICATE', message: 'There are two prices for USD from quantity 1.' },
    ]);
    expect(problemsOf([usd(10)], [tier(5, 9), tier(5, 8)])).toEqual([
      { code: 'PRICE_DUPLICATE', message: 'There are two volume tiers for USD from quantity 5.' },
    ]);
    // A refused tier takes no place: the valid one from the same quantity is no duplicate.
    expect(problemsOf([usd(10)], [tier(5, 'x'), tier(5, 8)])).toEqual([
      notAnAmount('USD tier price from quantity 5', '"x"'),
    ]);
  });

  it('takes tiers from quantity 2, and refuses one from quantity 1 with its quantity', () => {
    expect(tiersOf([usd(10)], [tier(2, 9)])).toEqual([
      { currency: 'USD', quantity: 1, value: 10 },
      { currency: 'USD', quantity: 2, value: 9 },
    ]);
    expect(problemsOf([usd(10)], [tier(1, 9)])).toEqual([
      { code: 'TIER_INVALID', message: 'A USD volume tier starts at quantity 1; tiers start at 2 or more.' },
    ]);
  });

  it('needs a quantity-1 price in the base currency: a volume tier in it is not enough', () => {
    expect(problemsOf([{ CurrencyIsoCode: 'EUR', UnitPrice: 9, IsActive: true }], [tier(5, 8)])).toEqual([
      {
        code: 'BASE_PRICE_MISSING',
        message: 'The product has no active standard price in USD, the base currency.',
      },
    ]);
  });

  it('reads no tiers when the mapping has none', () => {
    const noTiers = { ...config, tiers: null };
    const mapped = mapSalesforceProduct(sfProduct({ tiers: [tier(5, 8)] }), noTiers);
    expect(mapped.ok && mapped.product.price.tiers).toEqual([{ currency: 'USD', quantity: 1, value: 19.99 }]);
  });

  it('leaves out of an inactive product the prices it cannot use, comparing its price only when valid', () => {
    const inactive = map([usd(19.99)], [tier(5, 'x')], { IsActive: false });
    expect(inactive).toMatchObject({ ok: true, ignore: ['price'] });
    expect(inactive.ok && inactive.product.price.tiers).toEqual([{ currency: 'USD', quantity: 1, value: 19.99 }]);
    expect(map([usd(19.99)], [], { IsActive: false })).toMatchObject({ ok: true, ignore: [] });
  });
});

/** ISO 4217 currencies without a minor unit. */
const ZERO_DECIMAL = [
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'UYI',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
];

describe('Salesforce prices in a currency without a minor unit', () => {
  const everyCurrency = { ...config, currencies: ['USD', ...ZERO_DECIMAL] };
  const price = (currency: string, UnitPrice: number) =>
    mapSalesforceProduct(
      sfProduct({ priceEntries: [usd(10), { CurrencyIsoCode: currency, UnitPrice, IsActive: true }] }),
      everyCurrency,
    );

  it.each(ZERO_DECIMAL)('takes whole %s amounts only', (currency) => {
    expect(price(currency, 1500)).toMatchObject({ ok: true });
    expect(price(currency, 1500.5)).toMatchObject({
      ok: false,
      errors: [
        {
          code: 'PRICE_PRECISION',
          message: `The ${currency} price 1500.5 has decimals; ${currency} amounts are whole.`,
        },
      ],
    });
  });

  it('takes cents in a currency with a minor unit', () => {
    expect(price('EUR', 1500.5)).toMatchObject({ ok: true });
  });
});
