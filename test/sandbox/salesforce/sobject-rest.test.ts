import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shieldwareProduct2Id } from '../../../src/sandbox/shieldware-ids.js';
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

describe('Salesforce sandbox sObject resources', () => {
  const clock = manualClock(Date.UTC(2025, 4, 20, 12, 0, 0));
  let sf: SalesforceSandbox;
  let conn: Connection;
  const base = `/services/data/v${API_VERSION}`;
  const raw = (path: string, init: Parameters<typeof call>[2] = {}) =>
    call(sf, `${base}${path}`, { token: conn.accessToken as string, ...init });

  beforeAll(async () => {
    sf = await withSalesforce({
      seed: 'shieldware',
      now: clock.now,
      customFields: [{ object: 'Product2', name: 'Region__c', type: 'picklist', values: ['EMEA', 'AMER', 'APAC'] }],
    });
    conn = await connect(sf);
  });
  afterAll(() => sf.close());

  it('creates, retrieves, updates and deletes one record', async () => {
    const created = await conn.sobject('Product2').create({ Name: 'Single', ProductCode: 'ONE', Region__c: 'EMEA' });
    expect(created).toEqual({ id: expect.stringMatching(/^01t5g\w{13}$/), success: true, errors: [] });
    const id = created.id as string;
    const record = await conn.sobject('Product2').retrieve(id);
    expect(record).toMatchObject({
      attributes: { type: 'Product2', url: `${base}/sobjects/Product2/${id}` },
      Id: id,
      Name: 'Single',
      IsActive: false,
      CurrencyIsoCode: 'USD',
      Region__c: 'EMEA',
      IsDeleted: false,
      CreatedDate: '2025-05-20T12:00:00.000+0000',
      SystemModstamp: '2025-05-20T12:00:00.000+0000',
    });
    expect(record.CreatedById).toBe(sf.sessions.user(sf.credentials.username)?.id);

    clock.advance(90_500);
    expect(await conn.sobject('Product2').update({ Id: id, IsActive: true })).toEqual({
      id,
      success: true,
      errors: [],
    });
    const after = sf.db.get('Product2', id);
    expect([after?.IsActive, after?.LastModifiedDate, after?.SystemModstamp, after?.CreatedDate]).toEqual([
      true,
      '2025-05-20T12:01:30.000+0000',
      '2025-05-20T12:01:30.000+0000',
      '2025-05-20T12:00:00.000+0000',
    ]);

    await conn.sobject('Product2').destroy(id);
    const gone = await raw(`/sobjects/Product2/${id}`);
    expect([gone.status, gone.json]).toEqual([404, [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }]]);
  });

  it('answers a malformed or unknown id as Salesforce does', async () => {
    expect((await raw('/sobjects/Product2/01t5g0000000zzzAAA')).json).toEqual([
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
    ]);
    expect((await raw('/sobjects/Product2/nonsense')).json).toEqual([
      { errorCode: 'NOT_FOUND', message: 'Provided external ID field does not exist or is not accessible: nonsense' },
    ]);
    expect((await raw('/sobjects/Widget__c')).status).toBe(404);
  });

  it('validates like the platform: read-only fields, JSON types, required fields', async () => {
    const readOnly = await rejection(
      conn.sobject('Product2').create({ Name: 'x', CreatedDate: '2020-01-01T00:00:00Z' } as never),
    );
    expect([readOnly.errorCode, readOnly.data?.fields]).toEqual(['INVALID_FIELD_FOR_INSERT_UPDATE', ['CreatedDate']]);
    const badType = await raw('/sobjects/Product2', { method: 'POST', body: { Name: 'x', IsActive: 'perhaps' } });
    expect([badType.status, badType.json[0].errorCode]).toEqual([400, 'JSON_PARSER_ERROR']);
    const required = await rejection(
      conn.sobject('Product2').update({ Id: shieldwareProduct2Id(1), Name: null } as never),
    );
    expect(required.errorCode).toBe('REQUIRED_FIELD_MISSING');
    const currency = await rejection(conn.sobject('Product2').create({ Name: 'x', CurrencyIsoCode: 'XYZ' }));
    expect([currency.errorCode, currency.message]).toEqual([
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      'Currency ISO Code: invalid currency code: XYZ',
    ]);
    const customPicklist = await rejection(conn.sobject('Product2').create({ Name: 'x', Region__c: 'Mars' }));
    expect(customPicklist.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const tier = await rejection(
      conn
        .sobject('Price_Tier__c')
        .create({ Product__c: shieldwareProduct2Id(1), CurrencyIsoCode: 'EUR', Min_Quantity__c: 1, Unit_Price__c: 5 }),
    );
    expect(tier.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    const wrongParent = await rejection(
      conn.sobject('Price_Tier__c').create({ Product__c: '01s5g0000000001AAA', Min_Quantity__c: 2, Unit_Price__c: 5 }),
    );
    expect(wrongParent.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
  });

  it('requires a standard price before any other price book lists a product', async () => {
    const product = (await conn.sobject('Product2').create({ Name: 'Priced later', IsActive: true })).id as string;
    const partner = (await conn.query<{ Id: string }>("SELECT Id FROM Pricebook2 WHERE Name = 'Partner Price Book'"))
      .records[0]?.Id as string;
    const standard = (await conn.query<{ Id: string }>('SELECT Id FROM Pricebook2 WHERE IsStandard = true')).records[0]
      ?.Id as string;
    const early = await rejection(
      conn
        .sobject('PricebookEntry')
        .create({ Product2Id: product, Pricebook2Id: partner, CurrencyIsoCode: 'EUR', UnitPrice: 9 }),
    );
    expect([early.errorCode, early.message]).toEqual([
      'STANDARD_PRICE_NOT_DEFINED',
      'No standard price defined for this product',
    ]);
    await conn
      .sobject('PricebookEntry')
      .create({ Product2Id: product, Pricebook2Id: standard, CurrencyIsoCode: 'EUR', UnitPrice: 10, IsActive: true });
    const twice = await rejection(
      conn
        .sobject('PricebookEntry')
        .create({ Product2Id: product, Pricebook2Id: standard, CurrencyIsoCode: 'EUR', UnitPrice: 11 }),
    );
    expect(twice.errorCode).toBe('DUPLICATE_VALUE');
    const listed = await conn
      .sobject('PricebookEntry')
      .create({ Product2Id: product, Pricebook2Id: partner, CurrencyIsoCode: 'EUR', UseStandardPrice: true });
    const entry = await conn.query<{ UnitPrice: number; Name: string }>(
      `SELECT UnitPrice, Name FROM PricebookEntry WHERE Id = '${listed.id}'`,
    );
    expect(entry.records[0]).toMatchObject({ UnitPrice: 10, Name: 'Priced later' });
    const locked = await rejection(
      conn.sobject('PricebookEntry').update({ Id: listed.id as string, Product2Id: shieldwareProduct2Id(2) }),
    );
    expect(locked.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });

  it('describes objects with fields, picklists and child relationships', async () => {
    const product = await conn.describe('Product2');
    expect(product).toMatchObject({
      name: 'Product2',
      keyPrefix: '01t',
      custom: false,
      queryable: true,
      createable: true,
    });
    const field = (name: string) => product.fields.find((f) => f.name === name);
    expect(field('Name')).toMatchObject({
      type: 'string',
      length: 255,
      nillable: false,
      createable: true,
      soapType: 'xsd:string',
      nameField: true,
    });
    expect(field('SystemModstamp')).toMatchObject({ type: 'datetime', createable: false, updateable: false });
    expect(field('Cleverbridge_Sync_Status__c')).toMatchObject({
      custom: true,
      type: 'picklist',
      restrictedPicklist: true,
    });
    expect(field('Cleverbridge_Sync_Status__c')?.picklistValues?.map((p: { value: string }) => p.value)).toEqual([
      'Synced',
      'Error',
      'Held',
      'Pending',
      'Out of scope',
    ]);
    expect(field('Cleverbridge_Sync_Error__c')).toMatchObject({
      type: 'textarea',
      length: 32768,
      filterable: false,
      sortable: false,
      extraTypeInfo: 'plaintextarea',
    });
    expect(field('Cleverbridge_Product_Id__c')).toMatchObject({ externalId: true, unique: true, length: 20 });
    expect(field('Region__c')).toMatchObject({ custom: true, type: 'picklist' });
    expect(product.childRelationships.map((c) => [c.childSObject, c.field, c.relationshipName])).toEqual(
      expect.arrayContaining([
        ['PricebookEntry', 'Product2Id', 'PricebookEntries'],
        ['Price_Tier__c', 'Product__c', 'Price_Tiers__r'],
        ['Product2DataTranslation', 'ParentId', null],
      ]),
    );
    const tier = await conn.describe('Price_Tier__c');
    expect(tier.fields.find((f) => f.name === 'Product__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Product2'],
      relationshipName: 'Product__r',
      cascadeDelete: true,
    });
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((o) => o.name)).toEqual([
      'Product2',
      'Pricebook2',
      'PricebookEntry',
      'Product2DataTranslation',
      'Price_Tier__c',
    ]);
  });

  it('lists updated and deleted records in a window, minutes only', async () => {
    clock.advance(60_000);
    const start = new Date(clock.ms);
    clock.advance(60_000);
    const id = (await conn.sobject('Product2').create({ Name: 'Window' })).id as string;
    clock.advance(60_000);
    await conn.sobject('Product2').destroy(shieldwareProduct2Id(5));
    clock.advance(60_000);
    const end = new Date(clock.ms);
    const updated = await conn.sobject('Product2').updated(start, end);
    expect(updated.ids).toEqual([id]);
    const deleted = await conn.sobject('Product2').deleted(start, end);
    // The clock stands at 12:05:30.5: stamps keep whole seconds, windows whole minutes.
    expect(end.toISOString()).toBe('2025-05-20T12:05:30.500Z');
    expect(deleted.deletedRecords).toEqual([
      { id: shieldwareProduct2Id(5), deletedDate: '2025-05-20T12:04:30.000+0000' },
    ]);
    expect(deleted.latestDateCovered).toBe('2025-05-20T12:05:00.000+0000');
    // Product 5's entries went with it: its standard price and its Online Price Book entry.
    const cascaded = await conn.sobject('PricebookEntry').deleted(start, end);
    expect(cascaded.deletedRecords).toHaveLength(2);
    const tooOld = await rejection(conn.sobject('Product2').deleted(new Date(clock.ms - 40 * 86_400_000), end));
    expect(tooOld.errorCode).toBe('INVALID_REPLICATION_DATE');
  });

  it('undeletes a product with the records its deletion took along', async () => {
    const id = shieldwareProduct2Id(2);
    const tiersBefore = sf.db.records('Price_Tier__c').filter((t) => t.Product__c === id).length;
    sf.db.delete('Product2', id);
    expect(sf.db.records('Price_Tier__c').filter((t) => t.Product__c === id)).toHaveLength(0);
    const undeleted = await call(sf, '/__sandbox/undelete', { method: 'POST', body: { type: 'Product2', id } });
    expect(undeleted.status).toBe(200);
    expect(sf.db.records('Price_Tier__c').filter((t) => t.Product__c === id)).toHaveLength(tiersBefore);
    expect(sf.db.get('Product2', id)?.LastModifiedById).toBe(sf.sessions.user('admin@shieldware.example')?.id);
  });
});
