import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/plan.js';
import { clip, outOfScopeOutcomes, updateOf } from '../../src/sync/write-back.js';
import { defaultOptions, KEYS } from '../core/arbitraries.js';
import { product } from '../core/plan-builders.js';
import { defaultMapping } from '../helpers/mapping.js';

describe('clip: a reason cut to fit the org’s error field', () => {
  it('leaves a text that fits alone', () => {
    expect(clip('PRICE_INVALID: no.', 18)).toBe('PRICE_INVALID: no.');
  });

  it('cuts to the length in UTF-16 units with an ellipsis, without trailing whitespace or half an emoji', () => {
    expect(clip('NAME_MISSING: The product has no EN name.', 20)).toBe('NAME_MISSING: The p…');
    expect(clip('NAME_MISSING: The product', 15)).toBe('NAME_MISSING:…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
    for (const max of [1, 2, 5, 17, 40]) expect(clip('x y '.repeat(20), max).length).toBeLessThanOrEqual(max);
  });
});

describe('the write-back of products out of scope', () => {
  const [A, B, C, D, E] = KEYS as [string, string, string, string, string];
  const config = defaultMapping();
  const status = (value: string | null) => ({ Cleverbridge_Sync_Status__c: value, Cleverbridge_Sync_Error__c: null });
  const outOfScope = [
    { Id: A, ...status('Synced') }, // synced before, leaves
    { Id: B, ...status(null) }, // never synced
    { Id: C, ...status('Out of scope') }, // left earlier
    { Id: D, ...status('Synced') }, // its leave is held
    { Id: E, ...status('Synced') }, // its leave failed
  ];
  const synced = [A, C, D, E].map((key, i) => ({ key, cbId: i + 1, product: product() }));
  const actual = synced.map((s) => ({ cbId: s.cbId, internalId: s.key, product: product() }));
  const updates = (maxCount: number) => {
    const p = plan(
      { complete: false, products: [], invalid: [], deletedKeys: [], outOfScopeKeys: outOfScope.map((r) => r.Id) },
      synced,
      actual,
      defaultOptions({ leavePolicy: 'deactivate', massDelete: { maxCount, maxShare: 1 }, catalogSize: 100 }),
    );
    const failed = [{ key: E, code: 'CB_REFUSED', message: 'no' }];
    const apply = {
      succeeded: { create: 0, update: 2, delete: 0 },
      failed,
      unknown: [],
      notSent: [],
      stoppedBy: null,
      requests: 1,
      ms: 1,
    };
    const outcomes = outOfScopeOutcomes(p, apply, outOfScope, config.writeBack!.status);
    return outOfScope.flatMap((r) => {
      const o = outcomes.get(r.Id);
      const update = o && updateOf(r.Id, r, o, config, 'now');
      return update ? [update] : [];
    });
  };

  it('marks those synced before Out of scope, leaves the never synced alone, and says when leaving failed', () => {
    expect(updates(100)).toEqual([
      { Id: A, Cleverbridge_Sync_Status__c: 'Out of scope' },
      { Id: D, Cleverbridge_Sync_Status__c: 'Out of scope' },
      { Id: E, Cleverbridge_Sync_Status__c: 'Error', Cleverbridge_Sync_Error__c: 'CB_REFUSED: no' },
    ]);
  });

  it('marks a held leave Held, with the reason', () => {
    const held = updates(1).filter((u) => u.Cleverbridge_Sync_Status__c === 'Held');
    expect(held.map((u) => u.Id)).toEqual([A, C, D]);
    expect(held[0]!.Cleverbridge_Sync_Error__c).toMatch(/^left the scope; 4 of 100 managed products would be deleted/);
  });
});
