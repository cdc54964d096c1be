import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toId18 } from '../../../src/core/salesforce-id.js';
import { canonicalId, recordId } from '../../../src/sandbox/salesforce/record-id.js';

const alnum = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
const word = (length: number) => fc.array(alnum, { minLength: length, maxLength: length }).map((c) => c.join(''));

// The sandbox's ids and catalog-sync's are written apart; they must agree on every id.
describe("the Salesforce sandbox's record ids", () => {
  it('gives a 15-character id its suffix, and restores an 18-character one from it', () => {
    expect(recordId('01t', '5g', 0)).toBe('01t5g0000000000AAA');
    // The example every explanation of the suffix uses.
    expect(canonicalId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(canonicalId('001a0000006vm9rIAC')).toBe('001A0000006Vm9rIAC');
    expect(canonicalId('001A0000006VM9RIAC')).toBe('001A0000006Vm9rIAC');
    expect(canonicalId('01t5g000000000a!')).toBeNull();
    expect(canonicalId('01t5g00000000')).toBeNull();
  });

  it('agrees with catalog-sync on 15- and 18-character ids, in any letter case', () => {
    fc.assert(
      fc.property(word(15), fc.boolean(), (id15, lower) => {
        const id18 = canonicalId(id15)!;
        expect(toId18(id15)).toBe(id18);
        const mangled = lower ? id18.toLowerCase() : id18.toUpperCase();
        expect(canonicalId(mangled)).toBe(toId18(mangled));
      }),
    );
  });

  it('agrees with catalog-sync on any 18 characters, also those whose suffix cannot fit', () => {
    fc.assert(
      fc.property(word(18), (text) => {
        expect(canonicalId(text)).toBe(toId18(text));
      }),
    );
  });

  it('numbers records in base 62 after the prefix, the instance and a zero', () => {
    fc.assert(
      fc.property(word(3), word(2), fc.nat({ max: Number.MAX_SAFE_INTEGER }), (prefix, instance, n) => {
        const id = recordId(prefix, instance, n);
        expect(id.slice(0, 6)).toBe(`${prefix}${instance}0`);
        expect(toId18(id)).toBe(id);
      }),
    );
    expect(recordId('01t', '5g', 61).slice(6, 15)).toBe('00000000z');
    expect(recordId('01t', '5g', 62).slice(6, 15)).toBe('000000010');
  });
});
