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

  const reader = async () =>
    new SalesforceReader(
      await connectSalesforce({
        loginUrl: sf.loginUrl,
        clientId: sf.credentials.clientId,
        clientSecret: sf.credentials.clientSecret,
        username: null,
        password: null,
        apiVersion: sf.apiVersion,
      }),
      defaultMapping(),
    );

  /** A full read and a read of the changes since `since`, each with what it found. */
  const both = (r: SalesforceReader, since: Date) => {
    const all: string[] = [];
    const changed: string[] = [];
    return Promise.all([
      r.readAll((p) => void all.push(String(p.record.Id))).then((found) => ({ ...found, products: all })),
      r
        .readChanges(since, [], (p) => void changed.push(String(p.record.Id)))
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
});
