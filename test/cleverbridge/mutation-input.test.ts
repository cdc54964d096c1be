import { describe, expect, it } from 'vitest';
import type { FieldChange } from '../../src/core/diff.js';
import { createProductInput, ensureProductInput, updateProductInput } from '../../src/cleverbridge/mutation-input.js';
import { defaultMapping } from '../helpers/mapping.js';
import { canonicalProduct } from '../helpers/products.js';

// The default mapping's languages in scope: EN (the default), DE, FR.
const config = defaultMapping();
const KEY = '01t5g0000000001AAA';
const price = {
  baseCurrency: 'USD',
  isGross: true,
  volumePricingMethod: 'PRICE_SCALE',
  tiers: [
    { currency: 'EUR', quantity: 1, value: 9.5 },
    { currency: 'USD', quantity: 5, value: 8 },
  ],
};
const full = canonicalProduct({
  status: 'DEACTIVATED',
  salesTaxCode: 'SW050000',
  numberOfLicenses: 3,
  internalName: 'AV-1',
  internalCategory: 'Security',
  names: { DE: 'Virenschutz', EN: 'Antivirus' },
  additionalNameInformation: { EN: 'for home' },
  descriptions: { EN: 'Protects.' },
  shortDescriptions: { DE: 'Schützt.' },
  price,
});
const priceValues = [
  { currencyId: 'EUR', quantity: 1, interval: 0, value: 9.5 },
  { currencyId: 'USD', quantity: 5, interval: 0, value: 8 },
];

describe('createProduct input', () => {
  it('carries every field of the product, texts only in the languages they have', () => {
    expect(createProductInput(864, KEY, full)).toEqual({
      clientId: 864,
      internalId: KEY,
      productType: 'PRODUCT',
      status: 'DEACTIVATED',
      salesTaxCodeId: 'SW050000',
      numberOfLicenses: 3,
      internalName: 'AV-1',
      internalCategory: 'Security',
      names: [
        { languageId: 'DE', value: 'Virenschutz' },
        { languageId: 'EN', value: 'Antivirus' },
      ],
      additionalNameInformation: [{ languageId: 'EN', value: 'for home' }],
      contentSettings: {
        description: [{ languageId: 'EN', value: 'Protects.' }],
        shortDescription: [{ languageId: 'DE', value: 'Schützt.' }],
      },
      price: {
        baseCurrencyId: 'USD',
        isGross: true,
        volumePricingMethod: 'PRICE_SCALE',
        priceAbsoluteValues: priceValues,
      },
    });
  });

  it('leaves out what the product does not have', () => {
    expect(createProductInput(864, KEY, canonicalProduct())).toEqual({
      clientId: 864,
      internalId: KEY,
      productType: 'PRODUCT',
      status: 'FULLY_AVAILABLE',
      salesTaxCodeId: 'DC010500',
      numberOfLicenses: 1,
      names: [{ languageId: 'EN', value: 'Antivirus' }],
      price: {
        baseCurrencyId: 'USD',
        isGross: false,
        volumePricingMethod: 'PRICE_SCALE',
        priceAbsoluteValues: [{ currencyId: 'USD', quantity: 1, interval: 0, value: 10 }],
      },
    });
    // One content text is enough for contentSettings, with only that text in it.
    expect(createProductInput(1, KEY, canonicalProduct({ shortDescriptions: { EN: 'Short.' } }))).toMatchObject({
      contentSettings: { shortDescription: [{ languageId: 'EN', value: 'Short.' }] },
    });
    expect(
      Object.keys(createProductInput(1, KEY, canonicalProduct({ descriptions: { EN: 'Long.' } })).contentSettings!),
    ).toEqual(['description']);
  });
});

describe('updateProduct input', () => {
  const change = <F extends FieldChange['field']>(field: F, to: unknown): FieldChange =>
    ({ field, from: null, to }) as unknown as FieldChange;
  const kept = [{ currency: 'USD', quantity: 1, interval: 12, value: 99 }];

  it('names only the fields that change, each localized list in every language in scope', () => {
    const changes = [
      change('names', { EN: 'Backup' }),
      change('additionalNameInformation', { DE: 'für zu Hause' }),
      change('descriptions', { FR: 'Protège.' }),
      change('shortDescriptions', {}),
      change('price', price),
      change('salesTaxCode', 'SW050000'),
      change('status', 'DEACTIVATED'),
      change('numberOfLicenses', 3),
      change('internalName', null),
      change('subscription', { recurringInterval: { intervalPeriod: 'MONTHS', value: 1 }, licenseType: 'NEW' }),
      change('version', { DE: '2026' }),
      change('systemRequirements', { EN: '4 GB' }),
      change('ean', '4006381333931'),
      change('supportContactId', 1627),
    ];
    const all = (values: Record<string, string>) =>
      ['EN', 'DE', 'FR'].map((languageId) => ({ languageId, value: values[languageId] ?? '' }));
    expect(updateProductInput(7, changes, config, kept)).toEqual({
      id: 7,
      names: all({ EN: 'Backup' }),
      additionalNameInformation: all({ DE: 'für zu Hause' }),
      contentSettings: {
        description: all({ FR: 'Protège.' }),
        shortDescription: all({}),
        systemRequirements: all({ EN: '4 GB' }),
      },
      version: all({ DE: '2026' }),
      ean: '4006381333931',
      supportContactId: 1627,
      subscriptionSettings: { recurringInterval: { intervalPeriod: 'MONTHS', value: 1 }, licenseType: 'NEW' },
      // The whole list is replaced: the values catalog-sync does not manage go back in.
      price: {
        baseCurrencyId: 'USD',
        isGross: true,
        volumePricingMethod: 'PRICE_SCALE',
        priceAbsoluteValues: [...priceValues, { currencyId: 'USD', quantity: 1, interval: 12, value: 99 }],
      },
      salesTaxCodeId: 'SW050000',
      status: 'DEACTIVATED',
      numberOfLicenses: 3,
      internalName: null,
    });
  });

  it('clears the subscription of a product that became one-time', () => {
    expect(updateProductInput(7, [change('subscription', null)], config, [])).toEqual({
      id: 7,
      subscriptionSettings: null,
    });
  });

  it('sends no contentSettings when no content text changes', () => {
    expect(updateProductInput(7, [change('status', 'FULLY_AVAILABLE')], config, [])).toEqual({
      id: 7,
      status: 'FULLY_AVAILABLE',
    });
    expect(updateProductInput(7, [change('shortDescriptions', { EN: 'Short.' })], config, [])).toEqual({
      id: 7,
      contentSettings: {
        shortDescription: [
          { languageId: 'EN', value: 'Short.' },
          { languageId: 'DE', value: '' },
          { languageId: 'FR', value: '' },
        ],
      },
    });
  });
});

describe('ensure input (an update by internalId carrying the whole product)', () => {
  it('names every field, every text in every language in scope, and the managed prices only', () => {
    expect(ensureProductInput(864, KEY, full, config)).toEqual({
      clientId: 864,
      internalId: KEY,
      productType: 'PRODUCT',
      status: 'DEACTIVATED',
      salesTaxCodeId: 'SW050000',
      numberOfLicenses: 3,
      internalName: 'AV-1',
      internalCategory: 'Security',
      names: [
        { languageId: 'EN', value: 'Antivirus' },
        { languageId: 'DE', value: 'Virenschutz' },
        { languageId: 'FR', value: '' },
      ],
      additionalNameInformation: [
        { languageId: 'EN', value: 'for home' },
        { languageId: 'DE', value: '' },
        { languageId: 'FR', value: '' },
      ],
      contentSettings: {
        description: [
          { languageId: 'EN', value: 'Protects.' },
          { languageId: 'DE', value: '' },
          { languageId: 'FR', value: '' },
        ],
        shortDescription: [
          { languageId: 'EN', value: '' },
          { languageId: 'DE', value: 'Schützt.' },
          { languageId: 'FR', value: '' },
        ],
      },
      price: {
        baseCurrencyId: 'USD',
        isGross: true,
        volumePricingMethod: 'PRICE_SCALE',
        priceAbsoluteValues: priceValues,
      },
    });
    // An internal name or category the product lacks is sent as null.
    expect(ensureProductInput(864, KEY, canonicalProduct(), config)).toMatchObject({
      internalName: null,
      internalCategory: null,
    });
  });
});
