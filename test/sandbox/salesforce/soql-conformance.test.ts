import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { API_VERSION, call, connect, rejection, withSalesforce, type Connection } from '../../helpers/salesforce.js';

type Row = Record<string, any>;

const ms = (sfDateTime: string) => Date.parse(sfDateTime.replace('+0000', 'Z'));
const ids = (rows: Row[]) => rows.map((r) => r.Id as string);
const byId = (a: Row, b: Row) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0);

/**
 * SOQL the daemon relies on, each answered by jsforce against the sandbox and checked against
 * the same answer worked out directly from the records; then SOQL that must fail, with the
 * error code Salesforce gives.
 */
describe('SOQL conformance', () => {
  let sf: SalesforceSandbox;
  let conn: Connection;
  let products: Row[];
  let standardBookId: string;
  let deletedId: string;
  const records = (type: string, options?: { includeDeleted?: boolean }) => sf.db.records(type, options) as Row[];
  const all = async (soql: string, scanAll = false) =>
    (await conn.query<Row>(soql, { autoFetch: true, maxFetch: 100_000, scanAll })).records;

  beforeAll(async () => {
    sf = await withSalesforce({ seed: 'synthetic:300' });
    conn = await connect(sf);
    products = records('Product2');
    standardBookId = records('Pricebook2').find((b) => b.IsStandard)?.Id as string;
    sf.db.update('Product2', products[3]?.Id, {
      Cleverbridge_Sync_Status__c: 'Error',
      Cleverbridge_Sync_Error__c: 'price missing',
    });
    sf.db.update('Product2', products[7]?.Id, {
      Cleverbridge_Sync_Status__c: 'Held',
      Cleverbridge_Product_Id__c: '500007',
    });
    deletedId = products[9]?.Id;
    sf.db.delete('Product2', deletedId);
    products = records('Product2');
  });
  afterAll(() => sf.close());

  it('full read: products with standard prices and ordered volume tiers', async () => {
    const rows = await all(
      'SELECT Id, Name, ProductCode, Description, IsActive, Family, CurrencyIsoCode, SystemModstamp, ' +
        '(SELECT Id, CurrencyIsoCode, UnitPrice, IsActive FROM PricebookEntries WHERE Pricebook2.IsStandard = true), ' +
        '(SELECT CurrencyIsoCode, Min_Quantity__c, Unit_Price__c FROM Price_Tiers__r ORDER BY CurrencyIsoCode, Min_Quantity__c) ' +
        'FROM Product2 ORDER BY Id',
    );
    expect(ids(rows)).toEqual(ids([...products].sort(byId)));
    const entries = records('PricebookEntry');
    const tiers = records('Price_Tier__c');
    for (const row of rows) {
      const mine = entries.filter((e) => e.Product2Id === row.Id && e.Pricebook2Id === standardBookId);
      expect(row.PricebookEntries?.records.map((e: Row) => e.Id) ?? []).toEqual(ids(mine));
      const expectedTiers = tiers
        .filter((t) => t.Product__c === row.Id)
        .sort((a, b) =>
          a.CurrencyIsoCode === b.CurrencyIsoCode
            ? a.Min_Quantity__c - b.Min_Quantity__c
            : a.CurrencyIsoCode < b.CurrencyIsoCode
              ? -1
              : 1,
        )
        .map((t) => [t.CurrencyIsoCode, t.Min_Quantity__c, t.Unit_Price__c]);
      expect(
        row.Price_Tiers__r?.records.map((t: Row) => [t.CurrencyIsoCode, t.Min_Quantity__c, t.Unit_Price__c]) ?? [],
      ).toEqual(expectedTiers);
      expect(row.SystemModstamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$/);
    }
    expect(rows.some((r) => r.Price_Tiers__r === null)).toBe(true);
  });

  it('incremental read by SystemModstamp with subqueries, in a window', async () => {
    const from = '2024-01-01T01:00:00.000+0000';
    const to = '2024-01-01T02:30:00Z';
    const rows = await all(
      `SELECT Id, Name, (SELECT UnitPrice, CurrencyIsoCode FROM PricebookEntries) FROM Product2 WHERE SystemModstamp > ${from} AND SystemModstamp <= ${to} ORDER BY SystemModstamp, Id`,
    );
    const expected = products
      .filter((p) => ms(p.SystemModstamp) > ms(from) && ms(p.SystemModstamp) <= Date.parse(to))
      .sort((a, b) => ms(a.SystemModstamp) - ms(b.SystemModstamp) || byId(a, b));
    expect(ids(rows)).toEqual(ids(expected));
    expect(rows.length).toBeGreaterThan(50);
  });

  it('changed prices through a parent filter on the price book', async () => {
    const since = '2024-01-01T04:00:00Z';
    const rows = await all(
      `SELECT Id, Product2Id, Product2.ProductCode, CurrencyIsoCode, UnitPrice FROM PricebookEntry WHERE Pricebook2.IsStandard = true AND SystemModstamp >= ${since}`,
    );
    const expected = records('PricebookEntry').filter(
      (e) => e.Pricebook2Id === standardBookId && ms(e.SystemModstamp) >= Date.parse(since),
    );
    expect(ids(rows).sort()).toEqual(ids(expected).sort());
    const first = rows[0] as Row;
    expect(first.Product2.ProductCode).toBe(products.find((p) => p.Id === first.Product2Id)?.ProductCode);
    expect(first.Product2.attributes).toEqual({
      type: 'Product2',
      url: `/services/data/v${API_VERSION}/sobjects/Product2/${first.Product2Id}`,
    });
  });

  it('translations of active products in chosen languages', async () => {
    const rows = await all(
      "SELECT ParentId, Language, Name, Description FROM Product2DataTranslation WHERE Parent.IsActive = true AND Language IN ('de', 'fr')",
    );
    const active = new Set(ids(products.filter((p) => p.IsActive)));
    const expected = records('Product2DataTranslation').filter((t) => active.has(t.ParentId));
    expect(rows.map((r) => `${r.ParentId}/${r.Language}`).sort()).toEqual(
      expected.map((t) => `${t.ParentId}/${t.Language}`).sort(),
    );
    expect(new Set(rows.map((r) => r.Language))).toEqual(new Set(['de', 'fr']));
  });

  it('semi-join: products with a JPY price', async () => {
    const rows = await all(
      "SELECT Id FROM Product2 WHERE Id IN (SELECT Product2Id FROM PricebookEntry WHERE CurrencyIsoCode = 'JPY')",
    );
    const withJpy = new Set(
      records('PricebookEntry')
        .filter((e) => e.CurrencyIsoCode === 'JPY')
        .map((e) => e.Product2Id),
    );
    expect(ids(rows).sort()).toEqual(ids(products.filter((p) => withJpy.has(p.Id))).sort());
    expect(rows.length).toBeGreaterThan(0);
  });

  it('keyset paging by Id and ORDER BY with LIMIT/OFFSET', async () => {
    const sorted = [...products].sort(byId);
    const pivot = sorted[100]?.Id as string;
    expect(ids(await all(`SELECT Id FROM Product2 WHERE Id > '${pivot}' ORDER BY Id LIMIT 50`))).toEqual(
      ids(sorted.slice(101, 151)),
    );
    expect(ids(await all(`SELECT Id FROM Product2 WHERE Id > '${pivot.slice(0, 15)}' ORDER BY Id LIMIT 5`))).toEqual(
      ids(sorted.slice(101, 106)),
    );
    const byNameDesc = [...products].sort((a, b) =>
      a.Name.toLowerCase() < b.Name.toLowerCase() ? 1 : a.Name.toLowerCase() > b.Name.toLowerCase() ? -1 : 0,
    );
    const page = await all('SELECT Name FROM Product2 ORDER BY Name DESC NULLS LAST LIMIT 10 OFFSET 20');
    expect(page.map((r) => r.Name)).toEqual(byNameDesc.slice(20, 30).map((p) => p.Name));
  });

  it('AND/OR/NOT with parentheses, LIKE, IN, NULL', async () => {
    const grouped = await all(
      "SELECT Id FROM Product2 WHERE (Family = 'Backup' OR Family = 'Privacy') AND (NOT IsActive = false)",
    );
    expect(ids(grouped)).toEqual(ids(products.filter((p) => ['Backup', 'Privacy'].includes(p.Family) && p.IsActive)));
    const like = await all("SELECT Id FROM Product2 WHERE Name LIKE 'shieldware vpn%'");
    expect(ids(like)).toEqual(ids(products.filter((p) => p.Name.toLowerCase().startsWith('shieldware vpn'))));
    const escaped = await all("SELECT Id FROM Product2 WHERE ProductCode LIKE 'SW-0000_\\_%'");
    expect(escaped).toHaveLength(0);
    const statuses = await all("SELECT Id FROM Product2 WHERE Cleverbridge_Sync_Status__c IN ('Error', 'Held')");
    expect(ids(statuses)).toEqual(
      ids(products.filter((p) => ['Error', 'Held'].includes(p.Cleverbridge_Sync_Status__c))),
    );
    expect(statuses).toHaveLength(2);
    const linked = await all('SELECT Id FROM Product2 WHERE Cleverbridge_Product_Id__c != null');
    expect(ids(linked)).toEqual([products[7]?.Id]);
    const unlinked = await all('SELECT Id FROM Product2 WHERE Cleverbridge_Product_Id__c = null');
    expect(unlinked).toHaveLength(products.length - 1);
    const notIn = await all("SELECT Id FROM Product2 WHERE Family NOT IN ('Security', 'Backup', 'Privacy')");
    expect(ids(notIn)).toEqual(ids(products.filter((p) => !['Security', 'Backup', 'Privacy'].includes(p.Family))));
  });

  it('deletions since a point in time, with queryAll only', async () => {
    const soql = 'SELECT Id, IsDeleted FROM Product2 WHERE IsDeleted = true AND SystemModstamp > 2025-01-01T00:00:00Z';
    expect(await all(soql)).toHaveLength(0);
    expect(ids(await all(soql, true))).toEqual([deletedId]);
  });

  it('an alias in FROM, and COUNT()', async () => {
    const rows = await all('SELECT p.Id, p.Name FROM Product2 p WHERE p.IsActive = true');
    expect(ids(rows)).toEqual(ids(products.filter((p) => p.IsActive)));
    expect(Object.keys(rows[0] as Row)).toEqual(['attributes', 'Id', 'Name']);
    const count = await conn.query('SELECT COUNT() FROM Product2 WHERE IsActive = true');
    expect(count.totalSize).toBe(rows.length);
  });

  const failures: Array<[string, string]> = [
    ['SELECT Id FROM Product2 WHERE', 'MALFORMED_QUERY'],
    ['SELECT Id FROM Prodcut2', 'INVALID_TYPE'],
    ['SELECT Nmae FROM Product2', 'INVALID_FIELD'],
    ['SELECT Id, Pricebook.Name FROM PricebookEntry', 'INVALID_FIELD'],
    ['SELECT Id, (SELECT Id FROM Entries) FROM Product2', 'INVALID_TYPE'],
    ['SELECT Id, (SELECT Id FROM Product2DataTranslations) FROM Product2', 'INVALID_TYPE'],
    ["SELECT Id FROM Product2 WHERE IsActive = 'true'", 'INVALID_FIELD'],
    ['SELECT Id FROM Product2 WHERE SystemModstamp > 2024-01-01', 'INVALID_FIELD'],
    ["SELECT Id FROM Product2 WHERE SystemModstamp > '2024-01-01T00:00:00Z'", 'INVALID_FIELD'],
    ['SELECT Id FROM Product2 WHERE Name = 5', 'INVALID_FIELD'],
    ["SELECT Id FROM Product2 WHERE Id = 'abc'", 'INVALID_QUERY_FILTER_OPERATOR'],
    ["SELECT Id FROM Product2 WHERE Id LIKE '01t%'", 'INVALID_QUERY_FILTER_OPERATOR'],
    ["SELECT Id FROM Product2 WHERE Family INCLUDES ('Backup')", 'INVALID_QUERY_FILTER_OPERATOR'],
    ["SELECT Id FROM Product2 WHERE IsActive = true AND Family = 'Backup' OR Name = 'x'", 'MALFORMED_QUERY'],
    ['SELECT Id FROM Product2 WHERE Name != null AND NOT (IsActive = true)', 'MALFORMED_QUERY'],
    ["SELECT Id FROM Product2 WHERE Cleverbridge_Sync_Error__c = 'x'", 'INVALID_FIELD'],
    ['SELECT Id FROM Product2 ORDER BY Cleverbridge_Sync_Error__c', 'INVALID_FIELD'],
    ['SELECT Id FROM Product2 OFFSET 2001', 'NUMBER_OUTSIDE_VALID_RANGE'],
    ['SELECT Id, Name, name FROM Product2', 'MALFORMED_QUERY'],
    ['SELECT COUNT(), Name FROM Product2', 'MALFORMED_QUERY'],
    ["SELECT Name FROM Product2 WHERE Name = 'a\\qb'", 'MALFORMED_QUERY'],
    ['SELECT Id, (SELECT Id FROM PricebookEntries OFFSET 1) FROM Product2', 'MALFORMED_QUERY'],
    ['SELECT Id FROM Product2 WHERE Id IN (SELECT Id FROM Product2)', 'MALFORMED_QUERY'],
    // Valid SOQL the sandbox does not evaluate: refused, never answered approximately.
    ['SELECT Family, COUNT(Id) FROM Product2 GROUP BY Family', 'MALFORMED_QUERY'],
    ['SELECT Id FROM Product2 WHERE CreatedDate = TODAY', 'MALFORMED_QUERY'],
    ['SELECT Id FROM Product2 WHERE CreatedDate = LAST_N_DAYS:7', 'MALFORMED_QUERY'],
    ['SELECT Id FROM Product2 WHERE CALENDAR_YEAR(CreatedDate) = 2024', 'MALFORMED_QUERY'],
    ['SELECT FIELDS(ALL) FROM Product2 LIMIT 200', 'MALFORMED_QUERY'],
    ['SELECT toLabel(Family) FROM Product2', 'MALFORMED_QUERY'],
    ['SELECT Id FROM Product2 WITH SECURITY_ENFORCED', 'MALFORMED_QUERY'],
    ['SELECT Id FROM Product2 FOR UPDATE', 'MALFORMED_QUERY'],
    ['SELECT Id, CreatedBy.Name FROM Product2', 'MALFORMED_QUERY'],
    ['SELECT Id FROM PricebookEntry WHERE UnitPrice > USD100', 'MALFORMED_QUERY'],
    ['SELECT Id, (SELECT Id, (SELECT Id FROM Price_Tiers__r) FROM PricebookEntries) FROM Product2', 'MALFORMED_QUERY'],
  ];

  it.each(failures)('%s fails with %s', async (soql, errorCode) => {
    const error = await rejection(conn.query(soql));
    expect(error.errorCode).toBe(errorCode);
  });

  it('answers 400 with the error array for a failing query, and refuses an empty one', async () => {
    const r = await call(
      sf,
      `/services/data/v${API_VERSION}/query?q=${encodeURIComponent('SELECT Nmae FROM Product2')}`,
      { token: conn.accessToken as string },
    );
    expect(r.status).toBe(400);
    expect(r.json).toEqual([
      { errorCode: 'INVALID_FIELD', message: expect.stringContaining("No such column 'Nmae' on entity 'Product2'") },
    ]);
    const empty = await call(sf, `/services/data/v${API_VERSION}/query?q=`, { token: conn.accessToken as string });
    expect(empty.json).toEqual([{ errorCode: 'MALFORMED_QUERY', message: 'A query string has to be specified' }]);
  });
});
