import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseMapping } from '../../src/config/mapping-schema.js';
import type { SalesforceSandbox } from '../../src/sandbox/salesforce/server.js';
import { bindMapping } from '../../src/salesforce/org-binding.js';
import { connect, withSalesforce, type Connection } from '../helpers/salesforce.js';
import { defaultMapping } from '../helpers/mapping.js';

/** The default mapping with `change` applied, validated as the mapping file would be. */
const mapping = (change: (m: any) => void) => {
  const raw = JSON.parse(JSON.stringify(defaultMapping()));
  change(raw);
  return parseMapping(raw);
};

describe('binding the mapping to the org at connect', () => {
  let sf: SalesforceSandbox;
  let conn: Connection;
  beforeAll(async () => {
    sf = await withSalesforce({
      seed: 'shieldware',
      customFields: [
        { object: 'Product2', name: 'Weight__c', type: 'number', precision: 6, scale: 2 },
        { object: 'Product2', name: 'Tier__c', type: 'picklist', values: ['Gold', 'Silver'] },
        { object: 'Product2', name: 'Notes__c', type: 'longtextarea' },
      ],
    });
    conn = await connect(sf);
    // A second book with the online book's name.
    sf.db.create('Pricebook2', { Name: 'Online Price Book', IsActive: true });
  });
  afterAll(() => sf.close());

  const problems = async (change: (m: any) => void) =>
    bindMapping(conn, mapping(change)).then(
      () => [],
      (e: unknown) => {
        expect(e).toBeInstanceOf(ConfigError);
        return [...(e as ConfigError).problems];
      },
    );

  it('finds a price book by id, and refuses a name two books share', async () => {
    const partner = (sf.db.records('Pricebook2') as Array<{ Id: string; Name: string }>).find(
      (b) => b.Name === 'Partner Price Book',
    )!;
    await expect(
      bindMapping(
        conn,
        mapping((m) => (m.price.priceBook = partner.Id)),
      ),
    ).resolves.toEqual({
      priceBookId: partner.Id,
    });
    const [ambiguous] = await problems((m) => (m.price.priceBook = 'Online Price Book'));
    expect(ambiguous).toMatch(/^mapping\.price\.priceBook: 2 price books are named "Online Price Book"; give the id/);
  });

  it('refuses a scope field Salesforce cannot filter on (a long text area)', async () => {
    const where = "IsActive = true AND Notes__c = 'x'";
    expect(await problems((m) => (m.scope = { where, leavePolicy: 'deactivate' }))).toEqual([
      'mapping.scope.where: Product2.Notes__c cannot be filtered on (at character 21)',
    ]);
  });

  it('checks each source against its kind, all at once', async () => {
    const found = await problems((m) => {
      m.fields.minimumOrderQuantity = 'Weight__c'; // two decimals
      m.fields.excludeFromTracking = 'Name'; // text for a Boolean
      m.fields.ean = 'IsActive'; // a checkbox for a text
      m.fields.supportContactId = { field: 'Tier__c', values: { Gold: 1627 } }; // fine: a value map
      m.text.names.languageFields = { DE: 'Name_DE__c' }; // no such field
    });
    expect(found).toEqual([
      'mapping.fields.ean: Product2.IsActive is boolean; a boolean field cannot feed a text',
      'mapping.fields.minimumOrderQuantity: Product2.Weight__c is double; a Number field with 2 decimal places cannot feed an Int',
      'mapping.fields.excludeFromTracking: Product2.Name is string; a string field cannot feed a Boolean (use a Checkbox or a value map)',
      'mapping.text.names.languageFields.DE: Product2 has no field Name_DE__c (missing, or hidden from the integration user by field-level security)',
    ]);
  });

  it('asks only describe when no price book is named, and nothing more', async () => {
    const before = sf.log.entries().length;
    await expect(bindMapping(conn, defaultMapping())).resolves.toEqual({ priceBookId: null });
    expect(sf.log.entries().length - before).toBe(1);
  });
});
