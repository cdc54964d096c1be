import { describe, expect, it } from 'vitest';
import { product2Fields } from '../../src/salesforce/soql.js';
import { sourceHash, sourceHashFields } from '../../src/salesforce/source-hash.js';
import { defaultMapping } from '../helpers/mapping.js';

const scoped = (where: string) => ({
  ...defaultMapping(),
  scope: { where, leavePolicy: 'deactivate' as const },
});

describe('the Product2 fields a source hash covers', () => {
  it('selects a scope field once, whatever its spelling, and adds the ones the mapping does not read', () => {
    // internalCategory reads Family: the scope's "family" is the same field, selected once.
    const fields = product2Fields(scoped("family = 'Cloud' AND Sell_Online__c = true"));
    expect(fields.filter((f) => f.toLowerCase() === 'family')).toEqual(['Family']);
    expect(fields).toContain('Sell_Online__c');
  });

  it('leaves out the write-back fields, the id and the stamps', () => {
    const mapping = defaultMapping();
    const fields = sourceHashFields(mapping);
    for (const own of [...Object.values(mapping.writeBack!), 'Id', 'SystemModstamp']) expect(fields).not.toContain(own);
    expect(fields).toEqual(expect.arrayContaining(['Name', 'IsActive', 'ProductCode', 'Family']));
  });

  it('hashes the values, not the spelling Salesforce answers them under, nor the fields it does not cover', () => {
    const fields = ['Family', 'Name'];
    const record = { Id: '01t5g0000000001AAA', Name: 'Cloudbit', Family: 'Cloud', SystemModstamp: 'a' };
    const same = sourceHash(fields, record);
    expect(sourceHash(['FAMILY', 'name'], record)).toBe(same);
    expect(sourceHash(fields, { ...record, SystemModstamp: 'b', Cleverbridge_Sync_Status__c: 'Synced' })).toBe(same);
    expect(sourceHash(fields, { ...record, Family: 'Software' })).not.toBe(same);
    expect(sourceHash(fields, { ...record, Family: null })).toBe(
      sourceHash(fields, { Id: record.Id, Name: 'Cloudbit' }),
    );
  });
});
