import { describe, expect, it } from 'vitest';
import { languagesInScope, managedFields } from '../../src/core/mapping-config.js';
import { defaultMapping } from '../helpers/mapping.js';
import { fullMapping } from './mappings.js';

const base = defaultMapping();
const everything = fullMapping();

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
