import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameJson, stableStringify } from '../../src/core/product.js';

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, 0, -0, 1, 1.5, NaN, '', 'a', '1', true, false),
    fc.array(tie('value'), { maxLength: 3 }),
    // Members may be undefined (stableStringify drops them); canonical values hold no other undefined.
    fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.option(tie('value'), { nil: undefined }), { maxKeys: 3 }),
  ),
})).value;

describe('sameJson', () => {
  it('agrees with comparing stableStringify output', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(sameJson(a, b)).toBe(stableStringify(a) === stableStringify(b));
        expect(sameJson(a, a)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('ignores key order and undefined members, not array order', () => {
    expect(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1, c: undefined })).toBe(true);
    expect(sameJson({ b: [1, 2] }, { b: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });
});
