import { describe, expect, it } from 'vitest';
import { basisChanges, type PlanBasis } from '../../src/sync/plan-basis.js';
import { parsePlan, PLAN_FORMAT, serializePlan, type SavedPlan } from '../../src/sync/saved-plan.js';

const basis = (over: Partial<PlanBasis> = {}): PlanBasis => ({
  config: 'c1',
  salesforce: {
    Product2: { count: 10, newest: '2026-12-01T10:00:00.000Z', newestSecond: 'p1' },
    PricebookEntry: { count: 30, newest: '2026-12-01T09:00:00.000Z', newestSecond: 'e1' },
  },
  snapshot: 's1',
  cleverbridge: { '101': 'h1', '102': 'h2' },
  ...over,
});

describe('basisChanges', () => {
  it('finds nothing when the basis holds', () => {
    expect(basisChanges(basis(), basis())).toEqual([]);
  });

  it('names a Salesforce object whose count alone changed (a delete), or whose newest stamp did', () => {
    const deleted = basis({
      salesforce: {
        ...basis().salesforce,
        Product2: { count: 9, newest: '2026-12-01T10:00:00.000Z', newestSecond: 'p1' },
      },
    });
    expect(basisChanges(basis(), deleted)).toEqual([
      'Salesforce Product2 changed: 10 record(s), newest change 2026-12-01T10:00:00.000Z then, 9 record(s), newest change 2026-12-01T10:00:00.000Z now',
    ]);
    const edited = basis({
      salesforce: {
        ...basis().salesforce,
        PricebookEntry: { count: 30, newest: '2026-12-02T00:00:00.000Z', newestSecond: 'e2' },
      },
    });
    expect(basisChanges(basis(), edited)).toHaveLength(1);
    expect(basisChanges(basis(), edited)[0]).toMatch(/^Salesforce PricebookEntry changed/);
  });

  it('names an edit in the second of the newest change, which leaves count and stamp as they were', () => {
    const same = basis({
      salesforce: {
        ...basis().salesforce,
        Product2: { count: 10, newest: '2026-12-01T10:00:00.000Z', newestSecond: 'p2' },
      },
    });
    expect(basisChanges(basis(), same)).toEqual([
      'Salesforce Product2 changed: a record stamped in the second of its newest change (2026-12-01T10:00:00.000Z) was edited',
    ]);
  });

  it('names an object read now and not then (a mapping that gained tiers)', () => {
    const tiers = basis({
      salesforce: { ...basis().salesforce, Tier__c: { count: 0, newest: null, newestSecond: 'none' } },
    });
    expect(basisChanges(basis(), tiers)).toEqual([
      'Salesforce Tier__c changed: not read then, 0 record(s), newest change none now',
    ]);
  });

  it('names the configuration, the snapshot and the cleverbridge products changed or gone', () => {
    const now = basis({ config: 'c2', snapshot: 's2', cleverbridge: { '101': 'h1', '102': null } });
    expect(basisChanges(basis(), now)).toEqual([
      'the configuration changed (the mapping, a sync policy, or an endpoint or account)',
      'the snapshot changed: another run has synced since the plan was made',
      'cleverbridge changed 1 product(s) the plan touches (102), 1 of them gone',
    ]);
  });
});

describe('the plan file', () => {
  const saved: SavedPlan = {
    format: PLAN_FORMAT,
    madeAt: '2026-12-06T00:00:00.000Z',
    allowMassDelete: false,
    basis: basis(),
    plan: {
      entries: [
        {
          key: '01t000000000001AAA',
          action: 'delete',
          cbId: 101,
          mode: 'delete',
          held: false,
          reason: 'absent-from-full-read',
        },
      ],
      counts: { create: 0, adopt: 0, update: 0, deactivate: 0, drift: 0, delete: 1, noop: 0, invalid: 0 },
      deletesHeld: null,
      unexplained: 0,
      cost: { mutations: { create: 0, update: 0, delete: 1 }, requests: 1, seconds: 0.04 },
    },
    shown: {},
    outOfScope: [],
  };

  it('reads back what was written', () => {
    expect(parsePlan(serializePlan(saved))).toEqual(saved);
  });

  it('refuses an edited file, another format, and what is not a plan, each with its code', () => {
    const text = serializePlan(saved);
    const edited = text.replace('"cbId": 101', '"cbId": 102');
    expect(edited).not.toBe(text);
    expect(() => parsePlan(edited)).toThrow(expect.objectContaining({ code: 'PLAN_FILE_EDITED' }));
    const other = text.replace(PLAN_FORMAT, 'catalog-sync-plan/9');
    expect(() => parsePlan(other)).toThrow(expect.objectContaining({ code: 'PLAN_FILE_FORMAT' }));
    expect(() => parsePlan('{"entries": []}')).toThrow(expect.objectContaining({ code: 'PLAN_FILE_UNREADABLE' }));
    expect(() => parsePlan('not json')).toThrow(expect.objectContaining({ code: 'PLAN_FILE_UNREADABLE' }));
  });
});
