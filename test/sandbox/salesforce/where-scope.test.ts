import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { shieldwareProduct2Id } from '../../../src/sandbox/shieldware-ids.js';
import { connect, manualClock, rejection, withSalesforce, type Connection } from '../../helpers/salesforce.js';

type Row = Record<string, any>;

/**
 * What an admin may write as catalog-sync's scope condition on Product2, evaluated by the
 * sandbox's SOQL engine over jsforce, against the Shieldware seed (its web shop fields) and two
 * products made here for the escapes, dates and URLs the seed has none of. Each expectation is
 * worked out by hand from the seed, so a wrong operator cannot agree with itself.
 *
 * Product codes, with Family, IsActive, Sell_Online__c, Subscription_Term__c and _Period__c:
 * IS-ENT Security T T 1 Year; IS-BASX-1D Security T T 1 Day; CB-3Y Backup T T 3 Year;
 * CB-2Y Backup T T 2 Year; CB-1D Backup T T 1 Day; IS-BAS Security T T 1 Year;
 * SUP-GOLD Support T F 1 Year; CB-1Y Backup T T 1 Year; VPN-UNL Privacy T T 1 Year;
 * PWM-FAM Privacy T T 1 Month; MOB-SEC Security F T -; CB-5Y Backup F T -;
 * ESC-1 Backup T T(default) -; ESC-2 no family F F 2 Week.
 */
const ALL = [
  'CB-1D',
  'CB-1Y',
  'CB-2Y',
  'CB-3Y',
  'CB-5Y',
  'ESC-1',
  'ESC-2',
  'IS-BAS',
  'IS-BASX-1D',
  'IS-ENT',
  'MOB-SEC',
  'PWM-FAM',
  'SUP-GOLD',
  'VPN-UNL',
];
const except = (...codes: string[]) => ALL.filter((c) => !codes.includes(c));
const YEARLY = ['CB-1Y', 'CB-2Y', 'CB-3Y', 'IS-BAS', 'IS-ENT', 'SUP-GOLD', 'VPN-UNL'];
const TERM_1 = ['CB-1D', 'CB-1Y', 'IS-BAS', 'IS-BASX-1D', 'IS-ENT', 'PWM-FAM', 'SUP-GOLD', 'VPN-UNL'];
const NO_TERM = ['CB-5Y', 'ESC-1', 'MOB-SEC'];
const BACKUP = ['CB-1D', 'CB-1Y', 'CB-2Y', 'CB-3Y', 'CB-5Y', 'ESC-1'];

describe('SOQL WHERE: what a scope condition on Product2 may hold', () => {
  const clock = manualClock(Date.UTC(2025, 2, 3, 10, 0, 0));
  let sf: SalesforceSandbox;
  let conn: Connection;
  const codes = async (where: string) =>
    (await conn.query<Row>(`SELECT ProductCode FROM Product2 WHERE ${where}`)).records
      .map((r) => r.ProductCode as string)
      .sort();

  beforeAll(async () => {
    sf = await withSalesforce({
      seed: 'shieldware',
      now: clock.now,
      customFields: [
        { object: 'Product2', name: 'Launch_Date__c', type: 'date' },
        { object: 'Product2', name: 'Shop_Url__c', type: 'url' },
      ],
    });
    conn = await connect(sf);
    sf.db.create('Product2', {
      Name: "Kid's Backup \\ 100%",
      ProductCode: 'ESC-1',
      Family: 'Backup',
      IsActive: true,
      Description: 'line one\nline two',
      Launch_Date__c: '2024-03-01',
      Shop_Url__c: 'https://shop.example/kids',
    });
    sf.db.create('Product2', {
      Name: '50% off_week',
      ProductCode: 'ESC-2',
      IsActive: false,
      Sell_Online__c: false,
      Subscription_Term__c: 2,
      Subscription_Period__c: 'Week',
      Launch_Date__c: '2025-01-15',
    });
  });
  afterAll(() => sf.close());

  const matches: Array<[string, string[]]> = [
    // Checkbox: TRUE and FALSE in any case; never null.
    ['Sell_Online__c = true', except('ESC-2', 'SUP-GOLD')],
    ['sell_online__c = tRuE', except('ESC-2', 'SUP-GOLD')],
    ['Sell_Online__c = FALSE', ['ESC-2', 'SUP-GOLD']],
    ['Sell_Online__c != true', ['ESC-2', 'SUP-GOLD']],
    ['Sell_Online__c = null', []],
    ['Sell_Online__c != null', ALL],
    // Number(3, 0): comparisons leave nulls out; != and NOT IN keep them.
    ['Subscription_Term__c = 3', ['CB-3Y']],
    ['Subscription_Term__c = 1.0', TERM_1],
    ['Subscription_Term__c > 1', ['CB-2Y', 'CB-3Y', 'ESC-2']],
    ['Subscription_Term__c >= 2', ['CB-2Y', 'CB-3Y', 'ESC-2']],
    ['Subscription_Term__c < 2', TERM_1],
    ['Subscription_Term__c <= 2.5', [...TERM_1, 'CB-2Y', 'ESC-2'].sort()],
    ['Subscription_Term__c != 1', ['CB-2Y', 'CB-3Y', 'ESC-2', ...NO_TERM].sort()],
    ['Subscription_Term__c IN (2, 3)', ['CB-2Y', 'CB-3Y', 'ESC-2']],
    ['Subscription_Term__c NOT IN (1)', ['CB-2Y', 'CB-3Y', 'ESC-2', ...NO_TERM].sort()],
    ['Subscription_Term__c IN (3, null)', ['CB-3Y', ...NO_TERM].sort()],
    ['Subscription_Term__c = null', NO_TERM],
    ['Subscription_Term__c != null', except(...NO_TERM)],
    // Restricted picklist: text, compared case-insensitively.
    ["Subscription_Period__c = 'Year'", YEARLY],
    ["Subscription_Period__c = 'year'", YEARLY],
    ["Subscription_Period__c <> 'Year'", except(...YEARLY)],
    ["Subscription_Period__c IN ('Day', 'Week')", ['CB-1D', 'ESC-2', 'IS-BASX-1D']],
    ["Subscription_Period__c NOT IN ('Year', 'Day')", ['CB-5Y', 'ESC-1', 'ESC-2', 'MOB-SEC', 'PWM-FAM']],
    ["Subscription_Period__c = 'Fortnight'", []],
    ["Family IN ('Software', 'Cloud')", []],
    ['Family = null', ['ESC-2']],
    ['Family != null', except('ESC-2')],
    // LIKE: % any run, _ one character, \% and \_ themselves, case-insensitive.
    ["Name LIKE 'Cloudbit%'", ['CB-1D', 'CB-1Y', 'CB-2Y', 'CB-3Y', 'CB-5Y']],
    ["Name LIKE '%years%'", ['CB-2Y', 'CB-3Y', 'CB-5Y']],
    ["ProductCode LIKE 'CB-_Y'", ['CB-1Y', 'CB-2Y', 'CB-3Y', 'CB-5Y']],
    ["ProductCode LIKE 'is-bas_%'", ['IS-BASX-1D']],
    ["Name LIKE '%\\%%'", ['ESC-1', 'ESC-2']],
    ["Name LIKE '%\\_%'", ['ESC-2']],
    ["Subscription_Period__c LIKE 'M%'", ['PWM-FAM']],
    ["Shop_Url__c LIKE 'https://shop.example/%'", ['ESC-1']],
    // String escapes: \' \\ \n \uXXXX.
    ["Name = 'Kid\\'s Backup \\\\ 100%'", ['ESC-1']],
    ["Name = 'Kid\\u0027s Backup \\\\ 100%'", ['ESC-1']],
    ["Description = 'line one\\nline two'", ['ESC-1']],
    // Date and date-time literals, typed against the field; offsets are honoured.
    ['Launch_Date__c = 2024-03-01', ['ESC-1']],
    ['Launch_Date__c > 2024-03-01', ['ESC-2']],
    ['Launch_Date__c <= 2025-01-15', ['ESC-1', 'ESC-2']],
    ['CreatedDate < 2024-11-04T09:32:00Z', ['IS-BASX-1D', 'IS-ENT']],
    ['CreatedDate >= 2024-11-04T10:40:00.000+0100', ['CB-5Y', 'ESC-1', 'ESC-2', 'MOB-SEC']],
    // AND, OR, NOT and parentheses.
    ["IsActive = true AND Sell_Online__c = true AND Family = 'Backup'", ['CB-1D', 'CB-1Y', 'CB-2Y', 'CB-3Y', 'ESC-1']],
    ["Family = 'Support' OR Family = 'Privacy' OR Family = null", ['ESC-2', 'PWM-FAM', 'SUP-GOLD', 'VPN-UNL']],
    [
      "(Family = 'Backup' OR Family = 'Privacy') AND Subscription_Period__c = 'Year'",
      ['CB-1Y', 'CB-2Y', 'CB-3Y', 'VPN-UNL'],
    ],
    ["Family = 'Backup' OR (Family = 'Privacy' AND Subscription_Period__c = 'Month')", [...BACKUP, 'PWM-FAM']],
    ["NOT Family = 'Backup'", except(...BACKUP)],
    [
      "NOT (Family = 'Backup' OR IsActive = false)",
      ['IS-BAS', 'IS-BASX-1D', 'IS-ENT', 'PWM-FAM', 'SUP-GOLD', 'VPN-UNL'],
    ],
    [
      "IsActive = true AND (NOT Family = 'Security')",
      ['CB-1D', 'CB-1Y', 'CB-2Y', 'CB-3Y', 'ESC-1', 'PWM-FAM', 'SUP-GOLD', 'VPN-UNL'],
    ],
    ['(NOT Sell_Online__c = true) OR Subscription_Term__c > 2', ['CB-3Y', 'ESC-2', 'SUP-GOLD']],
    ["NOT (NOT Family = 'Privacy')", ['PWM-FAM', 'VPN-UNL']],
    ["((Family = 'Privacy'))", ['PWM-FAM', 'VPN-UNL']],
  ];

  it.each(matches)('%s', async (where, expected) => {
    expect(await codes(where)).toEqual(expected);
  });

  const failures: Array<[string, string]> = [
    // Mixing AND, OR and NOT needs parentheses.
    ["IsActive = true AND Family = 'Backup' OR Family = 'Privacy'", 'MALFORMED_QUERY'],
    ["Family = 'Backup' OR Family = 'Privacy' AND IsActive = true", 'MALFORMED_QUERY'],
    ["IsActive = true AND NOT Family = 'Backup'", 'MALFORMED_QUERY'],
    ["NOT Family = 'Backup' AND IsActive = true", 'MALFORMED_QUERY'],
    ["NOT Family = 'Backup' OR IsActive = true", 'MALFORMED_QUERY'],
    ["IsActive = true AND (NOT Family = 'Backup' OR Family = 'Support')", 'MALFORMED_QUERY'],
    ["NOT NOT Family = 'Backup'", 'MALFORMED_QUERY'],
    ["(Family = 'Backup'", 'MALFORMED_QUERY'],
    ["Family = 'Backup')", 'MALFORMED_QUERY'],
    ["Family = 'Backup';", 'MALFORMED_QUERY'],
    ['Subscription_Period__c = Year', 'MALFORMED_QUERY'],
    ['Name = "Cloudbit"', 'MALFORMED_QUERY'],
    ["Name = 'a\\qb'", 'MALFORMED_QUERY'],
    // Literals of the wrong type; operators the field's type does not have.
    ["Sell_Online__c = 'true'", 'INVALID_FIELD'],
    ["Subscription_Term__c = '1'", 'INVALID_FIELD'],
    ['Launch_Date__c = 2024-03-01T00:00:00Z', 'INVALID_FIELD'],
    ['CreatedDate = 2024-11-04', 'INVALID_FIELD'],
    ['Sell_Online__c > false', 'INVALID_QUERY_FILTER_OPERATOR'],
    ["Subscription_Term__c LIKE '1%'", 'INVALID_QUERY_FILTER_OPERATOR'],
    ["Subscription_Period__c INCLUDES ('Year')", 'INVALID_QUERY_FILTER_OPERATOR'],
    ["Family EXCLUDES ('Backup')", 'INVALID_QUERY_FILTER_OPERATOR'],
    ['Cleverbridge_Sync_Error__c = null', 'INVALID_FIELD'],
  ];

  it.each(failures)('%s fails with %s', async (where, errorCode) => {
    const error = await rejection(conn.query(`SELECT Id FROM Product2 WHERE ${where}`));
    expect(error.errorCode).toBe(errorCode);
  });

  it.each(['CreatedDate = TODAY', 'CreatedDate = LAST_N_DAYS:30', 'Launch_Date__c > YESTERDAY'])(
    '%s: a date literal is refused as unsupported, never answered',
    async (where) => {
      const error = await rejection(conn.query(`SELECT Id FROM Product2 WHERE ${where}`));
      expect(error.errorCode).toBe('MALFORMED_QUERY');
      expect(error.message).toMatch(/is not supported by the Salesforce sandbox/);
    },
  );

  it('works inside the reader queries: with an id list, ORDER BY, and after a SystemModstamp bound', async () => {
    const picked = [7, 8, 9].map(shieldwareProduct2Id); // SUP-GOLD, CB-1Y, VPN-UNL
    const inList = picked.map((id) => `'${id.slice(0, 15)}'`).join(', ');
    const byIds = async (condition: string) =>
      (
        await conn.query<Row>(`SELECT Id FROM Product2 WHERE (${condition}) AND Id IN (${inList}) ORDER BY Id`)
      ).records.map((r) => r.Id);
    expect(await byIds("Sell_Online__c = true AND Family IN ('Software', 'Cloud')")).toEqual([]);
    expect(await byIds("Sell_Online__c = true AND Family IN ('Backup', 'Privacy')")).toEqual([
      shieldwareProduct2Id(8),
      shieldwareProduct2Id(9),
    ]);

    clock.advance(3_600_000);
    const since = new Date(clock.ms).toISOString().replace('.000Z', 'Z');
    for (const n of [7, 9, 10]) sf.db.update('Product2', shieldwareProduct2Id(n), { Description: 'changed' });
    const changed = await conn.query<Row>(
      `SELECT Id FROM Product2 WHERE SystemModstamp >= ${since} AND (Sell_Online__c = true AND Subscription_Period__c = 'Year') ORDER BY Id`,
    );
    expect(changed.records.map((r) => r.Id)).toEqual([shieldwareProduct2Id(9)]);
  });
});
