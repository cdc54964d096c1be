import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSalesforce } from '../../src/salesforce/connection.js';
import { SalesforceReader } from '../../src/salesforce/reader.js';
import type { SalesforceSandbox } from '../../src/sandbox/salesforce/server.js';
import { defaultMapping } from '../helpers/mapping.js';
import { manualClock, withSalesforce } from '../helpers/salesforce.js';

type Json = Record<string, any>;

describe('Salesforce reads: what a read found is the value it returns', () => {
  let sf: SalesforceSandbox;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    clock = manualClock();
    sf = await withSalesforce({ seed: 'shieldware', now: clock.now });
  });
  afterEach(() => sf.close());

  const connect = () =>
    connectSalesforce({
      loginUrl: sf.loginUrl,
      clientId: sf.credentials.clientId,
      clientSecret: sf.credentials.clientSecret,
      username: null,
      password: null,
      apiVersion: sf.apiVersion,
    });
  const reader = async () => new SalesforceReader(await connect(), defaultMapping());

  /** A full read and a read of the changes since `since`, each with what it found. */
  const both = (r: SalesforceReader, since: Date) => {
    const all: string[] = [];
    const changed: string[] = [];
    return Promise.all([
      r.readAll((p) => void all.push(String(p.record.Id))).then((found) => ({ ...found, products: all })),
      r
        .readChanges(since, (p) => void changed.push(String(p.record.Id)), {
          alsoIds: [],
          seen: new Set(),
          catalogSize: sf.db.count('Product2'),
          sourceHashOf: () => undefined,
        })
        .then((found) => ({
          ...found,
          products: changed,
        })),
    ]);
  };

  it('defect 3: two reads at once through one reader give exactly what each gives alone', async () => {
    const since = new Date(clock.now().getTime() + 1000);
    clock.advance(60_000);
    const db = sf.db;
    const edited = (db.records('Product2') as Json[]).find((p) => p.ProductCode === 'CB-3Y')!;
    db.update('Product2', edited.Id, { Description: 'Edited after the cursor.' });

    const [fullAlone] = await both(await reader(), since);
    const [, changesAlone] = await both(await reader(), since);
    const shared = await reader();
    const [full, changes] = await both(shared, since);

    expect(changesAlone.products).toEqual([edited.Id]);
    expect(full).toEqual(fullAlone);
    expect(changes).toEqual(changesAlone);
    // Each read counts its own requests and rows, and its own newest SystemModstamp.
    expect(changes.newest).toBe(new Date(clock.now()).toISOString());
    expect(changes.requests).toBeGreaterThan(0);
    expect(full.rows).toBeGreaterThan(changes.rows);
  });

  it('reads a burst (half the catalog or more changed) as a full read, and keeps a product edited meanwhile', async () => {
    const since = new Date(clock.now().getTime() + 1000);
    clock.advance(60_000);
    const products = (sf.db.records('Product2') as Json[]).map((p) => p.Id as string);
    const [late, ...touched] = products;
    sf.db.touch('Product2', touched);
    // The late product is edited once the change queries have run, as the catalog is read.
    const conn = await connect();
    const query = conn.query.bind(conn);
    const queries: string[] = [];
    conn.query = ((soql: string, options: object) => {
      if (soql.includes('FROM Product2DataTranslation') && !soql.includes('ParentId IN')) {
        clock.advance(1000);
        sf.db.update('Product2', late!, { Description: 'Edited during the read.' });
      }
      queries.push(soql);
      return query(soql, options);
    }) as typeof conn.query;
    const handed: string[] = [];
    const known = { alsoIds: [], seen: new Set<string>(), catalogSize: products.length, sourceHashOf: () => undefined };
    const read = await new SalesforceReader(conn, defaultMapping()).readChanges(
      since,
      (p) => void handed.push(String(p.record.Id)),
      known,
    );
    expect(read.changed).toBe(touched.length);
    // The catalog read page by page, no list of ids; the late edit is handed over with the rest,
    // since the cursor moves past it (the newest stamp this read saw).
    expect(queries.filter((q) => q.includes(' IN ('))).toEqual([
      expect.stringContaining('Product2DataTranslation WHERE Language IN ('),
    ]);
    expect(handed.sort()).toEqual([...products].sort());
    expect(read.newest).toBe(new Date(clock.now()).toISOString());
  });
});
