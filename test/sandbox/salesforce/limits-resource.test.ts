import { afterEach, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { connect, withSalesforce } from '../../helpers/salesforce.js';

/** GET /limits as a monitoring tool reads it, through jsforce's `conn.limits()`. */
describe('Salesforce sandbox /limits', () => {
  let sf: SalesforceSandbox | undefined;
  afterEach(async () => {
    await sf?.close();
    sf = undefined;
  });

  it('answers DailyApiRequests, DailyBulkV2QueryJobs, DataStorageMB and FileStorageMB as {Max, Remaining}', async () => {
    sf = await withSalesforce({ seed: 'empty', dailyApiLimit: 5_000 });
    const conn = await connect(sf);
    const limits = await conn.limits();
    expect(Object.keys(limits)).toEqual(['DailyApiRequests', 'DailyBulkV2QueryJobs', 'DataStorageMB', 'FileStorageMB']);
    for (const value of Object.values(limits)) {
      expect(Object.keys(value as object).sort()).toEqual(['Max', 'Remaining']);
      expect(Number.isInteger((value as { Max: number }).Max)).toBe(true);
    }
    expect(limits.DailyBulkV2QueryJobs).toEqual({ Max: 10_000, Remaining: 10_000 });
    expect(limits.FileStorageMB).toEqual({ Max: 10_240, Remaining: 10_240 });
    expect(limits.DataStorageMB).toEqual({ Max: 10_240, Remaining: 10_239 });
  });

  it('counts DailyApiRequests from the real usage, the /limits call itself included', async () => {
    sf = await withSalesforce({ seed: 'empty', dailyApiLimit: 5_000 });
    const conn = await connect(sf);
    await conn.query('SELECT Id FROM Product2');
    await conn.query('SELECT Id FROM Pricebook2');
    expect((await conn.limits()).DailyApiRequests).toEqual({ Max: 5_000, Remaining: 5_000 - 3 });
    sf.usage.limit = 3;
    expect((await conn.limits().catch((e: { errorCode?: string }) => e.errorCode)) as unknown).toBe(
      'REQUEST_LIMIT_EXCEEDED',
    );
    sf.usage.reset();
    expect((await conn.limits()).DailyApiRequests).toEqual({ Max: 3, Remaining: 2 });
  });
});
