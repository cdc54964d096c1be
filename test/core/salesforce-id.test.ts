import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeSalesforceId, toId18 } from '../../src/core/salesforce-id.js';

describe('Salesforce ids', () => {
  it.each([
    // Pairs published with the 15-to-18 algorithm.
    ['0019000000B98de', '0019000000B98deAAB'],
    ['a0D30000001n7Pi', 'a0D30000001n7PiEAI'],
  ])('%s becomes %s', (id15, id18) => {
    expect(toId18(id15)).toBe(id18);
    expect(toId18(id18)).toBe(id18);
    expect(toId18(id18.toLowerCase())).toBe(id18);
    expect(toId18(id18.toUpperCase())).toBe(id18);
  });

  it.each([
    '',
    '001',
    '0019000000B98de0',
    '-0019000000B98de',
    '0019000000B98de-AB',
    '-0019000000B98deAAB',
    '0019000000B98deAAB-',
    '0019000000B98deA!B',
    '001900000 B98de',
    'é0019000000B98de',
  ])('refuses %j', (id) => expect(toId18(id)).toBeNull());

  it('refuses a suffix that marks a digit as upper-case', () => {
    // Bit 0 of the first chunk set on "0".
    expect(toId18('0019000000B98deBAB')).toBeNull();
  });

  it('makes ids with the key prefix, that normalise to themselves from any case or length', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        const id = makeSalesforceId('01t', '5g', n);
        expect(id).toMatch(/^01t5g0[0-9A-Za-z]{9}[A-Z0-5]{3}$/);
        expect(toId18(id)).toBe(id);
        expect(toId18(id.slice(0, 15))).toBe(id);
        expect(toId18(id.toLowerCase())).toBe(id);
      }),
    );
  });

  it('gives distinct ids for distinct sequence numbers', () => {
    const ids = new Set(Array.from({ length: 5000 }, (_, i) => makeSalesforceId('01t', '5g', i * 7919)));
    expect(ids.size).toBe(5000);
  });

  it('refuses a malformed key prefix or sequence', () => {
    expect(() => makeSalesforceId('01', '5g', 1)).toThrow(new RangeError('bad key prefix "01" or instance "5g"'));
    expect(() => makeSalesforceId('01t', '5g0', 1)).toThrow(new RangeError('bad key prefix "01t" or instance "5g0"'));
    expect(() => makeSalesforceId('x01t', '5g', 1)).toThrow(RangeError);
    expect(() => makeSalesforceId('01t', 'x5g', 1)).toThrow(RangeError);
    expect(() => makeSalesforceId('01t', '5g', -1)).toThrow(new RangeError('bad sequence -1'));
    expect(() => makeSalesforceId('01t', '5g', 1.5)).toThrow(new RangeError('bad sequence 1.5'));
  });
});
