import { describe, expect, it } from 'vitest';
import type { CleverbridgeProduct } from '../../src/cleverbridge/product-shape.js';
import { mapCleverbridgeProduct } from '../../src/cleverbridge/map-product.js';
import { bareCleverbridgeProduct, defaultMapping } from '../helpers/mapping.js';

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

const source = (field: string) => ({ field, values: null });

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

describe('cleverbridge product -> canonical product: what an answer leaves out', () => {
  const bare = bareCleverbridgeProduct(9);

  it('reads every field left null as empty, with the platform defaults', () => {
    expect(mapCleverbridgeProduct(bare, config)).toEqual({
      cbId: 9,
      internalId: null,
      keptPriceValues: [],
      product: {
        status: 'FULLY_AVAILABLE',
        productType: '',
        salesTaxCode: '',
        numberOfLicenses: 1,
        internalName: null,
        internalCategory: null,
        names: {},
        additionalNameInformation: {},
        descriptions: {},
        shortDescriptions: {},
        price: { baseCurrency: '', isGross: false, volumePricingMethod: '', tiers: [] },
        subscription: null,
      },
    });
    const emptyPrice = { isGross: null, baseCurrency: null, volumePricingMethod: null, priceAbsoluteValues: null };
    expect(mapCleverbridgeProduct({ ...bare, price: emptyPrice }, config).product.price).toEqual({
      baseCurrency: '',
      isGross: false,
      volumePricingMethod: '',
      tiers: [],
    });
  });

  it('reads every field it is given', () => {
    const actual = mapCleverbridgeProduct(
      cb({
        productType: { id: 'BUNDLE' },
        salesTaxCode: { code: 'SW050000' },
        numberOfLicenses: 5,
        internalName: 'AV-1',
        internalCategory: 'Security',
        additionalNameInformation: [{ value: 'for home', language: { id: 'EN' } }],
        contentSettings: {
          description: [{ value: 'Protects.', language: { id: 'EN' } }],
          shortDescription: [{ value: 'Schützt.', language: { id: 'DE' } }],
        },
        subscriptionSettings: {
          recurringInterval: { intervalPeriod: 'MONTHS', value: 12 },
          initialInterval: { intervalPeriod: 'DAYS', value: 30 },
          recurrenceCount: 3,
          allowDeactivation: true,
          startNewIntervalOnPayment: null,
          licenseType: { id: 'NEW' },
        },
      }),
      {
        ...config,
        subscription: {
          recurringInterval: { value: source('Term__c'), intervalPeriod: source('Period__c') },
          initialInterval: { value: source('Trial__c'), intervalPeriod: source('Trial_Period__c') },
          recurrenceCount: source('Renewals__c'),
          startNewIntervalOnPayment: source('New_On_Payment__c'),
          licenseType: source('License__c'),
        },
      },
    );
    expect(actual.product).toEqual({
      status: 'FULLY_AVAILABLE',
      productType: 'BUNDLE',
      salesTaxCode: 'SW050000',
      numberOfLicenses: 5,
      internalName: 'AV-1',
      internalCategory: 'Security',
      names: { EN: 'Antivirus' },
      additionalNameInformation: { EN: 'for home' },
      descriptions: { EN: 'Protects.' },
      shortDescriptions: { DE: 'Schützt.' },
      price: {
        baseCurrency: 'USD',
        isGross: false,
        volumePricingMethod: 'PRICE_SCALE',
        tiers: [{ currency: 'USD', quantity: 1, value: 10 }],
      },
      // Only the settings the mapping sets: allowDeactivation is left to cleverbridge.
      subscription: {
        recurringInterval: { intervalPeriod: 'MONTHS', value: 12 },
        initialInterval: { intervalPeriod: 'DAYS', value: 30 },
        recurrenceCount: 3,
        startNewIntervalOnPayment: false,
        licenseType: 'NEW',
      },
    });
    expect(mapCleverbridgeProduct(cb({ subscriptionSettings: null }), config).product.subscription).toBeNull();
  });

  it('skips a price value without a currency or an amount, and reads a missing quantity as 1 and interval as 0', () => {
    const actual = mapCleverbridgeProduct(
      cb({
        price: {
          isGross: false,
          baseCurrency: { id: 'USD' },
          volumePricingMethod: { id: 'PRICE_SCALE' },
          priceAbsoluteValues: [
            { currency: { id: 'USD' }, quantity: 5, interval: 0, value: null },
            { currency: null, quantity: 1, interval: 0, value: 3 },
            { currency: { id: 'EUR' }, quantity: null, interval: null, value: 9 },
          ],
        },
      }),
      config,
    );
    expect(actual.product.price.tiers).toEqual([{ currency: 'EUR', quantity: 1, value: 9 }]);
    expect(actual.keptPriceValues).toEqual([]);
  });
});
