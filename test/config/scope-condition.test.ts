import { describe, expect, it } from 'vitest';
import { parseMapping } from '../../src/config/mapping-schema.js';
import { ConfigError } from '../../src/config/config-error.js';
import { parseScopeCondition } from '../../src/config/scope-condition.js';
import { defaultMapping } from '../helpers/mapping.js';

describe('scope.where, the SOQL condition on Product2', () => {
  it.each([
    ["Sell_Online__c = true AND Family IN ('Software', 'Cloud')", ['Sell_Online__c', 'Family']],
    ["NOT (Family = 'Hardware')", ['Family']],
    ["(IsActive = TRUE OR ProductCode LIKE 'CB-%') AND Name != null", ['IsActive', 'ProductCode', 'Name']],
    ["Name = 'semi;colon' AND Description = 'it\\'s'", ['Name', 'Description']],
    ["(NOT Family = 'x') AND Name = 'y'", ['Family', 'Name']],
    ["Family = 'x' AND (NOT Name = 'y' )", ['Family', 'Name']],
    ["NOT (Family = 'x' AND Name = 'y')", ['Family', 'Name']],
    ["(Family = 'a' OR Family = 'b') AND (Name = 'c' OR Name = 'd')", ['Family', 'Family', 'Name', 'Name']],
  ])('takes %s and names its fields', (condition, fields) => {
    expect(parseScopeCondition(condition)).toEqual({ fields });
  });

  it.each([
    ["Name = 'x'; DELETE FROM Product2", 11, /semicolon/],
    ['Id IN (SELECT Product2Id FROM PricebookEntry)', 8, /subquery/],
    ["Name = 'x' LIMIT 5", 12, /only a condition/],
    ["Name = 'x' ORDER BY Name", 12, /only a condition/],
    ["Pricebook2.Name = 'x'", 1, /another object/],
    ['CALENDAR_YEAR(CreatedDate) = 2020', 1, /function/],
    ["Name = 'x' AND Name == 'x'", 22, /unexpected =/],
    ["Family IN ('a' 'b')", 16, /unexpected 'b'/],
    ['Sell_Online__c = tru', 18, /unexpected tru/],
    ["Name = 'x", 8, /unexpected character '/],
    ["(Name = 'x'", 12, /ends too early/],
    ['', 1, /empty/],
    ["Name = 'x' OR Name = 'y' AND Family = 'z'", 26, /AND and OR are mixed/],
    ["NOT Family = 'x' AND Name = 'y'", 18, /NOT takes one condition/],
    ["Family = 'x' AND NOT Name = 'y'", 18, /NOT must start/],
    ["(Family = 'a' OR Family = 'b') AND (Name = 'OR' OR Name = 'c' AND IsActive = true)", 63, /AND and OR are mixed/],
  ])('refuses %s at character %i', (condition, position, message) => {
    const parsed = parseScopeCondition(condition);
    expect(parsed).toHaveProperty('problem');
    const { problem } = parsed as { problem: { position: number; message: string } };
    expect(problem.position).toBe(position);
    expect(problem.message).toMatch(message);
  });

  it('is checked with the mapping: start-up stops naming mapping.scope.where and the position', () => {
    const mapping = JSON.parse(JSON.stringify(defaultMapping()));
    mapping.scope = { where: 'Sell_Online__c = true; DELETE', leavePolicy: 'deactivate' };
    let error: unknown;
    try {
      parseMapping(mapping);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'mapping.scope.where: not a valid SOQL condition at character 22: a semicolon: the condition must be one SOQL condition',
    ]);
    mapping.scope = { where: 'Sell_Online__c = true', leavePolicy: 'archive' };
    expect(() => parseMapping(mapping)).toThrow(/mapping\.scope\.leavePolicy/);
  });

  it('defaults to every product, a leaving product deactivated, and the standard price book', () => {
    const mapping = defaultMapping();
    expect(mapping.scope).toEqual({ where: null, leavePolicy: 'deactivate' });
    expect(mapping.price.priceBook).toBeNull();
  });
});
