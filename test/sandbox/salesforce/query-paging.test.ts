import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import {
  API_VERSION,
  call,
  connect,
  manualClock,
  rejection,
  withSalesforce,
  type Connection,
} from '../../helpers/salesforce.js';

const BATCH_200 = { 'Sforce-Query-Options': 'batchSize=200' };
const queryPaths = (sf: SalesforceSandbox) =>
  sf.log
    .entries()
    .map((e) => e.path)
    .filter((p) => p.includes('/query'));

describe('Salesforce sandbox query paging', () => {
  const clock = manualClock();
  let sf: SalesforceSandbox;
  let conn: Connection;
  beforeAll(async () => {
    sf = await withSalesforce({ seed: 'synthetic:2100', now: clock.now });
    conn = await connect(sf);
  });
  afterAll(() => sf.close());

  it('answers at most 2000 rows by default, then a 01g locator counting the rows answered', async () => {
    const first = await call(
      sf,
      `/services/data/v${API_VERSION}/query?q=${encodeURIComponent('SELECT Id FROM Product2')}`,
      { token: conn.accessToken as string },
    );
    expect(first.json.totalSize).toBe(2100);
    expect(first.json.done).toBe(false);
    expect(first.json.records).toHaveLength(2000);
    expect(first.json.nextRecordsUrl).toMatch(
      new RegExp(`^/services/data/v${API_VERSION}/query/01g[a-zA-Z0-9]{15}-2000$`),
    );
    expect(Object.keys(first.json)).toEqual(['totalSize', 'done', 'nextRecordsUrl', 'records']);
    const rest = await call(sf, first.json.nextRecordsUrl, { token: conn.accessToken as string });
    expect(rest.json).toMatchObject({ totalSize: 2100, done: true });
    expect(rest.json.records).toHaveLength(100);
    expect(rest.json.nextRecordsUrl).toBeUndefined();
  });

  it('follows nextRecordsUrl with autoFetch, batchSize from Sforce-Query-Options', async () => {
    const before = queryPaths(sf).length;
    const { records, done } = await conn.query<{ Id: string }>('SELECT Id, Name FROM Product2 ORDER BY ProductCode', {
      autoFetch: true,
      maxFetch: 100_000,
      headers: BATCH_200,
    });
    expect(done).toBe(true);
    expect(records).toHaveLength(2100);
    expect(new Set(records.map((r) => r.Id)).size).toBe(2100);
    const paths = queryPaths(sf).slice(before);
    expect(paths).toHaveLength(11);
    expect(paths.slice(1).every((p) => /\/query\/01g\w{15}-\d+$/.test(p))).toBe(true);
    expect(sf.log.stats().operations.queryMore).toBeGreaterThanOrEqual(10);
  });

  it('stops at jsforce’s maxFetch', async () => {
    const answer = await conn.query('SELECT Id FROM Product2', { autoFetch: true, maxFetch: 450, headers: BATCH_200 });
    expect(answer.records).toHaveLength(450);
    expect(answer.totalSize).toBe(2100);
    expect(answer.done).toBe(false);
    expect(answer.nextRecordsUrl).toMatch(/\/query\/01g\w{15}-600$/);
  });

  it('counts child rows toward the batch size', async () => {
    const first = await call(
      sf,
      `/services/data/v${API_VERSION}/query?q=${encodeURIComponent('SELECT Id, (SELECT Id FROM PricebookEntries) FROM Product2')}`,
      {
        token: conn.accessToken as string,
        headers: BATCH_200,
      },
    );
    const rows = first.json.records as Array<{ PricebookEntries: { totalSize: number } | null }>;
    const weight = rows.reduce((n, r) => n + 1 + (r.PricebookEntries?.totalSize ?? 0), 0);
    expect(weight).toBeLessThanOrEqual(200);
    expect(rows.length).toBeLessThan(200);
    expect(first.json.nextRecordsUrl).toMatch(new RegExp(`-${rows.length}$`));
  });

  it('pages a subquery with more than 200 children behind its own locator', async () => {
    const productId = (sf.db.records('Product2')[0] as { Id: string }).Id;
    const existing = sf.db.records('Price_Tier__c').filter((t) => t.Product__c === productId).length;
    const tiers = Array.from({ length: 230 }, (_, i) => ({
      Product__c: productId,
      CurrencyIsoCode: 'EUR',
      Min_Quantity__c: 100 + i,
      Unit_Price__c: 1,
    }));
    const saved = await conn.sobject('Price_Tier__c').create(tiers, { allowRecursive: true });
    expect(saved.every((s) => s.success)).toBe(true);
    const raw = await call(
      sf,
      `/services/data/v${API_VERSION}/query?q=${encodeURIComponent(`SELECT Id, (SELECT Id FROM Price_Tiers__r) FROM Product2 WHERE Id = '${productId}'`)}`,
      {
        token: conn.accessToken as string,
      },
    );
    const children = raw.json.records[0].Price_Tiers__r;
    expect(children.done).toBe(false);
    expect(children.records).toHaveLength(200);
    expect(children.nextRecordsUrl).toMatch(/\/query\/01g\w{15}-200$/);
    const viaJsforce = await conn.query<{ Price_Tiers__r: { records: unknown[]; done: boolean } }>(
      `SELECT Id, (SELECT Id FROM Price_Tiers__r) FROM Product2 WHERE Id = '${productId}'`,
      { autoFetch: true },
    );
    expect(viaJsforce.records[0]?.Price_Tiers__r.records).toHaveLength(existing + 230);
    expect(viaJsforce.records[0]?.Price_Tiers__r.done).toBe(true);
  });

  it("invalidates the child cursors of a page when the parent's next page is fetched (INVALID_QUERY_LOCATOR)", async () => {
    // The first product in Id order: the first row of the first page.
    const productId = (sf.db.records('Product2') as Array<{ Id: string }>).map((p) => p.Id).sort()[0]!;
    for (let i = 0; i < 300; i++)
      sf.db.create('Price_Tier__c', {
        Product__c: productId,
        CurrencyIsoCode: 'EUR',
        Min_Quantity__c: 1000 + i,
        Unit_Price__c: 1,
      });
    const token = conn.accessToken as string;
    const soql = `SELECT Id, (SELECT Id FROM Price_Tiers__r) FROM Product2 ORDER BY Id`;
    const first = await call(sf, `/services/data/v${API_VERSION}/query?q=${encodeURIComponent(soql)}`, {
      token,
      headers: BATCH_200,
    });
    const withMany = first.json.records.find((r: { Id: string }) => r.Id === productId).Price_Tiers__r;
    expect(withMany.done).toBe(false);
    // Before the parent moves on, the child cursor answers.
    const child = await call(sf, withMany.nextRecordsUrl, { token });
    expect(child.status).toBe(200);
    // A second walk: the parent's next page first, then the child cursor of the page before.
    const again = await call(sf, `/services/data/v${API_VERSION}/query?q=${encodeURIComponent(soql)}`, {
      token,
      headers: BATCH_200,
    });
    const stale = again.json.records.find((r: { Id: string }) => r.Id === productId).Price_Tiers__r.nextRecordsUrl;
    expect((await call(sf, again.json.nextRecordsUrl, { token, headers: BATCH_200 })).status).toBe(200);
    const refused = await call(sf, stale, { token });
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual([{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }]);
  });

  it('answers COUNT() as totalSize with no records', async () => {
    const raw = await call(
      sf,
      `/services/data/v${API_VERSION}/query?q=${encodeURIComponent('SELECT COUNT() FROM Product2 WHERE IsActive = false')}`,
      { token: conn.accessToken as string },
    );
    const inactive = sf.db.records('Product2').filter((p) => p.IsActive === false).length;
    expect(raw.json).toEqual({ totalSize: inactive, done: true, records: [] });
    expect(inactive).toBeGreaterThan(0);
  });

  it('sees deletions only with queryAll (jsforce scanAll), as IsDeleted = true', async () => {
    const victims = (
      await conn.query<{ Id: string }>("SELECT Id FROM Product2 WHERE ProductCode LIKE 'SW-00001_'")
    ).records.map((r) => r.Id);
    expect(victims).toHaveLength(10);
    const deleted = await conn.sobject('Product2').destroy(victims);
    expect(deleted.every((d) => d.success)).toBe(true);
    const soql = "SELECT Id, IsDeleted FROM Product2 WHERE ProductCode LIKE 'SW-00001_'";
    expect((await conn.query(soql)).totalSize).toBe(0);
    const all = await conn.query<{ Id: string; IsDeleted: boolean }>(soql, { scanAll: true });
    expect(all.records.map((r) => [r.Id, r.IsDeleted])).toEqual(victims.map((id) => [id, true]));
    expect(sf.log.entries().at(-1)?.path).toBe(`/services/data/v${API_VERSION}/queryAll`);
    // Their price book entries went to the recycle bin with them.
    const entries = await conn.query(`SELECT Id, IsDeleted FROM PricebookEntry WHERE Product2Id = '${victims[0]}'`, {
      scanAll: true,
    });
    expect(entries.records.length).toBeGreaterThan(0);
    expect(entries.records.every((e) => e.IsDeleted === true)).toBe(true);
  });

  it('refuses unknown and expired locators with INVALID_QUERY_LOCATOR', async () => {
    const bogus = await rejection(conn.queryMore('01g5g00000000zzAAA-200'));
    expect(bogus.errorCode).toBe('INVALID_QUERY_LOCATOR');
    const page = await conn.query('SELECT Id FROM Product2', { headers: BATCH_200 });
    clock.advance(16 * 60_000);
    await connect(sf);
    const expired = await rejection(conn.queryMore(page.nextRecordsUrl as string, { headers: BATCH_200 } as never));
    expect(expired.errorCode).toBe('INVALID_QUERY_LOCATOR');
  });
});

describe('Salesforce sandbox short pages (the batch size is a suggestion, not a promise)', () => {
  const walk = async (sf: SalesforceSandbox) => {
    const conn = await connect(sf);
    const sizes: number[] = [];
    const ids: string[] = [];
    let page = await conn.query<{ Id: string }>('SELECT Id, Name, Description FROM Product2 ORDER BY Id', {
      autoFetch: false,
    });
    for (;;) {
      sizes.push(page.records.length);
      ids.push(...page.records.map((r) => r.Id));
      if (page.done) break;
      page = await conn.queryMore(page.nextRecordsUrl as string);
    }
    return { sizes, ids };
  };

  it('answers fewer rows than the batch size when the rows are large (pageBytes)', async () => {
    const sf = await withSalesforce({ seed: 'synthetic:500', pager: { pageBytes: 20_000 } });
    try {
      const { sizes, ids } = await walk(sf);
      expect(sizes.length).toBeGreaterThan(2);
      expect(Math.max(...sizes)).toBeLessThan(500);
      expect(new Set(ids).size).toBe(500);
      expect(ids).toEqual([...ids].sort());
    } finally {
      await sf.close();
    }
  });

  it('cuts pages short at random in fault mode, reproducibly from a seed, losing no row', async () => {
    const run = async (seed: number) => {
      const sf = await withSalesforce({ seed: 'synthetic:2500', pager: { shortPageRate: 1, seed } });
      try {
        return await walk(sf);
      } finally {
        await sf.close();
      }
    };
    const [a, b] = [await run(7), await run(7)];
    expect(a.sizes).toEqual(b.sizes);
    expect(a.sizes.some((n) => n < 2000 && n > 0)).toBe(true);
    expect(a.sizes.length).toBeGreaterThan(2);
    expect(new Set(a.ids).size).toBe(2500);
  });
});
