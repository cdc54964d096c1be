import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productQuery } from '../../src/cleverbridge/queries.js';
import type { CleverbridgeProduct } from '../../src/cleverbridge/product-shape.js';
import { diffProducts } from '../../src/core/diff.js';
import { managedFields } from '../../src/core/mapping-config.js';
import { mapCleverbridgeProduct } from '../../src/cleverbridge/map-product.js';
import { createProductInput, updateProductInput } from '../../src/cleverbridge/mutation-input.js';
import type { CanonicalProduct } from '../../src/core/product.js';
import type { CleverbridgeSandbox } from '../../src/sandbox/cleverbridge/server.js';
import { productArb } from '../core/arbitraries.js';
import { cbClient, withSandbox } from '../helpers/cleverbridge.js';
import { defaultMapping } from '../helpers/mapping.js';
import { canonicalProduct } from '../helpers/products.js';

const config = defaultMapping();
const fields = managedFields(config);
const CREATE = 'mutation ($input: CreateProductInput!) { createProduct(input: $input) { createdProduct { id } } }';
const UPDATE = 'mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { updatedProduct { id } } }';
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
    const { product } = await cbClient(sandbox).request<{ product: CleverbridgeProduct }>(productQuery(config), { id });
    return mapCleverbridgeProduct(product, config);
  };

  it('manages the fields the default mapping names, and no others', () => {
    expect(fields).toEqual(['status', 'price', 'names', 'descriptions', 'internalName', 'internalCategory']);
  });

  it('creates and updates one product exactly', async () => {
    const client = cbClient(sandbox);
    const first = canonicalProduct({
      internalName: 'SW-1',
      names: { DE: 'Virenschutz', EN: 'Antivirus' },
      descriptions: { EN: 'Keeps viruses out.' },
      shortDescriptions: { EN: 'Antivirus for one PC' },
      price: {
        baseCurrency: 'USD',
        isGross: false,
        volumePricingMethod: 'PRICE_SCALE',
        tiers: [
          { currency: 'EUR', quantity: 1, value: 18.5 },
          { currency: 'USD', quantity: 1, value: 19.99 },
          { currency: 'USD', quantity: 5, value: 17 },
        ],
      },
    });
    const created = await client.request<any>(CREATE, { input: createProductInput(864, '01t5g00000Lit01AAA', first) });
    const id = created.createProduct.createdProduct.id as number;
    expect(sandbox.store.get(id)).toMatchObject({
      internalId: '01t5g00000Lit01AAA',
      status: 'FULLY_AVAILABLE',
      internalName: 'SW-1',
      internalCategory: null,
      names: [
        { language: 'DE', value: 'Virenschutz' },
        { language: 'EN', value: 'Antivirus' },
      ],
      contentSettings: {
        description: [{ language: 'EN', value: 'Keeps viruses out.' }],
        shortDescription: [{ language: 'EN', value: 'Antivirus for one PC' }],
      },
      price: {
        baseCurrency: 'USD',
        isGross: false,
        volumePricingMethod: 'PRICE_SCALE',
        tiers: [
          { currency: 'EUR', quantity: 1, interval: 0, value: 18.5 },
          { currency: 'USD', quantity: 1, interval: 0, value: 19.99 },
          { currency: 'USD', quantity: 5, interval: 0, value: 17 },
        ],
      },
    });
    const afterCreate = await read(id);
    expect(afterCreate.product).toEqual(first);

    // A rename (German dropped, French added), a new description, a price list with one tier
    // changed, one gone and one new, a category, and a deactivation.
    const second = canonicalProduct({
      status: 'DEACTIVATED',
      internalName: 'SW-1',
      internalCategory: 'Security',
      names: { EN: 'Antivirus Plus', FR: 'Antivirus Plus (FR)' },
      descriptions: { EN: 'Keeps viruses and worms out.' },
      shortDescriptions: { EN: 'Antivirus for one PC' },
      price: {
        baseCurrency: 'USD',
        isGross: false,
        volumePricingMethod: 'PRICE_SCALE',
        tiers: [
          { currency: 'EUR', quantity: 1, value: 18.5 },
          { currency: 'GBP', quantity: 1, value: 16 },
          { currency: 'USD', quantity: 1, value: 24.99 },
        ],
      },
    });
    const changes = diffProducts(afterCreate.product, second, fields);
    await client.request(UPDATE, { input: updateProductInput(id, changes, config, afterCreate.keptPriceValues) });
    expect(sandbox.store.get(id)).toMatchObject({
      status: 'DEACTIVATED',
      internalName: 'SW-1',
      internalCategory: 'Security',
      names: [
        { language: 'EN', value: 'Antivirus Plus' },
        { language: 'FR', value: 'Antivirus Plus (FR)' },
      ],
      contentSettings: {
        description: [{ language: 'EN', value: 'Keeps viruses and worms out.' }],
        shortDescription: [{ language: 'EN', value: 'Antivirus for one PC' }],
      },
      price: {
        tiers: [
          { currency: 'EUR', quantity: 1, interval: 0, value: 18.5 },
          { currency: 'GBP', quantity: 1, interval: 0, value: 16 },
          { currency: 'USD', quantity: 1, interval: 0, value: 24.99 },
        ],
      },
    });
    expect((await read(id)).product).toEqual(second);
  });

  it('creates and updates generated products exactly', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(withName, withName, async (first, second) => {
        const key = `01t5g00000${String(n++).padStart(5, '0')}`;
        const created = await cbClient(sandbox).request<any>(CREATE, { input: createProductInput(864, key, first) });
        const id = created.createProduct.createdProduct.id as number;
        const afterCreate = await read(id);
        // Subscription settings are not mapped from Salesforce, so a create sends none.
        expect(afterCreate.product).toEqual({ ...first, subscription: null });

        const changes = diffProducts(afterCreate.product, second, fields);
        if (changes.length > 0) {
          await cbClient(sandbox).request(UPDATE, {
            input: updateProductInput(id, changes, config, afterCreate.keptPriceValues),
          });
        }
        // The managed fields are the second product's; the others stay as the create made them.
        expect((await read(id)).product).toEqual({
          ...first,
          status: second.status,
          price: second.price,
          names: second.names,
          descriptions: second.descriptions,
          internalName: second.internalName,
          internalCategory: second.internalCategory,
          subscription: null,
        });
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
    await client.request(UPDATE, {
      input: updateProductInput(id, diffProducts(before.product, desired, fields), config, before.keptPriceValues),
    });
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
