import { afterEach, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../src/sandbox/salesforce/server.js';
import { SalesforceStatusWriter } from '../../src/salesforce/status-writer.js';
import { RETRY_TABLE } from '../../src/sync/retry-policy.js';
import { connect, withSalesforce } from '../helpers/salesforce.js';

type Json = Record<string, any>;

const noWait = () => Promise.resolve();

describe('writing sync statuses back to Salesforce', () => {
  let sf: SalesforceSandbox;
  afterEach(() => sf.close());

  const updates = (ids: string[]) =>
    ids.map((Id) => ({ Id, Cleverbridge_Sync_Status__c: 'Synced', Cleverbridge_Sync_Error__c: null }));

  it('sends a collection again when its answer is lost, and writes every record once', async () => {
    sf = await withSalesforce({ seed: 'synthetic:450' });
    const writer = new SalesforceStatusWriter(await connect(sf), noWait);
    const ids = (sf.db.records('Product2') as Json[]).map((p) => String(p.Id));
    // The first collection's connection is reset before an answer, the second's answer is lost.
    sf.faults.schedule({ kind: 'drop', phase: 'before' });
    sf.faults.schedule({ kind: 'drop', phase: 'after' });
    const result = await writer.write(updates(ids));
    expect(result).toEqual({ written: 450, failed: 0, errors: [], requests: 5 });
    for (const id of ids) expect(sf.db.get('Product2', id)).toMatchObject({ Cleverbridge_Sync_Status__c: 'Synced' });
  });

  it('counts the records of a collection that never gets through as failed, without failing the run', async () => {
    sf = await withSalesforce({ seed: 'synthetic:200' });
    const writer = new SalesforceStatusWriter(await connect(sf), noWait);
    const ids = (sf.db.records('Product2') as Json[]).map((p) => String(p.Id));
    // Every attempt the retry table allows gets a 503.
    const attempts = RETRY_TABLE.SF_UNAVAILABLE.maxAttempts;
    sf.faults.schedule({ kind: 'error', status: 503 }, attempts);
    const result = await writer.write(updates(ids));
    expect(result).toMatchObject({ written: 0, failed: 200, requests: attempts });
    expect(result.errors[0]).toMatch(/cannot reach Salesforce while writing sync status back/);
    // The next write-back goes through.
    expect(await writer.write(updates(ids))).toEqual({ written: 200, failed: 0, errors: [], requests: 1 });
  });

  it('sends a record another process holds locked (UNABLE_TO_LOCK_ROW) again, alone, after a backoff', async () => {
    sf = await withSalesforce({ seed: 'synthetic:450' });
    const waits: number[] = [];
    const writer = new SalesforceStatusWriter(await connect(sf), (ms) => (waits.push(ms), Promise.resolve()));
    const ids = (sf.db.records('Product2') as Json[]).map((p) => String(p.Id));
    const [busy, stuck] = [ids[10]!, ids[20]!]; // in the same collection
    sf.org.locks.hold(busy, 2);
    sf.org.locks.hold(stuck, 100);
    const before = sf.log.entries().length;
    const result = await writer.write(updates(ids));
    const max = RETRY_TABLE.SF_ROW_LOCKED.maxAttempts;
    expect(result).toMatchObject({ written: 449, failed: 1 });
    expect(result.errors).toEqual([
      `${stuck}: UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record or 1 records: ${stuck}`,
    ]);
    // 3 collections, then the locked records alone: both twice more, then the stuck one alone.
    expect(result.requests).toBe(3 + (max - 1));
    expect(sf.log.entries().length - before).toBe(3 + (max - 1));
    expect(waits).toHaveLength(max - 1);
    expect(sf.db.get('Product2', busy)).toMatchObject({ Cleverbridge_Sync_Status__c: 'Synced' });
    expect(sf.db.get('Product2', stuck)!.Cleverbridge_Sync_Status__c).toBeNull();
  });
});
