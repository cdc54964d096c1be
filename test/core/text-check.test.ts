import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badCharacter } from '../../src/core/text-check.js';
import { canonicalText, isBlankText } from '../../src/core/product.js';
import { sendableText } from './sendable-text.js';

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

describe('text checks against the rule spelled out code point by code point', () => {
  // The characters at and around each edge of the rule, and ordinary ones.
  const edges = [0x00, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x1f, 0x20, 0x7e, 0x7f, 0x85, 0x9f, 0xa0];
  const character = fc.oneof(
    fc.constantFrom(
      ...edges.map((c) => String.fromCharCode(c)),
      'a',
      'é',
      '😀',
      '\ud800',
      '\udfff',
      '\ufffd',
      '\ufffe',
      '\uffff',
    ),
    fc.string({ unit: 'binary', maxLength: 1 }),
  );
  const text = fc.array(character, { maxLength: 6 }).map((parts) => parts.join(''));

  it('refuses a text exactly when the rule does, naming a character the rule refuses', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (value, multiline) => {
        const bad = badCharacter(value, multiline);
        expect(bad === null).toBe(sendableText(value, multiline));
        if (bad === null) return;
        const at = Number(/at character (\d+)$/.exec(bad)![1]);
        const characters = [...value];
        expect(sendableText(characters.slice(0, at - 1).join(''), multiline)).toBe(true);
        expect(sendableText(characters[at - 1]!, multiline)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
