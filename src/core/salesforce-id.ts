/**
 * Salesforce record ids: 15 case-sensitive characters (3-character key prefix naming the
 * object, then instance and record digits in base 62), or the same with a 3-character suffix
 * that encodes which of the 15 are upper-case, making the 18-character form case-insensitive.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID15 = /^[a-zA-Z0-9]{15}$/;
const ID18 = /^[a-zA-Z0-9]{18}$/;

function suffix(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    out += SUFFIX_ALPHABET[bits];
  }
  return out;
}

/**
 * The 18-character form of a 15- or 18-character id, or null when `id` is not a Salesforce id
 * (wrong length or characters, or an 18-character id whose suffix does not match).
 */
export function toId18(id: string): string | null {
  if (ID15.test(id)) return id + suffix(id);
  if (ID18.test(id)) {
    const head = id.slice(0, 15);
    // The suffix is case-insensitive by design; the 15 characters before it are not.
    return suffix(head) === id.slice(15).toUpperCase() ? head + suffix(head) : null;
  }
  return null;
}

/** A new 18-character id: key prefix (e.g. "01t"), 2-character instance, then a record number. */
export function makeSalesforceId(keyPrefix: string, instance: string, sequence: number): string {
  if (!/^[a-zA-Z0-9]{3}$/.test(keyPrefix) || !/^[a-zA-Z0-9]{2}$/.test(instance)) {
    throw new RangeError(`bad key prefix "${keyPrefix}" or instance "${instance}"`);
  }
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new RangeError(`bad sequence ${sequence}`);
  let digits = '';
  let n = sequence;
  for (let i = 0; i < 9; i++) {
    digits = BASE62[n % 62] + digits;
    n = Math.floor(n / 62);
  }
  if (n > 0) throw new RangeError(`sequence ${sequence} does not fit in 9 base-62 digits`);
  const id15 = `${keyPrefix}${instance}0${digits}`;
  return id15 + suffix(id15);
}
