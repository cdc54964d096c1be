import { describe, expect, it } from 'vitest';
import { formatDateTime, parseDate, parseDateTime, toSecond } from '../../../src/sandbox/salesforce/datetime.js';
import { ApiUsage } from '../../../src/sandbox/salesforce/limits/api-usage.js';
import { likePattern, unquote } from '../../../src/sandbox/salesforce/soql/soql-literals.js';
import { startSalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';

describe('Salesforce date-times', () => {
  it('writes UTC with milliseconds and +0000', () => {
    expect(formatDateTime(Date.UTC(2024, 0, 31, 10, 15, 0))).toBe('2024-01-31T10:15:00.000+0000');
    expect(formatDateTime(toSecond(Date.UTC(2024, 0, 31, 10, 15, 0, 999)))).toBe('2024-01-31T10:15:00.000+0000');
  });

  it('reads ISO 8601 with Z or a numeric offset, and refuses what is not a real instant', () => {
    const t = Date.UTC(2024, 0, 31, 10, 15, 0);
    expect(parseDateTime('2024-01-31T10:15:00Z')).toBe(t);
    expect(parseDateTime('2024-01-31T10:15:00.000+0000')).toBe(t);
    expect(parseDateTime('2024-01-31T11:15:00+01:00')).toBe(t);
    expect(parseDateTime('2024-01-31T02:15:00.5-08:00')).toBe(t + 500);
    for (const bad of [
      '2024-01-31',
      '2024-02-30T00:00:00Z',
      '2024-01-31T24:00:00Z',
      '2024-01-31T10:15:00',
      '2024-01-31 10:15:00Z',
    ]) {
      expect(parseDateTime(bad)).toBeNull();
    }
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2023-02-29')).toBeNull();
  });
});

describe('SOQL string literals', () => {
  it('unescapes the sequences SOQL defines and refuses others', () => {
    expect(unquote(String.raw`'O\'Brien \\ \n \u00e9'`)).toBe("O'Brien \\ \n é");
    expect(() => unquote(String.raw`'a\qb'`)).toThrow(/Illegal character sequence/);
    expect(() => unquote(String.raw`'100\%'`)).toThrow(/Illegal character sequence/);
  });

  it('turns LIKE patterns into anchored case-insensitive matches, with escaped wildcards literal', () => {
    expect(likePattern("'Cloud%'").test('cloudbit - 1 Year')).toBe(true);
    expect(likePattern("'%bit _ 1%'").test('Cloudbit - 1 Year')).toBe(true);
    expect(likePattern("'bit%'").test('Cloudbit')).toBe(false);
    expect(likePattern(String.raw`'100\%'`).test('100%')).toBe(true);
    expect(likePattern(String.raw`'100\%'`).test('1000')).toBe(false);
    expect(likePattern(String.raw`'a\_b'`).test('axb')).toBe(false);
    expect(likePattern("'a.b*'").test('a.b*')).toBe(true);
    expect(likePattern("'a.b*'").test('axbb')).toBe(false);
  });
});

describe('daily API allocation', () => {
  it('counts calls over a rolling 24 hours and refuses past the limit without counting', () => {
    let now = Date.UTC(2025, 0, 1, 12, 0, 30);
    const usage = new ApiUsage(2, () => now);
    expect([usage.consume(), usage.consume(), usage.consume()]).toEqual([true, true, false]);
    expect(usage.header()).toBe('api-usage=2/2');
    now += 24 * 60 * 60_000 - 60_000;
    expect(usage.consume()).toBe(false);
    // Calls are kept per minute: those made in 12:00-12:01 drop out at 12:01 the next day.
    now += 60_000;
    expect(usage.consume()).toBe(false);
    now += 30_000;
    expect(usage.consume()).toBe(true);
    // One forced refusal, then the real count (one of two used) decides again.
    usage.forceExceeded(1);
    expect([usage.consume(), usage.consume(), usage.consume()]).toEqual([false, true, false]);
    expect(() => new ApiUsage(0, () => now)).toThrow(RangeError);
  });
});

describe('text field values', () => {
  it('stores no empty text and no leading or trailing whitespace, as the platform does', async () => {
    const sf = await startSalesforceSandbox({ seed: 'empty' });
    try {
      const db = sf.db;
      expect(() => db.create('Product2', { Name: '   ', IsActive: true })).toThrow(
        /REQUIRED_FIELD_MISSING: Required fields are missing: \[Name\]/,
      );
      expect(() => db.create('Product2', { Name: '', IsActive: true })).toThrow(/REQUIRED_FIELD_MISSING/);
      const id = db.create('Product2', { Name: ' \t Cloud Backup \n', Description: '  ', IsActive: true });
      expect(db.get('Product2', id)).toMatchObject({ Name: 'Cloud Backup', Description: null });
      // A no-break space is not whitespace to the platform; it stays.
      const nbsp = db.create('Product2', { Name: '\u00a0\u00a0', IsActive: true });
      expect(db.get('Product2', nbsp)!.Name).toBe('\u00a0\u00a0');
    } finally {
      await sf.close();
    }
  });
});
