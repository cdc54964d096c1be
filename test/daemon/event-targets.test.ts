import { describe, expect, it } from 'vitest';
import { askOf, DirtyRecords, followedObjects } from '../../src/daemon/event-targets.js';
import { channelOf } from '../../src/salesforce/change-stream.js';
import { sourceHashFields } from '../../src/salesforce/source-hash.js';
import type { ChangeEvent } from '../../src/sync/ports.js';
import { defaultMapping } from '../helpers/mapping.js';

const mapping = defaultMapping();
const readFields = new Set(sourceHashFields(mapping).map((f) => f.toLowerCase()));
const PRODUCT = '01t5g0000000001AAA';
const ENTRY = '01u5g0000000001AAA';
const TIER = 'a015g0000000001AAA';
const event = (change: Partial<ChangeEvent>): ChangeEvent => ({
  channel: '/data/Product2ChangeEvent',
  replayId: 1,
  entity: 'Product2',
  changeType: 'UPDATE',
  recordIds: [PRODUCT],
  changedFields: [],
  commitTimestamp: 0,
  fields: {},
  ...change,
});
const ask = (change: Partial<ChangeEvent>) => askOf(event(change), mapping, readFields);

describe('what a change event asks of the daemon', () => {
  it('follows Product2, its price book entries and the mapped tier object, on their channels', () => {
    expect(followedObjects(mapping).map(channelOf)).toEqual([
      '/data/Product2ChangeEvent',
      '/data/PricebookEntryChangeEvent',
      '/data/Price_Tier__ChangeEvent',
    ]);
  });

  it('asks nothing of an update to fields the mapping does not read (the write-back), whatever their case', () => {
    const writeBack = ['Cleverbridge_Sync_Status__c', 'Cleverbridge_Last_Synced__c', 'LastModifiedDate'];
    expect(ask({ changedFields: writeBack })).toEqual({ kind: 'none' });
    expect(ask({ changedFields: [...writeBack, 'NAME'] })).toEqual({
      kind: 'records',
      what: 'products',
      ids: [PRODUCT],
    });
  });

  it('names the product of any other Product2 change, a gap event too (it has no changed fields)', () => {
    for (const changeType of ['CREATE', 'DELETE', 'UNDELETE', 'GAP_UPDATE', 'GAP_CREATE'])
      expect(ask({ changeType, recordIds: [PRODUCT.slice(0, 15)] })).toEqual({
        kind: 'records',
        what: 'products',
        ids: [PRODUCT],
      });
  });

  it('asks for a run by cursor on an overflow event, which names no record', () => {
    expect(ask({ changeType: 'GAP_OVERFLOW', recordIds: [], entity: 'PricebookEntry' })).toEqual({
      kind: 'cursor-run',
    });
  });

  it("takes a created entry's or tier's product from the event, and leaves the others to be looked up", () => {
    const entry = { entity: 'PricebookEntry', recordIds: [ENTRY] };
    expect(ask({ ...entry, changeType: 'CREATE', fields: { Product2Id: PRODUCT } })).toEqual({
      kind: 'records',
      what: 'products',
      ids: [PRODUCT],
    });
    expect(ask({ ...entry, changeType: 'UPDATE', changedFields: ['UnitPrice'] })).toEqual({
      kind: 'records',
      what: 'priceEntries',
      ids: [ENTRY],
    });
    const tier = { entity: 'Price_Tier__c', recordIds: [TIER] };
    expect(ask({ ...tier, changeType: 'CREATE', fields: { Product__c: PRODUCT } })).toMatchObject({ ids: [PRODUCT] });
    expect(ask({ ...tier, changeType: 'DELETE' })).toEqual({ kind: 'records', what: 'tiers', ids: [TIER] });
    expect(ask({ entity: 'Account', recordIds: ['0015g0000000001AAA'] })).toEqual({ kind: 'none' });
  });
});

describe('the records events named and no run covered yet', () => {
  it('hands over everything once, and takes back what a run did not cover', () => {
    const dirty = new DirtyRecords();
    expect(dirty.empty).toBe(true);
    dirty.add('products', [PRODUCT, PRODUCT]);
    dirty.add('tiers', [TIER]);
    const taken = dirty.take();
    expect(taken).toEqual({ targets: { products: [PRODUCT], priceEntries: [], tiers: [TIER] }, cursorRun: false });
    expect(dirty.empty).toBe(true);
    dirty.cursorRun = true;
    expect(dirty.empty).toBe(false);
    dirty.restore(taken);
    expect(dirty.take()).toEqual({
      targets: { products: [PRODUCT], priceEntries: [], tiers: [TIER] },
      cursorRun: true,
    });
  });
});
