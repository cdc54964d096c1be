import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { API_VERSION, call, connect, manualClock, withSalesforce, type Connection } from '../../helpers/salesforce.js';

type Json = Record<string, any>;
const DAY = 24 * 3600 * 1000;

describe('Salesforce sandbox recycle bin', () => {
  let clock: ReturnType<typeof manualClock>;
  let sf: SalesforceSandbox;
  let conn: Connection;
  beforeEach(async () => {
    clock = manualClock();
    sf = await withSalesforce({ seed: 'shieldware', now: clock.now });
    conn = await connect(sf);
  });
  afterEach(() => sf.close());

  /** A product with its standard price: the entry goes to the recycle bin with it. */
  function productWithPrice(name: string): { product: string; entry: string } {
    const book = (sf.db.records('Pricebook2') as Json[]).find((b) => b.IsStandard)!.Id as string;
    const product = sf.db.create('Product2', { Name: name, IsActive: true });
    const entry = sf.db.create('PricebookEntry', {
      Product2Id: product,
      Pricebook2Id: book,
      CurrencyIsoCode: 'USD',
      UnitPrice: 10,
      IsActive: true,
    });
    return { product, entry };
  }

  const inBin = async (object: string, id: string) =>
    (await conn.query(`SELECT Id, IsDeleted FROM ${object} WHERE Id = '${id}'`, { scanAll: true })).records;

  it('keeps a deleted record for 15 days, then deletes it for good with the records it took along', async () => {
    const { product, entry } = productWithPrice('Fifteen days');
    await conn.sobject('Product2').destroy(product);
    clock.advance(15 * DAY - 1000);
    expect(await inBin('Product2', product)).toMatchObject([{ Id: product, IsDeleted: true }]);
    expect(await inBin('PricebookEntry', entry)).toHaveLength(1);

    clock.advance(1000);
    expect(await inBin('Product2', product)).toEqual([]);
    expect(await inBin('PricebookEntry', entry)).toEqual([]);
    const retrieve = await call(sf, `/services/data/v${API_VERSION}/sobjects/Product2/${product}`, {
      token: conn.accessToken as string,
    });
    expect(retrieve.status).toBe(404);
    expect(retrieve.json[0].errorCode).toBe('NOT_FOUND');
    expect(sf.db.get('Product2', product)).toBeUndefined();
    expect(sf.db.count('PricebookEntry', { includeDeleted: true })).toBe(
      sf.db.count('PricebookEntry', { includeDeleted: false }),
    );
  });

  it('still lists a purged deletion in getDeleted, whose delete log outlives the bin', async () => {
    const { product } = productWithPrice('Logged');
    const start = new Date(clock.ms - 60_000);
    sf.db.delete('Product2', product);
    sf.db.emptyRecycleBin([product]);
    clock.advance(120_000);
    const deleted = await conn.sobject('Product2').deleted(start, clock.now());
    expect(deleted.deletedRecords.map((d) => d.id)).toEqual([product]);
  });

  it('empties the given ids at once, each answered in order, and refuses what is not its to empty', async () => {
    const a = productWithPrice('A');
    const b = productWithPrice('B');
    const alive = productWithPrice('Alive');
    sf.db.delete('Product2', a.product);
    sf.db.delete('Product2', b.product);
    const results = sf.db.emptyRecycleBin([a.product, alive.product, b.entry, '01t5g000009zzzzAAA']);
    expect(results.map((r) => [r.success, r.errors[0]?.errorCode])).toEqual([
      [true, undefined],
      [false, 'DELETE_FAILED'],
      [false, 'DELETE_FAILED'],
      [false, 'INVALID_CROSS_REFERENCE_KEY'],
    ]);
    expect(results[2]!.errors[0]!.message).toContain(b.product);
    expect(await inBin('Product2', a.product)).toEqual([]);
    expect(await inBin('PricebookEntry', a.entry)).toEqual([]);
    expect(await inBin('Product2', b.product)).toHaveLength(1);
    expect(() => sf.db.undelete('Product2', a.product)).toThrow();
    expect(() => sf.db.emptyRecycleBin(Array.from({ length: 201 }, () => b.product))).toThrow(/at most 200/);
  });

  it('empties the whole bin without ids, also through POST /__sandbox/empty-recycle-bin', async () => {
    const a = productWithPrice('A');
    const b = productWithPrice('B');
    sf.db.delete('Product2', a.product);
    expect(sf.db.emptyRecycleBin().map((r) => r.id)).toEqual([a.product]);
    sf.db.delete('Product2', b.product);
    const answer = await call(sf, '/__sandbox/empty-recycle-bin', { method: 'POST', body: {} });
    expect(answer.json.results).toEqual([{ id: b.product, success: true, errors: [] }]);
    expect(sf.db.count('Product2', { includeDeleted: true })).toBe(sf.db.count('Product2'));
  });

  it('lets an undeleted record stay, and counts its next deletion from then', async () => {
    const { product } = productWithPrice('Back');
    sf.db.delete('Product2', product);
    clock.advance(10 * DAY);
    sf.db.undelete('Product2', product);
    clock.advance(10 * DAY);
    expect(sf.db.get('Product2', product)).toMatchObject({ IsDeleted: false });
    sf.db.delete('Product2', product);
    clock.advance(14 * DAY);
    expect(await inBin('Product2', product)).toHaveLength(1);
    clock.advance(DAY);
    expect(await inBin('Product2', product)).toEqual([]);
  });
});
