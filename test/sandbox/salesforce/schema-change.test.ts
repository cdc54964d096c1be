import { afterEach, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { connect, rejection, withSalesforce } from '../../helpers/salesforce.js';

describe('Salesforce sandbox: an admin deletes a custom field', () => {
  let sf: SalesforceSandbox;
  afterEach(() => sf.close());

  it('is gone from describe, queries and saves naming it fail with INVALID_FIELD, records no longer show it', async () => {
    sf = await withSalesforce({
      seed: 'empty',
      customFields: [{ object: 'Product2', name: 'Teaser__c', type: 'text' }],
    });
    const conn = await connect(sf);
    const id = sf.db.create('Product2', { Name: 'Cloud Backup', Teaser__c: 'Back up everything' });
    expect((await conn.query(`SELECT Teaser__c FROM Product2 WHERE Id = '${id}'`)).records[0]).toMatchObject({
      Teaser__c: 'Back up everything',
    });

    sf.org.schema.deleteCustomField('Product2', 'Teaser__c');
    const describe = await conn.sobject('Product2').describe();
    expect(describe.fields.map((f) => f.name)).not.toContain('Teaser__c');
    const query = await rejection(conn.query('SELECT Id, Teaser__c FROM Product2'));
    expect(query.errorCode).toBe('INVALID_FIELD');
    expect(query.message).toMatch(/No such column 'Teaser__c' on entity 'Product2'/);
    const save = await rejection(conn.sobject('Product2').update({ Id: id, Teaser__c: 'x' }));
    expect(save.errorCode ?? save.message).toMatch(/INVALID_FIELD/);
    expect(await conn.sobject('Product2').retrieve(id)).not.toHaveProperty('Teaser__c');
    expect(() => sf.org.schema.deleteCustomField('Product2', 'Name')).toThrow(/not a custom field/);
  });
});
