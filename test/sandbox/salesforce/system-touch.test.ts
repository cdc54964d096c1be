import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { call, connect, manualClock, withSalesforce, type Connection } from '../../helpers/salesforce.js';

type Json = Record<string, any>;
const HOUR = 3600 * 1000;

/** A record without its SystemModstamp: what a system touch must leave exactly as it was. */
const withoutStamp = ({ SystemModstamp: _, ...rest }: Json) => rest;

describe('Salesforce sandbox system touch (SystemModstamp moved by Salesforce itself)', () => {
  let clock: ReturnType<typeof manualClock>;
  let sf: SalesforceSandbox;
  let conn: Connection;
  beforeEach(async () => {
    clock = manualClock();
    sf = await withSalesforce({ seed: 'shieldware', now: clock.now });
    conn = await connect(sf);
    clock.advance(HOUR);
  });
  afterEach(() => sf.close());

  const stampedSince = async (object: string, field: string, since: string) =>
    (await conn.query(`SELECT Id FROM ${object} WHERE ${field} >= ${since}`, { autoFetch: true })).records.map(
      (r) => r.Id as string,
    );

  it('moves SystemModstamp of every live record of the object, and nothing else', async () => {
    const gone = (sf.db.records('Product2') as Json[]).find((p) => !p.IsActive)!.Id as string;
    sf.db.delete('Product2', gone);
    const deletedAt = sf.db.get('Product2', gone)!.SystemModstamp;
    clock.advance(HOUR);
    const before = sf.db.records('Product2') as Json[];
    const entries = sf.db.records('PricebookEntry');
    const translations = sf.db.records('Product2DataTranslation') as Json[];

    expect(sf.db.touch('Product2')).toBe(before.length);
    const at = '2025-03-03T12:00:00Z';
    const after = sf.db.records('Product2') as Json[];
    expect(after.map(withoutStamp)).toEqual(before.map(withoutStamp));
    expect(new Set(after.map((p) => p.SystemModstamp))).toEqual(new Set(['2025-03-03T12:00:00.000+0000']));
    expect(after.every((p) => p.LastModifiedDate < p.SystemModstamp)).toBe(true);
    // The queries an incremental reader makes see it; LastModifiedDate does not move.
    expect((await stampedSince('Product2', 'SystemModstamp', at)).sort()).toEqual(before.map((p) => p.Id).sort());
    expect(await stampedSince('Product2', 'LastModifiedDate', at)).toEqual([]);
    // The recycle bin, the other objects and what is derived from the product's edits stay.
    expect(sf.db.get('Product2', gone)!.SystemModstamp).toBe(deletedAt);
    expect(sf.db.records('PricebookEntry')).toEqual(entries);
    expect(sf.db.records('Product2DataTranslation')).toEqual(translations);
    expect(translations.every((t) => t.IsOutOfDate === false)).toBe(true);
  });

  it('touches only the records named (15-character ids too), and none when one cannot be touched', async () => {
    const entries = (sf.db.records('PricebookEntry') as Json[]).slice(0, 3).map((e) => e.Id as string);
    expect(sf.db.touch('PricebookEntry', [entries[0]!, entries[1]!.slice(0, 15)])).toBe(2);
    const touched = await stampedSince('PricebookEntry', 'SystemModstamp', '2025-03-03T11:00:00Z');
    expect(touched.sort()).toEqual(entries.slice(0, 2).sort());

    const product = (sf.db.records('Product2') as Json[])[0]!.Id as string;
    const gone = sf.db.create('Product2', { Name: 'Gone' });
    sf.db.delete('Product2', gone);
    clock.advance(HOUR);
    expect(() => sf.db.touch('PricebookEntry', [entries[2]!, product])).toThrow(/no PricebookEntry record/);
    expect(() => sf.db.touch('Product2', [product, gone])).toThrow(/in the recycle bin/);
    expect(() => sf.db.touch('Product2', ['01t5g000009zzzzAAA'])).toThrow(RangeError);
    expect(() => sf.db.touch('Widget__c')).toThrow(/unknown object/);
    expect(await stampedSince('PricebookEntry', 'SystemModstamp', '2025-03-03T12:00:00Z')).toEqual([]);
    expect(await stampedSince('Product2', 'SystemModstamp', '2025-03-03T12:00:00Z')).toEqual([]);
  });

  it('leaves an open cursor with the stamps it read, and lists the touched records as updated', async () => {
    // Short pages (a few rows each), so the query is still open when the touch happens.
    const paged = await withSalesforce({ seed: 'shieldware', now: clock.now, pager: { pageBytes: 300 } });
    try {
      const pagedConn = await connect(paged);
      const soql = 'SELECT Id, SystemModstamp FROM Product2 ORDER BY Id';
      const first = await pagedConn.query<Json>(soql, { autoFetch: false });
      expect(first.done).toBe(false);
      const seeded = new Map((paged.db.records('Product2') as Json[]).map((p) => [p.Id, p.SystemModstamp]));
      clock.advance(60_000); // inside the cursor's 15 minutes
      paged.db.touch('Product2');
      const touchedAt = '2025-03-03T11:01:00.000+0000';
      const rest = await pagedConn.queryMore<Json>(first.nextRecordsUrl!);
      expect(rest.records.length).toBeGreaterThan(0);
      for (const r of rest.records) expect(r.SystemModstamp).toBe(seeded.get(r.Id));
      const again = await pagedConn.query<Json>(soql, { autoFetch: true });
      expect(new Set(again.records.map((r) => r.SystemModstamp))).toEqual(new Set([touchedAt]));
      // getUpdated, which replicates by SystemModstamp, lists every product.
      clock.advance(120_000);
      const updated = await pagedConn.sobject('Product2').updated(new Date(clock.ms - 180_000), clock.now());
      expect(updated.ids.sort()).toEqual(again.records.map((r) => r.Id).sort());
    } finally {
      await paged.close();
    }
  });

  it('is POST /__sandbox/touch {type, ids?}: 200 {touched}, 400 with the reason', async () => {
    const products = (sf.db.records('Product2') as Json[]).map((p) => p.Id as string);
    const some = await call(sf, '/__sandbox/touch', {
      method: 'POST',
      body: { type: 'Product2', ids: products.slice(0, 2) },
    });
    expect(some).toMatchObject({ status: 200, json: { touched: 2 } });
    const all = await call(sf, '/__sandbox/touch', { method: 'POST', body: { type: 'Product2' } });
    expect(all.json).toEqual({ touched: products.length });
    const bad = await call(sf, '/__sandbox/touch', { method: 'POST', body: { type: 'Product2', ids: ['nope'] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('no Product2 record with id nope');
  });
});
