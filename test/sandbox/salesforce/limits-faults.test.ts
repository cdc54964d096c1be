import { afterEach, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { API_VERSION, call, connect, manualClock, rejection, withSalesforce } from '../../helpers/salesforce.js';

describe('Salesforce sandbox API limits and faults', () => {
  let sf: SalesforceSandbox | undefined;
  afterEach(async () => {
    await sf?.close();
    sf = undefined;
  });

  it('puts Sforce-Limit-Info on every counted answer; jsforce parses it into limitInfo', async () => {
    sf = await withSalesforce({ seed: 'empty', dailyApiLimit: 15_000 });
    const conn = await connect(sf);
    await conn.query('SELECT Id FROM Product2');
    await conn.describe('Product2');
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 2, limit: 15_000 } });
    const failing = await call(sf, `/services/data/v${API_VERSION}/query?q=SELECT`, {
      token: conn.accessToken as string,
    });
    expect([failing.status, failing.headers.get('sforce-limit-info')]).toEqual([400, 'api-usage=3/15000']);
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 15_000, Remaining: 15_000 - 4 });
    expect(limits.DataStorageMB?.Max).toBe(10_240);
  });

  it('answers REQUEST_LIMIT_EXCEEDED (403) once the daily allocation is spent, for 24 hours', async () => {
    const clock = manualClock();
    sf = await withSalesforce({ seed: 'empty', dailyApiLimit: 3, now: clock.now });
    const conn = await connect(sf);
    for (let i = 0; i < 3; i++) await conn.query('SELECT Id FROM Product2');
    const error = await rejection(conn.query('SELECT Id FROM Product2'));
    expect([error.errorCode, error.message]).toEqual(['REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.']);
    const r = await call(sf, `/services/data/v${API_VERSION}/limits`, { token: conn.accessToken as string });
    expect([r.status, r.headers.get('sforce-limit-info')]).toEqual([403, 'api-usage=3/3']);
    clock.advance(23 * 60 * 60_000);
    expect((await rejection(conn.query('SELECT Id FROM Product2'))).errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    clock.advance(61 * 60_000);
    expect((await conn.query('SELECT Id FROM Product2')).done).toBe(true);
  });

  it('forces REQUEST_LIMIT_EXCEEDED through the control routes', async () => {
    sf = await withSalesforce({ seed: 'empty' });
    const conn = await connect(sf);
    await call(sf, '/__sandbox/faults', { method: 'POST', body: { requestLimitExceeded: 2 } });
    expect((await rejection(conn.query('SELECT Id FROM Product2'))).errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect((await rejection(conn.describe('Product2'))).errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect((await conn.query('SELECT Id FROM Product2')).done).toBe(true);
    await call(sf, '/__sandbox/faults', { method: 'POST', body: { requestLimitExceeded: 'until-reset' } });
    expect((await rejection(conn.query('SELECT Id FROM Product2'))).errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    await call(sf, '/__sandbox/reset', { method: 'POST' });
    expect((await conn.query('SELECT Id FROM Product2')).done).toBe(true);
  });

  it('injects server errors, latency and dropped connections', async () => {
    sf = await withSalesforce({ seed: 'empty' });
    const conn = await connect(sf);
    const create = () => conn.sobject('Product2').create({ Name: 'Faulted' });
    // jsforce retries GETs on 5xx by itself (after 500 ms); writes are never retried.
    sf.faults.schedule({ kind: 'error', status: 500 });
    expect((await conn.query('SELECT Id FROM Product2')).done).toBe(true);
    sf.faults.schedule({ kind: 'error', status: 500 });
    const unknown = await rejection(create());
    expect([unknown.errorCode, unknown.message]).toEqual([
      'UNKNOWN_EXCEPTION',
      expect.stringContaining('An unexpected error occurred. Please include this ErrorId'),
    ]);
    sf.faults.schedule({ kind: 'error', status: 503 });
    expect((await rejection(create())).message).toContain('HTTP status code: 503');
    const count = sf.db.count('Product2');
    sf.faults.schedule({ kind: 'drop', phase: 'after' });
    await rejection(create());
    expect(sf.db.count('Product2')).toBe(count + 1);
    sf.faults.schedule({ kind: 'drop', phase: 'before' });
    await rejection(create());
    expect(sf.db.count('Product2')).toBe(count + 1);
    sf.faults.configure({ latencyMs: 120 });
    const started = Date.now();
    await conn.query('SELECT Id FROM Product2');
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(sf.log.stats().byOutcome).toMatchObject({ fault: 3, dropped: 2 });
  });
});
