import { describe, expect, it } from 'vitest';
import { renderPlan } from '../../src/cli/render-plan.js';
import { plan } from '../../src/core/plan.js';
import { defaultOptions, KEYS } from '../core/arbitraries.js';
import { canonicalProduct } from '../helpers/products.js';

const [A, B, C, D] = KEYS as [string, string, string, string];
const product = canonicalProduct;

describe('plan rendering', () => {
  it('shows each change with its old and new value, and the summary and cost', () => {
    const p = plan(
      {
        complete: true,
        products: [
          { key: A, product: product({ names: { EN: 'New product' } }) },
          {
            key: B,
            product: product({
              names: { EN: 'Antivirus', DE: 'Virenschutz' },
              price: {
                ...product().price,
                tiers: [
                  { currency: 'USD', quantity: 1, value: 12 },
                  { currency: 'USD', quantity: 5, value: 11 },
                ],
              },
            }),
          },
        ],
        invalid: [
          { key: C, label: 'Broken', errors: [{ code: 'NAME_MISSING', message: 'The product has no EN name.' }] },
        ],
        deletedKeys: [D],
      },
      [
        { key: B, cbId: 2, product: product() },
        { key: D, cbId: 4, product: product() },
      ],
      [
        { cbId: 2, internalId: B, product: product() },
        { cbId: 4, internalId: D, product: product() },
      ],
      defaultOptions({ batchSize: 50, requestsPerSecond: 28 }),
    );
    expect(renderPlan(p, { verbose: false, requestsPerSecond: 28, language: 'EN' })).toBe(
      [
        `x invalid    ${C}  Broken`,
        '      NAME_MISSING: The product has no EN name.',
        `+ create     ${A}  New product`,
        `~ update     ${B}  Antivirus (cleverbridge 2)`,
        '      names DE: (none) -> "Virenschutz"',
        '      price USD from 1: 10 -> 12',
        '      price USD from 5: (none) -> 11',
        `- delete     ${D} (cleverbridge 4)  deleted in Salesforce`,
        '',
        'Summary: 1 create, 1 update, 1 delete, 1 invalid',
        'Cost: 1 create, 1 update, 1 delete in 1 cleverbridge request(s), about 0.0 s at 28 requests/s',
      ].join('\n'),
    );
  });

  it('says so when nothing changes, and shows held deletes loudly', () => {
    const quiet = plan(
      { complete: true, products: [{ key: A, product: product() }], invalid: [], deletedKeys: [] },
      [{ key: A, cbId: 1, product: product() }],
      [{ cbId: 1, internalId: A, product: product() }],
      defaultOptions(),
    );
    expect(renderPlan(quiet, { verbose: false, requestsPerSecond: 28, language: 'EN' })).toMatch(
      /^No changes: cleverbridge matches Salesforce\.\n\nSummary: 1 noop/,
    );
    const held = plan(
      { complete: true, products: [], invalid: [], deletedKeys: [] },
      [{ key: A, cbId: 1, product: product() }],
      [{ cbId: 1, internalId: A, product: product() }],
      defaultOptions(),
    );
    expect(renderPlan(held, { verbose: false, requestsPerSecond: 28, language: 'EN' })).toMatch(
      /HELD[\s\S]*DELETES HELD: Salesforce returned no product at all/,
    );
  });

  it('says which products left the scope, and how they leave', () => {
    const left = plan(
      { complete: false, products: [], invalid: [], deletedKeys: [], outOfScopeKeys: [A] },
      [{ key: A, cbId: 1, product: product() }],
      [{ cbId: 1, internalId: A, product: product() }],
      defaultOptions({ leavePolicy: 'deactivate' }),
    );
    expect(renderPlan(left, { verbose: false, requestsPerSecond: 28, language: 'EN' })).toContain(
      `${A} (cleverbridge 1)  left the scope, deactivating`,
    );
  });
});
