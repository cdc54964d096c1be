import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { call, connect, rejection, withSalesforce } from '../../helpers/salesforce.js';

/**
 * API versions as the API End-of-Life Policy describes them: 31.0 to 66.0 served, 7.0 to 30.0
 * retired (410 GONE), anything else unknown (404 NOT_FOUND).
 */
describe('Salesforce sandbox API versions', () => {
  let sf: SalesforceSandbox;
  let token: string;
  beforeAll(async () => {
    sf = await withSalesforce({ seed: 'empty' });
    token = (await connect(sf)).accessToken as string;
  });
  afterAll(() => sf.close());

  it('lists 31.0 (Summer \u201914) to 66.0 (Spring \u201926) at /services/data', async () => {
    const r = await call(sf, '/services/data/');
    expect(r.status).toBe(200);
    const versions = (r.json as Array<{ version: string; label: string; url: string }>).map((v) => v.version);
    expect(versions[0]).toBe('31.0');
    expect(versions.at(-1)).toBe('66.0');
    expect(versions).toHaveLength(36);
    expect(r.json[0]).toEqual({ label: "Summer '14", url: '/services/data/v31.0', version: '31.0' });
    expect(r.json.at(-1)).toEqual({ label: "Spring '26", url: '/services/data/v66.0', version: '66.0' });
  });

  it('serves the oldest and the newest version', async () => {
    for (const version of ['31.0', '66.0']) {
      const conn = await connect(sf, version);
      expect((await conn.query('SELECT Id FROM Pricebook2')).totalSize, version).toBe(1);
    }
  });

  it('answers 410 GONE for a retired version, with or without a session, and does not count it', async () => {
    const used = sf.usage.used();
    for (const version of ['30.0', '21.0', '20.0', '7.0']) {
      for (const auth of [{ token }, {}]) {
        const r = await call(sf, `/services/data/v${version}/query?q=SELECT+Id+FROM+Product2`, auth);
        expect([r.status, r.json], version).toEqual([
          410,
          [{ message: 'The requested resource has been retired or removed', errorCode: 'GONE' }],
        ]);
      }
    }
    expect(sf.usage.used()).toBe(used);
  });

  it('answers 404 NOT_FOUND for a version the org does not know', async () => {
    for (const version of ['67.0', '99.0', '6.0']) {
      const r = await call(sf, `/services/data/v${version}/limits`, { token });
      expect([r.status, r.json], version).toEqual([
        404,
        [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }],
      ]);
    }
  });

  it('jsforce pinned to a retired version fails with errorCode GONE', async () => {
    const conn = await connect(sf, '30.0');
    const error = await rejection(conn.query('SELECT Id FROM Product2'));
    expect(error.errorCode).toBe('GONE');
  });
});
