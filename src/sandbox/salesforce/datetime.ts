/**
 * Salesforce date and time values. The org stores date-times to the second (the API always shows
 * `.000`), answers them in UTC as `2024-01-31T10:15:00.000+0000`, and accepts them in SOQL and
 * JSON as ISO 8601 with `Z` or a numeric offset.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Epoch milliseconds as Salesforce writes a dateTime in JSON. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

/** What the org records for "now": system timestamps keep whole seconds only. */
export const toSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

export const toMinute = (ms: number): number => Math.floor(ms / 60_000) * 60_000;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** An ISO 8601 date-time with a zone (`Z`, `+01:00` or `+0100`), as epoch ms; null if malformed. */
export function parseDateTime(text: string): number | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const zone = m[8] as string;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2));
    if (hours > 14 || minutes > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/** A calendar date `YYYY-MM-DD`, returned as written; null if malformed or not a real day. */
export function parseDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  return validDate(Number(m[1]), Number(m[2]), Number(m[3])) ? text : null;
}
