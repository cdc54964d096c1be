import { describe, expect, it } from 'vitest';
import { clip } from '../../src/sync/write-back.js';

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
