/**
 * Whether a text may go to the shop as it is: the tests' own version of the rule, written code
 * point by code point, so that the fuzz tests do not check the mapper with its own badCharacter
 * (src/core/text-check.ts). Refused: C0 controls, DEL and C1 controls (tab, line feed and carriage
 * return are allowed in multi-line texts), half of a surrogate pair, and U+FFFE / U+FFFF.
 */
export function sendableText(text: string, multiline: boolean): boolean {
  for (const character of text) {
    const c = character.codePointAt(0)!;
    const lineBreakOrTab = c === 0x09 || c === 0x0a || c === 0x0d;
    if (c <= 0x1f && !(multiline && lineBreakOrTab)) return false;
    if (c >= 0x7f && c <= 0x9f) return false;
    // for...of walks a well-formed pair as one code point: a surrogate here stands alone.
    if (c >= 0xd800 && c <= 0xdfff) return false;
    if (c === 0xfffe || c === 0xffff) return false;
  }
  return true;
}
