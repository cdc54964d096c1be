import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadMapping, parseMapping } from '../../src/config/mapping-schema.js';
import { managedFields } from '../../src/core/mapping-config.js';
import { defaultMapping } from '../helpers/mapping.js';

const base = () => JSON.parse(JSON.stringify(defaultMapping()));

describe('mapping configuration', () => {
  it('the shipped default mapping is valid and manages names, descriptions, prices, status, code and family', () => {
    expect(managedFields(defaultMapping())).toEqual([
      'status',
      'price',
      'names',
      'descriptions',
      'internalName',
      'internalCategory',
    ]);
  });

  it.each([
    ['a lower-case currency', (m: any) => (m.currencies = ['usd']), 'mapping.currencies.0'],
    ['a base currency out of scope', (m: any) => (m.price.baseCurrency = 'SEK'), 'mapping.price.baseCurrency'],
    [
      'an unknown pricing method',
      (m: any) => (m.price.volumePricingMethod = 'CHEAP'),
      'mapping.price.volumePricingMethod',
    ],
    ['a bad Salesforce field name', (m: any) => (m.text.names.field = 'Name; DROP'), 'mapping.text.names.field'],
    ['a bad Salesforce language code', (m: any) => (m.translations.DE = 'german'), 'mapping.translations.DE'],
    ['the default language as a translation', (m: any) => (m.translations.EN = 'en_US'), 'mapping.translations.EN'],
    ['a missing names source', (m: any) => delete m.text.names, 'mapping.text.names'],
    ['an unknown key', (m: any) => (m.colour = 'blue'), 'mapping'],
  ])('refuses %s, naming the setting', (_name, change, setting) => {
    const m = base();
    change(m);
    const error = (() => {
      try {
        parseMapping(m);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.some((p) => p.startsWith(`${setting}:`))).toBe(true);
  });

  it('names the file when it cannot be read or parsed', () => {
    expect(() => loadMapping('/nonexistent/mapping.json')).toThrow(/cannot read \/nonexistent\/mapping.json/);
    const file = join(mkdtempSync(join(tmpdir(), 'mapping-')), 'mapping.json');
    writeFileSync(file, '{ "defaultLanguage": ');
    expect(() => loadMapping(file)).toThrow(/is not valid JSON/);
  });
});

describe('mapping configuration: the fields a mapping may add', () => {
  const parse = (change: (m: any) => void) => {
    const m = base();
    change(m);
    return parseMapping(m);
  };

  it("takes cleverbridge's own names for the descriptions, and a field with a value map", () => {
    const m = parse((m) => {
      delete m.text.descriptions;
      m.text.description = { field: 'Description' };
      m.text.shortDescription = { field: 'Teaser__c' };
      m.fields.ean = 'EAN__c';
      m.fields.salesTaxCode = { field: 'Tax_Class__c', values: { Service: 'SW050000' } };
    });
    expect(m.text.descriptions).toMatchObject({ field: 'Description' });
    expect(m.text.shortDescriptions).toMatchObject({ field: 'Teaser__c' });
    expect(m.fields.ean).toEqual({ field: 'EAN__c', values: null });
    expect(m.fields.salesTaxCode).toEqual({ field: 'Tax_Class__c', values: { Service: 'SW050000' } });
    expect(managedFields(m)).toEqual(expect.arrayContaining(['ean', 'salesTaxCode', 'shortDescriptions']));
  });

  it.each([
    ['an unknown field', (m: any) => (m.fields.colour = 'Colour__c'), 'mapping.fields'],
    ['an unknown text', (m: any) => (m.text.slogan = { field: 'Slogan__c' }), 'mapping.text'],
    [
      'an interval period the API does not have',
      (m: any) =>
        (m.subscription = {
          recurringInterval: {
            value: 'Term__c',
            intervalPeriod: { field: 'Period__c', values: { Decade: 'DECADES' } },
          },
        }),
      'mapping.subscription.recurringInterval.intervalPeriod.values.Decade',
    ],
    [
      'a license type the API does not have',
      (m: any) =>
        (m.subscription = {
          recurringInterval: { value: 'Term__c', intervalPeriod: 'Period__c' },
          licenseType: { field: 'License__c', values: { Trial: 'TRIAL' } },
        }),
      'mapping.subscription.licenseType.values.Trial',
    ],
    [
      'a subscription without its recurring interval',
      (m: any) => (m.subscription = { recurrenceCount: 'N__c' }),
      'mapping.subscription.recurringInterval',
    ],
  ])('refuses %s, naming the setting', (_name, change, setting) => {
    let error: unknown;
    try {
      parse(change);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(
      (error as ConfigError).problems.some((p) => p.startsWith(`${setting}:`)),
      String(error),
    ).toBe(true);
  });
});
