import { describe, expect, it } from 'vitest';
import { parseMapping } from '../../src/config/mapping-schema.js';
import { makeSalesforceId } from '../../src/core/salesforce-id.js';
import { changeQueries, productsQuery, translationsQuery } from '../../src/salesforce/soql.js';
import { defaultMapping } from '../helpers/mapping.js';

const config = defaultMapping();
const id = makeSalesforceId('01t', '5g', 42);
const standard = { priceBookId: null };

describe('SOQL text', () => {
  it('takes ids only when they are Salesforce ids: quotes and backslashes never reach a query', () => {
    expect(productsQuery(config, standard, [id])).toContain(`WHERE Id IN ('${id}')`);
    expect(translationsQuery(config, [id])).toContain(`AND ParentId IN ('${id}')`);
    for (const hostile of ["01t' OR Name != '", '01t5g000000000\\\\', "x') OR (Id != '", ''])
      for (const query of [
        () => productsQuery(config, standard, [id, hostile]),
        () => translationsQuery(config, [hostile]),
      ])
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

  it('puts the scope condition in parentheses after the ids, and reads the mapped price book only', () => {
    const scoped = {
      ...config,
      scope: { where: "Sell_Online__c = true OR Family = 'Cloud'", leavePolicy: 'deactivate' as const },
    };
    const book = { priceBookId: makeSalesforceId('01s', '5g', 7) };
    const soql = productsQuery(scoped, book, [id]);
    expect(soql).toContain(`WHERE Id IN ('${id}') AND (Sell_Online__c = true OR Family = 'Cloud') ORDER BY Id`);
    expect(soql).toContain(`FROM PricebookEntries WHERE Pricebook2Id IN ('${book.priceBookId}')`);
    expect(productsQuery(config, standard)).toContain('FROM PricebookEntries WHERE Pricebook2.IsStandard = true');
    const prices = changeQueries(scoped, book, new Date()).find((q) => q.what === 'prices')!;
    expect(prices.soql).toContain(`AND Pricebook2Id IN ('${book.priceBookId}')`);
    expect(() => productsQuery(config, { priceBookId: "01s' OR Id != '" })).toThrow(/not a Salesforce id/);
  });

  it('writes date-times to the second, in UTC', () => {
    const [products] = changeQueries(config, standard, new Date('2026-03-01T10:00:00.789+02:00'));
    expect(products!.soql).toBe('SELECT Id, SystemModstamp FROM Product2 WHERE SystemModstamp >= 2026-03-01T08:00:00Z');
  });
});
