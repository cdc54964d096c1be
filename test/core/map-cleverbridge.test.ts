import { describe, expect, it } from 'vitest';
import type { CleverbridgeProduct } from '../../src/core/cleverbridge-product.js';
import { mapCleverbridgeProduct } from '../../src/core/map-cleverbridge.js';
import { defaultMapping } from '../helpers/mapping.js';

const config = defaultMapping();

function cb(over: Partial<CleverbridgeProduct> = {}): CleverbridgeProduct {
  return {
    id: 7,
    internalId: '01t5g0000000001AAA',
    status: { id: 'FULLY_AVAILABLE' },
    productType: { id: 'PRODUCT' },
    salesTaxCode: { code: 'DC010500' },
    numberOfLicenses: 1,
    internalName: null,
    internalCategory: null,
    names: [{ value: 'Antivirus', language: { id: 'EN' } }],
    additionalNameInformation: [{ value: '', language: null }],
    contentSettings: { description: [{ value: '', language: null }], shortDescription: null },
    price: {
      isGross: false,
      baseCurrency: { id: 'USD' },
      volumePricingMethod: { id: 'PRICE_SCALE' },
      priceAbsoluteValues: [{ currency: { id: 'USD' }, quantity: 1, interval: 0, value: 10 }],
    },
    subscriptionSettings: null,
    ...over,
  };
}

describe('cleverbridge product -> canonical product', () => {
  it("reads the platform's empty entry as no text", () => {
    const actual = mapCleverbridgeProduct(cb(), config);
    expect(actual.product.additionalNameInformation).toEqual({});
    expect(actual.product.descriptions).toEqual({});
  });

  it('keeps only languages in scope', () => {
    const actual = mapCleverbridgeProduct(
      cb({
        names: [
          { value: 'Antivirus', language: { id: 'EN' } },
          { value: 'Antivirus', language: { id: 'IT' } },
          { value: 'Virenschutz', language: { id: 'DE' } },
        ],
      }),
      config,
    );
    expect(actual.product.names).toEqual({ DE: 'Virenschutz', EN: 'Antivirus' });
  });

  it('counts any status but DEACTIVATED as available, leaving finer statuses to cleverbridge', () => {
    expect(mapCleverbridgeProduct(cb({ status: { id: 'HIDDEN' } }), config).product.status).toBe('FULLY_AVAILABLE');
    expect(mapCleverbridgeProduct(cb({ status: { id: 'DEACTIVATED' } }), config).product.status).toBe('DEACTIVATED');
  });

  it('manages interval-0 prices in scope and keeps the others aside', () => {
    const actual = mapCleverbridgeProduct(
      cb({
        price: {
          isGross: true,
          baseCurrency: { id: 'USD' },
          volumePricingMethod: { id: 'PRICE_SCALE' },
          priceAbsoluteValues: [
            { currency: { id: 'USD' }, quantity: 5, interval: 0, value: 9 },
            { currency: { id: 'USD' }, quantity: 1, interval: 0, value: 10 },
            { currency: { id: 'USD' }, quantity: 1, interval: 1, value: 0 },
            { currency: { id: 'CAD' }, quantity: 1, interval: 0, value: 14 },
          ],
        },
      }),
      config,
    );
    expect(actual.product.price).toEqual({
      baseCurrency: 'USD',
      isGross: true,
      volumePricingMethod: 'PRICE_SCALE',
      tiers: [
        { currency: 'USD', quantity: 1, value: 10 },
        { currency: 'USD', quantity: 5, value: 9 },
      ],
    });
    expect(actual.keptPriceValues).toEqual([
      { currency: 'USD', quantity: 1, interval: 1, value: 0 },
      { currency: 'CAD', quantity: 1, interval: 0, value: 14 },
    ]);
  });
});
