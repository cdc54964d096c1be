import type { MappingConfig, TextSource } from '../../src/core/mapping-config.js';
import { defaultMapping } from '../helpers/mapping.js';

const text = (field: string, over: Partial<TextSource> = {}): TextSource => ({
  field,
  translationField: null,
  languageFields: {},
  ...over,
});

/**
 * The default mapping (config/mapping.json) with every text and plain field mapped: names and
 * descriptions from Product2 and its translations as there, the other texts, the tax code and
 * the number of licenses from custom fields; a product without licenses gets 3.
 */
export function fullMapping(over: Partial<MappingConfig> = {}): MappingConfig {
  const base = defaultMapping();
  return {
    ...base,
    text: {
      names: text('Name', { translationField: 'Name' }),
      additionalNameInformation: text('Subtitle__c'),
      descriptions: text('Description', { translationField: 'Description' }),
      shortDescriptions: text('Short_Description__c'),
    },
    fields: {
      internalName: { field: 'ProductCode', values: null },
      internalCategory: { field: 'Family', values: null },
      salesTaxCode: { field: 'Tax_Code__c', values: null },
      numberOfLicenses: { field: 'Seats__c', values: null },
    },
    defaults: { ...base.defaults, numberOfLicenses: 3 },
    ...over,
  };
}

/** The Product2 fields fullMapping reads beyond the default mapping's, all empty. */
export const FULL_RECORD = { Subtitle__c: null, Short_Description__c: null, Tax_Code__c: null, Seats__c: null };
