import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { connect, withSalesforce, type Connection } from '../../helpers/salesforce.js';

type Field = Record<string, any>;

/**
 * GET /sobjects/Product2/describe as jsforce reads it: each custom field type with the describe
 * type, sizes and flags Salesforce reports for it, which catalog-sync checks its mapping against.
 */
describe('Salesforce sandbox describe: field types', () => {
  let sf: SalesforceSandbox;
  let conn: Connection;
  let fields: Map<string, Field>;
  const field = (name: string) => fields.get(name) as Field;

  beforeAll(async () => {
    sf = await withSalesforce({
      seed: 'empty',
      customFields: [
        { object: 'Product2', name: 'Tagline__c', type: 'text', length: 80 },
        { object: 'Product2', name: 'Short_Note__c', type: 'textarea' },
        { object: 'Product2', name: 'Long_Note__c', type: 'longtextarea', length: 10000 },
        { object: 'Product2', name: 'Bundle__c', type: 'checkbox' },
        { object: 'Product2', name: 'Weight__c', type: 'number', precision: 8, scale: 3 },
        { object: 'Product2', name: 'Msrp__c', type: 'currency', precision: 12, scale: 2 },
        { object: 'Product2', name: 'Tier__c', type: 'picklist', values: ['A', 'B'], restricted: false },
        { object: 'Product2', name: 'Launch_Date__c', type: 'date' },
        { object: 'Product2', name: 'Shop_Url__c', type: 'url' },
      ],
    });
    conn = await connect(sf);
    const described = await conn.sobject('Product2').describe();
    fields = new Map(described.fields.map((f) => [f.name, f as Field]));
  });
  afterAll(() => sf.close());

  it('lists the web shop fields in every org: a checkbox, a Number(3, 0) and a restricted picklist', () => {
    expect(field('Sell_Online__c')).toMatchObject({
      type: 'boolean',
      soapType: 'xsd:boolean',
      label: 'Sell Online',
      custom: true,
      nillable: false,
      defaultedOnCreate: true,
      createable: true,
      updateable: true,
      filterable: true,
      sortable: true,
      groupable: true,
      length: 0,
    });
    expect(field('Subscription_Term__c')).toMatchObject({
      type: 'double',
      soapType: 'xsd:double',
      label: 'Subscription Term',
      precision: 3,
      scale: 0,
      digits: 0,
      length: 0,
      nillable: true,
      updateable: true,
      filterable: true,
      groupable: false,
      defaultedOnCreate: false,
      defaultValue: null,
    });
    expect(field('Subscription_Period__c')).toMatchObject({
      type: 'picklist',
      soapType: 'xsd:string',
      label: 'Subscription Period',
      restrictedPicklist: true,
      length: 255,
      nillable: true,
      updateable: true,
      filterable: true,
    });
    expect(field('Subscription_Period__c').picklistValues).toEqual(
      ['Day', 'Week', 'Month', 'Year'].map((value) => ({
        active: true,
        defaultValue: false,
        label: value,
        validFor: null,
        value,
      })),
    );
  });

  it("lists the sync status values, 'Out of scope' among them", () => {
    expect(field('Cleverbridge_Sync_Status__c').picklistValues.map((p: Field) => p.value)).toEqual([
      'Synced',
      'Error',
      'Held',
      'Pending',
      'Out of scope',
    ]);
  });

  it('describes text as string, text areas as textarea with extraTypeInfo plaintextarea, long ones unfilterable', () => {
    expect(field('Tagline__c')).toMatchObject({ type: 'string', length: 80, byteLength: 240, extraTypeInfo: null });
    expect(field('Short_Note__c')).toMatchObject({
      type: 'textarea',
      length: 255,
      extraTypeInfo: 'plaintextarea',
      filterable: true,
      sortable: true,
    });
    expect(field('Description')).toMatchObject({
      type: 'textarea',
      length: 4000,
      extraTypeInfo: 'plaintextarea',
      filterable: true,
    });
    expect(field('Long_Note__c')).toMatchObject({
      type: 'textarea',
      length: 10000,
      extraTypeInfo: 'plaintextarea',
      filterable: false,
      sortable: false,
      groupable: false,
    });
  });

  it('describes checkbox, number, currency, picklist, date and URL fields by their API types', () => {
    expect(field('Bundle__c')).toMatchObject({ type: 'boolean', nillable: false, defaultedOnCreate: true });
    expect(field('Weight__c')).toMatchObject({ type: 'double', precision: 8, scale: 3, nillable: true });
    expect(field('Msrp__c')).toMatchObject({ type: 'currency', soapType: 'xsd:double', precision: 12, scale: 2 });
    expect(field('Tier__c')).toMatchObject({ type: 'picklist', restrictedPicklist: false });
    expect(field('Launch_Date__c')).toMatchObject({ type: 'date', soapType: 'xsd:date', length: 0 });
    expect(field('Shop_Url__c')).toMatchObject({ type: 'url', soapType: 'xsd:string', length: 255 });
    for (const name of ['Bundle__c', 'Weight__c', 'Msrp__c', 'Tier__c', 'Launch_Date__c', 'Shop_Url__c'])
      expect(field(name)).toMatchObject({ custom: true, createable: true, updateable: true, filterable: true });
  });
});
