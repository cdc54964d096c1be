/**
 * The Salesforce sandbox's own record ids, written apart from catalog-sync's (src/core), so a
 * mistake in one cannot hide in the other. An id is 15 case-sensitive characters (a 3-character
 * key prefix naming the object, then instance and record digits) or 18: the same with a suffix
 * of three characters, each telling which of five characters are upper-case, which makes the
 * 18-character form case-insensitive (Salesforce's "Record IDs" documentation).
 */

const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The suffix character for five characters: bit i set when character i is an upper-case letter. */
const suffixChar = (five: string): string =>
  SUFFIX.charAt([...five].reduceRight((bits, c) => bits * 2 + (c >= 'A' && c <= 'Z' ? 1 : 0), 0));

const withSuffix = (id15: string): string =>
  id15 + suffixChar(id15.slice(0, 5)) + suffixChar(id15.slice(5, 10)) + suffixChar(id15.slice(10, 15));

/**
 * The 18-character form of an id the API was given: a 15-character id gets its suffix; an
 * 18-character one, in any letter case, is restored from its suffix. null when it is no id.
 */
export function canonicalId(text: string): string | null {
  if (!/^[0-9A-Za-z]+$/.test(text)) return null;
  if (text.length === 15) return withSuffix(text);
  if (text.length !== 18) return null;
  let head = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX.indexOf(text.charAt(15 + chunk).toUpperCase());
    for (let i = 0; i < 5; i++) {
      const c = text.charAt(chunk * 5 + i);
      const upper = (bits >> i) & 1;
      if (upper && !/[A-Za-z]/.test(c)) return null;
      head += upper ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return withSuffix(head);
}

/** A new 18-character id: key prefix (e.g. "01t"), 2-character instance, "0", then 9 record digits. */
export function recordId(keyPrefix: string, instance: string, sequence: number): string {
  if (!/^[0-9A-Za-z]{3}$/.test(keyPrefix) || !/^[0-9A-Za-z]{2}$/.test(instance))
    throw new RangeError(`bad key prefix "${keyPrefix}" or instance "${instance}"`);
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new RangeError(`bad sequence ${sequence}`);
  let digits = '';
  for (let n = sequence, i = 0; i < 9; i++, n = Math.floor(n / 62)) digits = DIGITS.charAt(n % 62) + digits;
  return withSuffix(`${keyPrefix}${instance}0${digits}`);
}
