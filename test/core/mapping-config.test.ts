import { describe, expect, it } from 'vitest';
import { languagesInScope, managedFields, type MappingConfig } from '../../src/core/mapping-config.js';
import { defaultMapping } from '../helpers/mapping.js';

const base = defaultMapping();
const text = (field: string) => ({ field, translationField: null, languageFields: {} });
/** The default mapping with every text and plain field mapped. */
const everything: MappingConfig = {
  ...base,
  text: {
    names: text('Name'),
    additionalNameInformation: text('Subtitle__c'),
    descriptions: text('Description'),
    shortDescriptions: text('Short__c'),
  },
  fields: {
    internalName: 'ProductCode',
    internalCategory: 'Family',
    salesTaxCode: 'Tax__c',
    numberOfLicenses: 'Seats__c',
  },
};

describe('the mapping', () => {
  it('manages status and price always, and each text and plain field only when it is mapped', () => {
    expect(managedFields(base)).toEqual([
      'status',
      'price',
      'names',
      'descriptions',
      'internalName',
      'internalCategory',
    ]);
    expect(managedFields(everything)).toEqual([
      'status',
      'price',
      'names',
      'additionalNameInformation',
      'descriptions',
      'shortDescriptions',
      'internalName',
      'internalCategory',
      'salesTaxCode',
      'numberOfLicenses',
    ]);
    const bare = {
      ...everything,
      text: {},
      fields: { internalName: null, internalCategory: null, salesTaxCode: null, numberOfLicenses: null },
    };
    expect(managedFields(bare)).toEqual(['status', 'price']);
  });

  it('puts the default language first among the languages in scope, once', () => {
    expect(languagesInScope(base)).toEqual(['EN', 'DE', 'FR']);
    expect(languagesInScope({ ...base, translations: { DE: 'de', EN: 'en_US', JA: 'ja' } })).toEqual([
      'EN',
      'DE',
      'JA',
    ]);
    expect(languagesInScope({ ...base, translations: {} })).toEqual(['EN']);
  });
});
