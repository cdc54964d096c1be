import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_QUERY } from '../../src/cleverbridge/queries.js';
import type { CleverbridgeProduct } from '../../src/core/cleverbridge-product.js';
import { diffProducts } from '../../src/core/diff.js';
import { managedFields } from '../../src/core/mapping-config.js';
import { mapCleverbridgeProduct } from '../../src/core/map-cleverbridge.js';
import { createProductInput, updateProductInput } from '../../src/core/mutation-input.js';
import type { CanonicalProduct } from '../../src/core/product.js';
import type { CleverbridgeSandbox } from '../../src/sandbox/cleverbridge/server.js';
import { productArb } from '../core/arbitraries.js';
import { cbClient, withSandbox } from '../helpers/cleverbridge.js';
import { defaultMapping } from '../helpers/mapping.js';

const config = defaultMapping();
const fields = managedFields(config);
const withName = productArb.map((p): CanonicalProduct => ({ ...p, names: { ...p.names, EN: p.names.EN ?? 'Name' } }));

/**
 * The mutation inputs catalog-sync builds, sent through the real client to the emulator and read
 * back with its product selection, give back the canonical product they were built from.
 */
describe('canonical product -> cleverbridge mutations -> canonical product', () => {
  let sandbox: CleverbridgeSandbox;
  beforeAll(async () => {
    sandbox = await withSandbox({ seed: 'empty', rateLimit: { enabled: false } });
  });
  afterAll(() => sandbox.close());

  const read = async (id: number) => {
    const { product } = await cbClient(sandbox).request<{ product: CleverbridgeProduct }>(PRODUCT_QUERY, { id });
    return mapCleverbridgeProduct(product, config);
  };

  it('creates and updates products exactly', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(withName, withName, async (first, second) => {
        const key = `01t5g00000${String(n++).padStart(5, '0')}`;
        const created = await cbClient(sandbox).request<any>(
          'mutation ($input: CreateProductInput!) { createProduct(input: $input) { createdProduct { id } } }',
          { input: createProductInput(864, key, first) },
        );
        const id = created.createProduct.createdProduct.id as number;
        const afterCreate = await read(id);
        expect(diffProducts(afterCreate.product, first, fields)).toEqual([]);

        const changes = diffProducts(afterCreate.product, second, fields);
        if (changes.length > 0) {
          await cbClient(sandbox).request(
            'mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { updatedProduct { id } } }',
            {
              input: updateProductInput(id, changes, config, afterCreate.keptPriceValues),
            },
          );
        }
        const afterUpdate = await read(id);
        expect(diffProducts(afterUpdate.product, second, fields)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps price values it does not manage when it replaces the price list', async () => {
    const client = cbClient(sandbox);
    const created = await client.request<any>(
      'mutation { createProduct(input: {clientId: 864, productType: PRODUCT, status: FULLY_AVAILABLE, salesTaxCodeId: DC010500, names: [{languageId: EN, value: "Kept"}, {languageId: IT, value: "Tenuto"}], price: {baseCurrencyId: USD, priceAbsoluteValues: [{currencyId: USD, value: 10}, {currencyId: USD, interval: 1, value: 8}, {currencyId: CAD, value: 13}]}}) { createdProduct { id } } }',
    );
    const id = created.createProduct.createdProduct.id as number;
    const before = await read(id);
    expect(before.keptPriceValues).toEqual([
      { currency: 'USD', quantity: 1, interval: 1, value: 8 },
      { currency: 'CAD', quantity: 1, interval: 0, value: 13 },
    ]);
    const desired = {
      ...before.product,
      price: { ...before.product.price, tiers: [{ currency: 'USD', quantity: 1, value: 12 }] },
      names: { EN: 'Changed' },
    };
    await client.request(
      'mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { updatedProduct { id } } }',
      {
        input: updateProductInput(id, diffProducts(before.product, desired, fields), config, before.keptPriceValues),
      },
    );
    const stored = sandbox.store.get(id)!;
    expect(stored.price!.tiers).toEqual([
      { currency: 'USD', quantity: 1, interval: 0, value: 12 },
      { currency: 'USD', quantity: 1, interval: 1, value: 8 },
      { currency: 'CAD', quantity: 1, interval: 0, value: 13 },
    ]);
    // Languages out of scope (Italian) are cleverbridge's: untouched.
    expect(stored.names).toEqual([
      { language: 'EN', value: 'Changed' },
      { language: 'IT', value: 'Tenuto' },
    ]);
  });
});
