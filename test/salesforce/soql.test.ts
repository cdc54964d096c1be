import { describe, expect, it } from 'vitest';
import { parseMapping } from '../../src/config/mapping-schema.js';
import { makeSalesforceId } from '../../src/core/salesforce-id.js';
import { changeQueries, productsQuery, translationsQuery } from '../../src/salesforce/soql.js';
import { defaultMapping } from '../helpers/mapping.js';

const config = defaultMapping();
const id = makeSalesforceId('01t', '5g', 42);

describe('SOQL text', () => {
  it('takes ids only when they are Salesforce ids: quotes and backslashes never reach a query', () => {
    expect(productsQuery(config, [id])).toContain(`WHERE Id IN ('${id}')`);
    expect(translationsQuery(config, [id])).toContain(`AND ParentId IN ('${id}')`);
    for (const hostile of ["01t' OR Name != '", '01t5g000000000\\\\', "x') OR (Id != '", ''])
      for (const query of [() => productsQuery(config, [id, hostile]), () => translationsQuery(config, [hostile])])
        expect(query).toThrow(/not a Salesforce id/);
  });

  it('names only fields and languages the validated mapping allows', () => {
    const hostile = (change: (m: any) => void) => {
      const raw = JSON.parse(JSON.stringify(config));
      change(raw);
      return () => parseMapping(raw);
    };
    expect(hostile((m) => (m.text.names.field = "Name' OR Id != '"))).toThrow(/Salesforce field API name/);
    expect(hostile((m) => (m.fields.internalName = 'Name, (SELECT Id FROM Users)'))).toThrow(
      /Salesforce field API name/,
    );
    expect(hostile((m) => (m.translations.DE = "de') OR Language != ('x"))).toThrow(/Salesforce language code/);
  });

  it('writes date-times to the second, in UTC', () => {
    const [products] = changeQueries(config, new Date('2026-03-01T10:00:00.789+02:00'));
    expect(products!.soql).toBe('SELECT Id, SystemModstamp FROM Product2 WHERE SystemModstamp >= 2026-03-01T08:00:00Z');
  });
});
