import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { API_VERSION, call, connect, rejection, withSalesforce, type Connection } from '../../helpers/salesforce.js';

const products = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({ Name: `${prefix} ${i}`, ProductCode: `${prefix}-${i}`, IsActive: true }));

const collectionCalls = (sf: SalesforceSandbox, method: string) =>
  sf.log.entries().filter((e) => e.path === `/services/data/v${API_VERSION}/composite/sobjects` && e.method === method);

describe('Salesforce sandbox sObject Collections', () => {
  let sf: SalesforceSandbox;
  let conn: Connection;
  beforeAll(async () => {
    sf = await withSalesforce({
      seed: 'shieldware',
      customFields: [{ object: 'Product2', name: 'ERP_Code__c', type: 'text', length: 30, externalId: true }],
    });
    conn = await connect(sf);
  });
  afterAll(() => sf.close());

  it('creates, updates and deletes 450 records in calls of 200 with allowRecursive', async () => {
    const before = collectionCalls(sf, 'POST').length;
    const created = await conn.sobject('Product2').create(products(450, 'Bulk'), { allowRecursive: true });
    expect(created).toHaveLength(450);
    expect(created.every((r) => r.success && /^01t\w{15}$/.test(r.id as string))).toBe(true);
    const posts = collectionCalls(sf, 'POST').slice(before);
    expect(posts.map((p) => p.operations.length)).toEqual([200, 200, 50]);

    const createdIds = created.map((r) => r.id as string);
    const updated = await conn.sobject('Product2').update(
      createdIds.map((Id, i) => ({ Id, Family: i % 2 ? 'Backup' : 'Cloud' })),
      { allowRecursive: true },
    );
    expect(updated.every((r) => r.success)).toBe(true);
    expect(
      collectionCalls(sf, 'PATCH')
        .slice(-3)
        .map((p) => p.operations.length),
    ).toEqual([200, 200, 50]);
    expect(sf.db.get('Product2', createdIds[1] as string)?.Family).toBe('Backup');

    const deleted = await conn.sobject('Product2').destroy(createdIds, { allowRecursive: true });
    expect(deleted.map((d) => d.id)).toEqual(createdIds);
    const gone = await conn.query("SELECT COUNT() FROM Product2 WHERE Name LIKE 'Bulk %'");
    expect(gone.totalSize).toBe(0);
    const recycled = await conn.query("SELECT COUNT() FROM Product2 WHERE Name LIKE 'Bulk %'", { scanAll: true });
    expect(recycled.totalSize).toBe(450);
  });

  it('refuses more than 200 records in one call', async () => {
    const error = await rejection(conn.sobject('Product2').create(products(201, 'Too many')));
    expect(error.errorCode).toBe('EXCEEDED_ID_LIMIT');
    expect(error.message).toBe('record limit reached. cannot submit more than 200 records into this call');
  });

  it('reports a per-record error with statusCode and saves the others', async () => {
    const results = await conn
      .sobject('Product2')
      .create([
        { Name: 'Good one' },
        { ProductCode: 'NO-NAME' },
        { Name: 'Bad status', Cleverbridge_Sync_Status__c: 'Maybe' },
        { Name: 'x'.repeat(256) },
      ] as never);
    expect(results[0]).toEqual({ id: expect.stringMatching(/^01t/), success: true, errors: [] });
    expect(results[1]).toEqual({
      success: false,
      errors: [
        { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] },
      ],
    });
    expect(results[2]?.errors).toEqual([
      {
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: 'cleverbridge Sync Status: bad value for restricted picklist field: Maybe',
        fields: ['Cleverbridge_Sync_Status__c'],
      },
    ]);
    expect((results[3]?.errors[0] as unknown as { statusCode: string }).statusCode).toBe('STRING_TOO_LONG');
    expect(sf.db.get('Product2', results[0]?.id as string)?.Name).toBe('Good one');
  });

  it('fails a record another process holds locked alone, with UNABLE_TO_LOCK_ROW, until the lock is gone', async () => {
    const ids = (sf.db.records('Product2') as Array<{ Id: string }>).slice(0, 3).map((p) => p.Id);
    sf.org.locks.hold(ids[1]!, 1);
    const update = () => conn.sobject('Product2').update(ids.map((Id) => ({ Id, Description: 'locked?' })));
    const first = await update();
    expect(first.map((r) => r.success)).toEqual([true, false, true]);
    expect((first[1] as { errors: unknown[] }).errors).toEqual([
      {
        statusCode: 'UNABLE_TO_LOCK_ROW',
        message: `unable to obtain exclusive access to this record or 1 records: ${ids[1]}`,
        fields: [],
      },
    ]);
    expect((await update()).every((r) => r.success)).toBe(true);
  });

  it('rolls everything back with allOrNone', async () => {
    const count = sf.db.count('Product2');
    const results = await conn
      .sobject('Product2')
      .create([{ Name: 'Would be fine' }, { Name: null }] as never, { allOrNone: true });
    expect(results[0]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
          message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
          fields: [],
        },
      ],
    });
    expect((results[1]?.errors[0] as unknown as { statusCode: string }).statusCode).toBe('REQUIRED_FIELD_MISSING');
    expect(sf.db.count('Product2')).toBe(count);
  });

  it('fails the whole request for an unknown field, before saving anything', async () => {
    const count = sf.db.count('Product2');
    const error = await rejection(
      conn.sobject('Product2').create([{ Name: 'A' }, { Name: 'B', Colour__c: 'red' }] as never),
    );
    expect([error.errorCode, error.message]).toEqual([
      'INVALID_FIELD',
      "No such column 'Colour__c' on sobject of type Product2",
    ]);
    expect(sf.db.count('Product2')).toBe(count);
  });

  it('reports update and delete errors per record: malformed, unknown and deleted ids', async () => {
    const id = (await conn.sobject('Product2').create({ Name: 'Short-lived' })).id as string;
    await conn.sobject('Product2').destroy(id);
    const updates = await conn.sobject('Product2').update([
      { Id: id, Name: 'Again' },
      { Id: '01t5g0000000zzzAAA', Name: 'Nobody' },
      { Id: 'garbage', Name: 'x' },
    ]);
    expect(updates.map((u) => (u.errors[0] as unknown as { statusCode: string }).statusCode)).toEqual([
      'ENTITY_IS_DELETED',
      'INVALID_CROSS_REFERENCE_KEY',
      'MALFORMED_ID',
    ]);
    const deletes = await conn.sobject('Product2').destroy([id, 'garbage']);
    expect(deletes.map((d) => (d.errors[0] as unknown as { statusCode: string }).statusCode)).toEqual([
      'ENTITY_IS_DELETED',
      'MALFORMED_ID',
    ]);
  });

  it('retrieves a collection, answering null for missing records', async () => {
    const known = sf.db
      .records('Product2')
      .slice(0, 2)
      .map((p) => p.Id as string);
    const retrieved = await conn.retrieve('Product2', [...known, '01t5g0000000zzzAAA'], {
      fields: ['Name', 'ProductCode'],
    });
    expect(retrieved.map((r) => r && (r as { Name: string }).Name)).toEqual([
      ...known.map((id) => sf.db.get('Product2', id)?.Name),
      null,
    ]);
    expect(Object.keys(retrieved[0] as object)).toEqual(['attributes', 'Name', 'ProductCode']);
  });

  it('upserts by external id, creating and updating', async () => {
    const first = await conn.sobject('Product2').upsert(
      [
        { ERP_Code__c: 'ERP-1', Name: 'ERP product' },
        { ERP_Code__c: 'ERP-2', Name: 'Second' },
      ],
      'ERP_Code__c',
    );
    expect(first.map((r) => [r.success, (r as { created?: boolean }).created])).toEqual([
      [true, true],
      [true, true],
    ]);
    const again = await conn
      .sobject('Product2')
      .upsert([{ ERP_Code__c: 'erp-1', Name: 'ERP product, renamed' }], 'ERP_Code__c');
    expect(again).toEqual([{ id: first[0]?.id, success: true, errors: [], created: false }]);
    expect(sf.db.get('Product2', first[0]?.id as string)?.Name).toBe('ERP product, renamed');

    const single = await conn
      .sobject('Product2')
      .upsert({ Cleverbridge_Product_Id__c: '97773', Name: 'Linked by cleverbridge id' }, 'Cleverbridge_Product_Id__c');
    expect(single).toMatchObject({ success: true, created: true });
    const status = await call(sf, `/services/data/v${API_VERSION}/sobjects/Product2/Cleverbridge_Product_Id__c/97773`, {
      method: 'PATCH',
      token: conn.accessToken as string,
      body: { Name: 'Updated through upsert' },
    });
    expect(status.status).toBe(200);
    expect(status.json).toEqual({ id: single.id, success: true, errors: [], created: false });

    const notExternal = await rejection(
      conn.sobject('Product2').upsert({ Name: 'x', ProductCode: 'P' }, 'ProductCode'),
    );
    expect(notExternal.errorCode).toBe('NOT_FOUND');
  });

  it('answers 300 with the candidates when a non-unique external id matches twice', async () => {
    sf.db.create('Product2', { Name: 'Twin A', ERP_Code__c: 'TWIN' });
    sf.db.create('Product2', { Name: 'Twin B', ERP_Code__c: 'TWIN' });
    const r = await call(sf, `/services/data/v${API_VERSION}/sobjects/Product2/ERP_Code__c/TWIN`, {
      token: conn.accessToken as string,
    });
    expect(r.status).toBe(300);
    expect(r.json).toHaveLength(2);
    const viaCollection = await conn
      .sobject('Product2')
      .upsert([{ ERP_Code__c: 'TWIN', Name: 'Which?' }], 'ERP_Code__c');
    expect((viaCollection[0]?.errors[0] as unknown as { statusCode: string }).statusCode).toBe('DUPLICATE_EXTERNAL_ID');
  });

  it('is not available before API 42.0', async () => {
    const old = await connect(sf, '41.0');
    const r = await call(sf, '/services/data/v41.0/composite/sobjects', {
      method: 'POST',
      token: old.accessToken as string,
      body: { records: [] },
    });
    expect(r.status).toBe(404);
  });
});
