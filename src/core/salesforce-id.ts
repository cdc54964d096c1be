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

/** Restores the case of an 18-character id from its suffix; null if the suffix cannot fit. */
function restoreCase(id: string): string | null {
  const bits = [...id.slice(15).toUpperCase()].map((c) => SUFFIX_ALPHABET.indexOf(c));
  let head = '';
  for (let i = 0; i < 15; i++) {
    const upper = ((bits[Math.floor(i / 5)] as number) >> (i % 5)) & 1;
    const c = id[i] as string;
    if (upper && !/[a-zA-Z]/.test(c)) return null;
    head += upper ? c.toUpperCase() : c.toLowerCase();
  }
  return head + suffix(head);
}

/**
 * The canonical 18-character form of a 15- or 18-character id, or null when `id` is not a
 * Salesforce id. An 18-character id is case-insensitive by design: its suffix says which
 * letters are upper-case, so a case-mangled copy (a spreadsheet, a case-folding system) is
 * restored rather than refused.
 */
export function toId18(id: string): string | null {
  if (ID15.test(id)) return id + suffix(id);
  if (ID18.test(id)) return restoreCase(id);
  return null;
}

/** A new 18-character id: key prefix (e.g. "01t"), 2-character instance, then a record number. */
export function makeSalesforceId(keyPrefix: string, instance: string, sequence: number): string {
  if (!/^[a-zA-Z0-9]{3}$/.test(keyPrefix) || !/^[a-zA-Z0-9]{2}$/.test(instance)) {
    throw new RangeError(`bad key prefix "${keyPrefix}" or instance "${instance}"`);
  }
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new RangeError(`bad sequence ${sequence}`);
  // Nine base-62 digits hold any safe integer (62^9 > 2^53).
  let digits = '';
  let n = sequence;
  for (let i = 0; i < 9; i++) {
    digits = BASE62[n % 62] + digits;
    n = Math.floor(n / 62);
  }
  const id15 = `${keyPrefix}${instance}0${digits}`;
  return id15 + suffix(id15);
}
