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
