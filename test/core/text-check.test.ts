import { describe, expect, it } from 'vitest';
import { badCharacter } from '../../src/core/text-check.js';
import { canonicalText, isBlankText } from '../../src/core/product.js';

describe('text checks', () => {
  it('names the first bad character and its position in characters, emoji counted as one', () => {
    expect(badCharacter('😀😀a\u0007', false)).toBe('contains an invisible control character (U+0007) at character 4');
    expect(badCharacter('ok\ud83d', false)).toBe(
      'contains a broken character (a lone U+D83D surrogate) at character 3',
    );
    expect(badCharacter('a\uffffb\u0000', false)).toBe('contains a non-character (U+FFFF) at character 2');
    expect(badCharacter('x\u0085y', true)).toMatch(/U\+0085/);
  });

  it('allows line breaks and tabs only in multi-line texts', () => {
    expect(badCharacter('one\r\n\ttwo', true)).toBeNull();
    expect(badCharacter('one\ntwo', false)).toMatch(/U\+000A\) at character 4/);
    expect(badCharacter('Shield 🛡️ \u202eRTL\u200f Café', false)).toBeNull();
  });

  it('counts only visible text as text', () => {
    for (const blank of ['', ' ', '\u00a0', '\u200b\u200d\ufeff', '\u3000\u00ad', '\t\n'])
      expect(isBlankText(blank)).toBe(true);
    expect(isBlankText('\u200bx')).toBe(false);
    expect(canonicalText('Cafe\u0301')).toBe('Café');
    expect(canonicalText('\u00a0')).toBeNull();
    expect(isBlankText(undefined)).toBe(true);
    expect(isBlankText(null)).toBe(true);
    expect(canonicalText(undefined)).toBeNull();
  });
});
