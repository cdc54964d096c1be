import jsforce from 'jsforce';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { API_VERSION, call, connect, rejection, withSalesforce, type Connection } from '../../helpers/salesforce.js';

const INTEGRATION = 'integration@shieldware.example';
const ADMIN = 'admin@shieldware.example';
const STATUS = 'Cleverbridge_Sync_Status__c';

const invalidType = (object: string) =>
  `sObject type '${object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;
const noSuchColumn = (field: string, entity: string) =>
  `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;
const childRelationship = (name: string) =>
  `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`;
const readOnlyField = (field: string) =>
  `Unable to create/update fields: ${field}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`;
const NOT_FOUND = [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }];

describe('Salesforce sandbox permissions', () => {
  let sf: SalesforceSandbox;
  let conn: Connection;
  let adminToken: string;
  const base = `/services/data/v${API_VERSION}`;
  const raw = (path: string, init: Parameters<typeof call>[2] = {}) =>
    call(sf, `${base}${path}`, { token: conn.accessToken as string, ...init });
  const query = (soql: string, token = conn.accessToken as string) =>
    call(sf, `${base}/query?q=${encodeURIComponent(soql)}`, { token });
  const productIds = () => sf.db.records('Product2').map((r) => r.Id as string);
  const describeNames = async (token = conn.accessToken as string) =>
    ((await call(sf, `${base}/sobjects`, { token })).json.sobjects as Array<{ name: string }>).map((o) => o.name);

  beforeAll(async () => {
    sf = await withSalesforce({
      seed: 'shieldware',
      customFields: [{ object: 'Price_Tier__c', name: 'Tier_Note__c', type: 'text', length: 40 }],
    });
    conn = await connect(sf);
    const admin = sf.sessions.user(ADMIN);
    if (!admin) throw new Error('no admin user');
    adminToken = sf.sessions.issueAccessToken(admin, null).token;
  });
  afterEach(() => sf.permissions.reset());
  afterAll(() => sf.close());

  describe('an object the user cannot read', () => {
    it('is absent from describeGlobal, its describe and rows answer 404, for that user alone', async () => {
      const tierId = sf.db.records('Price_Tier__c')[0]?.Id as string;
      sf.permissions.setObjectAccess(INTEGRATION, 'Price_Tier__c', { read: false });
      expect(await describeNames()).not.toContain('Price_Tier__c');
      for (const path of [
        '/sobjects/Price_Tier__c',
        '/sobjects/Price_Tier__c/describe',
        `/sobjects/Price_Tier__c/${tierId}`,
      ]) {
        const r = await raw(path);
        expect([r.status, r.json]).toEqual([404, NOT_FOUND]);
      }
      const product = await raw('/sobjects/Product2/describe');
      expect(product.json.childRelationships.map((c: { childSObject: string }) => c.childSObject)).not.toContain(
        'Price_Tier__c',
      );
      expect(await describeNames(adminToken)).toContain('Price_Tier__c');
      expect((await call(sf, `${base}/sobjects/Price_Tier__c/${tierId}`, { token: adminToken })).status).toBe(200);
      expect(sf.db.get('Price_Tier__c', tierId)).toBeDefined();
    });

    it('fails SOQL FROM it, a subquery on its child relationship, a semi-join and a parent path', async () => {
      sf.permissions.setObjectAccess(INTEGRATION, 'Price_Tier__c', { read: false });
      const from = await query('SELECT Id FROM Price_Tier__c');
      expect([from.status, from.json]).toEqual([
        400,
        [{ message: invalidType('Price_Tier__c'), errorCode: 'INVALID_TYPE' }],
      ]);
      const sub = await query('SELECT Id, (SELECT Id FROM Price_Tiers__r) FROM Product2');
      expect([sub.status, sub.json]).toEqual([
        400,
        [{ message: childRelationship('Price_Tiers__r'), errorCode: 'INVALID_TYPE' }],
      ]);
      const semi = await query('SELECT Id FROM Product2 WHERE Id IN (SELECT Product__c FROM Price_Tier__c)');
      expect(semi.json[0].errorCode).toBe('INVALID_TYPE');
      expect((await query('SELECT Id FROM Price_Tier__c', adminToken)).status).toBe(200);

      sf.permissions.setObjectAccess(INTEGRATION, 'Price_Tier__c', { read: true });
      sf.permissions.setObjectAccess(INTEGRATION, 'Product2', { read: false });
      const parent = await query('SELECT Product__r.Name FROM Price_Tier__c');
      expect(parent.json[0]).toMatchObject({ errorCode: 'INVALID_FIELD' });
      expect(parent.json[0].message).toMatch(/^Didn't understand relationship 'Product__r' in field path/);
    });
  });

  describe('data translation off', () => {
    it('makes Product2DataTranslation an object that does not exist, for every user', async () => {
      expect(await describeNames()).toContain('Product2DataTranslation');
      sf.permissions.setDataTranslation(false);
      for (const token of [conn.accessToken as string, adminToken]) {
        expect(await describeNames(token)).not.toContain('Product2DataTranslation');
        const q = await query('SELECT Id, Name FROM Product2DataTranslation', token);
        expect([q.status, q.json]).toEqual([
          400,
          [{ message: invalidType('Product2DataTranslation'), errorCode: 'INVALID_TYPE' }],
        ]);
        const d = await call(sf, `${base}/sobjects/Product2DataTranslation/describe`, { token });
        expect([d.status, d.json]).toEqual([404, NOT_FOUND]);
      }
      expect(sf.db.count('Product2DataTranslation')).toBeGreaterThan(0);
      sf.permissions.setDataTranslation(true);
      expect((await query('SELECT Id FROM Product2DataTranslation')).status).toBe(200);
    });
  });

  describe('a field without read access', () => {
    it('is absent from describe and records, and any SOQL naming it is No such column', async () => {
      sf.permissions.setFieldAccess(INTEGRATION, `Product2.${STATUS}`, { read: false });
      sf.permissions.setFieldAccess(INTEGRATION, 'Price_Tier__c.Tier_Note__c', { read: false });
      const fields = (await conn.sobject('Product2').describe()).fields.map((f) => f.name);
      expect(fields).toContain('Cleverbridge_Product_Id__c');
      expect(fields).not.toContain(STATUS);
      const id = productIds()[0] as string;
      expect(await conn.sobject('Product2').retrieve(id)).not.toHaveProperty(STATUS);
      const listed = await raw(`/sobjects/Product2/${id}?fields=Name,${STATUS}`);
      expect([listed.status, listed.json[0]]).toEqual([
        400,
        { message: noSuchColumn(STATUS, 'Product2'), errorCode: 'INVALID_FIELD' },
      ]);
      const soql = [
        `SELECT Id, ${STATUS} FROM Product2`,
        `SELECT Id FROM Product2 WHERE ${STATUS} = 'Synced'`,
        `SELECT Id FROM Product2 ORDER BY ${STATUS}`,
        `SELECT Id, Product2.${STATUS} FROM PricebookEntry`,
        `SELECT Id, (SELECT Id FROM PricebookEntries WHERE Product2.${STATUS} = null) FROM Product2`,
      ];
      for (const q of soql) {
        const r = await query(q);
        expect([q, r.status, r.json]).toEqual([
          q,
          400,
          [{ message: noSuchColumn(STATUS, 'Product2'), errorCode: 'INVALID_FIELD' }],
        ]);
      }
      const sub = await query('SELECT Id, (SELECT Tier_Note__c FROM Price_Tiers__r) FROM Product2');
      expect(sub.json).toEqual([
        { message: noSuchColumn('Tier_Note__c', 'Price_Tier__c'), errorCode: 'INVALID_FIELD' },
      ]);
      expect((await query(`SELECT Id, ${STATUS} FROM Product2`, adminToken)).status).toBe(200);
    });

    it('fails a write naming it as the deserializer fails an unknown field, the whole request', async () => {
      sf.permissions.setFieldAccess(INTEGRATION, `Product2.${STATUS}`, { read: false });
      const [first, second] = productIds() as [string, string];
      const patch = await raw(`/sobjects/Product2/${first}`, { method: 'PATCH', body: { [STATUS]: 'Synced' } });
      expect([patch.status, patch.json]).toEqual([
        400,
        [{ message: `No such column '${STATUS}' on sobject of type Product2`, errorCode: 'INVALID_FIELD' }],
      ]);
      const records = [
        { attributes: { type: 'Product2' }, id: first, Description: 'not saved' },
        { attributes: { type: 'Product2' }, id: second, [STATUS]: 'Synced' },
      ];
      const many = await raw('/composite/sobjects', { method: 'PATCH', body: { allOrNone: false, records } });
      expect([many.status, many.json[0].errorCode]).toEqual([400, 'INVALID_FIELD']);
      expect(sf.db.get('Product2', first)?.Description).not.toBe('not saved');
    });
  });

  describe('a field without edit access', () => {
    it('describes as neither createable nor updateable and stays readable', async () => {
      sf.permissions.setFieldAccess(INTEGRATION, `Product2.${STATUS}`, { edit: false });
      const f = (await conn.sobject('Product2').describe()).fields.find((x) => x.name === STATUS);
      expect([f?.createable, f?.updateable]).toEqual([false, false]);
      expect((await query(`SELECT Id, ${STATUS} FROM Product2`)).status).toBe(200);
      const adminDescribe = await call(sf, `${base}/sobjects/Product2/describe`, { token: adminToken });
      expect(adminDescribe.json.fields.find((x: { name: string }) => x.name === STATUS).updateable).toBe(true);
    });

    it('fails a single save naming it with INVALID_FIELD_FOR_INSERT_UPDATE and a collection record alone', async () => {
      sf.permissions.setFieldAccess(INTEGRATION, `Product2.${STATUS}`, { edit: false });
      const [a, b, c] = productIds() as [string, string, string];
      const expected = {
        message: readOnlyField(STATUS),
        errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        fields: [STATUS],
      };
      const patch = await raw(`/sobjects/Product2/${a}`, { method: 'PATCH', body: { [STATUS]: 'Synced' } });
      expect([patch.status, patch.json]).toEqual([400, [expected]]);
      const post = await raw('/sobjects/Product2', { method: 'POST', body: { Name: 'New', [STATUS]: 'Pending' } });
      expect([post.status, post.json]).toEqual([400, [expected]]);
      expect((await raw(`/sobjects/Product2/${a}`, { method: 'PATCH', body: { Description: 'ok' } })).status).toBe(204);

      const before = sf.db.get('Product2', b)?.[STATUS];
      const results = await conn.sobject('Product2').update(
        [
          { Id: a, Description: 'first' },
          { Id: b, [STATUS]: 'Error' },
          { Id: c, Description: 'third' },
        ],
        { allOrNone: false },
      );
      expect(results.map((r) => r.success)).toEqual([true, false, true]);
      expect(results[1]).toMatchObject({
        errors: [{ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message: readOnlyField(STATUS) }],
      });
      expect([sf.db.get('Product2', a)?.Description, sf.db.get('Product2', b)?.[STATUS]]).toEqual(['first', before]);
    });
  });

  describe('an object without create, edit or delete', () => {
    it('refuses creates with CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, per record in a collection', async () => {
      sf.permissions.setObjectAccess(INTEGRATION, 'Price_Tier__c', { create: false });
      const d = await raw('/sobjects/Price_Tier__c/describe');
      expect([d.json.createable, d.json.updateable, d.json.deletable]).toEqual([false, true, true]);
      const product = productIds()[0] as string;
      const tier = { Product__c: product, CurrencyIsoCode: 'USD', Min_Quantity__c: 50, Unit_Price__c: 9.5 };
      const post = await raw('/sobjects/Price_Tier__c', { method: 'POST', body: tier });
      expect([post.status, post.json]).toEqual([
        400,
        [{ message: 'entity type cannot be inserted: Price Tier', errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY' }],
      ]);
      const records = [
        { attributes: { type: 'Product2' }, Name: 'Created alongside' },
        { attributes: { type: 'Price_Tier__c' }, ...tier },
      ];
      const many = await raw('/composite/sobjects', { method: 'POST', body: { allOrNone: false, records } });
      expect(many.json.map((r: { success: boolean }) => r.success)).toEqual([true, false]);
      expect(many.json[1].errors).toEqual([
        {
          statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
          message: 'entity type cannot be inserted: Price Tier',
          fields: [],
        },
      ]);
    });

    it('refuses updates without edit (which takes delete with it), deletes without delete', async () => {
      const [a, b] = productIds() as [string, string];
      sf.permissions.setObjectAccess(INTEGRATION, 'Product2', { edit: false });
      const d = await raw('/sobjects/Product2/describe');
      expect([d.json.createable, d.json.updateable, d.json.deletable]).toEqual([true, false, false]);
      const patch = await raw(`/sobjects/Product2/${a}`, { method: 'PATCH', body: { Description: 'x' } });
      expect([patch.status, patch.json]).toEqual([
        400,
        [{ message: 'entity type cannot be updated: Product', errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY' }],
      ]);
      const updated = await conn.sobject('Product2').update([
        { Id: a, Description: 'x' },
        { Id: b, Description: 'y' },
      ]);
      expect(updated.map((r) => (r.errors[0] as unknown as { statusCode: string } | undefined)?.statusCode)).toEqual([
        'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
        'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
      ]);

      sf.permissions.setObjectAccess(INTEGRATION, 'Product2', { edit: true, delete: false });
      expect((await raw('/sobjects/Product2/describe')).json.deletable).toBe(false);
      const del = await raw(`/sobjects/Product2/${a}`, { method: 'DELETE' });
      expect([del.status, del.json]).toEqual([
        400,
        [{ message: 'insufficient access rights on object id', errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }],
      ]);
      const many = await raw(`/composite/sobjects?ids=${a},${b}`, { method: 'DELETE' });
      expect(many.json.map((r: { errors: Array<{ statusCode: string }> }) => r.errors[0]?.statusCode)).toEqual([
        'INSUFFICIENT_ACCESS_OR_READONLY',
        'INSUFFICIENT_ACCESS_OR_READONLY',
      ]);
      expect(sf.db.get('Product2', a)?.IsDeleted).toBe(false);
    });
  });

  describe('what permissions leave alone', () => {
    it('keeps /limits, login and identity working for a user who can read nothing', async () => {
      const limitsBefore = (await raw('/limits')).json;
      for (const o of ['Product2', 'Pricebook2', 'PricebookEntry', 'Price_Tier__c', 'Product2DataTranslation'])
        sf.permissions.setObjectAccess(INTEGRATION, o, { read: false });
      expect(await describeNames()).toEqual([]);
      const limits = await raw('/limits');
      expect(limits.status).toBe(200);
      expect(limits.json.DataStorageMB).toEqual(limitsBefore.DataStorageMB);
      expect((await conn.identity()).username).toBe(INTEGRATION);
      expect((await connect(sf)).accessToken).toBeTruthy();
      const soap = new jsforce.Connection({ loginUrl: sf.loginUrl, version: API_VERSION });
      expect((await soap.login(INTEGRATION, sf.credentials.password)).organizationId).toBe(sf.org.orgId);
    });
  });

  describe('switching at run time', () => {
    it('takes effect on the next request, and reset restores everything', async () => {
      expect((await query('SELECT Id FROM Price_Tier__c')).status).toBe(200);
      sf.permissions.setObjectAccess(INTEGRATION, 'Price_Tier__c', { read: false });
      expect((await rejection(conn.query('SELECT Id FROM Price_Tier__c'))).errorCode).toBe('INVALID_TYPE');
      sf.permissions.setObjectAccess(INTEGRATION, 'Price_Tier__c', { read: true });
      expect((await query('SELECT Id FROM Price_Tier__c')).status).toBe(200);

      sf.permissions.setObjectAccess(INTEGRATION, 'Price_Tier__c', { read: false });
      sf.permissions.setFieldAccess(INTEGRATION, `Product2.${STATUS}`, { read: false });
      sf.permissions.setDataTranslation(false);
      sf.permissions.reset();
      expect(sf.permissions.snapshot()).toEqual({ dataTranslation: true, users: {} });
      for (const q of [
        'SELECT Id FROM Price_Tier__c',
        `SELECT ${STATUS} FROM Product2`,
        'SELECT Id FROM Product2DataTranslation',
      ])
        expect((await query(q)).status).toBe(200);
    });

    it('is switched by POST /__sandbox/permissions, all or nothing, and refuses what Salesforce cannot restrict', async () => {
      const post = (body: unknown) => call(sf, '/__sandbox/permissions', { method: 'POST', body });
      const set = await post({
        dataTranslation: false,
        objects: [{ username: INTEGRATION, object: 'price_tier__c', read: false }],
        fields: [{ username: INTEGRATION, field: `Product2.${STATUS}`, edit: false }],
      });
      expect([set.status, set.json]).toEqual([
        200,
        {
          dataTranslation: false,
          users: {
            [INTEGRATION]: {
              objects: { Price_Tier__c: { read: false, create: true, edit: true, delete: true } },
              fields: { [`Product2.${STATUS}`]: { read: true, edit: false } },
            },
          },
        },
      ]);
      expect((await query('SELECT Id FROM Price_Tier__c')).json[0].errorCode).toBe('INVALID_TYPE');
      expect((await post({ reset: true })).json).toEqual({ dataTranslation: true, users: {} });
      expect((await query('SELECT Id FROM Price_Tier__c')).status).toBe(200);

      const refused = [
        {
          objects: [
            { username: INTEGRATION, object: 'Product2', read: false },
            { username: 'nobody@x', object: 'Product2' },
          ],
        },
        { fields: [{ username: INTEGRATION, field: 'Product2.Name', read: false }] },
        { fields: [{ username: INTEGRATION, field: 'Product2.No_Such__c', read: false }] },
        { objects: [{ username: INTEGRATION, object: 'Product2', view: false }] },
      ];
      for (const body of refused) {
        const r = await post(body);
        expect([r.status, typeof r.json.error]).toEqual([400, 'string']);
      }
      expect(sf.permissions.snapshot()).toEqual({ dataTranslation: true, users: {} });
      expect(() => sf.permissions.setFieldAccess(INTEGRATION, 'Product2.Name', { read: false })).toThrow(
        /no field-level security/,
      );
    });
  });
});
