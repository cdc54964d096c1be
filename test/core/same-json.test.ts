import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameJson, stableStringify } from '../../src/core/product.js';
import { canonicalJson } from './oracle.js';

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, 0, -0, 1, 1.5, NaN, '', 'a', '1', true, false),
    fc.array(tie('value'), { maxLength: 3 }),
    // Members may be undefined (stableStringify drops them); canonical values hold no other undefined.
    // Keys that sort before and after each other, and keys JSON must escape.
    fc.dictionary(
      fc.constantFrom('a', 'b', 'c', 'B', '', '$x', 'a-b', 'quo"te', 'back\\slash', 'ü', 'line\nbreak'),
      fc.option(tie('value'), { nil: undefined }),
      { maxKeys: 4 },
    ),
  ),
})).value;

describe('sameJson', () => {
  it('agrees with comparing stableStringify output', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(sameJson(a, b)).toBe(stableStringify(a) === stableStringify(b));
        // Both agree with the tests' own canonical JSON.
        expect(stableStringify(a)).toBe(canonicalJson(a));
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
    expect(sameJson({}, [])).toBe(false);
    expect(sameJson([], { length: 0 })).toBe(false);
    expect(sameJson({ length: 1, 0: 'a' }, ['a'])).toBe(false);
    expect(sameJson([1], [1, 2])).toBe(false);
    expect(sameJson(['a', { b: 1 }], ['a', { b: 1 }])).toBe(true);
  });
});

describe('stableStringify', () => {
  it('writes object keys sorted at every level, without undefined members', () => {
    expect(stableStringify({ c: 1, a: [2, { z: null, y: undefined, x: 'x' }], b: true })).toBe(
      '{"a":[2,{"x":"x","z":null}],"b":true,"c":1}',
    );
    expect(stableStringify([3, 'two', [1]])).toBe('[3,"two",[1]]');
    expect(stableStringify('a"b')).toBe('"a\\"b"');
    expect(stableStringify(null)).toBe('null');
    expect(stableStringify({ b: 0, a: 0 })).toBe('{"a":0,"b":0}');
    expect(stableStringify({ a: 0, c: 0, b: 0 })).toBe('{"a":0,"b":0,"c":0}');
  });
});
