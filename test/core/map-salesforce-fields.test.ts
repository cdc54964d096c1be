import { describe, expect, it } from 'vitest';
import { mapSalesforceProduct } from '../../src/core/map-salesforce.js';
import { sfProduct } from '../helpers/mapping.js';
import { FULL_RECORD, fullMapping } from './mappings.js';

const config = fullMapping();
type Related = Omit<NonNullable<Parameters<typeof sfProduct>[0]>, 'record'>;
/** A Product2 with the fields fullMapping reads, `record` over them. */
const sf = (record: Record<string, unknown>, related: Related = {}) =>
  sfProduct({ ...related, record: { ...FULL_RECORD, ...record } });
const map = (record: Record<string, unknown>, related: Related = {}) =>
  mapSalesforceProduct(sf(record, related), config);
const errors = (record: Record<string, unknown>, related: Related = {}) => {
  const mapped = map(record, related);
  return mapped.ok ? [] : mapped.errors;
};
const product = (record: Record<string, unknown>, related: Related = {}) => {
  const mapped = map(record, related);
  if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
  return mapped.product;
};

describe('Salesforce product -> canonical product: the plain fields', () => {
  it('reads the number of licenses, the default when it is empty, and refuses one that is not a whole number from 1', () => {
    expect(product({ Seats__c: 5 }).numberOfLicenses).toBe(5);
    expect(product({ Seats__c: 1 }).numberOfLicenses).toBe(1);
    expect(product({ Seats__c: null }).numberOfLicenses).toBe(3);
    expect(product({ Seats__c: undefined }).numberOfLicenses).toBe(3);
    for (const [value, shown] of [
      [0, '0'],
      [2.5, '2.5'],
      ['5', '"5"'],
      [true, 'true'],
    ] as const) {
      expect(errors({ Seats__c: value })).toEqual([
        {
          code: 'LICENSES_INVALID',
          message: `The number of licenses ${shown} is not a whole number from 1.`,
          field: 'Seats__c',
        },
      ]);
    }
    // Not mapped: the default, whatever the record holds.
    const unmapped = fullMapping({ fields: { ...config.fields, numberOfLicenses: null } });
    const mapped = mapSalesforceProduct(sf({ Seats__c: 5 }), unmapped);
    expect(mapped.ok && mapped.product.numberOfLicenses).toBe(3);
  });

  it('reads the tax code trimmed, and the default for an empty one', () => {
    expect(product({ Tax_Code__c: ' SW050000 ' }).salesTaxCode).toBe('SW050000');
    expect(product({ Tax_Code__c: '   ' }).salesTaxCode).toBe('DC010500');
    expect(product({ Tax_Code__c: null }).salesTaxCode).toBe('DC010500');
    expect(errors({ Tax_Code__c: 7 })).toEqual([
      { code: 'FIELD_TYPE', message: 'The Salesforce field Tax_Code__c holds number, not text.', field: 'Tax_Code__c' },
    ]);
  });

  it('refuses a bad character or an over-long text in the internal name and category, naming the field', () => {
    expect(errors({ ProductCode: 'AV\u0007-1' })).toEqual([
      {
        code: 'TEXT_INVALID_CHARACTER',
        message: 'The internalName (ProductCode) contains an invisible control character (U+0007) at character 3.',
        field: 'ProductCode',
      },
    ]);
    // One-line texts: no line break either.
    expect(errors({ ProductCode: 'AV\n1' }).map((p) => p.code)).toEqual(['TEXT_INVALID_CHARACTER']);
    expect(product({ Family: 'F'.repeat(100) }).internalCategory).toBe('F'.repeat(100));
    expect(errors({ Family: 'F'.repeat(101) })).toEqual([
      {
        code: 'TEXT_TOO_LONG',
        message: 'The internalCategory (Family) has 101 characters; cleverbridge takes at most 100.',
        field: 'Family',
      },
    ]);
    expect(product({ ProductCode: '  ' }).internalName).toBeNull();
  });

  it('leaves a plain field that is not mapped empty, without reading the record', () => {
    const unmapped = fullMapping({
      fields: { internalName: null, internalCategory: null, salesTaxCode: null, numberOfLicenses: null },
    });
    const mapped = mapSalesforceProduct(sf({ ProductCode: undefined, Family: 7 }), unmapped);
    expect(mapped).toMatchObject({ ok: true, product: { internalName: null, internalCategory: null } });
  });
});

describe('Salesforce product -> canonical product: identity and texts', () => {
  it('keys an invalid record by whatever its Id holds as text, with its name as label', () => {
    const invalid = (Id: unknown) => {
      const mapped = map({ Id });
      return mapped.ok ? null : { key: mapped.key, label: mapped.label, errors: mapped.errors };
    };
    const idInvalid = (key: string) => [
      { code: 'ID_INVALID', message: `"${key}" is not a Salesforce id.`, field: 'Id' },
    ];
    expect(invalid(42)).toEqual({ key: '42', label: 'Antivirus', errors: idInvalid('42') });
    expect(invalid(false)).toEqual({ key: 'false', label: 'Antivirus', errors: idInvalid('false') });
    expect(invalid({ id: 1 })).toEqual({ key: '', label: 'Antivirus', errors: idInvalid('') });
    const unnamed = map({ Name: 42 });
    expect(!unnamed.ok && unnamed.label).toBeNull();
  });

  it('names the language, the text and the limit of an over-long text, exactly at the limit accepted', () => {
    expect(product({ Name: 'n'.repeat(255), Subtitle__c: 'a'.repeat(255) }).names.EN).toHaveLength(255);
    expect(errors({ Subtitle__c: 'a'.repeat(256), Short_Description__c: 's'.repeat(2001) })).toEqual([
      {
        code: 'TEXT_TOO_LONG',
        message: 'The EN additional name information has 256 characters; cleverbridge takes at most 255.',
        field: 'additionalNameInformation',
      },
      {
        code: 'TEXT_TOO_LONG',
        message: 'The EN short description has 2001 characters; cleverbridge takes at most 2000.',
        field: 'shortDescriptions',
      },
    ]);
    // U+0958 has no composed form: NFC makes each two characters, and the message says why.
    expect(errors({ Name: '\u0958'.repeat(200) })).toEqual([
      {
        code: 'TEXT_TOO_LONG',
        message: 'The EN name has 400 characters once Unicode-normalized (NFC); cleverbridge takes at most 255.',
        field: 'names',
      },
    ]);
  });

  it('allows line breaks in descriptions only', () => {
    const text = 'one\ntwo';
    expect(product({ Description: text, Short_Description__c: text })).toMatchObject({
      descriptions: { EN: text },
      shortDescriptions: { EN: text },
    });
    expect(errors({ Name: text, Subtitle__c: text })).toEqual([
      {
        code: 'TEXT_INVALID_CHARACTER',
        message: 'The EN name contains an invisible control character (U+000A) at character 4.',
        field: 'names',
      },
      {
        code: 'TEXT_INVALID_CHARACTER',
        message: 'The EN additional name information contains an invisible control character (U+000A) at character 4.',
        field: 'additionalNameInformation',
      },
    ]);
  });

  it('reads a language field over the translation, and no translation for a text without a translation field', () => {
    const withFields = fullMapping({
      text: {
        ...config.text,
        names: { field: 'Name', translationField: 'Name', languageFields: { DE: 'Name_DE__c' } },
        descriptions: { field: 'Description', translationField: null, languageFields: {} },
      },
    });
    const mapped = mapSalesforceProduct(
      sf(
        { Name_DE__c: 'Virenschutz', Description: 'Protects.' },
        {
          translations: [
            { Language: 'de', Name: 'Antivirenprogramm', Description: 'Schützt.' },
            { Language: 'fr', Name: 'Antivirus FR', Description: 'Protège.' },
          ],
        },
      ),
      withFields,
    );
    expect(mapped.ok && mapped.product.names).toEqual({ DE: 'Virenschutz', EN: 'Antivirus', FR: 'Antivirus FR' });
    expect(mapped.ok && mapped.product.descriptions).toEqual({ EN: 'Protects.' });
  });

  it('takes a field that is there but undefined as empty', () => {
    expect(product({ Description: undefined, Subtitle__c: undefined }).descriptions).toEqual({});
  });

  it('says a product without a default-language name has none, even when names are not mapped', () => {
    const noNames = fullMapping({ text: {} });
    expect(mapSalesforceProduct(sf({}), noNames)).toEqual({
      key: '01t5g0000000001AAA',
      label: 'Antivirus',
      // Its code, as mapped (internalName from ProductCode): the status page finds it by either.
      productCode: 'AV-1',
      ok: false,
      errors: [{ code: 'NAME_MISSING', message: 'The product has no EN name.' }],
    });
  });
});
